"""The Dokumen Pengukuran Kinerja PDF."""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from dokumen.signing import verify_pdf
from dokumen.tests.artefak import simpan_artefak
from kinerja.pdf import render_pengukuran, terbitkan_dokumen_pengukuran
from kinerja.selectors import tabel_pengukuran
from kinerja.tests.data_pdf import buat_pk_contoh

pytestmark = pytest.mark.django_db

TANGGAL = datetime.date(2026, 7, 10)


@pytest.fixture
def org(db):
    from organisasi.demo import load_organisasi

    return load_organisasi()


@pytest.fixture
def pk(org):
    return buat_pk_contoh(
        org.dpmptsp, jumlah_indikator=6, per_sasaran=3, pihak_pertama=org["kadin"]
    )


def _id(nilai: Decimal, desimal: int) -> str:
    """Rounded half up, decimal comma (values below 1000 only)."""
    return str(
        nilai.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    ).replace(".", ",")


def _halaman(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf)).pages]


def test_table_text_matches_the_measurement_data(pk):
    pdf = render_pengukuran(perjanjian=pk, triwulan=2, draft=False, tanggal=TANGGAL)
    simpan_artefak("pengukuran_triwulan", pdf)
    teks = " ".join(_halaman(pdf))
    assert "PENGUKURAN KINERJA" in teks
    assert "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU" in teks
    assert "TRIWULAN II TAHUN 2026" in teks
    for kolom in (
        "No",
        "Sasaran Strategis",
        "Indikator Kinerja",
        "Satuan",
        "Target TW II",
        "Realisasi TW II",
        "Capaian",
    ):
        assert kolom in teks
    tabel = tabel_pengukuran(perjanjian=pk, triwulan=2)
    for g in tabel.sasaran:
        assert g.uraian in teks
    # each indicator's row: name, unit, target, realisation and achievement in Indonesian number format
    for b in tabel.baris:
        nilai, target, capaian = (
            _id(b.realisasi, b.desimal),
            _id(b.target, b.desimal),
            _id(b.capaian, 2),
        )
        assert re.search(
            rf"{b.nama} \(IKU\) {re.escape(b.satuan)} {target} {nilai} {capaian} %",
            teks,
        ), b.nama
    assert "1,50 1,50 %" in teks  # indicator 1: realisasi 1,5 of 100 → capaian 1,50 %
    # budget rows: quarter budget, realisation, absorption
    assert (
        "Program 1 pelayanan penanaman modal Rp 300.000.000 Rp 250.000.000 83,33 %"
        in teks
    )
    assert "Jumlah Rp 1.800.000.000 Rp 1.500.000.000 83,33 %" in teks
    assert "TIDAK DITANDATANGANI SECARA ELEKTRONIK" in teks


def test_signature_block_matches_the_signer(pk, org):
    teks = " ".join(
        _halaman(
            render_pengukuran(perjanjian=pk, triwulan=2, draft=False, tanggal=TANGGAL)
        )
    )
    kadin = org["kadin"]
    assert "Lumajang, 10 Juli 2026" in teks
    assert (
        "KEPALA DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU KABUPATEN LUMAJANG"
        in teks
    )
    assert (
        f"{kadin.nama_lengkap} {kadin.pangkat_golongan} NIP. 19780216 199703 1 001"
        in teks
    )


def test_acting_signer_is_printed_as_plt(pk, org):
    from organisasi.models import Jabatan, PelaksanaTugas

    kepala = Jabatan.objects.get(
        perangkat_daerah=org.dpmptsp, tingkat=Jabatan.Tingkat.KEPALA
    )
    PelaksanaTugas.objects.create(
        pegawai=org["sekretaris"], jabatan=kepala, mulai=datetime.date(2026, 7, 1)
    )
    teks = " ".join(
        _halaman(
            render_pengukuran(
                perjanjian=pk,
                triwulan=2,
                draft=False,
                tanggal=TANGGAL,
                penandatangan=org["sekretaris"],
                label_jabatan="Plt. Kepala Dinas",
            )
        )
    )
    assert "Plt. KEPALA DINAS PENANAMAN MODAL" in teks
    assert "Dra. SITI AMINAH, M.M." in teks and "NIP. 19750512 200003 2 002" in teks


