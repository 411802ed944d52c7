"""The SOP sheets as data, and the office working calendar.

A sheet (``SOP``) is versioned: a revision is a new row with ``versi + 1``; the old
row stays (``berlaku=False``) and every cycle keeps pointing at the version it ran
with. Multi-line fields hold one list item per line, as the sheet prints them.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisasi.models import Peran


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class JenisSOP(models.TextChoices):
    PENGUMPULAN = "pengumpulan", _("Pengumpulan Data Kinerja")
    PENGUKURAN = "pengukuran", _("Pengukuran Kinerja")


class KodeLangkah(models.TextChoices):
    """Machine keys that tie a sheet's steps to the state machines. A revised sheet
    may reword, renumber or retime its steps but keeps these keys."""

    # SOP A — Pengumpulan Data Kinerja
    DISPOSISI_KADIN = "disposisi_kadin", _("Disposisi Kepala Dinas")
    DISPOSISI_KABID = "disposisi_kabid", _("Disposisi Kabid/Sekretaris")
    PEMBAGIAN_TUGAS = "pembagian_tugas", _("Pembagian tugas")
    PENGUMPULAN_DATA = "pengumpulan_data", _("Pengumpulan data kinerja")
    PEMERIKSAAN = "pemeriksaan", _("Pemeriksaan kelengkapan data")
    PERSIAPAN_PENGUKURAN = "persiapan_pengukuran", _("Persiapan penyusunan dokumen")
    # SOP B — Pengukuran Kinerja
    PERSIAPAN_DATA = "persiapan_data", _("Persiapan data kinerja")
    PENGUKURAN = "pengukuran", _("Pengukuran dan draft dokumen")
    REVIU = "reviu", _("Reviu draft")
    PENGESAHAN = "pengesahan", _("Pengesahan")
    PENGARSIPAN = "pengarsipan", _("Pengarsipan")


KODE_PER_JENIS = {
    JenisSOP.PENGUMPULAN: [
        KodeLangkah.DISPOSISI_KADIN,
        KodeLangkah.DISPOSISI_KABID,
        KodeLangkah.PEMBAGIAN_TUGAS,
        KodeLangkah.PENGUMPULAN_DATA,
        KodeLangkah.PEMERIKSAAN,
        KodeLangkah.PERSIAPAN_PENGUKURAN,
    ],
    JenisSOP.PENGUKURAN: [
        KodeLangkah.PERSIAPAN_DATA,
        KodeLangkah.PENGUKURAN,
        KodeLangkah.REVIU,
        KodeLangkah.PENGESAHAN,
        KodeLangkah.PENGARSIPAN,
    ],
}


class SOPQuerySet(models.QuerySet):
    def berlaku(self):
        return self.filter(berlaku=True)


class SOP(models.Model):
    """One version of an SOP sheet: header table, the lists below it, and its steps."""

    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisSOP.choices)
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    berlaku = models.BooleanField(_("versi berlaku"), default=True)
    instansi = models.TextField(
        _("kop instansi"),
        help_text=_("Satu baris per baris kop, mis. PEMERINTAH KABUPATEN LUMAJANG."),
    )
    nomor = models.CharField(_("nomor SOP"), max_length=60)
    nama = models.CharField(_("nama SOP"), max_length=200)
    tanggal_pembuatan = models.DateField(_("tanggal pembuatan"))
    tanggal_revisi = models.DateField(_("tanggal revisi"), null=True, blank=True)
    tanggal_pengesahan = models.DateField(
        _("tanggal pengesahan"), null=True, blank=True
    )
    disahkan_jabatan = models.TextField(_("disahkan oleh (jabatan)"))
    disahkan_nama = models.CharField(_("disahkan oleh (nama)"), max_length=150)
    disahkan_nip = models.CharField(
        _("NIP pengesah"),
        max_length=40,
        blank=True,
        help_text=_("Seperti tertulis pada lembar SOP."),
    )
    dasar_hukum = models.TextField(
        _("dasar hukum"), help_text=_("Satu butir per baris.")
    )
    kualifikasi = models.TextField(
        _("kualifikasi pelaksana"), help_text=_("Satu butir per baris.")
    )
    keterkaitan = models.TextField(
        _("keterkaitan"), blank=True, help_text=_("Satu butir per baris.")
    )
    peralatan = models.TextField(
        _("peralatan/perlengkapan"), blank=True, help_text=_("Satu butir per baris.")
    )
    peringatan = models.TextField(_("peringatan"), blank=True)
    pencatatan = models.TextField(_("pencatatan dan pendataan"), blank=True)
    judul_diagram = models.CharField(
        _("judul diagram alir"), max_length=200, blank=True
    )
    # [[peran, label as printed], ...] — the swimlane columns, left to right
    kolom_pelaksana = models.JSONField(_("kolom pelaksana"), default=list, blank=True)
    catatan_revisi = models.TextField(_("catatan revisi"), blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    objects = SOPQuerySet.as_manager()

    class Meta:
        verbose_name = _("lembar SOP")
        verbose_name_plural = _("lembar SOP")
        ordering = ["jenis", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["jenis", "versi"], name="sop_unik_versi"),
            models.UniqueConstraint(
                fields=["jenis"], condition=Q(berlaku=True), name="sop_satu_berlaku"
            ),
        ]

    def __str__(self) -> str:
        return f"SOP {self.nama} ({self.nomor}) v{self.versi}"

    @property
    def instansi_baris(self) -> list[str]:
        return _lines(self.instansi)

    @property
    def dasar_hukum_list(self) -> list[str]:
        return _lines(self.dasar_hukum)

    @property
    def kualifikasi_list(self) -> list[str]:
        return _lines(self.kualifikasi)

    @property
    def keterkaitan_list(self) -> list[str]:
        return _lines(self.keterkaitan)

    @property
    def peralatan_list(self) -> list[str]:
        return _lines(self.peralatan)

    def langkah_by_kode(self) -> dict[str, "LangkahSOP"]:
        return {lk.kode: lk for lk in self.langkah.all()}


class WaktuSatuan(models.TextChoices):
    MENIT = "menit", _("menit")
    JAM = "jam", _("jam")
    HARI = "hari", _("hari kerja")


class LangkahSOP(models.Model):
    """One row of the flowchart: activity, actor column and the mutu baku."""

    sop = models.ForeignKey(
        SOP, on_delete=models.CASCADE, related_name="langkah", verbose_name=_("SOP")
    )
    nomor = models.PositiveSmallIntegerField(_("no."))
    kode = models.CharField(
        _("kode langkah"), max_length=30, choices=KodeLangkah.choices
    )
    kegiatan = models.TextField(_("kegiatan"))
    pelaksana = models.CharField(_("pelaksana"), max_length=20, choices=Peran.choices)
    kelengkapan = models.TextField(
        _("kelengkapan"), help_text=_("Satu butir per baris.")
    )
    waktu_nilai = models.PositiveIntegerField(_("waktu"))
    waktu_satuan = models.CharField(
        _("satuan waktu"), max_length=10, choices=WaktuSatuan.choices
    )
    waktu_teks = models.CharField(
        _("waktu (tertulis)"),
        max_length=30,
        blank=True,
        help_text=_("Seperti tertulis, mis. 2 hari."),
    )
    output = models.TextField(_("output"), help_text=_("Satu butir per baris."))
    keterangan = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("langkah SOP")
        verbose_name_plural = _("langkah SOP")
        ordering = ["sop", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["sop", "kode"], name="langkah_unik_kode"),
            models.UniqueConstraint(fields=["sop", "nomor"], name="langkah_unik_nomor"),
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.kegiatan}"

    @property
    def kelengkapan_list(self) -> list[str]:
        return _lines(self.kelengkapan)

    @property
    def output_list(self) -> list[str]:
        return _lines(self.output)

    @property
    def waktu(self) -> str:
        """The time standard as the sheet writes it (`2 hari`), or built from the numbers."""
        return (
            self.waktu_teks or f"{self.waktu_nilai} {self.get_waktu_satuan_display()}"
        )


class JamKerja(models.Model):
    """The office working calendar's week (one row, pk=1): hours and working weekdays."""

    mulai = models.TimeField(_("jam mulai"), default=datetime.time(7, 30))
    selesai = models.TimeField(_("jam selesai"), default=datetime.time(16, 0))
    senin = models.BooleanField(_("Senin"), default=True)
    selasa = models.BooleanField(_("Selasa"), default=True)
    rabu = models.BooleanField(_("Rabu"), default=True)
    kamis = models.BooleanField(_("Kamis"), default=True)
    jumat = models.BooleanField(_("Jumat"), default=True)
    sabtu = models.BooleanField(_("Sabtu"), default=False)
    minggu = models.BooleanField(_("Minggu"), default=False)

    class Meta:
        verbose_name = _("jam kerja")
        verbose_name_plural = _("jam kerja")
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gt=models.F("mulai")),
                name="jamkerja_rentang_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mulai:%H.%M}–{self.selesai:%H.%M}"

    @classmethod
    def aktif(cls) -> "JamKerja":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    @property
    def hari_kerja(self) -> frozenset[int]:
        """Working weekdays as Python's weekday() numbers (Monday = 0)."""
        flags = [
            self.senin,
            self.selasa,
            self.rabu,
            self.kamis,
            self.jumat,
            self.sabtu,
            self.minggu,
        ]
        return frozenset(i for i, on in enumerate(flags) if on)


class HariLibur(models.Model):
    """A day off (national holiday, cuti bersama, local holiday)."""

    class Sumber(models.TextChoices):
        NASIONAL = "nasional", _("Libur nasional (otomatis)")
        MANUAL = "manual", _("Ditambahkan manual")

    tanggal = models.DateField(_("tanggal"), unique=True)
    nama = models.CharField(_("keterangan"), max_length=150)
    sumber = models.CharField(
        _("sumber"), max_length=10, choices=Sumber.choices, default=Sumber.MANUAL
    )

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["tanggal"]

    def __str__(self) -> str:
        return f"{self.tanggal:%d/%m/%Y} {self.nama}"
