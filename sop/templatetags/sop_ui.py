"""Template helpers of the SOP pages: step links and numbers as Indonesians write them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.text import slugify

from ..forms import format_angka
from ..halaman import url_inbox

register = template.Library()


@register.filter
def url_tugas(item) -> str:
    """The page of the step an inbox item waits on (the quarter page when it has none)."""
    return url_inbox(item)


@register.filter
def angka(value, desimal=None) -> str:
    """`1.234,5`; rounded to `desimal` places when given (the indicator's precision);
    an em dash for a missing value."""
    if value is None or value == "":
        return "—"
    try:
        d = Decimal(str(value))
        if desimal not in (None, ""):
            d = d.quantize(Decimal(1).scaleb(-int(desimal)), rounding=ROUND_HALF_UP)
        return format_angka(d)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)


@register.filter
def persen(value) -> str:
    """`87,50 %` (two decimals); an em dash when undefined."""
    if value is None or value == "":
        return "—"
    try:
        d = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return str(value)
    return f"{number_format(d, decimal_pos=2, force_grouping=True)} %"


@register.filter
def kelas_predikat(nama) -> str:
    """CSS class of a predikat band (colours live in static/css/sop.css, not inline)."""
    return f"predikat-{slugify(nama)}" if nama else "predikat-kosong"
