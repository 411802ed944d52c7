"""Public verification of official documents, and the rights-checked download of archived files."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from organisasi.access import ensure_office, require_pegawai

from .forms import VerifikasiForm
from .models import DokumenResmi
from .selectors import dokumen_by_kode, dokumen_by_nomor, verifikasi_berkas, verifikasi_dokumen
from .unduhan import berkas_pribadi


@require_http_methods(["GET", "POST"])
def verifikasi(request):
    """Anyone may check a document by its number or by uploading the file; no login."""
    hasil = None
    form = VerifikasiForm(request.POST, request.FILES) if request.method == "POST" else VerifikasiForm()
    if form.is_bound and form.is_valid():
        berkas = form.cleaned_data.get("berkas")
        if berkas:
            hasil = verifikasi_berkas(berkas.read())
        else:
            hasil = verifikasi_dokumen(dokumen_by_nomor(form.cleaned_data["nomor"]))
    return render(request, "dokumen/verifikasi.html", {"form": form, "hasil": hasil, "dicari": hasil is not None})


def verifikasi_kode(request, kode: str):
    """The page the QR code of a document leads to."""
    dokumen = dokumen_by_kode(kode)
    return render(
        request, "dokumen/verifikasi.html",
        {"form": VerifikasiForm(), "hasil": verifikasi_dokumen(dokumen), "dicari": True},
        status=200 if dokumen else 404,
    )


@login_required
@require_pegawai
def unduh(request, pk: int):
    """The archived PDF, only for readers of the document's office (404 for others)."""
    dokumen = get_object_or_404(DokumenResmi, pk=pk)
    ensure_office(request, dokumen.perangkat_daerah_id)
    nama = slugify(dokumen.nomor.replace("/", "-")) or "dokumen"
    return berkas_pribadi(dokumen.berkas, nama=f"{nama}.pdf", content_type="application/pdf")
