"""The quarterly cycle and the two SOP state machines that run in it.

Transitions carry ``custom={"langkah": <KodeLangkah of the step they complete>,
"peran": <role the actor acts in>, "label": <button text>}``. Calling a transition
method does not check permissions or lock anything: always go through
``sop.services`` (``run_transition``), never call these methods directly.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from kinerja.models import TRIWULAN_ROMAWI, Indikator, PerjanjianKinerja, Triwulan
from organisasi.models import Pegawai, Peran, PerangkatDaerah

from .. import guards
from .lembar import SOP, KodeLangkah


class Siklus(ConcurrentTransitionMixin, models.Model):
    """One quarter of one office: one run of SOP A, then one of SOP B."""

    class Status(models.TextChoices):
        BERJALAN = "berjalan", _("Berjalan")
        SIAP_LAPORAN = "siap_laporan", _("Siap untuk laporan kinerja")

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        related_name="siklus",
        verbose_name=_("perangkat daerah"),
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), choices=Triwulan.choices)
    perjanjian = models.ForeignKey(
        PerjanjianKinerja,
        on_delete=models.PROTECT,
        related_name="siklus",
        verbose_name=_("perjanjian kinerja (versi)"),
    )
    sop_pengumpulan = models.ForeignKey(
        SOP,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("SOP pengumpulan data kinerja"),
    )
    sop_pengukuran = models.ForeignKey(
        SOP,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("SOP pengukuran kinerja"),
    )
    status = FSMField(
        _("status"), choices=Status.choices, default=Status.BERJALAN, protected=True
    )
    dibuka_oleh = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dibuka oleh"),
    )
    dibuka_pada = models.DateTimeField(_("dibuka pada"))

    class Meta:
        verbose_name = _("siklus triwulan")
        verbose_name_plural = _("siklus triwulan")
        ordering = ["perangkat_daerah", "-tahun", "-triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun", "triwulan"],
                name="siklus_unik_triwulan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.perangkat_daerah} — {self.periode}"

    def get_absolute_url(self) -> str:
        return reverse("sop:siklus_detail", args=[self.pk])

    @property
    def pd_id(self) -> int:
        return self.perangkat_daerah_id

    @property
    def siklus(self) -> "Siklus":
        return self

    @property
    def periode(self) -> str:
        return f"Triwulan {TRIWULAN_ROMAWI[self.triwulan]} {self.tahun}"

    @transition(
        field=status,
        source=Status.BERJALAN,
        target=Status.SIAP_LAPORAN,
        conditions=[guards.PENGUKURAN_DIARSIPKAN],
        permission=guards.TIM_SAKIP,
        custom={"peran": Peran.TIM_SAKIP, "label": _("Tandai siap laporan")},
    )
    def mark_ready(self) -> None:
        """SOP B archived: the quarter is ready for the performance report."""

    @transition(
        field=status,
        source=Status.SIAP_LAPORAN,
        target=Status.BERJALAN,
        permission=guards.KADIN,
        custom={"peran": Peran.KADIN, "label": _("Buka kembali")},
    )
    def reopen(self) -> None:
        """The Kadin reopens a finished quarter (with a written reason, kept in the trail)."""


class ProsesPengumpulan(ConcurrentTransitionMixin, models.Model):
    """SOP A — Pengumpulan Data Kinerja, one per cycle.

    disposisi_kadin → disposisi_kabid → pembagian_tugas → pengumpulan → persiapan → selesai.
    During `pengumpulan` each Tim Kerja member's task runs its own small machine
    (steps 4 and 5); the last accepted task moves the process to `persiapan`.
    """

    class Status(models.TextChoices):
        DISPOSISI_KADIN = "disposisi_kadin", _("Menunggu disposisi Kepala Dinas")
        DISPOSISI_KABID = "disposisi_kabid", _("Menunggu disposisi Kabid/Sekretaris")
        PEMBAGIAN_TUGAS = "pembagian_tugas", _("Menunggu pembagian tugas")
        PENGUMPULAN = "pengumpulan", _("Pengumpulan dan pemeriksaan data")
        PERSIAPAN = "persiapan", _("Persiapan dokumen pengukuran")
        SELESAI = "selesai", _("Selesai")

    siklus = models.OneToOneField(
        Siklus,
        on_delete=models.PROTECT,
        related_name="pengumpulan",
        verbose_name=_("siklus"),
    )
    status = FSMField(
        _("status"),
        choices=Status.choices,
        default=Status.DISPOSISI_KADIN,
        protected=True,
    )
    catatan_pembagian = models.TextField(_("catatan pembagian tugas"), blank=True)
    catatan_persiapan = models.TextField(_("catatan persiapan"), blank=True)
    dimulai_pada = models.DateTimeField(_("dimulai pada"))
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("proses pengumpulan data kinerja")
        verbose_name_plural = _("proses pengumpulan data kinerja")

    def __str__(self) -> str:
        return f"{_('Pengumpulan Data Kinerja')} — {self.siklus}"

    def get_absolute_url(self) -> str:
        return reverse("sop:siklus_detail", args=[self.siklus_id])

    @property
    def pd_id(self) -> int:
        return self.siklus.perangkat_daerah_id

    def disposisi_terakhir(self, kode: str) -> "Disposisi | None":
        """The latest disposition of step `kode` (1 or 2), with its sender and addressee."""
        if kode == KodeLangkah.DISPOSISI_KADIN:
            return self.disposisi_kadin
        if kode == KodeLangkah.DISPOSISI_KABID:
            return self.disposisi_kabid
        return None

    # Read once per instance (a page and its guards ask several times); `refresh_from_db`
    # forgets them.
    @cached_property
    def disposisi_kadin(self) -> "Disposisi | None":
        return self._baca_disposisi(KodeLangkah.DISPOSISI_KADIN)

    @cached_property
    def disposisi_kabid(self) -> "Disposisi | None":
        return self._baca_disposisi(KodeLangkah.DISPOSISI_KABID)

    def _baca_disposisi(self, kode: str) -> "Disposisi | None":
        return (
            self.disposisi.filter(langkah=kode)
            .select_related("kepada", "dari")
            .order_by("-pk")
            .first()
        )

    def refresh_from_db(self, *args, **kwargs) -> None:
        for nama in ("disposisi_kadin", "disposisi_kabid"):
            self.__dict__.pop(nama, None)
        super().refresh_from_db(*args, **kwargs)

    @transition(
        field=status,
        source=Status.DISPOSISI_KADIN,
        target=Status.DISPOSISI_KABID,
        conditions=[guards.PK_RA],
        permission=guards.KADIN,
        custom={
            "langkah": KodeLangkah.DISPOSISI_KADIN,
            "peran": Peran.KADIN,
            "label": _("Kirim disposisi"),
        },
    )
    def dispose_kadin(self) -> None:
        """Step 1: the Kadin assigns a Kabid/Sekretaris to collect the quarter's data."""

    @transition(
        field=status,
        source=Status.DISPOSISI_KABID,
        target=Status.PEMBAGIAN_TUGAS,
        conditions=[guards.DISPOSISI_KADIN, guards.PK_RA],
        permission=guards.KABID_PENERIMA,
        custom={
            "langkah": KodeLangkah.DISPOSISI_KABID,
            "peran": Peran.KABID,
            "label": _("Kirim disposisi"),
        },
    )
    def dispose_kabid(self) -> None:
        """Step 2: the Kabid/Sekretaris assigns a Kasubbag/Sub Koordinator to prepare the data."""

    @transition(
        field=status,
        source=Status.PEMBAGIAN_TUGAS,
        target=Status.PENGUMPULAN,
        conditions=[guards.DISPOSISI_KABID, guards.PK_RA],
        permission=guards.KASUBBAG_PENERIMA,
        custom={
            "langkah": KodeLangkah.PEMBAGIAN_TUGAS,
            "peran": Peran.KASUBBAG,
            "label": _("Bagikan tugas"),
        },
    )
    def split_tasks(self) -> None:
        """Step 3: the Kasubbag/Sub Koordinator splits the indicators among the Tim Kerja."""

    @transition(
        field=status,
        source=Status.PENGUMPULAN,
        target=Status.PERSIAPAN,
        conditions=[guards.DATA_DITERIMA],
        permission=guards.KASUBBAG_PENERIMA,
        custom={
            "langkah": None,
            "peran": Peran.KASUBBAG,
            "label": _("Data kinerja lengkap"),
        },
    )
    def finish_check(self) -> None:
        """Every task accepted at step 5: the data is complete (run by the last acceptance)."""

    @transition(
        field=status,
        source=Status.PERSIAPAN,
        target=Status.SELESAI,
        conditions=[guards.DATA_DITERIMA, guards.DISPOSISI_KABID],
        permission=guards.KASUBBAG_PENERIMA,
        custom={
            "langkah": KodeLangkah.PERSIAPAN_PENGUKURAN,
            "peran": Peran.KASUBBAG,
            "label": _("Serahkan ke Tim SAKIP"),
        },
    )
    def prepare(self) -> None:
        """Step 6: the data is handed over for the measurement document; SOP B opens."""


