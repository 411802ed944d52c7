import json
from decimal import Decimal as D

import pytest

from kinerja import calculations as calc
from kinerja import selectors
from kinerja.models import Agregasi, Polaritas, SkalaPredikat
from kinerja.selectors import TabelPengukuran, iki_tree, pk_berlaku, tabel_pengukuran
from organisasi.models import Jabatan
from organisasi.tests.factories import JabatanFactory, UnitFactory

from .factories import (
    IKIFactory,
    IndikatorFactory,
    PerjanjianKinerjaFactory,
    ProgramFactory,
    RealisasiAnggaranFactory,
    RealisasiFactory,
    SasaranFactory,
)

pytestmark = pytest.mark.django_db


def test_default_scale_rows_come_from_the_data_migration():
    rows = [(r.batas_bawah, r.nama, r.warna) for r in SkalaPredikat.objects.all()]
    assert rows == [(p.batas_bawah, p.nama, p.warna) for p in calc.SKALA_BAKU]


def test_pk_berlaku_is_the_valid_version_of_the_office_and_year():
    v1 = PerjanjianKinerjaFactory(tahun=2026, versi=1, berlaku=False)
    v2 = PerjanjianKinerjaFactory(perangkat_daerah=v1.perangkat_daerah, tahun=2026, versi=2, berlaku=True)
    PerjanjianKinerjaFactory(tahun=2026)  # another office
    assert pk_berlaku(pd=v1.perangkat_daerah, tahun=2026) == v2
    assert pk_berlaku(pd=v1.perangkat_daerah_id, tahun=2025) is None
    assert [p.versi for p in selectors.pk_versions(perjanjian=v1)] == [2, 1]


@pytest.fixture
def pk():
    """Three indicators (sum / lower-is-better average / range), two programmes, TW I–II data."""
    pk = PerjanjianKinerjaFactory(tahun=2026)
    unit = UnitFactory(perangkat_daerah=pk.perangkat_daerah, nama="Bidang Penanaman Modal")
    s1 = SasaranFactory(perjanjian=pk, kode="S1", urutan=1)
    s2 = SasaranFactory(perjanjian=pk, kode="S2", urutan=2)
    inv = IndikatorFactory(sasaran=s1, kode="I1", nama="Realisasi investasi", satuan="Rp", agregasi=Agregasi.JUMLAH,
                           target_tahunan=D("1000"), targets=[D(200), D(300), D(300), D(200)],
                           unit_penanggung_jawab=unit, urutan=1)
    aduan = IndikatorFactory(sasaran=s1, kode="I2", nama="Waktu penanganan pengaduan", satuan="hari",
                             polaritas=Polaritas.TURUN, agregasi=Agregasi.RATA_RATA, target_tahunan=D("5"),
                             targets=[D(5), D(5), D(5), D(5)], urutan=2, is_iku=False)
    rentang = IndikatorFactory(sasaran=s2, kode="I3", polaritas=Polaritas.RENTANG, agregasi=Agregasi.TERAKHIR,
                               target_tahunan=D("3"), target_tahunan_maks=D("5"), urutan=1)
    RealisasiFactory(indikator=inv, triwulan=1, nilai=D("250"), catatan="ok")
    RealisasiFactory(indikator=inv, triwulan=2, nilai=D("150"), catatan="turun karena libur")
    RealisasiFactory(indikator=aduan, triwulan=1, nilai=D("4"))
    RealisasiFactory(indikator=aduan, triwulan=2, nilai=D("6"))
    RealisasiFactory(indikator=rentang, triwulan=1, nilai=D("6"))
    p1 = ProgramFactory(perjanjian=pk, kode="P1", anggaran=D("400"), urutan=1)
    p2 = ProgramFactory(perjanjian=pk, kode="P2", anggaran=D("800"), urutan=2)
    RealisasiAnggaranFactory(program=p1, triwulan=1, nilai=D("50"))
    RealisasiAnggaranFactory(program=p1, triwulan=2, nilai=D("100"))
    RealisasiAnggaranFactory(program=p2, triwulan=1, nilai=D("200"))
    return pk


def _row(tabel, kode):
    return next(b for b in tabel.baris if b.kode == kode)


