import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.utils import timezone

from kinerja import excel
from kinerja.excel import (
    ImporGagal,
    baca_rencana,
    ekspor_pengukuran,
    ekspor_rencana,
    impor_rencana,
    templat_rencana,
)
from kinerja.models import (
    Indikator,
    PerjanjianKinerja,
    Program,
    SasaranStrategis,
    TargetTriwulan,
)
from kinerja.selectors import pk_berlaku
from kinerja.tests.factories import PerjanjianKinerjaFactory, SasaranFactory, tim_sakip

pytestmark = pytest.mark.django_db


def _cells(data: bytes) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return {
        ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)]
        for ws in wb.worksheets
    }


def _workbook(indikator_rows=(), program_rows=()) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(templat_rencana()))
    for r in indikator_rows:
        wb[excel.LEMBAR_INDIKATOR].append(list(r))
    for r in program_rows:
        wb[excel.LEMBAR_PROGRAM].append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _counts():
    return (
        PerjanjianKinerja.objects.count(),
        SasaranStrategis.objects.count(),
        Indikator.objects.count(),
        TargetTriwulan.objects.count(),
        Program.objects.count(),
    )


def test_template_has_the_sheets_and_headers():
    cells = _cells(templat_rencana())
    assert list(cells) == ["Petunjuk", "Indikator", "Program"]
    assert cells["Indikator"][0][:4] == (
        "Kode Sasaran",
        "Sasaran Strategis",
        "Kode Indikator",
        "Indikator Kinerja",
    )
    assert len(cells["Indikator"]) == 1 and len(cells["Program"]) == 1


def test_export_import_into_an_empty_year_and_export_again_is_identical(demo):
    tahun = timezone.localdate().year
    pk = pk_berlaku(pd=demo.dpmptsp, tahun=tahun)
    first = ekspor_rencana(perjanjian=pk)
    pratinjau = baca_rencana(first, perangkat_daerah=demo.dpmptsp)
    assert pratinjau.ok, [str(g) for g in pratinjau.galat]
    assert pratinjau.jumlah_indikator == Indikator.objects.for_pk(pk).count()
    baru = impor_rencana(
        pratinjau=pratinjau,
        perangkat_daerah=demo.dpmptsp,
        tahun=tahun + 1,
        actor=demo["timsakip"].user,
    )
    assert (baru.tahun, baru.versi, baru.terkunci) == (tahun + 1, 1, False)
    second = ekspor_rencana(perjanjian=baru)
    assert _cells(second) == _cells(first)
    # the values themselves, not just their text, survived: a range indicator and a budget in rupiah
    rentang = Indikator.objects.for_pk(baru).get(polaritas="rentang")
    assert (rentang.target_tahunan, rentang.target_tahunan_maks) == (D("90"), D("110"))
    assert rentang.unit_penanggung_jawab.nama == "Subbagian Perencanaan dan Keuangan"
    rp = Indikator.objects.for_pk(baru).get(satuan="Rupiah")
    assert rp.target_tahunan == D("1250000000000")
    assert [t.rencana_aksi for t in rp.target_triwulan.order_by("triwulan")][
        0
    ] == "Pemutakhiran data LKPM triwulan I"
    assert sum(p.anggaran for p in baru.program.all()) == sum(
        p.anggaran for p in pk.program.all()
    )


def test_values_a_float_cannot_hold_round_trip_as_text():
    pk = PerjanjianKinerjaFactory(tahun=2030)
    exact = D("1234567890123456.1234")  # 20 digits: more than a float holds
    assert isinstance(excel._angka_sel(exact), str)
    assert (
        excel._angka_sel(D("86.1200")) == 86.12
        and excel._angka_sel(D("1250000000000.0000")) == 1250000000000
    )
    data = _workbook(
        [
            [
                "S1",
                "Investasi",
                "I1",
                "Presisi",
                "Rp",
                "Ya",
                "naik",
                "jumlah",
                4,
                None,
                excel._angka_sel(exact),
                None,
                excel._angka_sel(D("0.1234")),
            ]
        ]
    )
    pratinjau = baca_rencana(data, perangkat_daerah=pk.perangkat_daerah)
    assert pratinjau.sasaran[0].indikator[0].target_tahunan == exact
    assert pratinjau.sasaran[0].indikator[0].target_triwulan[1].target == D("0.1234")