class Disposisi(models.Model):
    """A written instruction down the chain (steps 1 and 2), with the year's PK and
    Rencana Aksi attached (`perjanjian`)."""

    proses = models.ForeignKey(
        ProsesPengumpulan,
        on_delete=models.PROTECT,
        related_name="disposisi",
        verbose_name=_("proses"),
    )
    langkah = models.CharField(_("langkah"), max_length=30, choices=KodeLangkah.choices)
    dari = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name=_("dari")
    )
    dari_label = models.CharField(
        _("selaku"), max_length=100, help_text=_("Mis. Plt. Kepala Dinas.")
    )
    kepada = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        related_name="disposisi_diterima",
        verbose_name=_("kepada"),
    )
    isi = models.TextField(_("isi disposisi"))
    tanggal = models.DateField(_("tanggal"))
    perjanjian = models.ForeignKey(
        PerjanjianKinerja,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lampiran: PK dan Rencana Aksi"),
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("disposisi")
        verbose_name_plural = _("disposisi")
        ordering = ["proses", "dibuat_pada", "pk"]

    def __str__(self) -> str:
        return f"{self.dari_label} → {self.kepada}: {self.isi[:60]}"


class TugasPengumpulan(ConcurrentTransitionMixin, models.Model):
    """One Tim Kerja member's share of the task split (step 3) and his run of steps 4–5.

    pengisian → diserahkan → diterima, or → dikembalikan → diserahkan → … as many
    rounds as the completeness check needs (`putaran` counts submissions).
    """

    class Status(models.TextChoices):
        PENGISIAN = "pengisian", _("Sedang diisi")
        DISERAHKAN = "diserahkan", _("Diserahkan, menunggu pemeriksaan")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk dilengkapi/diperbaiki")
        DITERIMA = "diterima", _("Diterima")

    proses = models.ForeignKey(
        ProsesPengumpulan,
        on_delete=models.PROTECT,
        related_name="tugas",
        verbose_name=_("proses"),
    )
    anggota = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        related_name="tugas_pengumpulan",
        verbose_name=_("anggota tim kerja"),
    )
    indikator = models.ManyToManyField(
        Indikator, related_name="tugas_pengumpulan", verbose_name=_("indikator")
    )
    catatan = models.TextField(_("catatan pembagian tugas"), blank=True)
    status = FSMField(
        _("status"), choices=Status.choices, default=Status.PENGISIAN, protected=True
    )
    putaran = models.PositiveSmallIntegerField(_("putaran"), default=1)
    diserahkan_pada = models.DateTimeField(_("diserahkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("tugas pengumpulan data")
        verbose_name_plural = _("tugas pengumpulan data")
        ordering = ["proses", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proses", "anggota"], name="tugas_unik_anggota"
            )
        ]

    def __str__(self) -> str:
        return f"{self.anggota} — {self.proses.siklus}"

    def get_absolute_url(self) -> str:
        return reverse("sop:siklus_detail", args=[self.proses.siklus_id])

    @property
    def siklus(self) -> Siklus:
        return self.proses.siklus

    @property
    def pd_id(self) -> int:
        return self.proses.siklus.perangkat_daerah_id

    @property
    def bisa_diisi(self) -> bool:
        """The member may enter data (and evidence) only while the task is with him."""
        return self.status in (self.Status.PENGISIAN, self.Status.DIKEMBALIKAN)

    @transition(
        field=status,
        source=[Status.PENGISIAN, Status.DIKEMBALIKAN],
        target=Status.DISERAHKAN,
        conditions=[guards.CATATAN_PEMBAGIAN, guards.DRAF_DATA],
        permission=guards.TUGAS_ANGGOTA,
        custom={
            "langkah": KodeLangkah.PENGUMPULAN_DATA,
            "peran": Peran.TIM_KERJA,
            "label": _("Serahkan data"),
        },
    )
    def submit(self) -> None:
        """Step 4: the member hands in his draft data (a value and evidence per indicator)."""

    @transition(
        field=status,
        source=Status.DISERAHKAN,
        target=Status.DITERIMA,
        permission=guards.TUGAS_PEMERIKSA,
        custom={
            "langkah": KodeLangkah.PEMERIKSAAN,
            "peran": Peran.KASUBBAG,
            "label": _("Terima"),
        },
    )
    def accept(self) -> None:
        """Step 5: every indicator of the task passed the completeness check."""

    @transition(
        field=status,
        source=Status.DISERAHKAN,
        target=Status.DIKEMBALIKAN,
        permission=guards.TUGAS_PEMERIKSA,
        custom={
            "langkah": KodeLangkah.PEMERIKSAAN,
            "peran": Peran.KASUBBAG,
            "label": _("Kembalikan"),
        },
    )
    def return_data(self) -> None:
        """Step 5: returned to be completed/corrected, with a written reason per indicator."""


class PemeriksaanIndikator(models.Model):
    """The completeness check of one indicator in one round: accepted, or returned
    with a reason. Rows of earlier rounds stay; the value checked is kept."""

    tugas = models.ForeignKey(
        TugasPengumpulan,
        on_delete=models.PROTECT,
        related_name="pemeriksaan",
        verbose_name=_("tugas"),
    )
    indikator = models.ForeignKey(
        Indikator,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("indikator"),
    )
    putaran = models.PositiveSmallIntegerField(_("putaran"))
    diterima = models.BooleanField(_("diterima"))
    alasan = models.TextField(_("alasan dikembalikan"), blank=True)
    nilai_diperiksa = models.DecimalField(
        _("realisasi yang diperiksa"),
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
    )
    revisi_realisasi = models.PositiveIntegerField(_("revisi realisasi"), default=0)
    diperiksa_oleh = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diperiksa oleh"),
    )
    diperiksa_pada = models.DateTimeField(_("diperiksa pada"))

    class Meta:
        verbose_name = _("pemeriksaan indikator")
        verbose_name_plural = _("pemeriksaan indikator")
        ordering = ["tugas", "putaran", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tugas", "indikator", "putaran"],
                name="pemeriksaan_unik_putaran",
            ),
        ]

    def __str__(self) -> str:
        hasil = _("diterima") if self.diterima else _("dikembalikan")
        return f"{self.indikator} — {hasil} ({self.putaran})"


