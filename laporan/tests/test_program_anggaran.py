"""The dashboard's budget rows from one grouped query equal those from the prefetched programmes."""

from decimal import Decimal

import pytest

from kinerja.models import AnggaranTriwulan, Program, RealisasiAnggaran
from laporan.selectors.dasbor import (
    baris_program,
    baris_program_dari,
    program_anggaran,
    program_prefetch,
)

pytestmark = pytest.mark.django_db


def test_grouped_rows_equal_the_prefetched_ones(demo, rencana):
    # a programme without any quarter rows, and one with a plan but no realisation in TW III
    kosong = Program.objects.create(
        perjanjian=rencana,
        kode="X.1",
        nama="Tanpa rincian",
        anggaran=Decimal("5.00"),
        urutan=99,
    )
    prog = Program.objects.filter(perjanjian=rencana).exclude(pk=kosong.pk).first()
    AnggaranTriwulan.objects.update_or_create(
        program=prog, triwulan=3, defaults={"anggaran": Decimal("0.00")}
    )
    RealisasiAnggaran.objects.filter(program=prog, triwulan=3).delete()
    rows = program_anggaran(rencana)
    prefetched = list(program_prefetch(rencana))
    assert [r["id"] for r in rows] == [p.pk for p in prefetched] and len(rows) >= 2
    for sampai in (1, 2, 3, 4):
        assert [baris_program_dari(r, sampai=sampai) for r in rows] == [
            baris_program(p, sampai=sampai) for p in prefetched
        ]
