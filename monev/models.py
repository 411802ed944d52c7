"""Monitoring and evaluation of the SOP AP (PermenPAN-RB 35/2012), drafted from the runs.

A `Monitoring` is one "Monitoring Pelaksanaan SOP AP" form of one office for one SOP
sheet and one period; its `MonitoringLangkah` rows are the procedures (steps) of the
sheet with the figures measured from the runs, frozen when the form was drafted, and
the assessor's judgement, notes and action. An `Evaluasi` is one filled evaluation
instrument with its `EvaluasiJawaban` rows. Once issued, a form points at the archived
official PDF (`dokumen.DokumenResmi`) and is not edited any more; every write leaves
a `JejakMonev` row.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dokumen.models import DokumenResmi
from organisasi.models import Pegawai, PerangkatDaerah
from sop.models import SOP, JenisSOP, KodeLangkah


class StatusForm(models.TextChoices):
    DRAF = "draf", _("Draf")
    DITERBITKAN = "diterbitkan", _("Diterbitkan")


class PenunjukanPenilai(models.Model):
    """The person the Kadin names to assess the office's SOPs (besides the Sekretaris).

    At most one naming is in force per office (`dicabut_pada` empty)."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("perangkat daerah"),
    )
    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name=_("penilai")
    )
    ditunjuk_oleh = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ditunjuk oleh"),
    )
    ditunjuk_pada = models.DateTimeField(_("ditunjuk pada"))
    dicabut_pada = models.DateTimeField(_("dicabut pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("penunjukan penilai SOP")
        verbose_name_plural = _("penunjukan penilai SOP")
        ordering = ["perangkat_daerah", "-ditunjuk_pada"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah"],
                condition=Q(dicabut_pada__isnull=True),
                name="monev_satu_penilai_berlaku",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.perangkat_daerah}: {self.pegawai}"


class Monitoring(models.Model):
    """One "Monitoring Pelaksanaan SOP AP" form (see the module docstring)."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("perangkat daerah"),
    )
    jenis = models.CharField(_("SOP"), max_length=20, choices=JenisSOP.choices)
    sop = models.ForeignKey(
        SOP,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lembar SOP (versi)"),
    )
    mulai = models.DateField(_("periode mulai"))
    selesai = models.DateField(_("periode selesai"))
    ambang_persen = models.PositiveSmallIntegerField(_("ambang tepat waktu (%)"))
    status = models.CharField(
        _("status"), max_length=15, choices=StatusForm.choices, default=StatusForm.DRAF
    )
    dibuat_oleh = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("disusun oleh"),
    )
    dibuat_pada = models.DateTimeField(_("disusun pada"))
    penilai = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penilai"),
    )
    penilai_jabatan = models.CharField(_("jabatan penilai"), max_length=300, blank=True)
    diterbitkan_pada = models.DateTimeField(
        _("diterbitkan pada"), null=True, blank=True
    )
    dokumen = models.OneToOneField(
        DokumenResmi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dokumen resmi"),
    )

    class Meta:
        verbose_name = _("monitoring pelaksanaan SOP AP")
        verbose_name_plural = _("monitoring pelaksanaan SOP AP")
        ordering = ["perangkat_daerah", "-selesai", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")),
                name="monev_monitoring_periode_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Monitoring')} {self.get_jenis_display()} — {self.perangkat_daerah} ({self.mulai:%d/%m/%Y}–{self.selesai:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("monev:monitoring", args=[self.pk])

    @property
    def diterbitkan(self) -> bool:
        return self.status == StatusForm.DITERBITKAN


class MonitoringLangkah(models.Model):
    """One procedure (step) of a monitoring form: the measured figures and the assessment."""

    monitoring = models.ForeignKey(
        Monitoring,
        on_delete=models.CASCADE,
        related_name="langkah",
        verbose_name=_("monitoring"),
    )
    nomor = models.PositiveSmallIntegerField(_("no."))
    kode = models.CharField(
        _("kode langkah"), max_length=30, choices=KodeLangkah.choices
    )
    kegiatan = models.TextField(_("prosedur"))
    standar_menit = models.PositiveIntegerField(_("standar (menit kerja)"))
    standar_teks = models.CharField(_("standar waktu"), max_length=30)
    jumlah = models.PositiveIntegerField(_("jumlah pelaksanaan"), default=0)
    tepat_waktu = models.PositiveIntegerField(_("selesai dalam standar"), default=0)
    median_menit = models.DecimalField(
        _("median waktu kerja (menit)"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
    )
    maks_menit = models.PositiveIntegerField(
        _("waktu kerja terlama (menit)"), null=True, blank=True
    )
    kembali = models.PositiveIntegerField(_("jumlah pengembalian"), default=0)
    # [{"alasan": text, "jumlah": number of returns that gave it}, ...], most frequent first
    alasan_kembali = models.JSONField(
        _("alasan pengembalian"), default=list, blank=True
    )
    dilewati = models.PositiveIntegerField(
        _("dilewati karena dibuka kembali"), default=0
    )
    oleh_plt = models.PositiveIntegerField(_("diselesaikan oleh Plt./Plh."), default=0)
    terlambat_plt = models.PositiveIntegerField(
        _("terlambat dan diselesaikan oleh Plt./Plh."), default=0
    )
    saran_baik = models.BooleanField(_("saran penilaian"), null=True, blank=True)
    saran_dasar = models.TextField(_("dasar saran"), blank=True)
    baik = models.BooleanField(_("penilaian"), null=True, blank=True)
    catatan = models.TextField(_("catatan hasil penilaian"), blank=True)
    tindakan = models.TextField(_("tindakan yang harus diambil"), blank=True)

    class Meta:
        verbose_name = _("prosedur yang dimonitor")
        verbose_name_plural = _("prosedur yang dimonitor")
        ordering = ["monitoring", "nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["monitoring", "kode"], name="monev_langkah_unik_kode"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.kegiatan}"

    @property
    def persen_tepat(self) -> Decimal | None:
        """Share of the runs done within the time standard, in percent; None without runs."""
        if not self.jumlah:
            return None
        return Decimal(self.tepat_waktu * 100) / Decimal(self.jumlah)


class Evaluasi(models.Model):
    """One filled evaluation instrument of an SOP for an office and a period."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("perangkat daerah"),
    )
    jenis = models.CharField(_("SOP"), max_length=20, choices=JenisSOP.choices)
    sop = models.ForeignKey(
        SOP,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lembar SOP (versi)"),
    )
    mulai = models.DateField(_("periode mulai"))
    selesai = models.DateField(_("periode selesai"))
    status = models.CharField(
        _("status"), max_length=15, choices=StatusForm.choices, default=StatusForm.DRAF
    )
    dibuat_oleh = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("disusun oleh"),
    )
    dibuat_pada = models.DateTimeField(_("disusun pada"))
    penilai = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penilai"),
    )
    penilai_jabatan = models.CharField(_("jabatan penilai"), max_length=300, blank=True)
    diterbitkan_pada = models.DateTimeField(
        _("diterbitkan pada"), null=True, blank=True
    )
    dokumen = models.OneToOneField(
        DokumenResmi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dokumen resmi"),
    )

    class Meta:
        verbose_name = _("evaluasi penerapan SOP AP")
        verbose_name_plural = _("evaluasi penerapan SOP AP")
        ordering = ["perangkat_daerah", "-selesai", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")),
                name="monev_evaluasi_periode_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Evaluasi')} {self.get_jenis_display()} — {self.perangkat_daerah} ({self.mulai:%d/%m/%Y}–{self.selesai:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("monev:evaluasi", args=[self.pk])

    @property
    def diterbitkan(self) -> bool:
        return self.status == StatusForm.DITERBITKAN


class EvaluasiJawaban(models.Model):
    """One question of the evaluation instrument: the answer, the note and the evidence."""

    evaluasi = models.ForeignKey(
        Evaluasi,
        on_delete=models.CASCADE,
        related_name="jawaban",
        verbose_name=_("evaluasi"),
    )
    nomor = models.PositiveSmallIntegerField(_("no."))
    kode = models.CharField(_("kode pertanyaan"), max_length=30)
    pertanyaan = models.TextField(_("pertanyaan"))
    bukti = models.TextField(_("bukti dari pelaksanaan SOP"), blank=True)
    saran_ya = models.BooleanField(_("saran jawaban"), null=True, blank=True)
    ya = models.BooleanField(_("jawaban"), null=True, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("jawaban evaluasi")
        verbose_name_plural = _("jawaban evaluasi")
        ordering = ["evaluasi", "nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluasi", "kode"], name="monev_jawaban_unik_kode"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.pertanyaan}"


class JejakMonev(models.Model):
    """One write of the monitoring and evaluation forms: who, when, what, note."""

    class Aksi(models.TextChoices):
        TUNJUK = "tunjuk", _("Menunjuk penilai")
        SUSUN = "susun", _("Menyusun draf")
        NILAI = "nilai", _("Menyimpan penilaian")
        TERBIT = "terbit", _("Menerbitkan")

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("perangkat daerah"),
    )
    monitoring = models.ForeignKey(
        Monitoring,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jejak",
        verbose_name=_("monitoring"),
    )
    evaluasi = models.ForeignKey(
        Evaluasi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jejak",
        verbose_name=_("evaluasi"),
    )
    aksi = models.CharField(_("tindakan"), max_length=10, choices=Aksi.choices)
    aktor = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name=_("pelaku")
    )
    aktor_nama = models.CharField(_("nama pelaku"), max_length=200)
    waktu = models.DateTimeField(_("waktu"))
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("jejak monev SOP")
        verbose_name_plural = _("jejak monev SOP")
        ordering = ["perangkat_daerah", "waktu", "pk"]

    def __str__(self) -> str:
        return (
            f"{self.waktu:%d/%m/%Y %H.%M} {self.aktor_nama}: {self.get_aksi_display()}"
        )