class ProsesPengukuran(ConcurrentTransitionMixin, models.Model):
    """SOP B — Pengukuran Kinerja, opened when SOP A completes.

    persiapan → pengukuran → reviu → (pengukuran ↺ | pengesahan) → pengarsipan → diarsipkan;
    a reopened quarter goes back from diarsipkan to pengukuran.
    """

    class Status(models.TextChoices):
        PERSIAPAN = "persiapan", _("Persiapan data kinerja")
        PENGUKURAN = "pengukuran", _("Pengukuran dan penyusunan draft")
        REVIU = "reviu", _("Reviu draft oleh Kepala Dinas")
        PENGESAHAN = "pengesahan", _("Menunggu pengesahan")
        PENGARSIPAN = "pengarsipan", _("Menunggu pengarsipan")
        DIARSIPKAN = "diarsipkan", _("Diarsipkan")

    siklus = models.OneToOneField(
        Siklus,
        on_delete=models.PROTECT,
        related_name="pengukuran",
        verbose_name=_("siklus"),
    )
    status = FSMField(
        _("status"), choices=Status.choices, default=Status.PERSIAPAN, protected=True
    )
    catatan_persiapan = models.TextField(_("catatan persiapan"), blank=True)
    dimulai_pada = models.DateTimeField(_("dimulai pada"))
    selesai_pada = models.DateTimeField(_("diarsipkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("proses pengukuran kinerja")
        verbose_name_plural = _("proses pengukuran kinerja")

    def __str__(self) -> str:
        return f"{_('Pengukuran Kinerja')} — {self.siklus}"

    def get_absolute_url(self) -> str:
        return reverse("sop:siklus_detail", args=[self.siklus_id])

    @property
    def pd_id(self) -> int:
        return self.siklus.perangkat_daerah_id

    @property
    def draft_terakhir(self) -> "DraftPengukuran | None":
        return self.draft.order_by("-revisi").first()

    @property
    def dokumen_terakhir(self) -> "DokumenPengukuran | None":
        return self.dokumen.order_by("-versi").first()

    @transition(
        field=status,
        source=Status.PERSIAPAN,
        target=Status.PENGUKURAN,
        conditions=guards.SYARAT_PENGUKURAN,
        permission=guards.TIM_SAKIP,
        custom={
            "langkah": KodeLangkah.PERSIAPAN_DATA,
            "peran": Peran.TIM_SAKIP,
            "label": _("Data siap"),
        },
    )
    def prepare(self) -> None:
        """Step 1: Tim SAKIP has the PK, Rencana Aksi, IKU, IKI and the accepted data ready."""

    @transition(
        field=status,
        source=Status.PENGUKURAN,
        target=Status.REVIU,
        conditions=guards.SYARAT_PENGUKURAN,
        permission=guards.TIM_SAKIP,
        custom={
            "langkah": KodeLangkah.PENGUKURAN,
            "peran": Peran.TIM_SAKIP,
            "label": _("Ajukan draft"),
        },
    )
    def submit_draft(self) -> None:
        """Step 2: the measurement is drafted (a new DraftPengukuran revision) and sent for review."""

    @transition(
        field=status,
        source=Status.REVIU,
        target=Status.PENGUKURAN,
        conditions=[guards.DRAFT_REVIU],
        permission=guards.KADIN,
        custom={
            "langkah": KodeLangkah.REVIU,
            "peran": Peran.KADIN,
            "label": _("Kembalikan draft"),
        },
    )
    def return_draft(self) -> None:
        """Step 3: the Kadin sends the draft back with notes."""

    @transition(
        field=status,
        source=Status.REVIU,
        target=Status.PENGESAHAN,
        conditions=[guards.DRAFT_REVIU],
        permission=guards.KADIN,
        custom={
            "langkah": KodeLangkah.REVIU,
            "peran": Peran.KADIN,
            "label": _("Setujui draft"),
        },
    )
    def pass_review(self) -> None:
        """Step 3: the Kadin passes the draft."""

    @transition(
        field=status,
        source=Status.PENGESAHAN,
        target=Status.PENGARSIPAN,
        conditions=[guards.DRAFT_LOLOS],
        permission=guards.KADIN,
        custom={
            "langkah": KodeLangkah.PENGESAHAN,
            "peran": Peran.KADIN,
            "label": _("Sahkan"),
        },
    )
    def ratify(self) -> None:
        """Step 4: the Kadin ratifies (signs) the reviewed draft."""

    @transition(
        field=status,
        source=Status.PENGARSIPAN,
        target=Status.DIARSIPKAN,
        conditions=[guards.DOKUMEN],
        permission=guards.TIM_SAKIP,
        custom={
            "langkah": KodeLangkah.PENGARSIPAN,
            "peran": Peran.TIM_SAKIP,
            "label": _("Arsipkan"),
        },
    )
    def archive(self) -> None:
        """Step 5: Tim SAKIP archives the signed document; the quarter is ready for the report."""

    @transition(
        field=status,
        source=Status.DIARSIPKAN,
        target=Status.PENGUKURAN,
        permission=guards.KADIN,
        custom={"langkah": None, "peran": Peran.KADIN, "label": _("Buka kembali")},
    )
    def reopen(self) -> None:
        """The quarter is reopened: measure again; the signed documents stay archived."""


class DraftPengukuran(models.Model):
    """One revision of the measurement draft: a JSON snapshot of the measurement
    table when it was submitted, and the Kadin's review of it. Every revision is kept."""

    class Hasil(models.TextChoices):
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
        LOLOS = "lolos", _("Disetujui")

    proses = models.ForeignKey(
        ProsesPengukuran,
        on_delete=models.PROTECT,
        related_name="draft",
        verbose_name=_("proses"),
    )
    revisi = models.PositiveSmallIntegerField(_("revisi"))
    data = models.JSONField(_("tabel pengukuran"))
    catatan = models.TextField(_("catatan Tim SAKIP"), blank=True)
    dibuat_oleh = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("disusun oleh"),
    )
    dibuat_pada = models.DateTimeField(_("disusun pada"))
    hasil_reviu = models.CharField(
        _("hasil reviu"), max_length=15, choices=Hasil.choices, blank=True
    )
    catatan_reviu = models.TextField(_("catatan reviu"), blank=True)
    direviu_oleh = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("direviu oleh"),
    )
    direviu_pada = models.DateTimeField(_("direviu pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("draft pengukuran kinerja")
        verbose_name_plural = _("draft pengukuran kinerja")
        ordering = ["proses", "revisi"]
        constraints = [
            models.UniqueConstraint(
                fields=["proses", "revisi"], name="draft_unik_revisi"
            )
        ]

    def __str__(self) -> str:
        return f"Draft {self.revisi} — {self.proses.siklus}"


def dokumen_upload_to(instance: "DokumenPengukuran", filename: str) -> str:
    s = instance.proses.siklus
    return f"pengukuran/{s.perangkat_daerah_id}/{s.tahun}/tw{s.triwulan}/v{instance.versi}.pdf"


class DokumenPengukuran(models.Model):
    """The ratified measurement document (step 4). A reopened quarter ratifies a new
    version; earlier versions stay. `berkas`/`sha256` are filled by the documents
    module through `sop.ratification.build_final_document`."""

    proses = models.ForeignKey(
        ProsesPengukuran,
        on_delete=models.PROTECT,
        related_name="dokumen",
        verbose_name=_("proses"),
    )
    draft = models.OneToOneField(
        DraftPengukuran,
        on_delete=models.PROTECT,
        related_name="dokumen",
        verbose_name=_("draft yang disahkan"),
    )
    versi = models.PositiveSmallIntegerField(_("versi"))
    disahkan_oleh = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("disahkan oleh"),
    )
    disahkan_sebagai = models.CharField(
        _("selaku"), max_length=100, help_text=_("Mis. Plt. Kepala Dinas.")
    )
    disahkan_nama = models.CharField(_("nama pengesah"), max_length=200)
    disahkan_nip = models.CharField(_("NIP pengesah"), max_length=18)
    disahkan_pada = models.DateTimeField(_("disahkan pada"))
    berkas = models.FileField(
        _("berkas"), upload_to=dokumen_upload_to, max_length=300, blank=True
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    diarsipkan_oleh = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diarsipkan oleh"),
    )
    diarsipkan_pada = models.DateTimeField(_("diarsipkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("dokumen pengukuran kinerja")
        verbose_name_plural = _("dokumen pengukuran kinerja")
        ordering = ["proses", "versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["proses", "versi"], name="dokumen_unik_versi"
            )
        ]

    def __str__(self) -> str:
        return f"Dokumen Pengukuran Kinerja {self.proses.siklus} v{self.versi}"
