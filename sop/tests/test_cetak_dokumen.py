"""`manage.py cetak_dokumen`: batch printing to PDF files."""

from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def _teks(path) -> str:
    return " ".join(
        " ".join(p.extract_text().split())
        for p in PdfReader(BytesIO(path.read_bytes())).pages
    )


def test_prints_every_document_of_a_quarter(quarter, tmp_path):
    quarter.upto("fill")
    out = StringIO()
    call_command(
        "cetak_dokumen",
        "semua",
        "--pd",
        "DPMPTSP",
        "--tahun",
        "2025",
        "--triwulan",
        "1",
        "--folder",
        str(tmp_path),
        stdout=out,
    )
    nama = sorted(p.name for p in tmp_path.iterdir())
    assert nama == [
        "dpmptsp_2025_tw1_disposisi_langkah1.pdf",
        "dpmptsp_2025_tw1_disposisi_langkah2.pdf",
        "dpmptsp_2025_tw1_pembagian_tugas.pdf",
        "dpmptsp_2025_tw1_pengukuran.pdf",
    ]
    assert "4 dokumen dicetak." in out.getvalue()
    assert "LEMBAR DISPOSISI" in _teks(
        tmp_path / "dpmptsp_2025_tw1_disposisi_langkah2.pdf"
    )
    assert "BUDI SANTOSO" in _teks(tmp_path / "dpmptsp_2025_tw1_disposisi_langkah2.pdf")
    assert "PENGUKURAN KINERJA" in _teks(tmp_path / "dpmptsp_2025_tw1_pengukuran.pdf")


def test_draft_to_one_named_file(quarter, tmp_path):
    quarter.open()
    tujuan = tmp_path / "draft.pdf"
    call_command(
        "cetak_dokumen",
        "pengukuran",
        "--pd",
        "dpmptsp",
        "--tahun",
        "2025",
        "--triwulan",
        "1",
        "--draft",
        "--keluar",
        str(tujuan),
        stdout=StringIO(),
    )
    assert "DRAFT" in _teks(tujuan)


def test_sop_sheets(demo, tmp_path):
    call_command("cetak_dokumen", "sop", "--folder", str(tmp_path), stdout=StringIO())
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "sop_pengukuran_v1.pdf",
        "sop_pengumpulan_v1.pdf",
    ]
    assert "PENGUMPULAN DATA KINERJA" in _teks(tmp_path / "sop_pengumpulan_v1.pdf")


def test_archived_document_is_copied_unchanged(quarter, tmp_path):
    from dokumen.models import DokumenResmi
    from kinerja.pdf import terbitkan_dokumen_pengukuran

    quarter.open()
    dok = terbitkan_dokumen_pengukuran(
        perjanjian=quarter.siklus.perjanjian,
        triwulan=1,
        penandatangan=quarter.demo["kadin"],
        label_jabatan=None,
        actor=None,
    )
    call_command(
        "cetak_dokumen",
        "pengukuran",
        "--pd",
        "DPMPTSP",
        "--tahun",
        "2025",
        "--triwulan",
        "1",
        "--arsip",
        "--folder",
        str(tmp_path),
        stdout=StringIO(),
    )
    data = (tmp_path / "dpmptsp_2025_tw1_pengukuran_disahkan.pdf").read_bytes()
    import hashlib

    assert (
        hashlib.sha256(data).hexdigest() == DokumenResmi.objects.get(pk=dok.pk).sha256
    )


def test_errors_are_explained(demo, tmp_path):
    with pytest.raises(CommandError, match="--tahun wajib"):
        call_command("cetak_dokumen", "pengukuran", "--pd", "DPMPTSP")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("cetak_dokumen", "pengukuran", "--pd", "XYZ", "--tahun", "2025")
    with pytest.raises(CommandError, match="Tidak ada dokumen"):
        call_command(
            "cetak_dokumen",
            "disposisi",
            "--pd",
            "DPMPTSP",
            "--tahun",
            "2025",
            "--triwulan",
            "1",
            stderr=StringIO(),
        )
