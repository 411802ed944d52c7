"""`services.tugas_grid_save`: one page of a member's data entry grid saved all or nothing,
by the member only, with one trail row when something was stored."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.models import BuktiDukung, Realisasi
from kinerja.services import KonflikRevisi
from sop import services
from sop.models import Jejak
from sop.services import IsianBaris
from sop.tests.factories import bukti

pytestmark = pytest.mark.django_db


def _dua(quarter):
    quarter.upto("fill")
    t = quarter.tugas("timkerja")
    a, b = list(t.indikator.order_by("pk"))
    return t, a, b


def test_values_and_files_are_stored_with_one_trail_row(demo, quarter):
    t, a, b = _dua(quarter)
    jejak = Jejak.objects.filter(siklus=quarter.siklus).count()
    galat = services.tugas_grid_save(
        tugas=t,
        actor=demo["timkerja"].user,
        isian=[
            IsianBaris(
                indikator=a,
                nilai_berubah=True,
                nilai=Decimal("12.5"),
                catatan="SIMPEL",
                berkas=bukti(),
            ),
            IsianBaris(indikator=b, nilai_berubah=True, nilai=Decimal("7")),
        ],
    )
    assert galat == []
    assert Realisasi.objects.get(indikator=a, triwulan=1).nilai == Decimal("12.5")
    assert Realisasi.objects.get(indikator=b, triwulan=1).nilai == Decimal("7")
    assert BuktiDukung.objects.filter(realisasi__indikator=a).count() == 1
    baru = Jejak.objects.filter(siklus=quarter.siklus).order_by("pk")
    assert baru.count() == jejak + 1
    row = baru.last()
    assert row.transisi == "save_draft" and row.aktor == demo["timkerja"]
    assert "2 realisasi, 1 bukti dukung" in row.output


def test_nothing_changed_writes_no_trail_row(demo, quarter):
    t, a, _b = _dua(quarter)
    jejak = Jejak.objects.filter(siklus=quarter.siklus).count()
    assert (
        services.tugas_grid_save(
            tugas=t, actor=demo["timkerja"].user, isian=[IsianBaris(indikator=a)]
        )
        == []
    )
    assert Jejak.objects.filter(siklus=quarter.siklus).count() == jejak


def test_one_refused_row_stores_nothing_and_names_the_row(demo, quarter):
    """A file on a row without a value is refused: the other row's value and file are
    rolled back (the file removed from storage too)."""
    t, a, b = _dua(quarter)
    galat = services.tugas_grid_save(
        tugas=t,
        actor=demo["timkerja"].user,
        isian=[
            IsianBaris(
                indikator=a, nilai_berubah=True, nilai=Decimal("10"), berkas=bukti()
            ),
            IsianBaris(
                indikator=b, berkas=bukti()
            ),  # no realisasi yet: its evidence is refused
        ],
    )
    assert [(g.indikator_id, g.medan, type(g.galat)) for g in galat] == [
        (b.pk, None, ValidationError)
    ]
    assert not Realisasi.objects.filter(indikator__in=[a, b]).exists()
    assert not BuktiDukung.objects.exists()


def test_a_value_saved_meanwhile_is_a_conflict_on_its_field(demo, quarter):
    t, a, _b = _dua(quarter)
    user = demo["timkerja"].user
    services.tugas_realisasi_save(
        tugas=t, indikator=a, nilai=Decimal("20"), catatan="", actor=user
    )
    galat = services.tugas_grid_save(
        tugas=t,
        actor=user,
        isian=[
            IsianBaris(
                indikator=a,
                nilai_berubah=True,
                nilai=Decimal("40"),
                revisi_diharapkan=0,
            ),
        ],
    )
    assert [(g.indikator_id, g.medan) for g in galat] == [(a.pk, "nilai")]
    assert (
        isinstance(galat[0].galat, KonflikRevisi)
        and galat[0].galat.realisasi.revisi == 1
    )
    assert Realisasi.objects.get(indikator=a, triwulan=1).nilai == Decimal("20")


def test_only_the_member_saves_his_grid(demo, quarter):
    t, a, _b = _dua(quarter)
    with pytest.raises(PermissionDenied):
        services.tugas_grid_save(
            tugas=t,
            actor=demo["timkerja2"].user,
            isian=[
                IsianBaris(indikator=a, nilai_berubah=True, nilai=Decimal("1")),
            ],
        )
    assert not Realisasi.objects.filter(indikator=a).exists()
