"""The kabupaten view of the administrator: per office and SOP the latest issued
monitoring and evaluation, and which steps run late across the kabupaten.

Five queries whatever the number of offices, forms and runs: the offices, the latest
issued monitoring per office and SOP with its counts of procedures judged well / not
well, the same for the evaluations (answers Ya / Tidak), the sheets' steps, and the
runs completed in the period counted per step and office by the database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery

from organisasi.models import PerangkatDaerah
from sop.models import JenisSOP, LangkahBerjalan, LangkahSOP

from .. import aturan
from ..models import Evaluasi, Monitoring, StatusForm
from .angka import rentang


@dataclass
class BarisKantor:
    kantor: PerangkatDaerah
    # jenis -> latest issued form (annotated with its counts) or None
    monitoring: dict[str, Monitoring | None] = field(default_factory=dict)
    evaluasi: dict[str, Evaluasi | None] = field(default_factory=dict)

    @property
    def per_sop(self) -> list[tuple[str, Monitoring | None, Evaluasi | None]]:
        """(SOP name, latest monitoring, latest evaluation) in the order of the SOPs."""
        return [
            (label, self.monitoring.get(v), self.evaluasi.get(v))
            for v, label in JenisSOP.choices
        ]


@dataclass
class LangkahKabupaten:
    jenis: str
    nomor: int
    kode: str
    kegiatan: str
    standar: str
    jumlah: int = 0
    tepat: int = 0
    kantor: int = 0
    kantor_di_bawah: list[str] = field(default_factory=list)

    @property
    def persen_tepat(self) -> Decimal | None:
        return aturan.persen_tepat(self.tepat, self.jumlah)


@dataclass(frozen=True)
class Kabupaten:
    kantor: list[BarisKantor]
    langkah: list[LangkahKabupaten]
    jenis: list[tuple[str, str]]


def _terbaru(model):
    """The latest issued form of each office and SOP."""
    terbaru = (
        model.objects.filter(
            perangkat_daerah=OuterRef("perangkat_daerah"),
            jenis=OuterRef("jenis"),
            status=StatusForm.DITERBITKAN,
        )
        .order_by("-selesai", "-pk")
        .values("pk")[:1]
    )
    return model.objects.filter(
        status=StatusForm.DITERBITKAN, pk=Subquery(terbaru)
    ).select_related("dokumen")


def kabupaten(
    *, mulai: datetime.date, selesai: datetime.date, ambang: int
) -> Kabupaten:
    kantor = list(PerangkatDaerah.objects.order_by("nama"))
    baris = {
        pd.pk: BarisKantor(
            kantor=pd,
            monitoring=dict.fromkeys(JenisSOP.values),
            evaluasi=dict.fromkeys(JenisSOP.values),
        )
        for pd in kantor
    }
    for m in _terbaru(Monitoring).annotate(
        jumlah_baik=Count("langkah", filter=Q(langkah__baik=True)),
        jumlah_tidak=Count("langkah", filter=Q(langkah__baik=False)),
    ):
        baris[m.perangkat_daerah_id].monitoring[m.jenis] = m
    for ev in _terbaru(Evaluasi).annotate(
        jumlah_ya=Count("jawaban", filter=Q(jawaban__ya=True)),
        jumlah_tidak=Count("jawaban", filter=Q(jawaban__ya=False)),
    ):
        baris[ev.perangkat_daerah_id].evaluasi[ev.jenis] = ev

    langkah = {
        lk.kode: LangkahKabupaten(
            jenis=lk.sop.jenis,
            nomor=lk.nomor,
            kode=lk.kode,
            kegiatan=lk.kegiatan,
            standar=lk.waktu,
        )
        for lk in LangkahSOP.objects.filter(sop__berlaku=True)
        .select_related("sop")
        .order_by("sop__jenis", "nomor")
    }
    nama = {pd.pk: pd.singkatan for pd in kantor}
    awal, akhir = rentang(mulai, selesai)
    for row in (
        LangkahBerjalan.objects.filter(
            selesai__gte=awal, selesai__lt=akhir, kode__in=list(langkah)
        )
        .values("kode", "siklus__perangkat_daerah_id")
        .annotate(jumlah=Count("pk"), tepat=Count("pk", filter=Q(terlambat=False)))
        .order_by("kode", "siklus__perangkat_daerah_id")
    ):
        lk = langkah[row["kode"]]
        lk.jumlah += row["jumlah"]
        lk.tepat += row["tepat"]
        lk.kantor += 1
        if Decimal(row["tepat"] * 100) < Decimal(ambang * row["jumlah"]):
            lk.kantor_di_bawah.append(nama.get(row["siklus__perangkat_daerah_id"], ""))
    terlambat = sorted(
        (lk for lk in langkah.values() if lk.jumlah),
        key=lambda lk: (lk.persen_tepat, lk.jenis, lk.nomor),
    )
    return Kabupaten(
        kantor=list(baris.values()), langkah=terlambat, jenis=list(JenisSOP.choices)
    )
