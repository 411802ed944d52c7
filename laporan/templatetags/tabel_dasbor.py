"""The dashboard's table rows (IKU, programmes, SOP steps) as HTML (`laporan/dasbor.html`): `{% load tabel_dasbor %}`.

Each IKU row has nine cells, five of them with two number filters; as a template loop
that was most of the dashboard's render. `baris_iku` writes the same rows in Python
with the `angka`/`persen` filters' own functions (`laporan.format`), text escaped as
the template did. laporan/tests/test_tabel_dasbor.py holds the rows against the old loop.
"""

from __future__ import annotations

from django import template
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .. import format as fmt
from sakip.html import esc
from .laporan_format import angka

register = template.Library()


def _sel_batang(b) -> str:
    predikat = f'<br><span class="small text-muted">{esc(b.predikat)}</span>' if b.predikat else ""
    return f'<td class="table-num" data-capaian="{fmt.angka(b.capaian, 2)}">{fmt.persen(b.capaian)}{predikat}</td>'


@register.simple_tag
def baris_iku(iku) -> str:
    """The <tr> of every IKU (`selectors._capaian.CapaianIndikator`): target, the five bars, realisasi."""
    bagian = []
    for i in iku:
        bagian.append(
            f'\n      <tr data-indikator="{i.id}">\n'
            f'        <th scope="row" class="fw-normal">{esc(i.judul)}</th>\n'
            f"        <td>{esc(i.satuan)}</td>\n"
            f'        <td class="table-num">{angka(i.target_tahunan, i.desimal)}</td>\n'
            f'        {"".join(_sel_batang(b) for b in i.batang)}\n'
            f'        <td class="table-num">{angka(i.kumulatif.realisasi, i.desimal)}</td>\n'
            f"      </tr>\n    "
        )
    return mark_safe("".join(bagian))


@register.simple_tag
def kartu_grafik_iku(iku) -> str:
    """The chart card of every IKU (its canvas is drawn from `Dasbor.grafik_capaian`, by index):
    title, unit and the canvas' label, translated once per page instead of once per card."""
    # {% blocktranslate %}: the translation itself is not escaped, the name is
    label = _("Grafik capaian %(nama)s; angka lengkap ada pada tabel di bawah.")
    bagian = []
    for n, i in enumerate(iku):
        bagian.append(
            '\n    <div class="col-md-6 col-xl-4">\n'
            '      <figure class="card h-100 mb-0"><div class="card-body">\n'
            f'        <figcaption class="small fw-semibold mb-2">{esc(i.judul)} '
            f'<span class="text-muted fw-normal">({esc(i.satuan)})</span></figcaption>\n'
            f'        <div class="grafik grafik-iku"><canvas data-grafik="capaian" data-indeks="{_int(n)}" role="img" '
            f'aria-label="{label % {"nama": esc(i.nama)}}"></canvas></div>\n'
            "      </div></figure>\n"
            "    </div>\n    "
        )
    return mark_safe("".join(bagian))


@register.simple_tag
def baris_program(program) -> str:
    """The <tr> of every programme (`selectors.dasbor.BarisProgram`): budget, plan and realisation
    to date (rupiah), absorption to date and of the quarter."""
    bagian = []
    for p in program:
        kode = f"{esc(p.kode)} " if p.kode else ""
        bagian.append(
            f'\n      <tr data-program="{p.id}"><th scope="row" class="fw-normal">{kode}{esc(p.nama)}</th>\n'
            f'        <td class="table-num">{fmt.rupiah(p.anggaran)}</td><td class="table-num">{fmt.rupiah(p.rencana_sd)}</td>\n'
            f'        <td class="table-num">{fmt.rupiah(p.realisasi_sd)}</td>'
            f'<td class="table-num" data-serapan="{fmt.angka(p.serapan_sd, 2)}">{fmt.persen(p.serapan_sd)}</td>\n'
            f'        <td class="table-num">{fmt.persen(p.serapan_tw)}</td></tr>\n    '
        )
    return mark_safe("".join(bagian))


