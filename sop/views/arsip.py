"""Files and printed documents of a quarter, only for the people of its office, and
the office's archive of ratified measurement documents."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from dokumen.unduhan import berkas_pribadi, dokumen_pribadi
from kinerja.models import BuktiDukung
from organisasi.access import ensure_office, peran_request, require_pegawai

from ..models import SOP, Disposisi, DokumenPengukuran, DraftPengukuran
from ..selectors.pengukuran import dokumen_list_for_tahun
from ..selectors.siklus import dokumen_berkas, siklus_get


@login_required
@require_pegawai
def bukti_unduh(request, pk: int):
    """An evidence file, only for the people of its office (404 for others)."""
    bukti = get_object_or_404(
        BuktiDukung.objects.select_related("realisasi__indikator__sasaran__perjanjian"),
        pk=pk,
    )
    ensure_office(
        request, bukti.realisasi.indikator.sasaran.perjanjian.perangkat_daerah_id
    )
    return berkas_pribadi(
        bukti.berkas, nama=bukti.nama_asli, content_type=bukti.jenis_konten
    )


@login_required
@require_pegawai
def dokumen_unduh(request, pk: int):
    """The stored PDF of a ratified measurement document, for the people of its office."""
    dok = get_object_or_404(
        DokumenPengukuran.objects.select_related("proses__siklus__perangkat_daerah"),
        pk=pk,
    )
    s = dok.proses.siklus
    ensure_office(request, s.perangkat_daerah_id)
    if not dok.berkas:
        raise Http404
    nama = slugify(
        f"pengukuran-kinerja-{s.perangkat_daerah.singkatan}-{s.tahun}-tw{s.triwulan}-v{dok.versi}"
    )
    return berkas_pribadi(
        dok.berkas, nama=f"{nama}.pdf", content_type="application/pdf"
    )


def _pdf(data: bytes, nama: str) -> HttpResponse:
    return dokumen_pribadi(
        data, nama=f"{slugify(nama) or 'dokumen'}.pdf", content_type="application/pdf"
    )


@login_required
@require_pegawai
def disposisi_pdf(request, pk: int):
    """The printed lembar disposisi of step 1 or 2 (office readers only)."""
    d = get_object_or_404(
        Disposisi.objects.select_related("proses__siklus__perangkat_daerah"), pk=pk
    )
    s = d.proses.siklus
    ensure_office(request, s.perangkat_daerah_id)
    from ..pdf import render_disposisi

    return _pdf(
        render_disposisi(disposisi=d),
        f"disposisi-{s.perangkat_daerah.singkatan}-{s.tahun}-tw{s.triwulan}-{d.pk}",
    )


@login_required
@require_pegawai
def pembagian_pdf(request, pk: int):
    """The printed catatan pembagian tugas of step 3 (office readers only; 404 before the split)."""
    siklus = siklus_get(pk=pk)
    ensure_office(request, siklus.perangkat_daerah_id)
    proses = siklus.pengumpulan
    if not proses.tugas.exists():
        raise Http404
    from ..pdf import render_pembagian_tugas

    return _pdf(
        render_pembagian_tugas(proses=proses),
        f"pembagian-tugas-{siklus.perangkat_daerah.singkatan}-{siklus.tahun}-tw{siklus.triwulan}",
    )


@login_required
@require_pegawai
def lembar_pdf(request, pk: int):
    """An SOP sheet version, printed with its swimlane flowchart (the sheets are the same for every office)."""
    sop = get_object_or_404(SOP, pk=pk)
    from ..pdf import render_sop

    return _pdf(render_sop(sop=sop), f"sop-{sop.nama}-v{sop.versi}")


@login_required
@require_pegawai
def draft_pdf(request, pk: int):
    """A measurement draft revision as the watermarked PDF the Kadin reviews (office readers only)."""
    draft = get_object_or_404(
        DraftPengukuran.objects.select_related(
            "proses__siklus__perjanjian__perangkat_daerah"
        ),
        pk=pk,
    )
    s = draft.proses.siklus
    ensure_office(request, s.perangkat_daerah_id)
    try:
        from kinerja.pdf import render_pengukuran
    except ImportError:  # pragma: no cover - the PDF module is part of the project
        raise Http404 from None
    pdf = render_pengukuran(
        perjanjian=s.perjanjian, triwulan=s.triwulan, draft=True, tabel=draft.data
    )
    return _pdf(
        pdf,
        f"draft-pengukuran-{s.perangkat_daerah.singkatan}-{s.tahun}-tw{s.triwulan}-r{draft.revisi}",
    )


@login_required
@require_pegawai
def arsip(request, tahun: int):
    """The office's ratified measurement documents of a year, each with its download."""
    p = peran_request(request)
    if p.pegawai is None:
        return redirect("sop:kabupaten")
    kantor = p.pegawai.perangkat_daerah
    if not 2000 <= tahun <= 2100:
        raise Http404
    doks = dokumen_list_for_tahun(perangkat_daerah=kantor, tahun=tahun)
    try:
        from dokumen.selectors import dokumen_list_for_pd

        resmi = list(dokumen_list_for_pd(kantor, tahun=tahun))
    except ImportError:  # pragma: no cover
        resmi = []
    baris = [{"dok": d, "berkas": dokumen_berkas(dok=d, resmi=resmi)} for d in doks]
    return render(
        request,
        "sop/arsip.html",
        {
            "kantor": kantor,
            "tahun": tahun,
            "baris": baris,
            "resmi": resmi,
            "tahun_lalu": tahun - 1,
            "tahun_depan": tahun + 1,
        },
    )