def test_a_file_with_bad_rows_is_refused_with_each_rows_error_and_nothing_saved():
    pk = PerjanjianKinerjaFactory(tahun=2030)
    good = [
        "S1",
        "Meningkatnya investasi",
        "I1",
        "Nilai investasi",
        "Rp",
        "Ya",
        "naik",
        "jumlah",
        0,
        None,
        1000,
        None,
        250,
        250,
        250,
        250,
    ]
    rows = [
        good,
        [
            "S1",
            "Meningkatnya investasi",
            "I2",
            "IKM",
            "nilai",
            "Ya",
            "miring",
            "rata-rata",
            2,
            None,
            "delapan puluh",
        ],
        [
            "S1",
            "Sasaran lain dengan kode sama",
            "I3",
            "X",
            "%",
            "Tidak",
            "naik",
            "terakhir",
            2,
        ],
        [
            "S2",
            "Pelayanan",
            "I4",
            "Kepatuhan",
            "%",
            "Mungkin",
            "rentang",
            "terakhir",
            9,
            "Unit Fiktif",
            90,
            80,
        ],
        [None, None, "I5", "Tanpa sasaran", "%"],
        ["S2", "Pelayanan", "I6", "", "", "Tidak", "turun", "jumlah", 0, None, "1E+30"],
        [
            "S2",
            "Pelayanan",
            "I7",
            "Absurd",
            "%",
            "Tidak",
            "naik",
            "jumlah",
            0,
            None,
            1e30,
        ],
    ]
    programs = [
        [
            "2.18.01",
            "Program Penunjang",
            1000,
            100,
            100,
            100,
            100,
        ],  # quarters do not add up
        ["2.18.02", "", -5],
        ["2.18.03", "Program Promosi", "1.000.000,50", None, None, None, None],  # fine
    ]
    before = _counts()
    pratinjau = baca_rencana(
        _workbook(rows, programs), perangkat_daerah=pk.perangkat_daerah
    )
    assert not pratinjau.ok
    per_baris = pratinjau.galat_per_baris()
    assert ("Indikator", 2) not in per_baris  # the good row
    kolom = {(g.baris, g.kolom) for g in pratinjau.galat if g.lembar == "Indikator"}
    assert {
        (3, "Arah"),
        (3, "Target Tahunan"),
        (4, "Sasaran Strategis"),
        (5, "IKU (Ya/Tidak)"),
        (5, "Desimal"),
        (5, "Unit Penanggung Jawab"),
        (6, "Sasaran Strategis"),
        (7, "Indikator Kinerja"),
        (7, "Satuan"),
        (7, "Target Tahunan"),
        (8, "Target Tahunan"),
    } <= kolom
    assert any(g.baris == 3 and "Bukan angka" in g.pesan for g in pratinjau.galat)
    assert {(g.baris, g.kolom) for g in pratinjau.galat if g.lembar == "Program"} >= {
        (2, "Anggaran Tahunan (Rp)"),
        (3, "Program/Kegiatan"),
        (3, "Anggaran Tahunan (Rp)"),
    }
    assert ("Program", 4) not in per_baris
    assert "baris 3" in str(next(g for g in pratinjau.galat if g.baris == 3))
    with pytest.raises(ImporGagal):
        impor_rencana(
            pratinjau=pratinjau,
            perangkat_daerah=pk.perangkat_daerah,
            tahun=2031,
            actor=tim_sakip(pk),
        )
    assert _counts() == before