def test_quarter_table_uses_quarter_targets_and_ytd_against_the_year(pk):
    t = tabel_pengukuran(perjanjian=pk, triwulan=2)
    assert [g.kode for g in t.sasaran] == ["S1", "S2"]
    assert [b.kode for b in t.sasaran[0].indikator] == ["I1", "I2"]
    inv = _row(t, "I1")
    assert (inv.target, inv.realisasi, inv.capaian) == (D(300), D(150), D(50))
    assert (inv.realisasi_ytd, inv.capaian_ytd) == (D(400), D(40))  # 250 + 150 against 1000
    assert (inv.predikat, inv.unit, inv.catatan, inv.lebih_buruk) == ("Sangat Rendah", "Bidang Penanaman Modal",
                                                                         "turun karena libur", True)
    aduan = _row(t, "I2")
    assert (aduan.target, aduan.realisasi, aduan.capaian) == (D(5), D(6), D(80))  # (2 − 6/5) × 100
    assert (aduan.realisasi_ytd, aduan.capaian_ytd) == (D(5), D(100))  # mean of 4 and 6
    assert aduan.predikat == "Tinggi" and aduan.lebih_buruk
    rentang = _row(t, "I3")
    assert (rentang.realisasi, rentang.capaian, rentang.realisasi_ytd, rentang.capaian_ytd) == (
        None, None, D(6), D("80"))  # TW II empty; YTD = latest (TW I = 6), above the range 3–5
    assert rentang.predikat is None and not rentang.terisi
    assert (t.jumlah_indikator, t.jumlah_terisi) == (3, 2)
    assert t.rata_rata_capaian == D(65) and t.predikat == "Rendah"


def test_year_table_rolls_quarters_up_per_indicator(pk):
    t = tabel_pengukuran(perjanjian=pk, triwulan=None)
    inv = _row(t, "I1")
    assert (inv.target, inv.realisasi, inv.capaian, inv.capaian_ytd) == (D(1000), D(400), D(40), None)
    aduan = _row(t, "I2")
    assert (aduan.target, aduan.realisasi, aduan.capaian) == (D(5), D(5), D(100))
    rentang = _row(t, "I3")
    assert (rentang.target, rentang.target_maks, rentang.capaian) == (D(3), D(5), D(80))
    assert t.judul_periode == "Tahunan"


def test_budget_rows_per_quarter_and_year(pk):
    t = tabel_pengukuran(perjanjian=pk, triwulan=2)
    p1, p2 = t.anggaran
    assert (p1.anggaran, p1.realisasi, p1.serapan, p1.realisasi_ytd, p1.serapan_ytd) == (
        D(100), D(100), D(100), D(150), D("37.5"))
    assert (p2.anggaran, p2.realisasi, p2.serapan, p2.realisasi_ytd) == (D(200), None, None, D(200))
    assert (t.total_anggaran, t.total_realisasi_anggaran, t.serapan_total) == (D(300), D(100), D("100") / 3)
    assert (t.total_anggaran_tahunan, t.total_realisasi_anggaran_ytd) == (D(1200), D(350))
    y = tabel_pengukuran(perjanjian=pk, triwulan=None)
    assert (y.anggaran[0].anggaran, y.anggaran[0].realisasi, y.anggaran[0].serapan) == (D(400), D(150), D("37.5"))
    assert (y.total_anggaran, y.total_realisasi_anggaran) == (D(1200), D(350))


def test_a_custom_scale_replaces_the_default(pk):
    SkalaPredikat.objects.all().delete()
    SkalaPredikat.objects.create(batas_bawah=D("100"), nama="Tercapai", warna="#198754")
    SkalaPredikat.objects.create(batas_bawah=D("0"), nama="Belum tercapai", warna="#dc3545")
    t = tabel_pengukuran(perjanjian=pk, triwulan=2)
    assert (_row(t, "I1").predikat, _row(t, "I2").predikat) == ("Belum tercapai", "Belum tercapai")
    SkalaPredikat.objects.all().delete()
    assert tabel_pengukuran(perjanjian=pk, triwulan=2).baris[1].predikat == "Tinggi"  # empty table: default


def test_as_dict_is_json_and_round_trips(pk):
    t = tabel_pengukuran(perjanjian=pk, triwulan=2)
    data = json.loads(json.dumps(t.as_dict()))
    assert D(data["sasaran"][0]["indikator"][0]["capaian"]) == 50
    assert data["sasaran"][0]["indikator"][0]["realisasi_per_tw"]["1"] == "250.0000"
    assert D(data["anggaran"][0]["serapan_ytd"]) == D("37.5")
    assert TabelPengukuran.from_dict(data) == t


def test_rejects_a_quarter_outside_1_to_4(pk):
    with pytest.raises(ValueError):
        tabel_pengukuran(perjanjian=pk, triwulan=5)


def test_empty_sasaran_missing_targets_and_budget_plans(pk):
    """A sasaran without indicators still heads its group; an indicator without the quarter's
    Rencana Aksi row has no target; a programme without the quarter's plan has a budget of 0."""
    kosong = SasaranFactory(perjanjian=pk, kode="S0", urutan=0)
    tanpa = IndikatorFactory(sasaran=kosong.perjanjian.sasaran.get(kode="S2"), kode="I4", targets=False, urutan=9)
    ProgramFactory(perjanjian=pk, kode="P3", anggaran=D("90"), urutan=3)
    p1 = pk.program.get(kode="P1")
    p1.anggaran_triwulan.filter(triwulan=2).delete()
    t = tabel_pengukuran(perjanjian=pk, triwulan=2)
    assert [(g.kode, [b.kode for b in g.indikator]) for g in t.sasaran] == [
        ("S0", []), ("S1", ["I1", "I2"]), ("S2", ["I3", "I4"])]
    i4 = _row(t, tanpa.kode)
    assert (i4.target, i4.target_maks, i4.capaian, i4.target_tahunan) == (None, None, None, D("400"))
    assert [(a.kode, a.anggaran) for a in t.anggaran] == [("P1", D(0)), ("P2", D(200)), ("P3", D("22.5"))]
    y = tabel_pengukuran(perjanjian=pk, triwulan=None)
    assert [(a.kode, a.anggaran) for a in y.anggaran] == [("P1", D(400)), ("P2", D(800)), ("P3", D(90))]
    assert _row(y, "I4").target == D("400")


