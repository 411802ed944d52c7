"""The two SOP sheets are data, loaded word for word, editable and revisable."""

import datetime

import pytest

from sop.models import SOP, HariLibur, JamKerja, JenisSOP, KodeLangkah, LangkahSOP
from sop.services import harilibur_seed, sop_revise
from sop.sheets import load_sop_sheets

pytestmark = pytest.mark.django_db


def test_sop_a_is_loaded_word_for_word(demo):
    a = SOP.objects.get(jenis=JenisSOP.PENGUMPULAN, berlaku=True)
    assert a.nomor == "427.59/ 1 / 1 / 04 /2023"
    assert a.nama == "PENGUMPULAN DATA KINERJA"
    assert (a.tanggal_pembuatan, a.tanggal_revisi, a.tanggal_pengesahan) == (
        datetime.date(2019, 10, 21),
        datetime.date(2023, 4, 3),
        datetime.date(2023, 4, 4),
    )
    assert a.disahkan_nama == "ARI MURGONO, S.STP., M.Si."
    assert a.disahkan_nip == "19780216 199703 1 001"
    assert a.disahkan_jabatan == (
        "KEPALA DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU KABUPATEN LUMAJANG"
    )
    assert a.dasar_hukum_list == [
        "Peraturan Presiden No. 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;",
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi No. 53 Tahun 2014 tentang "
        "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Review atas Laporan Kinerja.",
    ]
    assert a.keterkaitan_list == ["SOP Pengukuran Kinerja", "SOP Laporan Kinerja"]
    assert a.peralatan_list == ["Komputer;", "Kertas;", "Printer."]
    assert a.kualifikasi_list[0] == "Memiliki kemampuan pengolahan data sederhana;"
    assert a.pencatatan == "Disimpan sebagai data elektronik dan manual"
    assert a.peringatan.startswith(
        "Jika SOP tidak dilaksanakan maka penyusunan Laporan Kinerja tidak maksimal"
    )
    steps = list(a.langkah.all())
    assert [s.nomor for s in steps] == [1, 2, 3, 4, 5, 6]
    assert (
        steps[0].kegiatan
        == "Menugaskan Kabid/Sekretaris untuk mengumpulkan data kinerja setiap triwulan"
    )
    assert steps[3].kelengkapan == "Catatan pebagian tugas"  # as written in the source
    assert [s.waktu for s in steps] == [
        "5 menit",
        "5 menit",
        "15 menit",
        "2 hari",
        "8 jam",
        "15 menit",
    ]
    assert steps[4].keterangan == "Dikembalikan untuk dilengkapi/diperbaiki"
    assert steps[4].output_list == ["Data kinerja", "Disposisi"]
    assert [s.pelaksana for s in steps] == [
        "kadin",
        "kabid",
        "kasubbag",
        "tim_kerja",
        "kasubbag",
        "kasubbag",
    ]


def test_sop_b_is_loaded_word_for_word(demo):
    b = SOP.objects.get(jenis=JenisSOP.PENGUKURAN, berlaku=True)
    assert b.nomor == "427.59/ 1 / 1 / 05 /2023"
    assert b.nama == "PENGUKURAN KINERJA"
    assert (
        b.disahkan_nama == "ARI MURCENO, S.STP., M.Si."
    )  # the other sheet's spelling, kept
    assert b.dasar_hukum_list[-1] == (
        "Peraturan Bupati Lumajang Nomor 36 Tahun 2018 tentang Pedoman Pengukuran Kinerja."
    )
    assert b.keterkaitan_list == [
        "SOP Pengumpulan Data Kinerja;",
        "SOP Penyusunan Laporan Kinerja.",
    ]
    assert b.judul_diagram == "DIAGRAM ALIR (FLOWCART) SOP AP PENGUKURAN KINERJA"
    steps = list(b.langkah.all())
    assert [s.kode for s in steps] == [
        KodeLangkah.PERSIAPAN_DATA,
        KodeLangkah.PENGUKURAN,
        KodeLangkah.REVIU,
        KodeLangkah.PENGESAHAN,
        KodeLangkah.PENGARSIPAN,
    ]
    assert steps[0].kelengkapan_list == [
        "Perjanjian kinerja",
        "Rencana aksi",
        "IKU",
        "IKI",
        "Data Kinerja",
    ]
    assert [s.waktu for s in steps] == [
        "4 Jam",
        "8 Jam",
        "4 Jam",
        "15 Menit",
        "15 Menit",
    ]
    assert [(s.waktu_nilai, s.waktu_satuan) for s in steps] == [
        (4, "jam"),
        (8, "jam"),
        (4, "jam"),
        (15, "menit"),
        (15, "menit"),
    ]
    assert [s.pelaksana for s in steps] == [
        "tim_sakip",
        "tim_sakip",
        "kadin",
        "kadin",
        "tim_sakip",
    ]


