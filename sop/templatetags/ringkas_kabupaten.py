"""The kabupaten overview's table rows as HTML: `{% load ringkas_kabupaten %}`.

Forty offices as a template loop (an `if`, a lookup and a filter per cell) cost more
than reading them; `baris_kantor` writes the same markup in Python, the column labels
translated once. sop/tests/test_ringkas_kabupaten.py holds it against the loop.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sakip.html import esc

register = template.Library()


@register.simple_tag
def baris_kantor(kantor: list[tuple]) -> SafeString:
    """The <tr> rows of the overview (6 columns); each item is `(RingkasKantor, url of the
    office's year, url of its latest quarter)` as `views.kabupaten` builds it."""
    if not kantor:
        return mark_safe(f'<tr><td colspan="6" class="text-muted">{esc(_("Belum ada perangkat daerah."))}</td></tr>')
    triwulan, status = esc(_("Triwulan terakhir")), esc(_("Status"))
    pengumpulan, pengukuran, terlambat = esc(_("Pengumpulan data")), esc(_("Pengukuran")), esc(_("Langkah terlambat"))
    belum = f'<span class="text-muted">{esc(_("Belum ada siklus"))}</span>'
    out = []
    for k, url_tahun, url_siklus in kantor:
        r = k.ringkas
        telat = f'<span class="badge badge-terlambat">{k.terlambat}</span>' if k.terlambat else "0"
        siklus = f'<a href="{esc(url_siklus)}">{esc(k.siklus.periode)}</a>' if k.siklus else "—"
        out.append(
            f'<tr><td><a href="{esc(url_tahun)}">{esc(k.perangkat_daerah.nama)}</a></td>'
            f'<td data-label="{triwulan}">{siklus}</td>'
            f'<td data-label="{status}">{esc(r.status_label) if r else belum}</td>'
            f'<td data-label="{pengumpulan}">{esc(r.pengumpulan or "—") if r else "—"}</td>'
            f'<td data-label="{pengukuran}">{esc(r.pengukuran or "—") if r else "—"}</td>'
            f'<td class="table-num" data-label="{terlambat}">{telat}</td></tr>'
        )
    return mark_safe("\n".join(out))
