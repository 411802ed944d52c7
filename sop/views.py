"""Minimal SOP pages: a quarter's steps, timing and trail. The step forms are built
on `sop.services` (issue 5)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from organisasi.access import ensure_office, require_pegawai

from . import selectors
from .models import Siklus
from .worktime import format_menit


@login_required
@require_pegawai
def siklus_detail(request, pk: int):
    """A quarter of one office: its two processes, the step timeline and the trail."""
    siklus = get_object_or_404(Siklus, pk=pk)
    ensure_office(request, siklus.perangkat_daerah_id)
    siklus = selectors.siklus_detail(pk)
    timeline = [
        {"baris": b, "waktu": format_menit(b.menit_kerja), "standar_menit": format_menit(b.standar_menit)}
        for b in selectors.siklus_timeline(siklus)
    ]
    return render(request, "sop/siklus_detail.html", {
        "siklus": siklus,
        "pengumpulan": getattr(siklus, "pengumpulan", None),
        "pengukuran": getattr(siklus, "pengukuran", None),
        "timeline": timeline,
        "jejak": selectors.jejak_siklus(siklus),
    })
