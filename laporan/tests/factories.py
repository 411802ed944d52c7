"""Plans, quarters and step runs for the report tests, built with the kinerja factories."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from kinerja.models import Agregasi, PerjanjianKinerja, Polaritas, Realisasi
from kinerja.tests.factories import (
    IndikatorFactory,
    PerjanjianKinerjaFactory,
    ProgramFactory,
    RealisasiAnggaranFactory,
    SasaranFactory,
)
from sop.models import SOP, JenisSOP, LangkahBerjalan, LangkahSOP, Siklus

POLA = [
    (Polaritas.NAIK, Agregasi.JUMLAH, Decimal("400")),
    (Polaritas.TURUN, Agregasi.TERAKHIR, Decimal("10")),
    (Polaritas.NAIK, Agregasi.RATA_RATA, Decimal("85")),
]


def realisasi_contoh(
    urutan: int, tw: int, target_tahunan: Decimal, agregasi: str
) -> Decimal:
    """A made-up quarterly value that varies with the indicator and the quarter."""
    per_tw = target_tahunan / 4 if agregasi == Agregasi.JUMLAH else target_tahunan
    return (per_tw * Decimal(70 + 9 * urutan + 6 * tw) / 100).quantize(Decimal("0.01"))


def buat_rencana(
    pd,
    *,
    tahun: int,
    indikator: int = 3,
    program: int = 2,
    sampai: int = 2,
    sasaran: int = 1,
    iku: bool = True,
    versi: int = 1,
) -> PerjanjianKinerja:
    """A plan of `tahun` for `pd`: `indikator` indicators (spread over `sasaran` goals, mixing
    directions and roll-ups), realisasi for TW I … TW `sampai`, `program` programmes with spending."""
    pk = PerjanjianKinerjaFactory(perangkat_daerah=pd, tahun=tahun, versi=versi)
    goals = [SasaranFactory(perjanjian=pk, kode=f"SS{n + 1}") for n in range(sasaran)]
    for n in range(indikator):
        polaritas, agregasi, target = POLA[n % len(POLA)]
        ind = IndikatorFactory(
            sasaran=goals[n % sasaran],
            kode=f"IKU-{n + 1}",
            nama=f"Indikator kinerja {n + 1}",
            is_iku=iku,
            polaritas=polaritas,
            agregasi=agregasi,
            target_tahunan=target,
            desimal=2,
            satuan="%" if n % 3 else "izin",
        )
        for tw in range(1, sampai + 1):
            Realisasi.objects.create(
                indikator=ind,
                triwulan=tw,
                nilai=realisasi_contoh(n, tw, target, agregasi),
                revisi=1,
                catatan=f"Catatan TW {tw} indikator {n + 1}"
                if tw == sampai and n == 0
                else "",
            )
    for n in range(program):
        prog = ProgramFactory(
            perjanjian=pk,
            nama=f"Program {n + 1}",
            anggaran=Decimal("400000000") * (n + 1),
        )
        for tw in range(1, sampai + 1):
            RealisasiAnggaranFactory(
                program=prog,
                triwulan=tw,
                nilai=Decimal("70000000") * (n + 1) + tw * 1000000,
            )
    return pk


def buat_siklus(pd, pk, *, triwulan: int, oleh) -> Siklus:
    """A quarter opened directly in the database (no SOP step taken), for timing rows."""
    return Siklus.objects.create(
        perangkat_daerah=pd,
        tahun=pk.tahun,
        triwulan=triwulan,
        perjanjian=pk,
        sop_pengumpulan=SOP.objects.get(jenis=JenisSOP.PENGUMPULAN, berlaku=True),
        sop_pengukuran=SOP.objects.get(jenis=JenisSOP.PENGUKURAN, berlaku=True),
        dibuka_oleh=oleh,
        dibuka_pada=timezone.now(),
    )


def buat_langkah(
    siklus: Siklus,
    kode: str,
    *,
    menit: int | None,
    standar: int,
    mulai: datetime.datetime | None = None,
    putaran: int = 1,
) -> LangkahBerjalan:
    """One run of step `kode` in `siklus` that took `menit` working minutes (None: still open)."""
    langkah = LangkahSOP.objects.get(sop__berlaku=True, kode=kode)
    mulai = mulai or timezone.now() - datetime.timedelta(days=1)
    selesai = None if menit is None else mulai + datetime.timedelta(minutes=menit)
    return LangkahBerjalan.objects.create(
        siklus=siklus,
        langkah=langkah,
        kode=kode,
        putaran=putaran,
        menunggu_peran=langkah.pelaksana,
        mulai=mulai,
        standar_menit=standar,
        selesai=selesai,
        menit_kerja=menit,
        terlambat=None if menit is None else menit > standar,
    )
