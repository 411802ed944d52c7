"""`sakip.html` gives the text of Django's `conditional_escape` and `attrs.html`."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from sakip.html import attrs_html, esc


def test_esc_is_conditional_escape():
    nilai = [
        "", "biasa", "<b>&amp; \"kutip\" 'satu'</b>", "Dinas <PU> & Tata Ruang", "100% ≥ 91", "\u00a0–\n",
        mark_safe("<i>aman</i>"), format_html("<b>{}</b>", "<x>"), 0, 1234, -7, Decimal("12.50"), None, True,
        gettext_lazy("Selesai"), gettext_lazy("Tahun"),
    ]
    for bahasa in ("id", "en"):
        with override(bahasa):
            for v in nilai:
                assert esc(v) == str(conditional_escape(v)), v


def test_attrs_html_is_djangos_attrs_template():
    from django.forms.renderers import get_default_renderer

    attrs = {"class": "form-control is-invalid", "required": True, "disabled": False, "data-x": '<"&>',
             "maxlength": 4000, "aria-describedby": "id_a_helptext id_a_galat"}
    # the renderer strips its result; the included template starts each attribute with a space
    assert attrs_html(attrs) == " " + get_default_renderer().render("django/forms/widgets/attrs.html",
                                                           {"widget": {"attrs": attrs}})
    assert attrs_html({}) == ""
