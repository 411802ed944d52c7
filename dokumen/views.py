"""Public verification of official documents, and the rights-checked download of archived files."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from organisasi.access import ensure_office, require_pegawai
from umum.batas_laju import dalam_batas
from umum.klien import alamat_klien
from umum.uploads import tandai_berkas_terlalu_besar

from .forms import VerifikasiForm
from .models import DokumenResmi
from .selectors import (
    dokumen_by_kode,
    dokumen_by_nomor_dan_kode,
    verifikasi_berkas,
    verifikasi_dokumen,
)
from .unduhan import berkas_pribadi


def _terlalu_sering(request):
    """The 429 answer once an anonymous address has looked up too many documents, or None.

    Each anonymous lookup (a QR code, a number with its code, an uploaded file) counts
    against the client's address (through the trusted proxies) for a window of
    VERIFIKASI_JENDELA_DETIK seconds; signed-in people are not counted."""
    if request.user.is_authenticated:
        return None
    jendela = settings.VERIFIKASI_JENDELA_DETIK
    if dalam_batas(
        f"verifikasi:{alamat_klien(request)}",
        batas=settings.VERIFIKASI_BATAS_ANONIM,
        jendela_detik=jendela,
    ):
        return None
    response = render(
        request,
        "dokumen/terlalu_sering.html",
        {"menit": max(1, jendela // 60)},
        status=429,
    )
    response["Retry-After"] = str(jendela)
    return response


@require_http_methods(["GET", "POST"])
def verifikasi(request):
    """Anyone may check a document by uploading the file, or by its number together with
    the verification code printed on it; no login."""
    if request.method == "POST" and (ditolak := _terlalu_sering(request)):
        return ditolak
    hasil = None
    form = (
        VerifikasiForm(request.POST, request.FILES)
        if request.method == "POST"
        else VerifikasiForm()
    )
    tandai_berkas_terlalu_besar(request, form)
    if form.is_bound and form.is_valid():
        berkas = form.cleaned_data.get("berkas")
        if berkas:
            hasil = verifikasi_berkas(berkas.read())
        else:
            hasil = verifikasi_dokumen(
                dokumen_by_nomor_dan_kode(
                    form.cleaned_data["nomor"], form.cleaned_data["kode"]
                )
            )
    return render(
        request,
        "dokumen/verifikasi.html",
        {"form": form, "hasil": hasil, "dicari": hasil is not None},
    )


def verifikasi_kode(request, kode: str):
    """The page the QR code of a document leads to."""
    if ditolak := _terlalu_sering(request):
        return ditolak
    dokumen = dokumen_by_kode(kode)
    return render(
        request,
        "dokumen/verifikasi.html",
        {
            "form": VerifikasiForm(),
            "hasil": verifikasi_dokumen(dokumen),
            "dicari": True,
        },
        status=200 if dokumen else 404,
    )


@login_required
@require_pegawai
def unduh(request, pk: int):
    """The archived PDF, only for readers of the document's office (404 for others)."""
    dokumen = get_object_or_404(DokumenResmi, pk=pk)
    ensure_office(request, dokumen.perangkat_daerah_id)
    nama = slugify(dokumen.nomor.replace("/", "-")) or "dokumen"
    return berkas_pribadi(
        dokumen.berkas, nama=f"{nama}.pdf", content_type="application/pdf"
    )
