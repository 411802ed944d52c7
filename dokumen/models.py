"""Official documents: the office's signing certificate and the archive of issued PDFs.

An issued document (`DokumenResmi`) is an archive record: once saved, its file,
hash and every other field stay as they are. `save()` on an existing row,
`delete()`, and queryset `update()`/`delete()` all raise `DokumenTidakDapatDiubah`.
A correction is a new record with the next revision number that points to the
one it replaces (`menggantikan`); the old record stays in the archive.
"""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organisasi.models import PerangkatDaerah

# Unambiguous lower-case letters and digits (no 0/o, 1/l/i): a code read off paper
# and typed into a phone still matches.
KODE_ALFABET = "23456789abcdefghjkmnpqrstuvwxyz"
KODE_PANJANG = 10


def buat_kode_verifikasi() -> str:
    """A random, URL-safe verification code of 10 characters (about 49 bits)."""
    return "".join(secrets.choice(KODE_ALFABET) for _ in range(KODE_PANJANG))


class DokumenTidakDapatDiubah(Exception):
    """An archived official document was about to be changed or deleted."""


PESAN_SANDI_RESMI = _(
    "Kata sandi sertifikat resmi tidak disimpan di basis data. Simpan di variabel lingkungan dan isi namanya "
    "pada kolom variabel lingkungan kata sandi."
)


def sertifikat_upload_to(instance: "SertifikatKantor", filename: str) -> str:
    return (
        f"privat/sertifikat/{instance.perangkat_daerah_id}/{secrets.token_hex(8)}.p12"
    )


