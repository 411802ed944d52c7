"""Downloads of stored private files (evidence, signed documents): an attachment that
neither the browser nor a proxy may keep (`Cache-Control: private, no-store`)."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse


def berkas_pribadi(berkas: FieldFile, *, nama: str, content_type: str) -> FileResponse:
    """`berkas` streamed as the attachment `nama`; the caller has checked the reader's rights."""
    response = FileResponse(berkas.open("rb"), content_type=content_type, as_attachment=True, filename=nama)
    response["Cache-Control"] = "private, no-store"
    return response
