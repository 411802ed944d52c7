"""The Rencana Aksi check of a quarter (`guards.kurang_rencana_aksi`, `guards.PK_RA`) names at
most five indicators without the quarter's target, in plan order, and tells a plan without
indicators apart from one whose indicators all have targets."""

from types import SimpleNamespace

import pytest

from kinerja.models import TargetTriwulan
from kinerja.tests.factories import (
    IndikatorFactory,
    PerjanjianKinerjaFactory,
    SasaranFactory,
)
from sop import guards

pytestmark = pytest.mark.django_db


def _siklus(pk, triwulan=2):
    return SimpleNamespace(
        siklus=SimpleNamespace(perjanjian=pk, tahun=pk.tahun, triwulan=triwulan)
    )


def test_names_at_most_five_indicators_without_a_target_in_plan_order():
    pk = PerjanjianKinerjaFactory(tahun=2026)
    s2 = SasaranFactory(perjanjian=pk, urutan=2)
    s1 = SasaranFactory(perjanjian=pk, urutan=1)
    ind = [
        IndikatorFactory(sasaran=s, nama=f"{s.urutan}-{u}", urutan=u)
        for s in (s2, s1)
        for u in (4, 3, 2, 1)
    ]
    assert guards.kurang_rencana_aksi(pk, 2) == [] and guards.PK_RA(_siklus(pk))
    TargetTriwulan.objects.filter(indikator__in=ind, triwulan=2).exclude(
        indikator__nama="1-2"
    ).update(target=None)
    kurang = guards.kurang_rencana_aksi(pk, 2)
    assert kurang == [
        "Rencana Aksi Triwulan II (target triwulan belum ada untuk: 1-1; 1-3; 1-4; 2-1; 2-2)"
    ]
    assert guards.PK_RA.kurang(_siklus(pk)) == kurang
    assert guards.kurang_rencana_aksi(pk, 1) == []


def test_a_plan_without_indicators_or_without_plan_is_named_as_such():
    pk = PerjanjianKinerjaFactory(tahun=2026)
    SasaranFactory(perjanjian=pk)
    assert guards.PK_RA.kurang(_siklus(pk)) == [
        "Indikator kinerja pada Perjanjian Kinerja tahun 2026"
    ]
    assert guards.kurang_rencana_aksi(pk, 2) == []
    tanpa = SimpleNamespace(
        siklus=SimpleNamespace(perjanjian=None, tahun=2026, triwulan=3)
    )
    assert guards.PK_RA.kurang(tanpa) == [
        "Perjanjian Kinerja tahun 2026",
        "Rencana Aksi Triwulan III",
    ]


def test_the_plan_read_names_targets_iku_and_iki():
    """`guards._rencana_baca` reads, in one query, the indicators without the quarter's target
    and whether the plan has an IKU and an IKI."""
    from kinerja.tests.factories import IKIFactory

    lengkap = PerjanjianKinerjaFactory(tahun=2026)
    ind = [
        IndikatorFactory(
            sasaran=SasaranFactory(perjanjian=lengkap), nama=f"i{u}", urutan=u
        )
        for u in range(7)
    ]
    TargetTriwulan.objects.filter(indikator__in=ind[:3], triwulan=3).update(target=None)
    IKIFactory(perjanjian=lengkap, induk_indikator=ind[0])
    tanpa_iku = PerjanjianKinerjaFactory(tahun=2027)
    IndikatorFactory(sasaran=SasaranFactory(perjanjian=tanpa_iku), is_iku=False)
    kosong = PerjanjianKinerjaFactory(tahun=2028)
    assert guards._rencana_baca(kosong, 1) == guards._Rencana(False, [], False, None)
    assert guards._rencana_baca(lengkap, 3) == guards._Rencana(
        True, ["i0", "i1", "i2"], True, True
    )
    assert guards._rencana_baca(tanpa_iku, 1).ada_iku is False
