"""`{% load format_id %}`: the template face of `umum.format` (one formatting module).

{{ realisasi|angka:indikator.desimal }}  → 1.234,57
{{ capaian|persen }}                       → 87,50 %
{{ pagu|rupiah }}                          → Rp 1.250.000
{{ tanggal|tanggal }}                      → 04 April 2023
{{ waktu|tanggal_waktu }}                  → 04 April 2023 14.30
{{ nilai|atau_kosong }}                    → the value, or the one empty mark
"""

from __future__ import annotations

from django import template

from umum import format as fmt

register = template.Library()


@register.filter
def angka(value, desimal=None) -> str:
    return fmt.angka(
        value, None if desimal in (None, "") else fmt.tempat_desimal(desimal)
    )


@register.filter
def persen(value, desimal=2) -> str:
    return fmt.persen(value, fmt.tempat_desimal(desimal))


@register.filter
def rupiah(value) -> str:
    return fmt.rupiah(value)


@register.filter
def tanggal(value) -> str:
    return fmt.tanggal(value)


@register.filter
def tanggal_waktu(value) -> str:
    return fmt.tanggal_waktu(value)


@register.filter
def atau_kosong(value):
    """The value itself, or `KOSONG` when it is None or empty (0 stays 0)."""
    return fmt.KOSONG if value is None or value == "" else value


@register.simple_tag
def kosong() -> str:
    """The one empty mark, for templates that write it themselves."""
    return fmt.KOSONG
