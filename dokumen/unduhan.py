"""Private downloads — stored files (evidence, signed documents) and documents made on
request (PDFs, the LKjIP draft, Excel exports): an attachment that neither the browser nor
a proxy may keep (`Cache-Control: private, no-store`)."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header


def berkas_pribadi(berkas: FieldFile, *, nama: str, content_type: str) -> FileResponse:
    """`berkas` streamed as the attachment `nama`; the caller has checked the reader's rights."""
    response = FileResponse(
        berkas.open("rb"), content_type=content_type, as_attachment=True, filename=nama
    )
    response["Cache-Control"] = "private, no-store"
    return response


def dokumen_pribadi(data: bytes, *, nama: str, content_type: str) -> HttpResponse:
    """`data`, a document made for this request, as the attachment `nama` (the same headers
    as `berkas_pribadi`); the caller has checked the reader's rights."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, nama)
    response["Cache-Control"] = "private, no-store"
    return response
