"""Reads of the dokumen app: finding archived documents and checking a presented file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import QuerySet

from organisasi.models import PerangkatDaerah

from .models import DokumenResmi
from .signing import VerificationResult, verify_pdf


def _base() -> QuerySet[DokumenResmi]:
    return DokumenResmi.objects.select_related(
        "perangkat_daerah", "menggantikan", "pengganti"
    )


def dokumen_by_nomor_dan_kode(nomor: str, kode: str) -> DokumenResmi | None:
    """The document with this number and this verification code, both as printed on it
    (spaces around the slashes are forgiven). A number alone finds nothing: numbers are
    sequential, so they would let anyone list the archive."""
    nomor = "/".join(part.strip() for part in nomor.strip().split("/"))
    kode = kode.strip().lower()
    if not nomor or not kode:
        return None
    return _base().filter(nomor__iexact=nomor, kode=kode).first()


def dokumen_by_kode(kode: str) -> DokumenResmi | None:
    return _base().filter(kode=kode.strip().lower()).first()


def dokumen_list_for_pd(
    pd: PerangkatDaerah | int, *, tahun: int | None = None
) -> QuerySet[DokumenResmi]:
    qs = _base().filter(perangkat_daerah=pd)
    if tahun:
        qs = qs.filter(tahun=tahun)
    return qs


@dataclass
class HasilVerifikasi:
    """The answer of the public verification page.

    dokumen: the archived document matched (by number, code or identical file), or None;
    berkas_cocok: a presented file is byte-for-byte the archived one (None when no file
    was presented); tanda_tangan: the check of the embedded signature (of the presented
    file, or of the archived one when only a number was given).
    """

    dokumen: DokumenResmi | None
    berkas_cocok: bool | None
    tanda_tangan: VerificationResult | None

    @property
    def asli(self) -> bool:
        if self.dokumen is None:
            return False
        if self.berkas_cocok is False:
            return False
        if self.dokumen.ditandatangani:
            return self.tanda_tangan is not None and self.tanda_tangan.sah
        return True


def _read_archived(dokumen: DokumenResmi) -> bytes | None:
    try:
        with dokumen.berkas.open("rb") as fh:
            return fh.read()
    except (OSError, ValueError):
        return None


def verifikasi_dokumen(dokumen: DokumenResmi | None) -> HasilVerifikasi:
    """Check an archived document found by number or code: its stored file still
    hashes to the recorded SHA-256 and, when signed, its signature validates."""
    if dokumen is None:
        return HasilVerifikasi(dokumen=None, berkas_cocok=None, tanda_tangan=None)
    data = _read_archived(dokumen)
    utuh = data is not None and hashlib.sha256(data).hexdigest() == dokumen.sha256
    tanda_tangan = (
        verify_pdf(data) if (data is not None and dokumen.ditandatangani) else None
    )
    # A stored file that no longer matches its recorded hash was tampered with on disk.
    return HasilVerifikasi(
        dokumen=dokumen, berkas_cocok=None if utuh else False, tanda_tangan=tanda_tangan
    )


def verifikasi_berkas(data: bytes) -> HasilVerifikasi:
    """Check a presented file: it is authentic and unchanged when its SHA-256 equals that
    of an archived document (and, for a signed one, its signature validates)."""
    digest = hashlib.sha256(data).hexdigest()
    dokumen = _base().filter(sha256=digest).first()
    tanda_tangan = verify_pdf(data)
    return HasilVerifikasi(
        dokumen=dokumen, berkas_cocok=dokumen is not None, tanda_tangan=tanda_tangan
    )
