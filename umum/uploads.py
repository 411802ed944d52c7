"""An upload handler that stops reading a file, or the whole body, past its size limit.

Django's own handlers write every uploaded byte to memory or a temporary file before a
form can look at its size, so a 200 MB POST to a 20 MB form was received whole first.
``BatasUnggahan`` runs first in ``FILE_UPLOAD_HANDLERS`` (Django's documented
FileUploadHandler API) and:

- when the request's Content-Length exceeds what the page may receive (its files at their
  limit, plus a margin for the other fields), stops the upload at the first file part
  without reading it (StopUpload with connection_reset: the rest of the body is never
  read; the fields sent before the file are kept);
- when one file passes its limit, drops that file (SkipFile: the rest of it is read and
  discarded, never stored, which the Content-Length check bounds) and keeps parsing, so
  the other fields of the page, and the values typed in them, arrive.

The limit depends on the page: ``UNGGAHAN_BATAS`` maps URL names to (bytes per file,
files per request); other pages get ``UNGGAHAN_BATAS_BAKU``. A view calls
``tandai_berkas_terlalu_besar(request, form)`` to show the refusal beside the field.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Room for the non-file fields of a multipart body (CSRF token, numbers, notes, boundaries).
MARGIN_BIDANG = 1024 * 1024


def batas_halaman(request: HttpRequest | None) -> tuple[int, int]:
    """(bytes per file, files per request) for the page the request is addressed to."""
    match = getattr(request, "resolver_match", None)
    nama = match.view_name if match is not None else None
    return settings.UNGGAHAN_BATAS.get(nama, settings.UNGGAHAN_BATAS_BAKU)


class BatasUnggahan(FileUploadHandler):
    """Refuses files past the page's limit before they are read whole (see the module docstring)."""

    def __init__(self, request=None):
        super().__init__(request)
        self.batas_berkas, self.jumlah_berkas = batas_halaman(request)
        self.semua_terlalu_besar = False
        self.diterima = 0
        # field name -> limit in bytes, for every file that was refused
        self.ditolak: dict[str, int] = {}

    def handle_raw_input(
        self, input_data, META, content_length, boundary, encoding=None
    ):
        batas_permintaan = self.batas_berkas * self.jumlah_berkas + MARGIN_BIDANG
        self.semua_terlalu_besar = content_length > batas_permintaan
        return None  # the parsing itself is left to Django

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.diterima = 0
        if self.semua_terlalu_besar:
            self.ditolak[field_name] = self.batas_berkas
            raise StopUpload(connection_reset=True)

    def receive_data_chunk(self, raw_data, start):
        self.diterima += len(raw_data)
        if self.diterima > self.batas_berkas:
            self.ditolak[self.field_name] = self.batas_berkas
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler builds the file


def berkas_ditolak(request: HttpRequest) -> dict[str, int]:
    """Field name -> limit in bytes, for each file of this request refused as too large."""
    ditolak: dict[str, int] = {}
    for handler in request.upload_handlers:
        if isinstance(handler, BatasUnggahan):
            ditolak.update(handler.ditolak)
    return ditolak


def tandai_berkas_terlalu_besar(request: HttpRequest, form) -> bool:
    """Make each of the form's file fields whose file was refused fail with 'Berkas terlalu
    besar' when the form is cleaned; True if any. Call it before ``is_valid()``.

    The refused file never reaches ``request.FILES``, so the field is made required with that
    message (``Field.required`` and ``Field.error_messages`` of the form's own copy of it).
    """
    if request.method != "POST":
        return False
    ditolak = berkas_ditolak(request)
    ada = False
    for nama, field in form.fields.items():
        batas = ditolak.get(form.add_prefix(nama))
        if batas is not None:
            field.required = True
            field.error_messages = {
                **field.error_messages,
                "required": _(
                    "Berkas terlalu besar; ukuran maksimum %(batas)s. Pilih berkas yang lebih kecil."
                )
                % {"batas": filesizeformat(batas)},
            }
            ada = True
    return ada
