"""The quarter page's step timeline, trail and task rows as HTML: `{% load lini_siklus %}`.

A finished quarter has some twenty step occurrences and as many trail entries; as
template loops (a lookup, a filter and an `if` per cell) they cost more than reading
them. `baris_lini` and `baris_jejak` write the same markup in Python, labels
translated once per page. sop/tests/test_lini_siklus.py holds them against the loops
they replace.
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import linebreaksbr, title
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sakip.html import esc
from sop.models import TugasPengumpulan

register = template.Library()


@register.simple_tag
def baris_lini(timeline: list[dict]) -> SafeString:
    """The <tr> rows of the timeline table (8 columns), a group row per SOP; each item is
    `{"baris": BarisLini, "url", "mulai", "selesai", "waktu"}` as `views.siklus_detail` builds it."""
    if not timeline:
        return mark_safe(f'<tr><td colspan="8" class="text-muted">{esc(_("Belum ada langkah."))}</td></tr>')
    no, pelaksana, mulai, selesai = esc(_("No.")), esc(_("Pelaksana")), esc(_("Mulai")), esc(_("Selesai"))
    waktu, standar, putaran = esc(_("Waktu kerja")), esc(_("Standar")), esc(_("putaran"))
    terlambat = (f'<span class="badge badge-terlambat"><i class="bi bi-exclamation-triangle" aria-hidden="true"></i> '
                 f'{esc(_("Terlambat"))}</span>')
    tepat = f'<span class="badge text-bg-success">{esc(_("Tepat waktu"))}</span>'
    berjalan = f'<span class="badge text-bg-info">{esc(_("Berjalan"))}</span>'
    sop_label = esc(_("SOP"))
    out: list[str] = []
    sop_sebelumnya = None
    for t in timeline:
        b = t["baris"]
        if b.sop != sop_sebelumnya:
            out.append(f'<tr class="table-light"><th scope="rowgroup" colspan="8">{sop_label} {esc(title(b.sop))}</th></tr>')
            sop_sebelumnya = b.sop
        ke = f' <span class="badge text-bg-light">{putaran} {b.putaran}</span>' if b.putaran > 1 else ""
        status = terlambat if b.terlambat else tepat if b.selesai else berjalan
        out.append(
            f'<tr><td data-label="{no}">{b.nomor}</td>'
            f'<td><a href="{esc(t["url"])}">{esc(b.kegiatan)}</a>{ke}</td>'
            f'<td data-label="{pelaksana}">{esc(b.oleh if b.selesai else b.menunggu)}</td>'
            f'<td class="text-nowrap" data-label="{mulai}">{esc(t["mulai"])}</td>'
            f'<td class="text-nowrap" data-label="{selesai}">{esc(t["selesai"] or "—")}</td>'
            f'<td class="text-nowrap" data-label="{waktu}">{esc(t["waktu"])}</td>'
            f'<td class="text-nowrap" data-label="{standar}">{esc(b.standar)}</td>'
            f"<td>{status}</td></tr>"
        )
    return mark_safe("\n".join(out))


@register.simple_tag
def baris_jejak(jejak: list[dict]) -> SafeString:
    """The <li> entries of the trail, oldest first; each item is `{"baris": Jejak, "waktu"}`."""
    if not jejak:
        return mark_safe(f'<li class="list-group-item text-muted">{esc(_("Belum ada jejak."))}</li>')
    langkah, output = esc(_("langkah")), esc(_("Output"))
    terlambat = f'<span class="badge badge-terlambat">{esc(_("Terlambat"))}</span>'
    out: list[str] = []
    for item in jejak:
        j = item["baris"]
        nomor = f" · {langkah} {j.langkah_nomor}" if j.langkah_nomor else ""
        baris = [
            f'<li class="list-group-item d-flex gap-2"><div>'
            f'<div class="fw-semibold">{esc(j.transisi_label)}{nomor} {terlambat if j.terlambat else ""}</div>'
            f'<div class="small">{esc(item["waktu"])} · {esc(j.aktor_label)} — {esc(j.aktor_nama)}</div>'
        ]
        if j.output:
            baris.append(f'<div class="small">{output}: {esc(j.output)}</div>')
        if j.catatan:
            baris.append(f'<div class="small text-muted">{linebreaksbr(j.catatan, autoescape=True)}</div>')
        baris.append("</div></li>")
        out.append("".join(baris))
    return mark_safe("\n".join(out))


@register.simple_tag
def baris_tugas(tugas_list: list[dict]) -> SafeString:
    """The <tr> rows of the quarter's task table (member with a link to the task's grid,
    indicators, status, round); each item is `{"tugas": TugasPengumpulan, "indikator"}`."""
    status, putaran = esc(_("Status")), esc(_("Putaran"))
    label = {k: esc(str(v)) for k, v in TugasPengumpulan.Status.choices}
    out = []
    for row in tugas_list:
        t = row["tugas"]
        out.append(
            f'<tr><td><a href="{esc(reverse("sop:tugas_isi", args=[t.pk]))}">{esc(t.anggota.nama_lengkap)}</a></td>'
            f'<td class="small">{esc(row["indikator"])}</td>'
            f'<td data-label="{status}">{label.get(t.status, esc(t.status))}</td>'
            f'<td data-label="{putaran}">{t.putaran}</td></tr>'
        )
    return mark_safe("\n".join(out))
