from decimal import Decimal as D

import pytest
from django.utils import timezone

from kinerja.models import (
    IKI,
    Indikator,
    PerjanjianKinerja,
    Polaritas,
    Realisasi,
    RealisasiAnggaran,
)
from kinerja.selectors import iki_tree, pk_berlaku, tabel_pengukuran

pytestmark = pytest.mark.django_db


def test_demo_office_has_a_locked_plan_for_this_year_with_two_quarters(demo):
    pk = pk_berlaku(pd=demo.dpmptsp, tahun=timezone.localdate().year)
    assert pk is not None and pk.terkunci and pk.pihak_pertama == demo["kadin"]
    assert pk.sasaran.count() == 3
    indikator = Indikator.objects.for_pk(pk)
    assert 8 <= indikator.count() <= 10
    assert {Polaritas.NAIK, Polaritas.TURUN, Polaritas.RENTANG} <= set(
        indikator.values_list("polaritas", flat=True)
    )
    assert indikator.filter(satuan="Rupiah", is_iku=True).exists()
    real = Realisasi.objects.filter(indikator__sasaran__perjanjian=pk)
    assert set(real.values_list("triwulan", flat=True)) == {1, 2}
    assert real.count() == 2 * indikator.count()
    assert set(real.values_list("diisi_oleh", flat=True)) == {demo["timkerja"].pk}
    assert set(
        RealisasiAnggaran.objects.filter(program__perjanjian=pk).values_list(
            "triwulan", flat=True
        )
    ) == {1, 2}
    assert 3 <= pk.program.count() <= 4


def test_demo_measurement_table_and_iki_cascade(demo):
    pk = pk_berlaku(pd=demo.dpmptsp, tahun=timezone.localdate().year)
    t = tabel_pengukuran(perjanjian=pk, triwulan=2)
    aduan = next(b for b in t.baris if b.satuan == "hari")
    assert aduan.polaritas == "turun" and aduan.capaian == D("84")  # (2 − 5.8/5) × 100
    assert aduan.lebih_buruk and aduan.catatan
    assert all(b.realisasi is not None for b in t.baris)
    assert tabel_pengukuran(perjanjian=pk, triwulan=3).jumlah_terisi == 0
    tree = iki_tree(perjanjian=pk)
    tingkat = {n.iki.jabatan.tingkat for c in tree for n in c.anak}
    assert tingkat == {"kepala"}
    assert IKI.objects.filter(perjanjian=pk, jabatan=demo["subkoor"].jabatan).exists()
    assert IKI.objects.filter(perjanjian=pk, jabatan=demo["kasubbag"].jabatan).exists()


def test_second_office_has_its_own_smaller_plan(demo):
    pk = pk_berlaku(pd=demo.kominfo, tahun=timezone.localdate().year)
    assert pk is not None and Indikator.objects.for_pk(pk).count() == 3
    assert (
        PerjanjianKinerja.objects.filter(tahun=timezone.localdate().year).count() == 2
    )