# the badge of a step's state (`selectors.siklus.StatusLangkah`); anything else is "not reached"
KELAS_STATUS = {"selesai": "text-bg-success", "berjalan": "text-bg-primary"}


@register.simple_tag
def baris_langkah(langkah) -> str:
    """The <tr> of every step of an SOP sheet this quarter (`selectors.siklus.LangkahKuartal`):
    activity, executor, standard, longest time, state and a 'past the standard' badge.
    The state labels are translated once per table instead of once per step."""
    label = {"selesai": _("Selesai"), "berjalan": _("Berjalan")}
    belum = esc(_("Belum"))
    label = {k: esc(v) for k, v in label.items()}
    lewat = f'<span class="badge badge-terlambat">{esc(_("lewat standar"))}</span>'
    bagian = []
    for lk in langkah:
        bagian.append(
            f'\n            <tr><td>{_int(lk.nomor)}</td><td class="small">{esc(lk.kegiatan)}<br>'
            f'<span class="text-muted">{esc(lk.pelaksana)}</span></td>\n'
            f'              <td class="small">{esc(lk.standar)}</td>'
            f'<td class="table-num small">{esc(lk.menit_teks or "–")}</td>\n'
            f'              <td><span class="badge {KELAS_STATUS.get(lk.status, "text-bg-light border")}">'
            f"{label.get(lk.status, belum)}</span>\n"
            f'                {lewat if lk.terlambat else ""}</td></tr>\n          '
        )
    return mark_safe("".join(bagian))


@register.simple_tag
def kartu_sop(daftar) -> str:
    """The card of each SOP of the quarter (`selectors.siklus.StatusSOP`): name, state, progress
    and its table of steps (`baris_langkah`), the texts translated once per page."""
    # {% blocktranslate %}: the translation itself is not escaped, its values are (and localized)
    selesai = _("%(a)s dari %(b)s langkah selesai")
    keterangan = _("Langkah %(nama)s: status dan waktu terhadap standar")
    # {% translate %}: escaped
    kepala = (
        f'<thead><tr><th scope="col">{esc(_("No."))}</th><th scope="col">{esc(_("Kegiatan"))}</th>'
        f'<th scope="col">{esc(_("Standar"))}</th><th scope="col" class="table-num">{esc(_("Waktu"))}</th>'
        f'<th scope="col">{esc(_("Status"))}</th></tr></thead>'
    )
    bagian = []
    for sop in daftar:
        a, b, jenis = _int(sop.jumlah_selesai), _int(sop.jumlah_langkah), esc(sop.jenis)
        bagian.append(
            '\n    <div class="col-lg-6">\n'
            '      <div class="card h-100"><div class="card-body">\n'
            f'        <h3 class="h6 mb-1">{esc(sop.nama)} <span class="text-muted fw-normal small">({esc(sop.nomor)})</span></h3>\n'
            f'        <p class="mb-1">{esc(sop.status_label)}</p>\n'
            f'        <label class="small text-muted d-block" for="kemajuan-{jenis}">{selesai % {"a": a, "b": b}}</label>\n'
            f'        <progress class="kemajuan mb-2" id="kemajuan-{jenis}" value="{a}" max="{b}">{a}/{b}</progress>\n'
            '        <table class="table table-sm mb-0 align-middle">\n'
            f'          <caption class="visually-hidden">{keterangan % {"nama": esc(sop.nama)}}</caption>\n'
            f"          {kepala}\n"
            "          <tbody>\n"
            f"          {baris_langkah(sop.langkah)}\n"
            "          </tbody>\n"
            "        </table>\n"
            "      </div></div>\n"
            "    </div>\n    "
        )
    return mark_safe("".join(bagian))


def _int(n) -> str:
    """An integer as `{{ n }}` printed it (localized: grouped from 1.000 on)."""
    return str(n) if isinstance(n, int) and -1000 < n < 1000 else str(localize(n))
