"""The trail (append-only) and the timing of every step.

`Jejak` cannot be rewritten: `save()` of an existing row, `delete()`, and the
queryset's `update()`/`delete()` (and so `bulk_update`) raise; the admin is
read-only; on PostgreSQL a trigger (migration 0002) rejects UPDATE and DELETE.
Its foreign keys are PROTECT so no cascade can remove it either.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisasi.models import Pegawai, Peran

from .lembar import KodeLangkah, LangkahSOP
from .siklus import Siklus, TugasPengumpulan


class JejakDitolak(Exception):
    """Raised on any attempt to change or delete a trail row."""


class JejakQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise JejakDitolak(_("Jejak SOP tidak dapat diubah."))

    def delete(self):
        raise JejakDitolak(_("Jejak SOP tidak dapat dihapus."))

    def _raw_delete(self, using):
        raise JejakDitolak(_("Jejak SOP tidak dapat dihapus."))

    def bulk_update(self, objs, fields, batch_size=None):
        raise JejakDitolak(_("Jejak SOP tidak dapat diubah."))

    def update_or_create(self, *args, **kwargs):
        raise JejakDitolak(_("Jejak SOP tidak dapat diubah."))


class Jejak(models.Model):
    """One transition of one process: who, when, from → to, note, output, time taken."""

    class Proses(models.TextChoices):
        SIKLUS = "siklus", _("Siklus triwulan")
        PENGUMPULAN = "pengumpulan", _("SOP Pengumpulan Data Kinerja")
        PENGUKURAN = "pengukuran", _("SOP Pengukuran Kinerja")

    siklus = models.ForeignKey(
        Siklus, on_delete=models.PROTECT, related_name="jejak", verbose_name=_("siklus")
    )
    proses = models.CharField(_("proses"), max_length=20, choices=Proses.choices)
    transisi = models.CharField(_("transisi"), max_length=40)
    transisi_label = models.CharField(_("tindakan"), max_length=100)
    dari_status = models.CharField(_("dari status"), max_length=30, blank=True)
    ke_status = models.CharField(_("ke status"), max_length=30)
    langkah_kode = models.CharField(
        _("langkah"), max_length=30, choices=KodeLangkah.choices, blank=True
    )
    langkah_nomor = models.PositiveSmallIntegerField(
        _("no. langkah"), null=True, blank=True
    )
    langkah_kegiatan = models.TextField(_("kegiatan"), blank=True)
    aktor = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    aktor_nama = models.CharField(_("nama pelaku"), max_length=200)
    aktor_nip = models.CharField(_("NIP pelaku"), max_length=18, blank=True)
    aktor_label = models.CharField(
        _("selaku"), max_length=100, help_text=_("Mis. Plt. Kepala Dinas.")
    )
    waktu = models.DateTimeField(_("waktu"), default=timezone.now)
    catatan = models.TextField(_("catatan"), blank=True)
    output = models.TextField(_("output"), blank=True)
    objek_ct = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", null=True
    )
    objek_id = models.PositiveBigIntegerField(null=True)
    objek = GenericForeignKey("objek_ct", "objek_id")
    output_ct = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    output_id = models.PositiveBigIntegerField(null=True, blank=True)
    output_ref = GenericForeignKey("output_ct", "output_id")
    menit_kerja = models.PositiveIntegerField(
        _("waktu kerja (menit)"), null=True, blank=True
    )
    standar_menit = models.PositiveIntegerField(
        _("standar (menit)"), null=True, blank=True
    )
    standar_teks = models.CharField(_("standar waktu"), max_length=30, blank=True)
    terlambat = models.BooleanField(_("melewati standar"), null=True)

    objects = JejakQuerySet.as_manager()

    class Meta:
        verbose_name = _("jejak SOP")
        verbose_name_plural = _("jejak SOP")
        ordering = ["siklus", "waktu", "pk"]
        indexes = [models.Index(fields=["siklus", "waktu"], name="jejak_siklus_waktu")]

    def __str__(self) -> str:
        return f"{self.waktu:%d/%m/%Y %H.%M} {self.aktor_label} {self.aktor_nama}: {self.transisi_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise JejakDitolak(_("Jejak SOP tidak dapat diubah."))
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise JejakDitolak(_("Jejak SOP tidak dapat dihapus."))


class LangkahBerjalanQuerySet(models.QuerySet):
    def terbuka(self):
        return self.filter(selesai__isnull=True)


class LangkahBerjalan(models.Model):
    """One occurrence of a step in one cycle: since when it is due, whom it waits
    for (a person when known, else everyone holding the role in the office), when
    it was done, and its working time against the standard.

    Loops create a new row per round (`putaran`); steps 4–5 have one row per task.
    """

    siklus = models.ForeignKey(
        Siklus,
        on_delete=models.CASCADE,
        related_name="langkah_berjalan",
        verbose_name=_("siklus"),
    )
    langkah = models.ForeignKey(
        LangkahSOP,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("langkah SOP"),
    )
    kode = models.CharField(
        _("kode langkah"), max_length=30, choices=KodeLangkah.choices
    )
    tugas = models.ForeignKey(
        TugasPengumpulan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="langkah_berjalan",
        verbose_name=_("tugas"),
    )
    putaran = models.PositiveSmallIntegerField(_("putaran"), default=1)
    menunggu_peran = models.CharField(
        _("menunggu peran"), max_length=20, choices=Peran.choices
    )
    menunggu_pegawai = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("menunggu pegawai"),
    )
    mulai = models.DateTimeField(_("mulai"))
    standar_menit = models.PositiveIntegerField(_("standar (menit kerja)"))
    selesai = models.DateTimeField(_("selesai"), null=True, blank=True)
    selesai_oleh = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diselesaikan oleh"),
    )
    menit_kerja = models.PositiveIntegerField(
        _("waktu kerja (menit)"), null=True, blank=True
    )
    terlambat = models.BooleanField(_("melewati standar"), null=True)

    objects = LangkahBerjalanQuerySet.as_manager()

    class Meta:
        verbose_name = _("langkah berjalan")
        verbose_name_plural = _("langkah berjalan")
        ordering = ["siklus", "mulai", "pk"]
        indexes = [
            models.Index(
                fields=["selesai", "menunggu_peran"], name="langkah_terbuka_peran"
            ),
            models.Index(
                fields=["menunggu_pegawai", "selesai"], name="langkah_terbuka_pegawai"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.siklus} — {self.langkah}"
