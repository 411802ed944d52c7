"""The dashboard's IKU table rows as HTML (`laporan/dasbor.html`): `{% load tabel_dasbor %}`.

Each IKU row has nine cells, five of them with two number filters; as a template loop
that was most of the dashboard's render. `baris_iku` writes the same rows in Python
with the `angka`/`persen` filters' own functions (`laporan.format`), text escaped as
the template did. laporan/tests/test_tabel_dasbor.py holds the rows against the old loop.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from .. import format as fmt
from .laporan_format import angka

register = template.Library()


def _sel_batang(b) -> str:
    predikat = f'<br><span class="small text-muted">{conditional_escape(b.predikat)}</span>' if b.predikat else ""
    return f'<td class="table-num" data-capaian="{fmt.angka(b.capaian, 2)}">{fmt.persen(b.capaian)}{predikat}</td>'


@register.simple_tag
def baris_iku(iku) -> str:
    """The <tr> of every IKU (`selectors._capaian.CapaianIndikator`): target, the five bars, realisasi."""
    bagian = []
    for i in iku:
        bagian.append(
            f'\n      <tr data-indikator="{i.id}">\n'
            f'        <th scope="row" class="fw-normal">{conditional_escape(i.judul)}</th>\n'
            f"        <td>{conditional_escape(i.satuan)}</td>\n"
            f'        <td class="table-num">{angka(i.target_tahunan, i.desimal)}</td>\n'
            f'        {"".join(_sel_batang(b) for b in i.batang)}\n'
            f'        <td class="table-num">{angka(i.kumulatif.realisasi, i.desimal)}</td>\n'
            f"      </tr>\n    "
        )
    return mark_safe("".join(bagian))
