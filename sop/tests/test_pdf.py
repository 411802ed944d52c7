"""The printed SOP documents: the SOP sheet with its flowchart, the lembar disposisi
and the catatan pembagian tugas."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from dokumen.tests.artefak import simpan_artefak
from sop.models import SOP, JenisSOP
from sop.pdf import (
    gambar_svg,
    konteks_sop,
    render_disposisi,
    render_pembagian_tugas,
    render_sop,
    susun_halaman,
)

pytestmark = pytest.mark.django_db


def _teks(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf)).pages]


@pytest.mark.parametrize("jenis", [JenisSOP.PENGUMPULAN, JenisSOP.PENGUKURAN])
def test_sop_sheet_prints_every_field_and_step(demo, jenis):
    sop = SOP.objects.get(jenis=jenis, berlaku=True)
    pdf = render_sop(sop=sop)
    simpan_artefak(f"sop_{jenis}", pdf)
    halaman = _teks(pdf)
    semua = " ".join(halaman)
    assert sop.nomor in halaman[0]
    for teks in [
        sop.nama,
        "21 Oktober 2019",
        "03 April 2023",
        "04 April 2023",
        sop.disahkan_nama,
        "DASAR HUKUM",
        "KUALIFIKASI PELAKSANA",
        "KETERKAITAN",
        "PERALATAN/PERLENGKAPAN",
        "PERINGATAN",
        "PENCATATAN DAN PENDATAAN",
        *sop.kualifikasi_list,
        *sop.peralatan_list,
    ]:
        assert teks in semua, teks
    assert sop.dasar_hukum_list[0] in semua
    assert sop.judul_diagram in semua
    for kolom in (
        "No",
        "Kegiatan",
        "Pelaksana",
        "Mutu Baku",
        "Kelengkapan",
        "Waktu",
        "Output",
        "Ket.",
    ):
        assert kolom in semua
    for _peran, label in sop.kolom_pelaksana:
        assert label in semua
    for lk in sop.langkah.all():
        assert lk.kegiatan in semua
        assert lk.waktu in semua
        for x in lk.output_list:
            assert x in semua
    # landscape A4
    box = PdfReader(BytesIO(pdf)).pages[0].mediabox
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595


def test_flowchart_shapes_follow_the_sheet_data(demo):
    sop = SOP.objects.get(jenis=JenisSOP.PENGUMPULAN, berlaku=True)
    langkah = list(sop.langkah.order_by("nomor"))
    (halaman,) = susun_halaman(sop, langkah)
    bentuk = [b.bentuk for b in halaman.baris]
    assert bentuk == [
        "terminator",
        "proses",
        "proses",
        "proses",
        "keputusan",
        "terminator",
    ]
    # one lane per actor column: Kadin, Kabid/Sekretaris, Kasubbag/Sub Koordinator, Tim kerja
    assert [b.lajur for b in halaman.baris] == [0, 1, 2, 3, 2, 2]
    svg = gambar_svg(halaman, jumlah_lajur=4, lebar_lajur=70)
    assert svg.count("<rect") == 5 and svg.count("<polygon points") >= 1
    assert ">Ya<" in svg and ">Tidak<" in svg  # the decision's two branches
    # 5 arrows between steps + 1 return loop
    assert svg.count("<path") == 6


def test_sop_b_review_is_a_decision_returning_to_the_measurement(demo):
    sop = SOP.objects.get(jenis=JenisSOP.PENGUKURAN, berlaku=True)
    (halaman,) = susun_halaman(sop, list(sop.langkah.order_by("nomor")))
    assert [b.bentuk for b in halaman.baris] == [
        "terminator",
        "proses",
        "keputusan",
        "proses",
        "terminator",
    ]
    assert [b.lajur for b in halaman.baris] == [1, 1, 0, 0, 1]


def test_a_long_flowchart_continues_with_off_page_connectors(demo):
    sop = SOP.objects.get(jenis=JenisSOP.PENGUMPULAN, berlaku=True)
    langkah = list(sop.langkah.order_by("nomor"))
    pages = susun_halaman(sop, langkah, tinggi_maks=200)
    assert len(pages) > 1
    assert (
        pages[0].baris[-1].konektor_bawah == "A"
        and pages[1].baris[0].konektor_atas == "A"
    )
    # the check (5) and the step it returns to (4) stay on one page
    for p in pages:
        nomor = [b.langkah.nomor for b in p.baris]
        assert (4 in nomor) == (5 in nomor)
    assert sum(len(p.baris) for p in pages) == len(langkah)


def test_row_heights_are_in_the_document_stylesheet(demo):
    sop = SOP.objects.get(jenis=JenisSOP.PENGUMPULAN, berlaku=True)
    konteks, css = konteks_sop(sop)
    assert len(re.findall(r"tr\.baris-\d+ \{ height", css)) == sop.langkah.count()
    assert "col.k-lajur" in css


def test_lembar_disposisi_from_step_1(quarter):
    quarter.upto("dispose_kabid")
    d = quarter.a.disposisi_kadin
    pdf = render_disposisi(disposisi=d)
    simpan_artefak("lembar_disposisi", pdf)
    teks = " ".join(_teks(pdf))
    assert "LEMBAR DISPOSISI" in teks
    assert "PEMERINTAH KABUPATEN LUMAJANG" in teks
    assert d.isi in teks
    assert d.kepada.nama_lengkap in teks
    assert "Triwulan I Tahun 2025" in teks
    assert "ARI MURGONO, S.STP., M.Si." in teks and "NIP. 19780216 199703 1 001" in teks
    assert (
        "KEPALA DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU KABUPATEN LUMAJANG"
        in teks
    )
    assert "Perjanjian Kinerja Tahun 2025 (versi 1) dan Rencana Aksi" in teks


def test_catatan_pembagian_tugas_from_step_3(quarter, demo):
    quarter.upto("fill")
    proses = quarter.a
    pdf = render_pembagian_tugas(proses=proses)
    simpan_artefak("catatan_pembagian_tugas", pdf)
    teks = " ".join(_teks(pdf))
    assert "CATATAN PEMBAGIAN TUGAS" in teks
    assert proses.catatan_pembagian in teks
    for t in proses.tugas.all():
        assert t.anggota.nama_lengkap in teks
        assert t.anggota.nip_tercetak in teks
        for ind in t.indikator.all():
            assert ind.nama in teks
    kasubbag = demo["kasubbag"]
    assert kasubbag.nama_lengkap in teks and f"NIP. {kasubbag.nip_tercetak}" in teks
    assert "KEPALA SUBBAGIAN PERENCANAAN DAN KEUANGAN" in teks
    assert (
        "KEUANGAN KABUPATEN" not in teks
    )  # only the head of office's title names the kabupaten
    assert (
        "Disposisi Kepala Bidang Pelayanan Perizinan (BUDI SANTOSO, S.E., M.Si.)"
        in teks
    )
    assert " No Nama / NIP " in f" {teks} "


def test_ratification_issues_the_signed_archived_document(quarter, demo, settings):
    import hashlib

    from dokumen.models import DokumenResmi
    from dokumen.services import sertifikat_kantor_pasang
    from dokumen.signing import buat_pkcs12_swatanda, verify_pdf
    from sop import services
    from sop.models import DokumenPengukuran

    settings.SITE_URL = "https://sakip.lumajangkab.go.id"
    p12 = buat_pkcs12_swatanda(
        common_name="DPMPTSP (DEMO)", organisasi="Pemkab Lumajang", passphrase=b"uji"
    )
    sertifikat_kantor_pasang(
        pd=demo.dpmptsp, pkcs12=p12, passphrase="uji", self_signed=True
    )
    q = quarter.finish()
    dok = DokumenPengukuran.objects.get(proses__siklus=q.siklus)
    resmi = DokumenResmi.objects.get(sha256=dok.sha256)
    with dok.berkas.open("rb") as fh:
        data = fh.read()
    assert hashlib.sha256(data).hexdigest() == dok.sha256 and verify_pdf(data).sah
    simpan_artefak("pengukuran_disahkan_sop", data)
    teks = " ".join(_teks(data))
    assert resmi.nomor in teks and "TRIWULAN I TAHUN 2025" in teks
    assert (
        "ARI MURGONO, S.STP., M.Si." in teks
        and "Ditandatangani secara elektronik" in teks
    )
    # the ratified draft's snapshot is printed: every indicator of the draft with its value
    for g in dok.draft.data["sasaran"]:
        for ind in g["indikator"]:
            assert ind["nama"] in teks
    # reopened and ratified again: a new numbered revision replaces the archived one, which stays
    services.siklus_reopen(
        siklus=q.siklus, actor=demo["kadin"].user, alasan="Realisasi salah ketik."
    )
    q.submit_draft()
    q.pass_review()
    dok2 = q.ratify()
    resmi2 = DokumenResmi.objects.get(sha256=dok2.sha256)
    assert (
        resmi2.revisi == 1
        and resmi2.menggantikan == resmi
        and resmi2.nomor != resmi.nomor
    )
    assert DokumenResmi.objects.filter(pk=resmi.pk, sha256=resmi.sha256).exists()