@pytest.mark.parametrize(
    "data, pesan",
    [
        (b"", "bukan file Excel"),
        (b"\x00\x01garbage" * 100, "bukan file Excel"),
        (b"%PDF-1.4 not a workbook", "bukan file Excel"),
        ("docx", "bukan file Excel"),
        ("no_sheets", "tidak ditemukan"),
        ("bad_header", "Judul kolom"),
        ("empty", "tidak berisi"),
    ],
)
def test_not_a_template_gives_a_clear_message(data, pesan):
    pk = PerjanjianKinerjaFactory(tahun=2030)
    if data == "docx":
        buf = io.BytesIO()
        import zipfile

        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("[Content_Types].xml", "<x/>")
            zf.writestr("word/document.xml", "<x/>")
        data = buf.getvalue()
    elif data == "no_sheets":
        buf = io.BytesIO()
        openpyxl.Workbook().save(buf)
        data = buf.getvalue()
    elif data == "bad_header":
        wb = openpyxl.load_workbook(io.BytesIO(templat_rencana()))
        wb["Indikator"]["B1"] = "Sasaran"
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
    elif data == "empty":
        data = templat_rencana()
    before = _counts()
    pratinjau = baca_rencana(data, perangkat_daerah=pk.perangkat_daerah)
    assert not pratinjau.ok
    assert any(pesan in g.pesan for g in pratinjau.galat), [
        g.pesan for g in pratinjau.galat
    ]
    assert _counts() == before


def test_import_refuses_a_year_that_already_has_a_plan_and_fills_an_empty_one():
    s = SasaranFactory(perjanjian__tahun=2030)
    pd = s.perjanjian.perangkat_daerah
    data = _workbook(
        [["S1", "Investasi", "I1", "Nilai investasi", "Rp", "Ya", "naik", "jumlah", 0]]
    )
    pratinjau = baca_rencana(data, perangkat_daerah=pd)
    assert pratinjau.ok
    with pytest.raises(ImporGagal) as exc:
        impor_rencana(
            pratinjau=pratinjau, perangkat_daerah=pd, tahun=2030, actor=tim_sakip(pd)
        )
    assert "sudah berisi" in str(exc.value)
    kosong = PerjanjianKinerjaFactory(perangkat_daerah=pd, tahun=2031)
    assert (
        impor_rencana(
            pratinjau=pratinjau, perangkat_daerah=pd, tahun=2031, actor=tim_sakip(pd)
        )
        == kosong
    )
    assert Indikator.objects.for_pk(kosong).get().nama == "Nilai investasi"


def test_indonesian_number_text_and_labels_are_understood():
    pk = PerjanjianKinerjaFactory(tahun=2030)
    data = _workbook(
        [
            [
                "S1",
                "Pelayanan",
                "I1",
                "Waktu pengaduan",
                "hari",
                "ya",
                "Semakin rendah semakin baik",
                "Rata-rata triwulan",
                "1",
                None,
                "4,5",
                None,
                "5",
                "4,75",
                "4.5",
                "4,25",
            ]
        ],
        [[None, "Program", "1.200.000", "300.000", "300.000", "300.000", "300.000"]],
    )
    pratinjau = baca_rencana(data, perangkat_daerah=pk.perangkat_daerah)
    assert pratinjau.ok, [str(g) for g in pratinjau.galat]
    ind = pratinjau.sasaran[0].indikator[0]
    assert (
        ind.polaritas,
        ind.agregasi,
        ind.is_iku,
        ind.desimal,
        ind.target_tahunan,
    ) == ("turun", "rata_rata", True, 1, D("4.5"))
    assert [ind.target_triwulan[i].target for i in range(1, 5)] == [
        D(5),
        D("4.75"),
        D("4.5"),
        D("4.25"),
    ]
    assert pratinjau.program[0].anggaran == D("1200000")


def test_measurement_export_of_a_quarter_and_the_year(demo):
    pk = pk_berlaku(pd=demo.dpmptsp, tahun=timezone.localdate().year)
    cells = _cells(ekspor_pengukuran(perjanjian=pk, triwulan=2))
    rows = cells["Pengukuran"]
    assert "Triwulan II" in rows[1][0]
    header = rows[3]
    assert (
        header[:3] == ("No", "Sasaran Strategis", "Indikator Kinerja")
        and "Capaian s.d. TW II (%)" in header
    )
    aduan = next(r for r in rows[4:] if r[3] == "hari")
    assert (
        aduan[header.index("Capaian (%)")] == 84
        and aduan[header.index("Predikat")] == "Tinggi"
    )
    assert cells["Anggaran"][-1][2] == "Jumlah"
    year = _cells(ekspor_pengukuran(perjanjian=pk, triwulan=None))
    assert "Tahunan" in year["Pengukuran"][1][0]
    assert "Capaian s.d. TW II (%)" not in year["Pengukuran"][3]
