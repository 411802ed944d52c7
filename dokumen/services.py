"""Writes of the dokumen app: installing an office certificate, issuing an official document.

Document numbers
----------------
`<klasifikasi>/<urut>/<kode kantor>/<tahun>`, e.g. `050/007/427.59/2026`:

- klasifikasi: the archive classification of the kind of document (Permendagri
  78/2012 codes): 050 Perencanaan for the measurement documents, 060 Organisasi dan
  Ketatalaksanaan for SOP sheets, 000 Umum for dispositions and task notes;
- urut: the office's running number in the year of issue, three digits, one
  sequence for all kinds (as an agenda book has);
- kode kantor: `PengaturanNaskah.kode_naskah` of the office (e.g. 427.59), else
  its abbreviation;
- tahun: the year of issue (a Q4 document issued in January carries the new year).

A correction gets a new number of its own, `revisi` = previous + 1, and points to
the document it replaces; the replaced document stays in the archive unchanged.
"""

from __future__ import annotations

import hashlib
from typing import Protocol

import segno
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organisasi.models import Pegawai, PerangkatDaerah

from .models import (
    DokumenResmi,
    Jenis,
    PengaturanNaskah,
    SertifikatKantor,
    buat_kode_verifikasi,
)
from .pdf import label_jabatan_resmi, pisah_sebagai
from .signing import baca_pkcs12, sign_pdf

KLASIFIKASI = {
    Jenis.PENGUKURAN_TRIWULAN: "050",
    Jenis.PENGUKURAN_TAHUNAN: "050",
    Jenis.SOP: "060",
    Jenis.DISPOSISI: "000",
    Jenis.PEMBAGIAN_TUGAS: "000",
}


class RenderDokumen(Protocol):
    """Renders the final PDF once its identity is known.

    nomor: the assigned document number; verify_url: the public short verification
    URL; qr_data_uri: an SVG data URI of a QR code of verify_url (for an <img src>);
    ditandatangani: whether the PDF will be signed electronically (when False the
    document must show the "TIDAK DITANDATANGANI SECARA ELEKTRONIK" mark).
    """

    def __call__(
        self, nomor: str, verify_url: str, qr_data_uri: str, *, ditandatangani: bool
    ) -> bytes: ...


# --- certificates -----------------------------------------------------------------------------------------


@transaction.atomic
def sertifikat_kantor_pasang(
    *,
    pd: PerangkatDaerah,
    pkcs12: bytes,
    passphrase: str = "",
    passphrase_env: str = "",
    self_signed: bool = False,
    catatan: str = "",
) -> SertifikatKantor:
    """Install (or replace) office `pd`'s signing certificate.

    The file is opened first: a wrong passphrase or a file without a private key is
    refused with a ValidationError and nothing changes. The certificate itself is
    kept in PEM so that verification never needs the passphrase.
    """
    import os

    from .models import PESAN_SANDI_RESMI

    if passphrase and not passphrase_env and not self_signed:
        raise ValidationError(PESAN_SANDI_RESMI)
    raw = os.environ.get(passphrase_env, "") if passphrase_env else passphrase
    try:
        info = baca_pkcs12(pkcs12, raw.encode("utf-8") if raw else None)
    except Exception as exc:
        raise ValidationError(str(exc)) from exc
    sertifikat = SertifikatKantor.objects.filter(
        perangkat_daerah=pd
    ).first() or SertifikatKantor(perangkat_daerah=pd)
    sertifikat.berkas.save("sertifikat.p12", ContentFile(pkcs12), save=False)
    sertifikat.passphrase = "" if passphrase_env else passphrase
    sertifikat.passphrase_env = passphrase_env
    sertifikat.self_signed = self_signed
    sertifikat.catatan = catatan
    sertifikat.aktif = True
    sertifikat.sertifikat_pem = info.pem
    sertifikat.subjek = info.subjek
    sertifikat.berlaku_sampai = info.berlaku_sampai
    sertifikat.save()
    return sertifikat


def sertifikat_aktif(pd: PerangkatDaerah) -> SertifikatKantor | None:
    return SertifikatKantor.objects.filter(perangkat_daerah=pd, aktif=True).first()


# --- issuing ----------------------------------------------------------------------------------------------


def kode_kantor(pd: PerangkatDaerah) -> str:
    pengaturan = PengaturanNaskah.objects.filter(perangkat_daerah=pd).first()
    return pengaturan.kode_naskah if pengaturan else pd.singkatan


def verify_url_for(kode: str) -> str:
    """The public short verification URL printed on a document: SITE_URL + /v/<kode>/."""
    try:
        path = reverse("verifikasi_pendek", args=[kode])
    except NoReverseMatch:
        path = reverse("dokumen:verifikasi_kode", args=[kode])
    return settings.SITE_URL.rstrip("/") + path


