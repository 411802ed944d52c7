"""`laporan.html.esc` gives the text of Django's `conditional_escape`."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from laporan.html import esc


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
