"""The kabupaten overview's table rows as HTML (`laporan/kabupaten.html`): `{% load tabel_kabupaten %}`.

Forty offices of six cells each, as a template loop, cost ~2/3 of the page's render
(variable lookups, filters, `{% blocktranslate %}` per row). `baris_kabupaten` writes
the same rows in Python: the labels translated once per table, numbers through
`laporan.format` (the `angka`/`persen` filters' own functions), text escaped as the
template did. laporan/tests/test_tabel_kabupaten.py holds the rows against the old loop.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .. import format as fmt
from sakip.html import esc

register = template.Library()


def _int(n: int) -> str:
    """An integer as the template printed it (`{{ n }}`: localized, so grouped from 1.000 on)."""
    return str(n) if -1000 < n < 1000 else str(localize(n))


def _status(b, label: dict[str, str]) -> str:
    if not b.siklus:
        return f'<span class="text-muted">{label["belum_dibuka"]}</span>'
    pengukuran = esc(b.status_pengukuran) if b.status_pengukuran else label["belum_dimulai"]
    return (
        f'{label["pengumpulan"]}: {esc(b.status_pengumpulan or "–")}<br>'
        f'{label["pengukuran"]}: {pengukuran}'
    )


def _tahap(b, label: dict[str, str]) -> str:
    if b.tahap is None:
        return '<td class="table-num" data-tahap="">–</td>'
    t = _int(b.tahap)
    return (
        f'<td class="table-num" data-tahap="{t}"><progress class="kemajuan" value="{t}" max="11" '
        f'aria-label="{label["kemajuan"]}">{t}/11</progress><span class="small">{t}/11</span></td>'
    )


def _capaian(b, label: dict[str, str]) -> str:
    if b.ada_pk:
        p = b.predikat
        if p is not None and p.nama:
            badge = (f'<span class="badge badge-predikat" data-warna="{esc(p.warna)}">'
                     f'{esc(p.nama)}</span>')
        else:
            badge = '<span class="text-muted">–</span>'
        isi = f"{fmt.persen(b.rata_rata_capaian)}<br>{badge}\n"
    else:
        isi = f'<span class="text-muted">{label["tanpa_pk"]}</span>'
    return f'<td class="table-num" data-capaian="{fmt.angka(b.rata_rata_capaian, 2)}">{isi}</td>'


def _sebaran(b) -> str:
    return "".join(
        f'<span class="text-nowrap me-2"><span class="chip-predikat" data-warna="{esc(band.warna)}" '
        f'aria-hidden="true"></span>{esc(band.nama)}: {_int(n)}</span> '
        for band, n in b.sebaran if n
    )


def _terlambat(b, label: dict[str, str]) -> str:
    n = _int(b.terlambat)
    if not b.terlambat:
        return f'<td class="table-num" data-terlambat="{n}">0</td>'
    isi = f'<span class="badge badge-terlambat">{n}</span>'
    if b.terlambat_berjalan:
        berjalan = label["berjalan"] % {"n": _int(b.terlambat_berjalan)}
        isi += f'<br><span class="small text-muted">{berjalan}</span>'
    return f'<td class="table-num" data-terlambat="{n}">{isi}</td>'


def _label() -> dict[str, str]:
    """The row texts, translated (and escaped, as `{% translate %}` printed them) once per table."""
    return {
        "pengumpulan": esc(_("Pengumpulan")), "pengukuran": esc(_("Pengukuran")),
        "belum_dimulai": esc(_("belum dimulai")),
        "belum_dibuka": esc(_("Siklus belum dibuka")),
        "kemajuan": esc(_("Kemajuan siklus")), "tanpa_pk": esc(_("PK belum ada")),
        # {% blocktranslate %}: the translation itself is not escaped, the number is
        "berjalan": _("%(n)s masih berjalan"),
    }


@register.simple_tag
def baris_kabupaten(baris, tahun: int, tw: int) -> str:
    """The <tr> of every office (`selectors.kabupaten.BarisKantor`), linking to its dashboard."""
    label = _label()
    url = esc(reverse("laporan:dasbor"))
    tahun_id, tw_teks = esc(str(tahun)), esc(tw)
    bagian = []
    for b in baris:
        pk = b.pd.pk
        bagian.append(
            f'\n    <tr data-pd="{pk}">\n'
            f'      <th scope="row" class="fw-normal"><a href="{url}?pd={pk}&amp;tahun={tahun_id}&amp;tw={tw_teks}">'
            f"{esc(b.pd.nama)}</a></th>\n"
            f'      <td class="small">{_status(b, label)}</td>\n'
            f"      {_tahap(b, label)}\n"
            f"      {_capaian(b, label)}\n"
            f'      <td class="small sebaran-predikat">{_sebaran(b)}</td>\n'
            f"      {_terlambat(b, label)}\n"
            f"    </tr>\n  "
        )
    return mark_safe("".join(bagian))
