import datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from dokumen.pdf import blok_tanda_tangan, render_pdf
from organisasi.models import Jabatan, PelaksanaTugas

pytestmark = pytest.mark.django_db


def _render(org, *, n=5, draft=False, **ctx):
    return render_pdf(
        "dokumen_uji/surat.html",
        {
            "kantor": org.dpmptsp,
            "judul": "Surat Uji",
            "nomor": "050/001/427.59/2026",
            "baris": [{"uraian": f"Uraian {i}", "nilai": i} for i in range(n)],
            **ctx,
        },
        draft=draft,
    )


def test_kop_surat_page_numbers_and_unsigned_mark(templat_uji, org):
    reader = PdfReader(BytesIO(_render(org, n=90)))
    assert len(reader.pages) >= 2
    first = reader.pages[0].extract_text()
    assert "PEMERINTAH KABUPATEN LUMAJANG" in first
    assert "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU" in first
    assert (
        "Jl. Jenderal Ahmad Yani No. 3 Lumajang" in first and "(0334) 881234" in first
    )
    assert "dpmptsp@lumajangkab.go.id" in first
    n = len(reader.pages)
    for i, page in enumerate(reader.pages, start=1):
        teks = page.extract_text()
        assert f"Halaman {i} dari {n}" in teks
        assert "TIDAK DITANDATANGANI SECARA ELEKTRONIK" in teks
        assert "050/001/427.59/2026" in teks
    # the table header repeats on every page
    assert all(p.extract_text().count("No Uraian Nilai") == 1 for p in reader.pages)


def test_draft_has_watermark_and_no_unsigned_mark(templat_uji, org):
    teks = PdfReader(BytesIO(_render(org, draft=True))).pages[0].extract_text()
    assert "DRAFT" in teks and "BELUM DISAHKAN" in teks
    assert "TIDAK DITANDATANGANI" not in teks


def test_signed_document_has_no_unsigned_mark(templat_uji, org):
    teks = PdfReader(BytesIO(_render(org, ditandatangani=True))).pages[0].extract_text()
    assert "TIDAK DITANDATANGANI" not in teks and "DRAFT" not in teks


def test_landscape_and_portrait_a4(templat_uji, org):
    potret = PdfReader(BytesIO(_render(org))).pages[0].mediabox
    lanskap = PdfReader(BytesIO(_render(org, orientasi="lanskap"))).pages[0].mediabox
    assert round(float(potret.width)) == 595 and round(float(potret.height)) == 842
    assert round(float(lanskap.width)) == 842 and round(float(lanskap.height)) == 595


def test_indonesian_date_and_numbers(templat_uji, org):
    """Numbers and the signature date go through umum.format (`{% load format_id %}`)."""
    ttd = blok_tanda_tangan(
        pd=org.dpmptsp, pegawai=org["kadin"], tanggal=datetime.date(2026, 8, 4)
    )
    teks = (
        PdfReader(
            BytesIO(
                render_pdf(
                    "dokumen_uji/surat.html",
                    {
                        "kantor": org.dpmptsp,
                        "judul": "x",
                        "baris": [{"uraian": "a", "nilai": 1234567.125}],
                        "ttd": ttd,
                    },
                )
            )
        )
        .pages[0]
        .extract_text()
    )
    assert "1.234.567,13" in teks and "04 Agustus 2026" in teks


def test_signature_block_prints_place_date_position_name_pangkat_nip(templat_uji, org):
    ttd = blok_tanda_tangan(
        pd=org.dpmptsp, pegawai=org["kadin"], tanggal=datetime.date(2026, 11, 25)
    )
    teks = " ".join(
        PdfReader(BytesIO(_render(org, ttd=ttd))).pages[0].extract_text().split()
    )
    assert "Lumajang, 25 November 2026" in teks
    assert (
        "KEPALA DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU KABUPATEN LUMAJANG"
        in teks
    )
    assert "ARI MURGONO, S.STP., M.Si." in teks
    assert "Pembina Utama Muda (IV/c)" in teks
    assert "NIP. 19780216 199703 1 001" in teks


def test_acting_head_signs_as_plt(org):
    jabatan_kadin = Jabatan.objects.get(
        perangkat_daerah=org.dpmptsp, tingkat=Jabatan.Tingkat.KEPALA
    )
    PelaksanaTugas.objects.create(
        pegawai=org["sekretaris"],
        jabatan=jabatan_kadin,
        mulai=datetime.date(2026, 1, 1),
    )
    ttd = blok_tanda_tangan(
        pd=org.dpmptsp, pegawai=org["sekretaris"], tanggal=datetime.date(2026, 3, 2)
    )
    assert ttd.sebagai == "Plt." and ttd.jabatan == jabatan_kadin.nama
    assert ttd.jabatan_lengkap == f"Plt. {jabatan_kadin.nama}"
    assert ttd.nip == "19750512 200003 2 002"
    # the SOP engine's role label becomes the title of the position acted in
    ttd = blok_tanda_tangan(
        pd=org.dpmptsp,
        pegawai=org["sekretaris"],
        label_jabatan="Plt. Kepala Dinas",
        tanggal=datetime.date(2026, 3, 2),
    )
    assert (ttd.sebagai, ttd.jabatan) == ("Plt.", jabatan_kadin.nama)
    # a title that is not a role label is printed as given, its prefix once
    ttd = blok_tanda_tangan(
        pd=org.dpmptsp, pegawai=org["sekretaris"], label_jabatan="Plt. Kepala Dinas XYZ"
    )
    assert (ttd.sebagai, ttd.jabatan, ttd.jabatan_lengkap) == (
        "Plt.",
        "Kepala Dinas XYZ",
        "Plt. Kepala Dinas XYZ",
    )
    # the plain role label of a definitive head is his position
    ttd = blok_tanda_tangan(
        pd=org.dpmptsp, pegawai=org["kadin"], label_jabatan="Kepala Dinas"
    )
    assert (ttd.sebagai, ttd.jabatan) == ("", jabatan_kadin.nama)