def qr_data_uri(url: str) -> str:
    """A QR code of `url` as an SVG data URI (error correction M, no quiet zone: the layout gives it room)."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=1)


def _next_urut(pd: PerangkatDaerah, tahun_nomor: int) -> int:
    # Lock the office row so two issues in the same office never draw the same number.
    PerangkatDaerah.objects.select_for_update().filter(pk=pd.pk).first()
    last = DokumenResmi.objects.filter(
        perangkat_daerah=pd, tahun_nomor=tahun_nomor
    ).aggregate(m=Max("urut"))["m"]
    return (last or 0) + 1


def _user_of(actor) -> AbstractBaseUser | None:
    if actor is None:
        return None
    if isinstance(actor, Pegawai):
        return actor.user
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def dokumen_terbitkan(
    *,
    jenis: str,
    pd: PerangkatDaerah,
    tahun: int,
    triwulan: int | None,
    render: RenderDokumen,
    penandatangan: Pegawai | None,
    label_jabatan: str,
    actor,
    supersedes: DokumenResmi | None = None,
    judul: str = "",
) -> DokumenResmi:
    """Number, render, sign (when the office has an active certificate) and archive a document.

    The renderer receives the number, the short verification URL and its QR code,
    and whether the PDF will be signed. With a certificate the PDF gets a PAdES
    signature of the office; without one it is archived unsigned (the document shows
    the "not digitally signed" mark). The stored file and its SHA-256 never change
    afterwards. `supersedes` makes this a correction: same office and kind, revision
    number + 1; a document can be replaced only once (correct the newest revision).
    """
    if jenis not in Jenis.values:
        raise ValidationError(_("Jenis dokumen tidak dikenal."))
    if supersedes is not None:
        if supersedes.perangkat_daerah_id != pd.pk or supersedes.jenis != jenis:
            raise ValidationError(
                _(
                    "Revisi harus untuk dokumen berjenis sama dari perangkat daerah yang sama."
                )
            )
        if DokumenResmi.objects.filter(menggantikan=supersedes).exists():
            raise ValidationError(
                _(
                    "Dokumen ini sudah direvisi; revisi harus dibuat dari revisi terakhir."
                )
            )
    sekarang = timezone.now()
    tahun_nomor = timezone.localtime(sekarang).year
    urut = _next_urut(pd, tahun_nomor)
    nomor = f"{KLASIFIKASI[jenis]}/{urut:03d}/{kode_kantor(pd)}/{tahun_nomor}"
    kode = buat_kode_verifikasi()
    while DokumenResmi.objects.filter(kode=kode).exists():
        kode = buat_kode_verifikasi()
    url = verify_url_for(kode)
    sertifikat = sertifikat_aktif(pd)
    pdf = render(nomor, url, qr_data_uri(url), ditandatangani=sertifikat is not None)

    if penandatangan is not None and label_jabatan:
        label_jabatan = label_jabatan_resmi(penandatangan, label_jabatan)
    jabatan, sebagai = pisah_sebagai(label_jabatan or "")
    signer_name = penandatangan.nama_lengkap if penandatangan else pd.nama
    ditandatangani_pada = None
    if sertifikat is not None:
        pdf = sign_pdf(
            pdf,
            sertifikat=sertifikat,
            reason=_("Pengesahan %(jenis)s nomor %(nomor)s")
            % {"jenis": Jenis(jenis).label, "nomor": nomor},
            location=pd.tempat_ttd,
            signer_name=signer_name,
        )
        ditandatangani_pada = timezone.now()
    dokumen = DokumenResmi(
        nomor=nomor,
        tahun_nomor=tahun_nomor,
        urut=urut,
        kode=kode,
        jenis=jenis,
        perangkat_daerah=pd,
        tahun=tahun,
        triwulan=triwulan,
        judul=judul[:300],
        revisi=(supersedes.revisi + 1) if supersedes else 0,
        menggantikan=supersedes,
        sha256=hashlib.sha256(pdf).hexdigest(),
        ukuran=len(pdf),
        ditandatangani=sertifikat is not None,
        penandatangan_nama=penandatangan.nama_lengkap if penandatangan else "",
        penandatangan_nip=penandatangan.nip_tercetak if penandatangan else "",
        penandatangan_jabatan=jabatan,
        penandatangan_label=sebagai,
        sertifikat_pem=sertifikat.sertifikat_pem if sertifikat else "",
        sertifikat_self_signed=bool(sertifikat and sertifikat.self_signed),
        ditandatangani_pada=ditandatangani_pada,
        dibuat_oleh=_user_of(actor),
    )
    dokumen.berkas.save(f"{kode}.pdf", ContentFile(pdf), save=False)
    dokumen.save()
    return dokumen
