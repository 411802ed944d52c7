"""The LKjIP draft as a PDF, through the documents module's WeasyPrint base (kop surat,
A4, page numbers), always marked DRAFT: Tim SAKIP completes the analysis in the .docx."""

from __future__ import annotations

from dokumen.pdf import konteks_kop, render_pdf

from .selectors.lkjip import DataLKjIP

TEMPLATE = "laporan/pdf/lkjip.html"


def konteks_lkjip(data: DataLKjIP) -> dict:
    return {**konteks_kop(data.pd), "data": data}


def lkjip_pdf(data: DataLKjIP) -> bytes:
    """Bab III Akuntabilitas Kinerja of `data` as PDF bytes."""
    return render_pdf(TEMPLATE, konteks_lkjip(data), draft=True)
