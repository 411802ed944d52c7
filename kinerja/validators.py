"""Checks on uploaded evidence files (bukti dukung) and on numbers typed by people.

The type of an upload is decided by its content (magic bytes, via `filetype`),
never by its name or the browser's Content-Type: only PDF, PNG, JPEG and XLSX
are accepted. An XLSX must be a ZIP that really contains a workbook (`xl/…`)
and no macros.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# detected MIME type -> (extension of the stored name, label for messages)
JENIS_DIIZINKAN: dict[str, tuple[str, str]] = {
    "application/pdf": ("pdf", "PDF"),
    "image/png": ("png", "PNG"),
    "image/jpeg": ("jpg", "JPEG"),
    XLSX_MIME: ("xlsx", "XLSX"),
}

_HEAD_BYTES = 8192


@dataclass(frozen=True)
class BerkasTervalidasi:
    jenis_konten: str
    ekstensi: str
    nama_asli: str
    ukuran: int


def _baca(berkas: UploadedFile, n: int | None = None) -> bytes:
    berkas.seek(0)
    data = berkas.read() if n is None else berkas.read(n)
    berkas.seek(0)
    return data


def is_xlsx(data: bytes) -> bool:
    """A ZIP holding an Excel workbook (`xl/workbook.xml`) and no VBA project."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False
    if not any(n.startswith("xl/") for n in names) or "xl/workbook.xml" not in names:
        return False
    return not any(n.lower().endswith("vbaproject.bin") for n in names)


def jenis_berkas(berkas: UploadedFile) -> str | None:
    """The MIME type detected from the content, if it is one of the allowed ones."""
    kind = filetype.guess(_baca(berkas, _HEAD_BYTES))
    if kind is None:
        return None
    if kind.mime in ("application/pdf", "image/png", "image/jpeg"):
        return kind.mime
    if kind.mime in (XLSX_MIME, "application/zip"):
        return XLSX_MIME if is_xlsx(_baca(berkas)) else None
    return None


def nama_aman(nama: str, ekstensi: str) -> str:
    """The user's file name without path, control or odd characters, ending in the detected type's extension.

    `../../etc/passwd` → `passwd.pdf`; `Laporan TW I.PDF` → `Laporan TW I.pdf`;
    a PNG uploaded as `foto.jpg` is stored as `foto.png`.
    """
    base = os.path.basename((nama or "").replace("\\", "/"))
    base = unicodedata.normalize("NFKC", base)
    stem, dot, _ext = base.rpartition(".")
    if not dot:
        stem = base
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] != "C")
    stem = re.sub(r"[^\w\s\-().,&+]", "_", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" ._")
    stem = stem[:150] or "berkas"
    return f"{stem}.{ekstensi}"


def validate_bukti(berkas: UploadedFile) -> BerkasTervalidasi:
    """Size and content checks for one evidence file; Indonesian ValidationError on failure."""
    if berkas is None:
        raise ValidationError(_("Pilih berkas bukti dukung."), code="required")
    ukuran = berkas.size or 0
    if ukuran <= 0:
        raise ValidationError(_("Berkas kosong."), code="empty")
    batas = settings.BUKTI_MAX_BYTES
    if ukuran > batas:
        raise ValidationError(
            _("Berkas terlalu besar (%(ukuran)s); ukuran maksimum %(batas)s.")
            % {"ukuran": filesizeformat(ukuran), "batas": filesizeformat(batas)},
            code="too_large",
        )
    mime = jenis_berkas(berkas)
    if mime is None:
        raise ValidationError(
            _(
                "Jenis berkas tidak diizinkan. Unggah PDF, PNG, JPEG, atau XLSX (tanpa makro)."
            ),
            code="type",
        )
    ekstensi, _label = JENIS_DIIZINKAN[mime]
    return BerkasTervalidasi(
        jenis_konten=mime,
        ekstensi=ekstensi,
        nama_asli=nama_aman(berkas.name, ekstensi)[:200],
        ukuran=ukuran,
    )


def parse_angka(teks: object) -> Decimal | None:
    """A number typed in Indonesian (`1.234,56`) or plain (`1234.56`) form; None for empty.

    Raises ValueError for anything that is not a finite number. Rules: a comma is
    the decimal separator; with a comma present, dots are thousands separators;
    without a comma, dots between groups of exactly three digits are thousands
    separators as Indonesians write them (`1.234.567`, `300.000` → 300000);
    otherwise a dot is a decimal point (`4.5`, `0.1234`, `1234.5`).
    """
    if teks is None:
        return None
    if isinstance(teks, bool):
        raise ValueError(teks)
    if isinstance(teks, Decimal):
        value = teks
    elif isinstance(teks, int):
        value = Decimal(teks)
    elif isinstance(teks, float):
        value = Decimal(repr(teks))
    else:
        s = (
            str(teks)
            .strip()
            .replace("\u00a0", "")
            .replace(" ", "")
            .replace("Rp", "")
            .replace("%", "")
        )
        if s == "":
            return None
        if "," in s:
            s = s.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", s):
            s = s.replace(".", "")
        if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", s):
            raise ValueError(teks)
        try:
            value = Decimal(s)
        except (
            InvalidOperation
        ) as exc:  # pragma: no cover - the regex already refuses these
            raise ValueError(teks) from exc
    if not value.is_finite():
        raise ValueError(teks)
    return value