def _grow(pk, n):
    s = SasaranFactory(perjanjian=pk)
    for _ in range(n):
        ind = IndikatorFactory(sasaran=s, unit_penanggung_jawab=UnitFactory(perangkat_daerah=pk.perangkat_daerah))
        RealisasiFactory(indikator=ind, triwulan=1)
        RealisasiFactory(indikator=ind, triwulan=2)
        prog = ProgramFactory(perjanjian=pk)
        RealisasiAnggaranFactory(program=prog, triwulan=1)


@pytest.mark.parametrize("triwulan", [2, None])
def test_query_count_is_constant(pk, django_assert_num_queries, triwulan):
    pk.refresh_from_db()
    with django_assert_num_queries(5):  # (programmes and their realisations in one query)
        tabel_pengukuran(perjanjian=pk, triwulan=triwulan)
    _grow(pk, 12)
    pk.refresh_from_db()
    with django_assert_num_queries(5):
        t = tabel_pengukuran(perjanjian=pk, triwulan=triwulan)
    assert t.jumlah_indikator == 15


def test_iki_tree_nests_iki_under_their_iku():
    pk = PerjanjianKinerjaFactory()
    pd = pk.perangkat_daerah
    iku1 = IndikatorFactory(sasaran__perjanjian=pk, is_iku=True, urutan=1)
    iku2 = IndikatorFactory(sasaran=iku1.sasaran, is_iku=True, urutan=2)
    IndikatorFactory(sasaran=iku1.sasaran, is_iku=False, urutan=3)
    kadin = IKIFactory(perjanjian=pk, jabatan=JabatanFactory(perangkat_daerah=pd, tingkat=Jabatan.Tingkat.KEPALA),
                       induk_indikator=iku1, nama="K")
    kabid = IKIFactory(perjanjian=pk, jabatan=JabatanFactory(perangkat_daerah=pd, tingkat="kabid"),
                       induk_indikator=None, induk_iki=kadin, nama="B")
    IKIFactory(perjanjian=pk, jabatan=JabatanFactory(perangkat_daerah=pd, tingkat="kasubbag"),
               induk_indikator=None, induk_iki=kabid, nama="S")
    tree = iki_tree(perjanjian=pk)
    assert [c.indikator for c in tree] == [iku1, iku2]
    assert [n.iki.nama for n in tree[0].anak] == ["K"]
    assert [n.iki.nama for n in tree[0].anak[0].anak] == ["B"]
    assert [(n.iki.nama, n.tingkat) for n in tree[0].anak[0].anak[0].anak] == [("S", 3)]
    assert tree[1].anak == []
    flat = selectors.iki_flat(perjanjian=pk)
    assert [(n.iki.nama, n.tingkat) for n in flat[0][1]] == [("K", 1), ("B", 2), ("S", 3)]


def test_pk_rencana_lists_four_targets_per_indicator(pk):
    sasaran = selectors.pk_rencana(perjanjian=pk)
    inv = sasaran[0].indikator.all()[0]
    assert [t.target for t in inv.target_per_tw] == [D(200), D(300), D(300), D(200)]
    assert inv.target_cocok is True
    programs = selectors.program_list(perjanjian=pk)
    assert programs[0].anggaran_per_tw == [D(100)] * 4


def test_realisasi_read_by_plan_equal_those_read_by_indicator(pk):
    ids = [ind["pk"] for _s, rows in selectors._sasaran_dan_indikator(pk, 2) for ind in rows]
    assert selectors._realisasi_per_indikator(ids, perjanjian=pk) == selectors._realisasi_per_indikator(ids)


def test_table_scale_is_the_installation_scale_highest_bound_first():
    assert selectors._skala_tabel() == selectors.skala_predikat()  # the data migration's rows
    SkalaPredikat.objects.all().delete()
    assert selectors._skala_tabel() == selectors.skala_predikat() == list(calc.SKALA_BAKU)
    SkalaPredikat.objects.create(batas_bawah=D("50"), nama="Cukup", warna="kuning")
    SkalaPredikat.objects.create(batas_bawah=D("90"), nama="Baik", warna="hijau")
    assert selectors._skala_tabel() == selectors.skala_predikat()
    assert [p.nama for p in selectors._skala_tabel()] == ["Baik", "Cukup"]
