"""A performance plan of any size for the PDF tests and the render benchmark."""

from __future__ import annotations

from decimal import Decimal

from kinerja.models import (
    Agregasi,
    PerjanjianKinerja,
    Polaritas,
    Realisasi,
    RealisasiAnggaran,
)
from kinerja.tests.factories import (
    IndikatorFactory,
    PerjanjianKinerjaFactory,
    ProgramFactory,
    SasaranFactory,
)
from organisasi.models import Pegawai, PerangkatDaerah


def buat_pk_contoh(
    pd: PerangkatDaerah,
    *,
    jumlah_indikator: int = 6,
    per_sasaran: int = 3,
    program: int = 3,
    tahun: int = 2026,
    pihak_pertama: Pegawai | None = None,
) -> PerjanjianKinerja:
    """PK of `tahun`: sasaran of `per_sasaran` indicators (names `Indikator kinerja <n>`),
    realisasi for TW I and TW II (indicator n realises `n` of a quarterly target of 100,
    capped at 120), and `program` programmes with realised budgets."""
    pk = PerjanjianKinerjaFactory(
        perangkat_daerah=pd, tahun=tahun, pihak_pertama=pihak_pertama
    )
    sasaran = None
    for n in range(1, jumlah_indikator + 1):
        if (n - 1) % per_sasaran == 0:
            s_no = (n - 1) // per_sasaran + 1
            sasaran = SasaranFactory(
                perjanjian=pk,
                urutan=s_no,
                uraian=f"Sasaran strategis {s_no}: meningkatnya "
                "kualitas pelayanan perizinan dan penanaman modal",
            )
        ind = IndikatorFactory(
            sasaran=sasaran,
            urutan=n,
            nama=f"Indikator kinerja {n}",
            satuan="%" if n % 2 else "izin",
            desimal=2 if n % 2 else 0,
            agregasi=Agregasi.TERAKHIR,
            polaritas=Polaritas.NAIK,
            target_tahunan=Decimal("100"),
            targets=[Decimal("100")] * 4,
        )
        for tw in (1, 2):
            Realisasi.objects.create(
                indikator=ind,
                triwulan=tw,
                nilai=Decimal(min(n, 120)) + Decimal("0.5") * (tw - 1),
            )
    for p in range(1, program + 1):
        prog = ProgramFactory(
            perjanjian=pk,
            urutan=p,
            nama=f"Program {p} pelayanan penanaman modal",
            anggaran=Decimal("1200000000.00") * p,
        )
        for tw in (1, 2):
            RealisasiAnggaran.objects.create(
                program=prog, triwulan=tw, nilai=Decimal("250000000.00") * p
            )
    return pk