class SertifikatKantor(models.Model):
    """The PKCS#12 file (certificate + private key) an office signs its documents with.

    The file lives under MEDIA_ROOT, which is never served. The passphrase is read
    from the environment variable named in `passphrase_env` when that is set, else from
    `passphrase`, which only a self-signed demo certificate may use: a real
    certificate's passphrase is refused there (`clean`, `sertifikat_kantor_pasang`).
    """

    perangkat_daerah = models.OneToOneField(
        PerangkatDaerah,
        on_delete=models.CASCADE,
        related_name="sertifikat",
        verbose_name=_("perangkat daerah"),
    )
    berkas = models.FileField(
        _("berkas PKCS#12 (.p12)"), upload_to=sertifikat_upload_to, max_length=300
    )
    passphrase = models.CharField(
        _("kata sandi berkas"),
        max_length=200,
        blank=True,
        help_text=_(
            "Disimpan apa adanya di basis data; untuk sertifikat resmi gunakan variabel lingkungan."
        ),
    )
    passphrase_env = models.CharField(
        _("variabel lingkungan kata sandi"),
        max_length=100,
        blank=True,
        help_text=_(
            "Nama variabel lingkungan yang berisi kata sandi, mis. SAKIP_P12_DPMPTSP. Diutamakan."
        ),
    )
    self_signed = models.BooleanField(
        _("sertifikat swa-tanda (demo)"),
        default=False,
        help_text=_(
            "Sertifikat buatan sendiri untuk demo, bukan dari penyelenggara sertifikasi elektronik."
        ),
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    sertifikat_pem = models.TextField(
        _("sertifikat (PEM)"), blank=True, help_text=_("Diisi otomatis dari berkas.")
    )
    subjek = models.CharField(_("nama pada sertifikat"), max_length=200, blank=True)
    berlaku_sampai = models.DateTimeField(_("berlaku sampai"), null=True, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("sertifikat kantor")
        verbose_name_plural = _("sertifikat kantor")

    def __str__(self) -> str:
        label = _("swa-tanda/demo") if self.self_signed else _("resmi")
        return f"{self.perangkat_daerah} ({label})"

    def clean(self):
        # A real certificate's passphrase never goes into the database (nor into backups):
        # only the name of the environment variable that holds it. The demo keeps its own.
        if not self.self_signed and self.passphrase:
            raise ValidationError({"passphrase": PESAN_SANDI_RESMI})

    def passphrase_bytes(self) -> bytes | None:
        if self.passphrase_env:
            value = os.environ.get(self.passphrase_env, "")
        else:
            value = self.passphrase
        return value.encode("utf-8") if value else None

    def pkcs12_bytes(self) -> bytes:
        with self.berkas.open("rb") as fh:
            return fh.read()


class PengaturanNaskah(models.Model):
    """How an office numbers its documents: the office code of its letter numbers (e.g. 427.59)."""

    perangkat_daerah = models.OneToOneField(
        PerangkatDaerah,
        on_delete=models.CASCADE,
        related_name="pengaturan_naskah",
        verbose_name=_("perangkat daerah"),
    )
    kode_naskah = models.CharField(
        _("kode naskah kantor"),
        max_length=30,
        help_text=_("Bagian nomor naskah yang menandai kantor, mis. 427.59."),
    )

    class Meta:
        verbose_name = _("pengaturan penomoran naskah")
        verbose_name_plural = _("pengaturan penomoran naskah")

    def __str__(self) -> str:
        return f"{self.perangkat_daerah}: {self.kode_naskah}"


class Jenis(models.TextChoices):
    PENGUKURAN_TRIWULAN = (
        "pengukuran_triwulan",
        _("Dokumen Pengukuran Kinerja Triwulan"),
    )
    PENGUKURAN_TAHUNAN = "pengukuran_tahunan", _("Dokumen Pengukuran Kinerja Tahunan")
    DISPOSISI = "disposisi", _("Lembar Disposisi")
    PEMBAGIAN_TUGAS = "pembagian_tugas", _("Catatan Pembagian Tugas")
    SOP = "sop", _("Standar Operasional Prosedur")


class DokumenResmiQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise DokumenTidakDapatDiubah(
            _("Dokumen resmi yang telah diterbitkan tidak dapat diubah.")
        )

    def delete(self):
        raise DokumenTidakDapatDiubah(
            _("Dokumen resmi yang telah diterbitkan tidak dapat dihapus.")
        )

    def for_pd(self, pd: PerangkatDaerah | int):
        return self.filter(perangkat_daerah=pd)


def dokumen_upload_to(instance: "DokumenResmi", filename: str) -> str:
    return f"privat/dokumen/{instance.perangkat_daerah_id}/{instance.tahun}/{instance.kode}.pdf"


class DokumenResmi(models.Model):
    """One issued official PDF, kept unchanged for good (see the module docstring)."""

    Jenis = Jenis

    nomor = models.CharField(_("nomor"), max_length=80, unique=True)
    tahun_nomor = models.PositiveSmallIntegerField(_("tahun penomoran"))
    urut = models.PositiveIntegerField(_("nomor urut"))
    kode = models.CharField(
        _("kode verifikasi"), max_length=16, unique=True, default=buat_kode_verifikasi
    )
    jenis = models.CharField(_("jenis"), max_length=30, choices=Jenis.choices)
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        related_name="dokumen_resmi",
        verbose_name=_("perangkat daerah"),
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), null=True, blank=True)
    judul = models.CharField(_("judul"), max_length=300, blank=True)
    revisi = models.PositiveSmallIntegerField(_("revisi ke-"), default=0)
    menggantikan = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengganti",
        verbose_name=_("menggantikan dokumen"),
    )
    berkas = models.FileField(
        _("berkas PDF"), upload_to=dokumen_upload_to, max_length=300
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    ukuran = models.PositiveIntegerField(_("ukuran (byte)"))
    ditandatangani = models.BooleanField(
        _("ditandatangani secara elektronik"), default=False
    )
    penandatangan_nama = models.CharField(
        _("nama penandatangan"), max_length=250, blank=True
    )
    penandatangan_jabatan = models.CharField(
        _("jabatan penandatangan"), max_length=300, blank=True
    )
    penandatangan_nip = models.CharField(
        _("NIP penandatangan"), max_length=30, blank=True
    )
    penandatangan_label = models.CharField(
        _("keterangan jabatan"),
        max_length=5,
        blank=True,
        help_text=_("Plt. atau Plh. bila pejabat bertindak sementara."),
    )
    sertifikat_pem = models.TextField(_("sertifikat penanda tangan (PEM)"), blank=True)
    sertifikat_self_signed = models.BooleanField(
        _("sertifikat swa-tanda (demo)"), default=False
    )
    ditandatangani_pada = models.DateTimeField(
        _("ditandatangani pada"), null=True, blank=True
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    objects = DokumenResmiQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumen resmi")
        verbose_name_plural = _("arsip dokumen resmi")
        ordering = ["-dibuat_pada", "-pk"]
        indexes = [models.Index(fields=["perangkat_daerah", "tahun", "jenis"])]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun_nomor", "urut"],
                name="dokumen_unik_urut",
            ),
        ]

    def __str__(self) -> str:
        return self.nomor

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise DokumenTidakDapatDiubah(
                _("Dokumen resmi yang telah diterbitkan tidak dapat diubah.")
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DokumenTidakDapatDiubah(
            _("Dokumen resmi yang telah diterbitkan tidak dapat dihapus.")
        )

    def get_absolute_url(self) -> str:  # noqa: DJ012
        return reverse("dokumen:verifikasi_kode", args=[self.kode])

    @property
    def penandatangan_nip_tersamar(self) -> str:
        """The signer's NIP with all but its last three digits hidden, for the public page.

        A NIP spells out its holder's birth date, appointment month and sex; the public
        verification page needs none of that to say who signed."""
        nip = self.penandatangan_nip
        if not nip:
            return ""
        sisa = 3
        hasil = []
        for huruf in reversed(nip):
            if huruf.isdigit():
                hasil.append(huruf if sisa > 0 else "•")
                sisa -= 1
            else:
                hasil.append(huruf)
        return "".join(reversed(hasil))

    @property
    def diganti(self) -> bool:
        """True when a later revision replaces this document."""
        try:
            return self.pengganti is not None
        except DokumenResmi.DoesNotExist:
            return False
