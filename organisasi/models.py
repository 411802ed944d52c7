"""The organisation every SOP step and every permission hangs on.

A kabupaten runs about 40 offices (Perangkat Daerah) on one installation. A
person's SOP roles follow from his position (jabatan), the acting appointments
(Plt./Plh.) he holds, and his team memberships — never from hand-set flags.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from umum.validators import tanggal_antara, tanggal_wajar

from .nip import format_nip, validate_nip


class Peran(models.TextChoices):
    """The five actor roles of the two SOPs."""

    KADIN = "kadin", _("Kepala Dinas")
    KABID = "kabid", _("Kabid/Sekretaris")
    KASUBBAG = "kasubbag", _("Kasubbag/Sub Koordinator")
    TIM_KERJA = "tim_kerja", _("Tim Kerja")
    TIM_SAKIP = "tim_sakip", _("Tim SAKIP")


class PerangkatDaerah(models.Model):
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=30)
    kabupaten = models.CharField(
        _("kabupaten"),
        max_length=100,
        help_text=_("Tanpa kata 'Kabupaten', mis. Lumajang."),
    )
    alamat = models.CharField(_("alamat"), max_length=250, blank=True)
    kode_pos = models.CharField(_("kode pos"), max_length=10, blank=True)
    telepon = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    laman = models.CharField(_("laman"), max_length=100, blank=True)
    kota = models.CharField(
        _("tempat penandatanganan"),
        max_length=100,
        blank=True,
        help_text=_("Mis. Lumajang."),
    )

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["kabupaten", "singkatan"], name="pd_unik_singkatan"
            )
        ]

    def __str__(self) -> str:
        return self.singkatan

    @property
    def kop_pemerintah(self) -> str:
        return f"PEMERINTAH KABUPATEN {self.kabupaten.upper()}"

    @property
    def tempat_ttd(self) -> str:
        return self.kota or self.kabupaten


class Unit(models.Model):
    class Jenis(models.TextChoices):
        PIMPINAN = "pimpinan", _("Pimpinan")
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        BIDANG = "bidang", _("Bidang")
        SUBBAGIAN = "subbagian", _("Subbagian")
        SUBKOORDINATOR = "subkoordinator", _("Sub Koordinator")

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.CASCADE,
        related_name="unit",
        verbose_name=_("perangkat daerah"),
    )
    induk = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_unit",
        verbose_name=_("unit induk"),
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    nama = models.CharField(_("nama"), max_length=200)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["perangkat_daerah", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "nama"], name="unit_unik_nama"
            )
        ]

    def __str__(self) -> str:
        return self.nama


class Jabatan(models.Model):
    """A position in an office. Its level decides the SOP role of its holder."""

    class Tingkat(models.TextChoices):
        KEPALA = "kepala", _("Kepala Dinas")
        KABID = "kabid", _("Kepala Bidang / Sekretaris")
        KASUBBAG = "kasubbag", _("Kepala Subbagian / Sub Koordinator")
        PELAKSANA = "pelaksana", _("Pelaksana / Fungsional")

    TINGKAT_KE_PERAN = {
        Tingkat.KEPALA: Peran.KADIN,
        Tingkat.KABID: Peran.KABID,
        Tingkat.KASUBBAG: Peran.KASUBBAG,
    }

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.CASCADE,
        related_name="jabatan",
        verbose_name=_("perangkat daerah"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jabatan",
        verbose_name=_("unit"),
    )
    nama = models.CharField(_("nama jabatan"), max_length=200)
    tingkat = models.CharField(_("tingkat"), max_length=20, choices=Tingkat.choices)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["perangkat_daerah", "tingkat", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "nama"], name="jabatan_unik_nama"
            )
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def peran(self) -> str | None:
        return self.TINGKAT_KE_PERAN.get(self.tingkat)


class PegawaiQuerySet(models.QuerySet):
    def for_pd(self, pd: PerangkatDaerah | int):
        return self.filter(perangkat_daerah=pd)

    def aktif(self):
        return self.filter(aktif=True)


def nama_lengkap(gelar_depan: str, nama: str, gelar_belakang: str) -> str:
    """A person's name with titles as letters print it (`Dr. Ari Murgono, S.STP., M.Si.`);
    `Pegawai.nama_lengkap`, and for a person read as plain values."""
    teks = f"{gelar_depan} {nama}".strip()
    return f"{teks}, {gelar_belakang}" if gelar_belakang else teks


class Pegawai(models.Model):
    """A civil servant of one office, linked to a login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pegawai",
        verbose_name=_("akun"),
    )
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        related_name="pegawai",
        verbose_name=_("perangkat daerah"),
    )
    gelar_depan = models.CharField(_("gelar depan"), max_length=30, blank=True)
    nama = models.CharField(_("nama"), max_length=150)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        unique=True,
        validators=[validate_nip],
        help_text=_("18 digit, tanpa spasi."),
    )
    pangkat = models.CharField(_("pangkat"), max_length=60, blank=True)
    golongan = models.CharField(_("golongan"), max_length=10, blank=True)
    jabatan = models.ForeignKey(
        Jabatan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pegawai",
        verbose_name=_("jabatan"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    objects = PegawaiQuerySet.as_manager()

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["perangkat_daerah", "nama"]

    def __str__(self) -> str:
        return self.nama_lengkap

    def save(self, *args, **kwargs):
        self.nip = "".join(ch for ch in self.nip if not ch.isspace())
        super().save(*args, **kwargs)

    @property
    def nama_lengkap(self) -> str:
        return nama_lengkap(self.gelar_depan, self.nama, self.gelar_belakang)

    @property
    def nip_tercetak(self) -> str:
        return format_nip(self.nip)

    @property
    def pangkat_golongan(self) -> str:
        if self.pangkat and self.golongan:
            return f"{self.pangkat} ({self.golongan})"
        return self.pangkat or self.golongan

    @property
    def alamat_email(self) -> str:
        return self.email or (self.user.email if self.user_id else "")


class Tim(models.Model):
    """A standing team of an office: its Tim SAKIP, or a Tim Kerja that collects data."""

    class Jenis(models.TextChoices):
        TIM_KERJA = "tim_kerja", _("Tim Kerja")
        TIM_SAKIP = "tim_sakip", _("Tim SAKIP")

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.CASCADE,
        related_name="tim",
        verbose_name=_("perangkat daerah"),
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    nama = models.CharField(_("nama"), max_length=150)
    anggota = models.ManyToManyField(
        Pegawai, related_name="tim", blank=True, verbose_name=_("anggota")
    )

    class Meta:
        verbose_name = _("tim")
        verbose_name_plural = _("tim")
        ordering = ["perangkat_daerah", "jenis", "nama"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.perangkat_daerah})"


class PelaksanaTugasQuerySet(models.QuerySet):
    def berlaku_pada(self, tanggal: datetime.date):
        """In force on `tanggal`: started, and not yet ended (open-ended when `selesai` is empty)."""
        return self.filter(mulai__lte=tanggal).filter(
            Q(selesai__isnull=True) | Q(selesai__gte=tanggal)
        )

    def di_kantor(self, pd):
        """For a position of office `pd` (an instance, an id or an `OuterRef`)."""
        return self.filter(jabatan__perangkat_daerah=pd)


class PelaksanaTugas(models.Model):
    """An acting appointment: Plt. or Plh. of a position for a date range."""

    class Jenis(models.TextChoices):
        PLT = "Plt.", _("Pelaksana Tugas (Plt.)")
        PLH = "Plh.", _("Pelaksana Harian (Plh.)")

    pegawai = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        related_name="penugasan_plt",
        verbose_name=_("pegawai"),
    )
    jabatan = models.ForeignKey(
        Jabatan,
        on_delete=models.PROTECT,
        related_name="pelaksana_tugas",
        verbose_name=_("jabatan"),
    )
    jenis = models.CharField(
        _("jenis"), max_length=5, choices=Jenis.choices, default=Jenis.PLT
    )
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"), null=True, blank=True)
    dasar = models.CharField(
        _("dasar penunjukan"),
        max_length=200,
        blank=True,
        help_text=_("Nomor surat perintah."),
    )

    objects = PelaksanaTugasQuerySet.as_manager()

    class Meta:
        verbose_name = _("Plt./Plh.")
        verbose_name_plural = _("Plt./Plh.")
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="plt_rentang_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jenis} {self.jabatan} — {self.pegawai}"

    def clean(self):
        # An appointment starts at most a year ahead and lasts at most five years: a date such
        # as 9999-12-31 is a typing slip, and would make someone acting head for ever.
        from django.core.exceptions import ValidationError

        galat = {}
        try:
            tanggal_wajar(self.mulai)
            tanggal_antara(
                self.mulai,
                datetime.date(2000, 1, 1),
                today() + datetime.timedelta(days=366),
            )
        except ValidationError as exc:
            galat["mulai"] = exc.messages
        if self.mulai and self.selesai:
            try:
                akhir = self.mulai.replace(
                    year=min(self.mulai.year + 5, 9999), day=min(self.mulai.day, 28)
                )
                tanggal_antara(self.selesai, self.mulai, akhir)
            except ValidationError as exc:
                galat["selesai"] = exc.messages
        if galat:
            raise ValidationError(galat)


class AdminKabupaten(models.Model):
    """Marks a login as the kabupaten-level administrator (sees every office)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="admin_kabupaten",
        verbose_name=_("akun"),
    )
    kabupaten = models.CharField(_("kabupaten"), max_length=100)

    class Meta:
        verbose_name = _("admin kabupaten")
        verbose_name_plural = _("admin kabupaten")

    def __str__(self) -> str:
        return f"{self.user} — {self.kabupaten}"


def today() -> datetime.date:
    return timezone.localdate()