def test_loading_twice_keeps_edits(demo):
    """The loader is idempotent and never overwrites what an administrator edited."""
    a = SOP.objects.get(jenis=JenisSOP.PENGUMPULAN)
    SOP.objects.filter(pk=a.pk).update(
        disahkan_nama="ARI MURGONO, S.STP., M.Si. (diedit)"
    )
    load_sop_sheets()
    assert SOP.objects.count() == 2
    assert LangkahSOP.objects.count() == 11
    assert SOP.objects.get(pk=a.pk).disahkan_nama.endswith("(diedit)")


def test_revision_keeps_the_old_version(demo):
    lama = SOP.objects.get(jenis=JenisSOP.PENGUMPULAN)
    baru = sop_revise(
        sop=lama,
        perubahan={"nomor": "427.59/ 1 / 1 / 04 /2027"},
        tanggal_revisi=datetime.date(2027, 1, 5),
        langkah={
            KodeLangkah.PENGUMPULAN_DATA: {"waktu_nilai": 3, "waktu_teks": "3 hari"}
        },
        catatan_revisi="Waktu pengumpulan ditambah.",
    )
    lama.refresh_from_db()
    assert (lama.versi, lama.berlaku, lama.nomor) == (
        1,
        False,
        "427.59/ 1 / 1 / 04 /2023",
    )
    assert (baru.versi, baru.berlaku, baru.nomor) == (
        2,
        True,
        "427.59/ 1 / 1 / 04 /2027",
    )
    assert lama.langkah.get(kode=KodeLangkah.PENGUMPULAN_DATA).waktu == "2 hari"
    assert baru.langkah.get(kode=KodeLangkah.PENGUMPULAN_DATA).waktu == "3 hari"
    assert baru.langkah.count() == 6
    assert SOP.objects.berlaku().get(jenis=JenisSOP.PENGUMPULAN) == baru


def test_revision_cannot_invent_steps(demo):
    from django.core.exceptions import ValidationError

    lama = SOP.objects.get(jenis=JenisSOP.PENGUKURAN)
    with pytest.raises(ValidationError):
        sop_revise(sop=lama, langkah={"langkah_baru": {"kegiatan": "x"}})
    with pytest.raises(ValidationError):
        sop_revise(sop=lama, perubahan={"jenis": "pengumpulan"})
    assert SOP.objects.filter(jenis=JenisSOP.PENGUKURAN).count() == 1


def test_calendar_defaults_and_holidays(demo):
    jk = JamKerja.aktif()
    assert (jk.mulai, jk.selesai) == (datetime.time(7, 30), datetime.time(16, 0))
    assert jk.hari_kerja == frozenset({0, 1, 2, 3, 4})
    assert harilibur_seed(tahun=2030) > 10
    assert (
        HariLibur.objects.get(tanggal=datetime.date(2030, 8, 17)).nama
        == "Hari Kemerdekaan Republik Indonesia"
    )
    # an administrator removed one holiday: seeding again does not bring it back
    HariLibur.objects.filter(tanggal=datetime.date(2030, 5, 1)).delete()
    assert harilibur_seed(tahun=2030) == 0
    assert not HariLibur.objects.filter(tanggal=datetime.date(2030, 5, 1)).exists()