def test_draft_is_watermarked(pk):
    pdf = render_pengukuran(perjanjian=pk, triwulan=2, draft=True, tanggal=TANGGAL)
    simpan_artefak("pengukuran_draft", pdf)
    for teks in _halaman(pdf):
        assert "DRAFT" in teks and "BELUM DISAHKAN" in teks
        assert "TIDAK DITANDATANGANI" not in teks


def test_yearly_document(pk):
    teks = " ".join(
        _halaman(
            render_pengukuran(
                perjanjian=pk, triwulan=None, draft=False, tanggal=TANGGAL
            )
        )
    )
    assert "TAHUN 2026" in teks and "TRIWULAN" not in teks
    assert (
        "Program 1 pelayanan penanaman modal Rp 1.200.000.000 Rp 500.000.000 41,67 %"
        in teks
    )


def test_snapshot_is_printed_instead_of_live_data(pk):
    snapshot = tabel_pengukuran(perjanjian=pk, triwulan=2).as_dict()
    from kinerja.models import Realisasi

    Realisasi.objects.filter(indikator__sasaran__perjanjian=pk, triwulan=2).update(
        nilai=Decimal("77")
    )
    teks = " ".join(
        _halaman(
            render_pengukuran(perjanjian=pk, triwulan=2, draft=False, tabel=snapshot)
        )
    )
    assert "1,50 1,50" in teks and " 77,00 " not in teks


def test_hundred_indicators_paginate_with_repeated_header(org):
    pk = buat_pk_contoh(
        org.dpmptsp,
        jumlah_indikator=100,
        per_sasaran=10,
        program=5,
        pihak_pertama=org["kadin"],
    )
    pdf = render_pengukuran(perjanjian=pk, triwulan=2, draft=False, tanggal=TANGGAL)
    simpan_artefak("pengukuran_100_indikator", pdf)
    halaman = _halaman(pdf)
    # one-line rows of ~15pt on landscape A4: 16 rows under the kop, 24 on a full page; the last
    # rows, the budget table and the signature block on page 5
    assert len(halaman) == 5
    for i, teks in enumerate(halaman, start=1):
        assert f"Halaman {i} dari 5" in teks
    for teks in halaman:
        assert (
            teks.count(
                "Sasaran Strategis Indikator Kinerja Satuan Target TW II Realisasi TW II"
            )
            == 1
        )
    semua = " ".join(halaman)
    urutan = [int(n) for n in re.findall(r"Indikator kinerja (\d+) \(IKU\)", semua)]
    assert urutan == list(range(1, 101))
    assert "ARI MURGONO" in halaman[-1] and "Jumlah" in halaman[-1]


def test_issued_document_is_signed_and_archived(pk, org, settings):
    from dokumen.services import sertifikat_kantor_pasang
    from dokumen.signing import buat_pkcs12_swatanda

    settings.SITE_URL = "https://sakip.lumajangkab.go.id"
    p12 = buat_pkcs12_swatanda(
        common_name="DPMPTSP (DEMO)", organisasi="Pemkab Lumajang", passphrase=b"uji"
    )
    sertifikat_kantor_pasang(
        pd=org.dpmptsp, pkcs12=p12, passphrase="uji", self_signed=True
    )
    dok = terbitkan_dokumen_pengukuran(
        perjanjian=pk,
        triwulan=2,
        penandatangan=org["kadin"],
        label_jabatan="Kepala Dinas",
        actor=org["kadin"].user,
        tanggal=TANGGAL,
    )
    with dok.berkas.open("rb") as fh:
        data = fh.read()
    simpan_artefak("pengukuran_ditandatangani", data)
    assert verify_pdf(data).sah
    assert (
        dok.jenis == "pengukuran_triwulan" and dok.triwulan == 2 and dok.tahun == 2026
    )
    assert dok.judul == "Pengukuran Kinerja Triwulan II Tahun 2026"
    assert (
        dok.penandatangan_jabatan
        == "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"
    )
    teks = " ".join(_halaman(data))
    assert dok.nomor in teks and "Ditandatangani secara elektronik" in teks
    assert f"sakip.lumajangkab.go.id/v/{dok.kode}/" in teks.replace(" ", "")
    koreksi = terbitkan_dokumen_pengukuran(
        perjanjian=pk,
        triwulan=2,
        penandatangan=org["kadin"],
        label_jabatan=None,
        actor=None,
        supersedes=dok,
    )
    assert koreksi.revisi == 1 and koreksi.menggantikan == dok
