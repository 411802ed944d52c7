"""A small performance plan for the SOP tests, and helpers that drive a quarter
through the two SOPs with the demo people (always through `sop.services`)."""

from __future__ import annotations

from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.models import (
    IKI,
    Indikator,
    PerjanjianKinerja,
    SasaranStrategis,
    TargetTriwulan,
)
from sop import services
from sop.models import ProsesPengukuran, Siklus, TugasPengumpulan

TAHUN = 2025
TRIWULAN = 1

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def bukti(name: str = "bukti.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


class PerjanjianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerjanjianKinerja

    tahun = TAHUN
    versi = 1
    berlaku = True


class SasaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SasaranStrategis

    uraian = factory.Sequence(
        lambda n: f"Meningkatnya kualitas pelayanan perizinan {n}"
    )


class IndikatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indikator

    nama = factory.Sequence(lambda n: f"Indikator uji {n}")
    satuan = "%"
    is_iku = True
    target_tahunan = Decimal("100")


def make_plan(
    pd,
    *,
    tahun: int = TAHUN,
    indikator: int = 3,
    iki: bool = True,
    rencana_aksi: bool = True,
    jabatan=None,
) -> PerjanjianKinerja:
    """PK of `tahun` for office `pd`: one sasaran, `indikator` IKU indicators with a
    target in every quarter (unless `rencana_aksi=False`), and one IKI."""
    pk = PerjanjianFactory(perangkat_daerah=pd, tahun=tahun)
    sasaran = SasaranFactory(perjanjian=pk)
    inds = [
        IndikatorFactory(
            sasaran=sasaran, urutan=i, nama=f"Indikator {i + 1} {pd.singkatan}"
        )
        for i in range(indikator)
    ]
    if rencana_aksi:
        for ind in inds:
            for tw in (1, 2, 3, 4):
                TargetTriwulan.objects.create(
                    indikator=ind, triwulan=tw, target=Decimal("25") * tw
                )
    if iki and inds:
        jab = jabatan or pd.jabatan.first()
        IKI.objects.create(
            perjanjian=pk,
            jabatan=jab,
            induk_indikator=inds[0],
            nama="IKI uji",
            satuan="%",
            target_tahunan=Decimal("90"),
        )
    return pk


def u(demo, name: str):
    return demo[name].user


class Quarter:
    """Drives one quarter of DPMPTSP with the demo people, step by step.

    Each method takes the step with the right person; `upto(name)` brings the
    quarter to the state just before the named step.
    """

    ORDER = [
        "open",
        "dispose_kadin",
        "dispose_kabid",
        "split_tasks",
        "fill",
        "submit",
        "check",
        "prepare_a",
        "prepare_b",
        "submit_draft",
        "pass_review",
        "ratify",
        "archive",
    ]

    def __init__(
        self, demo, *, triwulan: int = TRIWULAN, tahun: int = TAHUN, nilai=None
    ):
        self.demo = demo
        self.triwulan = triwulan
        self.tahun = tahun
        self.nilai = (
            nilai  # indikator -> Decimal for fill(); default the `nilai` argument
        )
        self.siklus: Siklus | None = None

    # --- accessors
    def refresh(self) -> Siklus:
        self.siklus = Siklus.objects.get(pk=self.siklus.pk)
        return self.siklus

    @property
    def a(self):
        return self.refresh().pengumpulan

    @property
    def b(self) -> ProsesPengukuran:
        return self.refresh().pengukuran

    def tugas(self, name: str) -> TugasPengumpulan:
        return TugasPengumpulan.objects.get(
            proses__siklus=self.siklus, anggota=self.demo[name]
        )

    @property
    def indikator(self) -> list[Indikator]:
        return list(
            Indikator.objects.for_pk(self.refresh().perjanjian).order_by("urutan", "pk")
        )

    # --- steps
    def open(self, who: str = "kadin") -> Siklus:
        self.siklus = services.siklus_open(
            pd=self.demo.dpmptsp,
            tahun=self.tahun,
            triwulan=self.triwulan,
            actor=u(self.demo, who),
        )
        return self.siklus

    def dispose_kadin(self, who: str = "kadin", kepada: str = "kabid"):
        return services.pengumpulan_dispose_kadin(
            proses=self.a,
            actor=u(self.demo, who),
            kepada=self.demo[kepada],
            isi="Mohon kumpulkan data kinerja triwulan ini.",
        )

    def dispose_kabid(self, who: str = "kabid", kepada: str = "kasubbag"):
        return services.pengumpulan_dispose_kabid(
            proses=self.a,
            actor=u(self.demo, who),
            kepada=self.demo[kepada],
            isi="Siapkan data kinerja bersama Tim Kerja.",
        )

    def split_tasks(self, who: str = "kasubbag"):
        ind = self.indikator
        return services.pengumpulan_split_tasks(
            proses=self.a,
            actor=u(self.demo, who),
            pembagian={
                self.demo["timkerja"]: ind[:-1],
                self.demo["timkerja2"]: ind[-1:],
            },
            catatan="Dewi: indikator 1–2; Fajar: indikator 3.",
        )

    def fill(
        self, member: str = "timkerja", nilai: str = "20", with_bukti: bool = True
    ):
        t = self.tugas(member)
        for ind in t.indikator.all():
            value = self.nilai(ind) if self.nilai else Decimal(nilai)
            services.tugas_realisasi_save(
                tugas=t,
                indikator=ind,
                nilai=value,
                catatan="Data dari SIMPEL",
                actor=u(self.demo, member),
            )
            if with_bukti:
                services.tugas_bukti_add(
                    tugas=t, indikator=ind, berkas=bukti(), actor=u(self.demo, member)
                )

    def submit(self, member: str = "timkerja", who: str | None = None):
        return services.tugas_submit(
            tugas=self.tugas(member), actor=u(self.demo, who or member)
        )

    def check(
        self,
        member: str = "timkerja",
        who: str = "kasubbag",
        dikembalikan: dict | None = None,
    ):
        return services.tugas_check(
            tugas=self.tugas(member), actor=u(self.demo, who), dikembalikan=dikembalikan
        )

    def collect_all(self):
        for m in ("timkerja", "timkerja2"):
            self.fill(m)
            self.submit(m)
            self.check(m)

    def prepare_a(self, who: str = "kasubbag"):
        return services.pengumpulan_prepare(
            proses=self.a, actor=u(self.demo, who), catatan="Data lengkap."
        )

    def prepare_b(self, who: str = "timsakip"):
        return services.pengukuran_prepare(proses=self.b, actor=u(self.demo, who))

    def submit_draft(self, who: str = "timsakip"):
        return services.pengukuran_draft_submit(
            proses=self.b, actor=u(self.demo, who), catatan="Draft pengukuran."
        )

    def pass_review(self, who: str = "kadin"):
        return services.pengukuran_draft_pass(proses=self.b, actor=u(self.demo, who))

    def return_draft(
        self, who: str = "kadin", catatan: str = "Periksa kembali capaian indikator 2."
    ):
        return services.pengukuran_draft_return(
            proses=self.b, actor=u(self.demo, who), catatan=catatan
        )

    def ratify(self, who: str = "kadin"):
        return services.pengukuran_ratify(proses=self.b, actor=u(self.demo, who))

    def archive(self, who: str = "timsakip"):
        return services.pengukuran_archive(proses=self.b, actor=u(self.demo, who))

    def upto(self, step: str, *, after: str | None = None) -> "Quarter":
        """Take every step before `step` (names of ORDER), starting after `after` when
        given. "check" accepts both members' data, so upto("check") leaves timkerja's
        task submitted and waiting for the check."""
        order = self.ORDER[self.ORDER.index(after) + 1 :] if after else self.ORDER
        for name in order:
            if name == step:
                return self
            if name == "fill":
                self.fill("timkerja")
            elif name == "submit":
                self.submit("timkerja")
            elif name == "check":
                self.check("timkerja")
                self.fill("timkerja2")
                self.submit("timkerja2")
                self.check("timkerja2")
            else:
                getattr(self, name)()
        return self

    def finish(self) -> "Quarter":
        self.upto("__end__")
        return self
