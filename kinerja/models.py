"""Performance data: the year's plan (Perjanjian Kinerja, Rencana Aksi, IKI)
and the quarter's results (realisasi with bukti dukung).

Frozen-year rule: when the first quarterly cycle of a year opens, the SOP
engine sets `PerjanjianKinerja.dikunci_pada`; from then on the plan changes only
through a new version (`PerjanjianKinerja.versi` + 1, with reason and date).
Quarters keep the version they were measured with (the cycle points to it).
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisasi.models import Jabatan, Pegawai, PerangkatDaerah, Unit

NILAI = dict(max_digits=20, decimal_places=4)


class Triwulan(models.IntegerChoices):
    TW1 = 1, _("Triwulan I")
    TW2 = 2, _("Triwulan II")
    TW3 = 3, _("Triwulan III")
    TW4 = 4, _("Triwulan IV")


TRIWULAN_ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


class Polaritas(models.TextChoices):
    NAIK = "naik", _("Semakin tinggi semakin baik")
    TURUN = "turun", _("Semakin rendah semakin baik")
    RENTANG = "rentang", _("Dalam rentang")


class Agregasi(models.TextChoices):
    """How the quarters roll up to the year (and how quarterly targets read)."""

    JUMLAH = "jumlah", _("Jumlah triwulan")
    TERAKHIR = "terakhir", _("Nilai triwulan terakhir")
    RATA_RATA = "rata_rata", _("Rata-rata triwulan")
    MANUAL = "manual", _("Nilai akhir diisi manual")


class PerjanjianKinerjaQuerySet(models.QuerySet):
    def for_pd(self, pd):
        return self.filter(perangkat_daerah=pd)

    def berlaku(self):
        """The newest version of each (office, year)."""
        return self.filter(berlaku=True)


class PerjanjianKinerja(models.Model):
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="perjanjian_kinerja", verbose_name=_("perangkat daerah"))
    tahun = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    berlaku = models.BooleanField(_("versi berlaku"), default=True)
    tanggal = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)
    pihak_pertama = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("pihak pertama"))
    pihak_kedua_nama = models.CharField(_("nama pihak kedua"), max_length=150, blank=True)
    pihak_kedua_jabatan = models.CharField(_("jabatan pihak kedua"), max_length=150, default="Bupati")
    dikunci_pada = models.DateTimeField(_("dikunci pada"), null=True, blank=True, help_text=_("Diisi saat siklus triwulan pertama dibuka."))
    alasan_revisi = models.TextField(_("alasan revisi"), blank=True)
    tanggal_revisi = models.DateField(_("tanggal revisi"), null=True, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    objects = PerjanjianKinerjaQuerySet.as_manager()

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["perangkat_daerah", "-tahun", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["perangkat_daerah", "tahun", "versi"], name="pk_unik_versi"),
            models.UniqueConstraint(fields=["perangkat_daerah", "tahun"], condition=Q(berlaku=True), name="pk_satu_berlaku"),
        ]

    def __str__(self) -> str:
        return f"PK {self.perangkat_daerah} {self.tahun} v{self.versi}"

    def get_absolute_url(self):
        return reverse("kinerja:pk_detail", args=[self.pk])

    @property
    def terkunci(self) -> bool:
        return self.dikunci_pada is not None


class SasaranStrategis(models.Model):
    perjanjian = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="sasaran", verbose_name=_("perjanjian kinerja"))
    kode = models.CharField(_("kode"), max_length=20, blank=True)
    uraian = models.TextField(_("sasaran strategis"))
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("sasaran strategis")
        verbose_name_plural = _("sasaran strategis")
        ordering = ["perjanjian", "urutan", "pk"]

    def __str__(self) -> str:
        return self.uraian


class IndikatorQuerySet(models.QuerySet):
    def for_pk(self, pk):
        return self.filter(sasaran__perjanjian=pk)

    def iku(self):
        return self.filter(is_iku=True)


class Indikator(models.Model):
    sasaran = models.ForeignKey(SasaranStrategis, on_delete=models.CASCADE, related_name="indikator", verbose_name=_("sasaran strategis"))
    kode = models.CharField(_("kode"), max_length=20, blank=True)
    nama = models.TextField(_("indikator kinerja"))
    satuan = models.CharField(_("satuan"), max_length=50)
    is_iku = models.BooleanField(_("IKU"), default=False)
    polaritas = models.CharField(_("arah"), max_length=10, choices=Polaritas.choices, default=Polaritas.NAIK)
    agregasi = models.CharField(_("agregasi tahunan"), max_length=10, choices=Agregasi.choices, default=Agregasi.TERAKHIR)
    desimal = models.PositiveSmallIntegerField(_("jumlah desimal"), default=2, validators=[MaxValueValidator(4)])
    unit_penanggung_jawab = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="indikator", verbose_name=_("unit penanggung jawab"))
    target_tahunan = models.DecimalField(_("target tahunan"), **NILAI, null=True, blank=True)
    # For Polaritas.RENTANG the yearly target is [target_tahunan, target_tahunan_maks].
    target_tahunan_maks = models.DecimalField(_("batas atas target tahunan"), **NILAI, null=True, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = IndikatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["sasaran__urutan", "sasaran_id", "urutan", "pk"]

    def __str__(self) -> str:
        return self.nama


class TargetTriwulan(models.Model):
    """Rencana Aksi: an indicator's target for one quarter (cumulative or per
    quarter, as the indicator's roll-up reads)."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target_triwulan", verbose_name=_("indikator"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=Triwulan.choices)
    target = models.DecimalField(_("target"), **NILAI, null=True, blank=True)
    target_maks = models.DecimalField(_("batas atas target"), **NILAI, null=True, blank=True)
    rencana_aksi = models.TextField(_("rencana aksi"), blank=True)

    class Meta:
        verbose_name = _("target triwulan")
        verbose_name_plural = _("target triwulan (rencana aksi)")
        ordering = ["indikator", "triwulan"]
        constraints = [models.UniqueConstraint(fields=["indikator", "triwulan"], name="target_unik_triwulan")]

    def __str__(self) -> str:
        return f"{self.indikator} TW{self.triwulan}"


