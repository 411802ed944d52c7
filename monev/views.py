"""Pages of the monitoring and evaluation of the SOP AP.

Every page is for signed-in staff of the form's office (another office's form is a
404, as everywhere in the product) or the kabupaten administrator (read only); every
write is for the office's assessor (403 otherwise) and goes through `monev.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dokumen.unduhan import berkas_pribadi, dokumen_pribadi
from organisasi.access import ensure_office, peran_request, require_pegawai
from organisasi.models import Peran
from organisasi.roles import is_admin_kabupaten

from . import pdf, services
from .forms import (
    JawabanForm,
    PenilaianLangkahForm,
    PenilaiForm,
    PeriodeForm,
    PeriodeKabupatenForm,
)
from .models import Evaluasi, Monitoring
from .selectors import boleh_menilai, penunjukan_berlaku
from .selectors.halaman import (
    evaluasi_halaman,
    evaluasi_kantor,
    monitoring_halaman,
    monitoring_kantor,
)
from .selectors.kabupaten import kabupaten as selectors_kabupaten


def _pesan_error(request, exc: ValidationError) -> None:
    for pesan in exc.messages:
        messages.error(request, pesan)


def _pegawai_kantor(request):
    """The signed-in person of an office (403 for a login without one)."""
    p = peran_request(request)
    if p.pegawai is None:
        raise PermissionDenied
    return p


@login_required
@require_pegawai
@require_GET
def beranda(request):
    """The office's monitoring and evaluation forms; the assessor drafts new ones here.
    The kabupaten administrator (without an office) goes to the kabupaten view."""
    if peran_request(request).pegawai is None and is_admin_kabupaten(request.user):
        return redirect("monev:kabupaten")
    p = _pegawai_kantor(request)
    pd = p.pegawai.perangkat_daerah
    return render(
        request,
        "monev/beranda.html",
        {
            "kantor": pd,
            "monitoring": monitoring_kantor(pd.pk),
            "evaluasi": evaluasi_kantor(pd.pk),
            "penilai": boleh_menilai(p.pegawai, pd.pk),
            "kadin": p.punya(Peran.KADIN),
            "penunjukan": penunjukan_berlaku(pd.pk),
            "form": PeriodeForm(),
            "form_penilai": PenilaiForm(pd_id=pd.pk) if p.punya(Peran.KADIN) else None,
        },
    )


def _baru(request, susun):
    """Draft a form with `susun` for the signed-in assessor's office and period."""
    p = _pegawai_kantor(request)
    pd = p.pegawai.perangkat_daerah
    if not boleh_menilai(p.pegawai, pd.pk):
        raise PermissionDenied
    form = PeriodeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return redirect("monev:beranda")
    try:
        obj = susun(pd=pd, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        _pesan_error(request, exc)
        return redirect("monev:beranda")
    messages.success(
        request,
        _("Draf disusun dari pelaksanaan SOP. Periksa dan lengkapi setiap isian."),
    )
    return redirect(obj)


@login_required
@require_pegawai
@require_POST
def monitoring_baru(request):
    """Draft a monitoring form from the runs (the office's assessor only)."""
    return _baru(request, services.monitoring_draft)


@login_required
@require_pegawai
@require_POST
def evaluasi_baru(request):
    """Draft an evaluation from the runs (the office's assessor only)."""
    return _baru(request, services.evaluasi_draft)


@login_required
@require_pegawai
@require_http_methods(["GET", "POST"])
def monitoring(request, pk: int):
    """A monitoring form: the figures per step and, for the assessor while it is a
    draft, the assessment of each step."""
    halaman = monitoring_halaman(pk)
    m = halaman.monitoring
    ensure_office(request, m.perangkat_daerah_id)
    p = peran_request(request)
    bisa_menilai = not m.diterbitkan and boleh_menilai(p.pegawai, m.perangkat_daerah_id)
    if request.method == "POST" and not bisa_menilai:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    baris = []
    for b in halaman.baris:
        lk = b.langkah
        awal = {
            "penilaian": "" if lk.baik is None else ("baik" if lk.baik else "tidak"),
            "catatan": lk.catatan,
            "tindakan": lk.tindakan,
        }
        baris.append(
            (
                b,
                PenilaianLangkahForm(data, prefix=lk.kode, initial=awal)
                if bisa_menilai
                else None,
            )
        )
    if request.method == "POST":
        if all(f.is_valid() for _b, f in baris):
            try:
                services.monitoring_assess(
                    monitoring=m,
                    actor=request.user,
                    penilaian={b.langkah.kode: f.isi() for b, f in baris},
                )
            except ValidationError as exc:
                _pesan_error(request, exc)
            else:
                if "terbitkan" in request.POST:
                    return monitoring_terbitkan(request, pk)
                messages.success(request, _("Penilaian disimpan."))
                return redirect(m)
        else:
            messages.error(request, _("Periksa kembali isian yang ditandai."))
    return render(
        request,
        "monev/monitoring.html",
        {
            "m": m,
            "baris": baris,
            "bisa_menilai": bisa_menilai,
            "kantor": m.perangkat_daerah,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_pegawai
@require_POST
def monitoring_terbitkan(request, pk: int):
    """Issue the form: signed, numbered and archived; no change afterwards."""
    m = get_object_or_404(Monitoring, pk=pk)
    ensure_office(request, m.perangkat_daerah_id)
    try:
        m = services.monitoring_issue(monitoring=m, actor=request.user)
    except ValidationError as exc:
        _pesan_error(request, exc)
        return redirect(m)
    messages.success(
        request,
        _("Formulir monitoring diterbitkan dengan nomor %(nomor)s dan diarsipkan.")
        % {"nomor": m.dokumen.nomor},
    )
    return redirect(m)


@login_required
@require_pegawai
@require_GET
def monitoring_pdf(request, pk: int):
    """The issued form as archived, or a draft marked as such."""
    m = get_object_or_404(
        Monitoring.objects.select_related("dokumen", "perangkat_daerah", "sop"), pk=pk
    )
    ensure_office(request, m.perangkat_daerah_id)
    nama = slugify(
        f"monitoring-sop-{m.get_jenis_display()}-{m.mulai:%Y%m%d}-{m.selesai:%Y%m%d}"
    )
    if m.dokumen_id:
        return berkas_pribadi(
            m.dokumen.berkas, nama=f"{nama}.pdf", content_type="application/pdf"
        )
    return dokumen_pribadi(
        pdf.render_monitoring(m, draft=True),
        nama=f"{nama}-draf.pdf",
        content_type="application/pdf",
    )


@login_required
@require_pegawai
@require_POST
def penilai(request):
    """The Kadin names the person who assesses the office's SOPs."""
    p = _pegawai_kantor(request)
    pd = p.pegawai.perangkat_daerah
    if not p.punya(Peran.KADIN):
        raise PermissionDenied
    form = PenilaiForm(request.POST, pd_id=pd.pk)
    if form.is_valid():
        try:
            services.penilai_tunjuk(
                pd=pd, pegawai=form.cleaned_data["pegawai"], actor=request.user
            )
        except ValidationError as exc:
            _pesan_error(request, exc)
        else:
            messages.success(request, _("Penilai SOP ditunjuk."))
    else:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
    return redirect("monev:beranda")


@login_required
@require_pegawai
@require_http_methods(["GET", "POST"])
def evaluasi(request, pk: int):
    """An evaluation: the regulation's questions with the evidence from the runs and,
    for the assessor while it is a draft, the answers."""
    halaman = evaluasi_halaman(pk)
    ev = halaman.evaluasi
    ensure_office(request, ev.perangkat_daerah_id)
    p = peran_request(request)
    bisa_menilai = not ev.diterbitkan and boleh_menilai(
        p.pegawai, ev.perangkat_daerah_id
    )
    if request.method == "POST" and not bisa_menilai:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    baris = []
    for j in halaman.jawaban:
        awal = {
            "jawaban": "" if j.ya is None else ("ya" if j.ya else "tidak"),
            "catatan": j.catatan,
        }
        baris.append(
            (
                j,
                JawabanForm(data, prefix=j.kode, initial=awal)
                if bisa_menilai
                else None,
            )
        )
    if request.method == "POST":
        if all(f.is_valid() for _j, f in baris):
            try:
                services.evaluasi_assess(
                    evaluasi=ev,
                    actor=request.user,
                    jawaban={j.kode: f.isi() for j, f in baris},
                )
            except ValidationError as exc:
                _pesan_error(request, exc)
            else:
                if "terbitkan" in request.POST:
                    return evaluasi_terbitkan(request, pk)
                messages.success(request, _("Jawaban disimpan."))
                return redirect(ev)
        else:
            messages.error(request, _("Periksa kembali isian yang ditandai."))
    return render(
        request,
        "monev/evaluasi.html",
        {
            "ev": ev,
            "baris": baris,
            "bisa_menilai": bisa_menilai,
            "kantor": ev.perangkat_daerah,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_pegawai
@require_POST
def evaluasi_terbitkan(request, pk: int):
    """Issue the evaluation: signed, numbered and archived; no change afterwards."""
    ev = get_object_or_404(Evaluasi, pk=pk)
    ensure_office(request, ev.perangkat_daerah_id)
    try:
        ev = services.evaluasi_issue(evaluasi=ev, actor=request.user)
    except ValidationError as exc:
        _pesan_error(request, exc)
        return redirect(ev)
    messages.success(
        request,
        _("Evaluasi diterbitkan dengan nomor %(nomor)s dan diarsipkan.")
        % {"nomor": ev.dokumen.nomor},
    )
    return redirect(ev)


@login_required
@require_pegawai
@require_GET
def evaluasi_pdf(request, pk: int):
    """The issued evaluation as archived, or a draft marked as such."""
    ev = get_object_or_404(
        Evaluasi.objects.select_related("dokumen", "perangkat_daerah", "sop"), pk=pk
    )
    ensure_office(request, ev.perangkat_daerah_id)
    nama = slugify(
        f"evaluasi-sop-{ev.get_jenis_display()}-{ev.mulai:%Y%m%d}-{ev.selesai:%Y%m%d}"
    )
    if ev.dokumen_id:
        return berkas_pribadi(
            ev.dokumen.berkas, nama=f"{nama}.pdf", content_type="application/pdf"
        )
    return dokumen_pribadi(
        pdf.render_evaluasi(ev, draft=True),
        nama=f"{nama}-draf.pdf",
        content_type="application/pdf",
    )


@login_required
@require_GET
def kabupaten(request):
    """For the kabupaten administrator: per office and SOP the latest issued monitoring
    and evaluation, and the steps that run late across the kabupaten in the period."""
    if not is_admin_kabupaten(request.user):
        raise PermissionDenied
    form = PeriodeKabupatenForm(request.GET or None)
    mulai = selesai = None
    if form.is_bound and form.is_valid():
        mulai, selesai = form.cleaned_data["mulai"], form.cleaned_data["selesai"]
    try:
        mulai, selesai = services.cek_periode(mulai, selesai)
    except ValidationError as exc:
        _pesan_error(request, exc)
        mulai, selesai = services.cek_periode(None, None)
    ambang = int(settings.MONEV_AMBANG_TEPAT_WAKTU)
    return render(
        request,
        "monev/kabupaten.html",
        {
            "data": selectors_kabupaten(mulai=mulai, selesai=selesai, ambang=ambang),
            "mulai": mulai,
            "selesai": selesai,
            "ambang": ambang,
            "form": form,
        },
    )
