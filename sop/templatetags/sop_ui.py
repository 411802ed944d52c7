"""Template helpers of the SOP pages that return data, not markup: `{% load sop_ui %}`.

Numbers, percentages and dates go through `{% load format_id %}` (umum.format)."""

from __future__ import annotations

from django import template
from django.utils.text import slugify

from ..selectors.inbox import url_inbox

register = template.Library()


@register.filter
def url_tugas(item) -> str:
    """The page of the step an inbox item waits on (the quarter page when it has none)."""
    return url_inbox(item)


@register.filter
def kelas_predikat(nama) -> str:
    """CSS class of a predikat band (colours live in static/css/sop.css, not inline)."""
    return f"predikat-{slugify(nama)}" if nama else "predikat-kosong"