class Program(models.Model):
    """A programme or activity of the PK with its yearly budget (anggaran)."""

    perjanjian = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="program", verbose_name=_("perjanjian kinerja"))
    kode = models.CharField(_("kode"), max_length=30, blank=True)
    nama = models.CharField(_("program/kegiatan"), max_length=300)
    anggaran = models.DecimalField(_("anggaran (Rp)"), max_digits=18, decimal_places=2, default=0, validators=[MinValueValidator(0)])
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["perjanjian", "urutan", "pk"]

    def __str__(self) -> str:
        return self.nama


class AnggaranTriwulan(models.Model):
    """Rencana Aksi of a programme: its planned budget per quarter."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="anggaran_triwulan", verbose_name=_("program"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=Triwulan.choices)
    anggaran = models.DecimalField(_("anggaran (Rp)"), max_digits=18, decimal_places=2, default=0, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["program", "triwulan"]
        constraints = [models.UniqueConstraint(fields=["program", "triwulan"], name="anggaran_unik_triwulan")]


class IKI(models.Model):
    """Indikator Kinerja Individu of an official, cascaded from an IKU or a higher IKI."""

    perjanjian = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="iki", verbose_name=_("perjanjian kinerja"))
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="iki", verbose_name=_("jabatan"))
    induk_indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, null=True, blank=True, related_name="iki", verbose_name=_("IKU induk"))
    induk_iki = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="turunan", verbose_name=_("IKI induk"))
    nama = models.TextField(_("indikator kinerja individu"))
    satuan = models.CharField(_("satuan"), max_length=50)
    polaritas = models.CharField(_("arah"), max_length=10, choices=Polaritas.choices, default=Polaritas.NAIK)
    target_tahunan = models.DecimalField(_("target tahunan"), **NILAI, null=True, blank=True)
    target_tw1 = models.DecimalField(_("target TW I"), **NILAI, null=True, blank=True)
    target_tw2 = models.DecimalField(_("target TW II"), **NILAI, null=True, blank=True)
    target_tw3 = models.DecimalField(_("target TW III"), **NILAI, null=True, blank=True)
    target_tw4 = models.DecimalField(_("target TW IV"), **NILAI, null=True, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("IKI")
        verbose_name_plural = _("IKI")
        ordering = ["perjanjian", "urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(induk_indikator__isnull=False) & Q(induk_iki__isnull=True))
                | (Q(induk_indikator__isnull=True) & Q(induk_iki__isnull=False)),
                name="iki_satu_induk",
            ),
        ]

    def __str__(self) -> str:
        return self.nama


def bukti_upload_to(instance: "BuktiDukung", filename: str) -> str:
    r = instance.realisasi
    # The stored name is generated; the user's name is kept in nama_asli.
    import uuid

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"bukti/{r.indikator.sasaran.perjanjian.perangkat_daerah_id}/{r.indikator.sasaran.perjanjian.tahun}/tw{r.triwulan}/{uuid.uuid4().hex}.{ext}"


class Realisasi(models.Model):
    """The realised value of one indicator in one quarter.

    `revisi` counts saves: a form carries the number it was loaded with, and a
    save whose number is stale is refused (two people editing at once).
    """

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi", verbose_name=_("indikator"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=Triwulan.choices)
    nilai = models.DecimalField(_("realisasi"), **NILAI, null=True, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    diisi_oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("diisi oleh"))
    diisi_pada = models.DateTimeField(_("diisi pada"), null=True, blank=True)
    revisi = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["indikator", "triwulan"]
        constraints = [models.UniqueConstraint(fields=["indikator", "triwulan"], name="realisasi_unik_triwulan")]

    def __str__(self) -> str:
        return f"{self.indikator} TW{self.triwulan}: {self.nilai}"


class BuktiDukung(models.Model):
    realisasi = models.ForeignKey(Realisasi, on_delete=models.PROTECT, related_name="bukti", verbose_name=_("realisasi"))
    berkas = models.FileField(_("berkas"), upload_to=bukti_upload_to, max_length=300)
    nama_asli = models.CharField(_("nama berkas"), max_length=200)
    jenis_konten = models.CharField(_("jenis berkas"), max_length=100)
    ukuran = models.PositiveIntegerField(_("ukuran (byte)"))
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)
    diunggah_oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("diunggah oleh"))
    diunggah_pada = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["realisasi", "diunggah_pada"]

    def __str__(self) -> str:
        return self.nama_asli


class RealisasiAnggaran(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="realisasi", verbose_name=_("program"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=Triwulan.choices)
    nilai = models.DecimalField(_("realisasi anggaran (Rp)"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)])
    diisi_oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    diisi_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("realisasi anggaran")
        verbose_name_plural = _("realisasi anggaran")
        ordering = ["program", "triwulan"]
        constraints = [models.UniqueConstraint(fields=["program", "triwulan"], name="realisasi_anggaran_unik")]


class SkalaPredikat(models.Model):
    """One band of the installation's predikat scale: capaian ≥ batas_bawah → nama.

    Default (Permendagri 86/2017): ≥91 Sangat Tinggi, ≥76 Tinggi, ≥66 Sedang,
    ≥51 Rendah, below Sangat Rendah.
    """

    batas_bawah = models.DecimalField(_("batas bawah capaian (%)"), max_digits=7, decimal_places=2, unique=True)
    nama = models.CharField(_("predikat"), max_length=50)
    warna = models.CharField(_("warna"), max_length=7, default="#6c757d", help_text=_("Kode warna, mis. #198754."))

    class Meta:
        verbose_name = _("skala predikat")
        verbose_name_plural = _("skala predikat")
        ordering = ["-batas_bawah"]

    def __str__(self) -> str:
        return f"≥ {self.batas_bawah}: {self.nama}"


class JejakRencana(models.Model):
    """Append-only trail of the plan's changes: who changed which part of which plan,
    when, and its values before and after (written by the plan services in
    `kinerja.services`, never changed or deleted; read-only in the admin)."""

    class Entitas(models.TextChoices):
        PERJANJIAN = "perjanjian", _("Perjanjian kinerja")
        SASARAN = "sasaran", _("Sasaran strategis")
        INDIKATOR = "indikator", _("Indikator kinerja")
        PROGRAM = "program", _("Program/kegiatan")
        IKI = "iki", _("IKI")

    class Aksi(models.TextChoices):
        BUAT = "buat", _("Dibuat")
        UBAH = "ubah", _("Diubah")
        HAPUS = "hapus", _("Dihapus")
        KUNCI = "kunci", _("Dikunci")
        REVISI = "revisi", _("Direvisi")

    perjanjian = models.ForeignKey(PerjanjianKinerja, on_delete=models.PROTECT, related_name="jejak", verbose_name=_("perjanjian kinerja"))
    waktu = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    aktor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("akun"))
    aktor_nama = models.CharField(_("pelaku"), max_length=250)
    entitas = models.CharField(_("bagian"), max_length=20, choices=Entitas.choices)
    # the changed row's id; kept after the row itself is deleted
    entitas_id = models.PositiveBigIntegerField(_("id bagian"))
    aksi = models.CharField(_("aksi"), max_length=10, choices=Aksi.choices)
    sebelum = models.JSONField(_("sebelum"), null=True, blank=True, encoder=DjangoJSONEncoder)
    sesudah = models.JSONField(_("sesudah"), null=True, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("jejak perubahan rencana")
        verbose_name_plural = _("jejak perubahan rencana")
        ordering = ["-waktu", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_aksi_display()} {self.get_entitas_display()} #{self.entitas_id} — {self.aktor_nama}"
