"""The two SOP sheets of DPMPTSP Kabupaten Lumajang, word for word from the source
(`shared/seed/000_ba2fb1c78d9417e6.txt`), and their loader.

Spelling is kept as written, including the source's slips ("FLOWCART",
"pebagian", MURGONO in one sheet and MURCENO in the other, the NIP printed
without its first two digits on SOP B): the data is editable in the admin and a
revision goes through `sop.services.sop_revise`.

The swimlane columns of the original flowchart were lost in the text export; the
actor of each step (`pelaksana`) is our reading of its wording (seed README).
"""

from __future__ import annotations

import datetime

from django.db import transaction

from organisasi.models import Peran

from .models import SOP, JenisSOP, KodeLangkah, LangkahSOP, WaktuSatuan

INSTANSI = "PEMERINTAH KABUPATEN LUMAJANG\nDINAS PENANAMAN MODAL DAN\nPELAYANAN TERPADU SATU PINTU"
DISAHKAN_JABATAN = (
    "KEPALA DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU KABUPATEN LUMAJANG"
)
KUALIFIKASI = "\n".join(
    [
        "Memiliki kemampuan pengolahan data sederhana;",
        "Mengetahui tugas dan fungsi;",
        "Memahami peraturan tentang tugas dan fungsi;",
        "Mampu mengoperasikan peralatan dan perlengkapan personal komputer.",
    ]
)
PERALATAN = "Komputer;\nKertas;\nPrinter."
PERINGATAN = (
    "Jika SOP tidak dilaksanakan maka penyusunan Laporan Kinerja tidak maksimal dan tidak tercapainya "
    "kinerja sesuai target yang ditetapkan"
)
PENCATATAN = "Disimpan sebagai data elektronik dan manual"
PERPRES = "Peraturan Presiden No. 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;"
PERMENPAN = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi No. 53 Tahun 2014 tentang "
    "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Review atas Laporan Kinerja"
)

SHEETS: list[dict] = [
    {
        "jenis": JenisSOP.PENGUMPULAN,
        "instansi": INSTANSI,
        "nomor": "427.59/ 1 / 1 / 04 /2023",
        "nama": "PENGUMPULAN DATA KINERJA",
        "tanggal_pembuatan": datetime.date(2019, 10, 21),
        "tanggal_revisi": datetime.date(2023, 4, 3),
        "tanggal_pengesahan": datetime.date(2023, 4, 4),
        "disahkan_jabatan": DISAHKAN_JABATAN,
        "disahkan_nama": "ARI MURGONO, S.STP., M.Si.",
        "disahkan_nip": "19780216 199703 1 001",
        "dasar_hukum": f"{PERPRES}\n{PERMENPAN}.",
        "kualifikasi": KUALIFIKASI,
        "keterkaitan": "SOP Pengukuran Kinerja\nSOP Laporan Kinerja",
        "peralatan": PERALATAN,
        "peringatan": PERINGATAN,
        "pencatatan": PENCATATAN,
        "judul_diagram": "DIAGRAM ALIR (FLOWCART) SOP AP PENGUMPULAN DATA KINERJA",
        "kolom_pelaksana": [
            [Peran.KADIN, "Kadin"],
            [Peran.KABID, "Kabid / Sekretaris"],
            [Peran.KASUBBAG, "Kasubbag/ Sub Koordinator"],
            [Peran.TIM_KERJA, "Tim kerja"],
        ],
        "langkah": [
            (
                1,
                KodeLangkah.DISPOSISI_KADIN,
                "Menugaskan Kabid/Sekretaris untuk mengumpulkan data kinerja setiap triwulan",
                Peran.KADIN,
                "Perjanjian kinerja, Rencana aksi",
                5,
                WaktuSatuan.MENIT,
                "5 menit",
                "Disposisi",
                "",
            ),
            (
                2,
                KodeLangkah.DISPOSISI_KABID,
                "Menugaskan Kasubag/Sub Koordinator untuk menyiapkan data kinerja",
                Peran.KABID,
                "Disposisi\nPerjanjian kinerja dan Rencana aksi",
                5,
                WaktuSatuan.MENIT,
                "5 menit",
                "Disposisi",
                "",
            ),
            (
                3,
                KodeLangkah.PEMBAGIAN_TUGAS,
                "Mengarahkan tim untuk mengumpulkan data kinerja",
                Peran.KASUBBAG,
                "Disposisi\nPerjanjian kinerja dan Rencana aksi",
                15,
                WaktuSatuan.MENIT,
                "15 menit",
                "Catatan pembagian tugas",
                "",
            ),
            (
                4,
                KodeLangkah.PENGUMPULAN_DATA,
                "Mengumpulkan dan menyerahkan data kinerja",
                Peran.TIM_KERJA,
                "Catatan pebagian tugas",
                2,
                WaktuSatuan.HARI,
                "2 hari",
                "Draf data kinerja",
                "",
            ),
            (
                5,
                KodeLangkah.PEMERIKSAAN,
                "Memeriksa kelengkapan data kinerja",
                Peran.KASUBBAG,
                "Draft data kinerja",
                8,
                WaktuSatuan.JAM,
                "8 jam",
                "Data kinerja\nDisposisi",
                "Dikembalikan untuk dilengkapi/diperbaiki",
            ),
            (
                6,
                KodeLangkah.PERSIAPAN_PENGUKURAN,
                "Melakukan persiapan penyusunan dokumen pengukuran kinerja dan dokumen laporan kinerja",
                Peran.KASUBBAG,
                "Data kinerja\nDisposisi",
                15,
                WaktuSatuan.MENIT,
                "15 menit",
                "Kelengkapan dokumen pengukuran kinerja dan draft dokumen laporan kinerja",
                "",
            ),
        ],
    },
    {
        "jenis": JenisSOP.PENGUKURAN,
        "instansi": INSTANSI,
        "nomor": "427.59/ 1 / 1 / 05 /2023",
        "nama": "PENGUKURAN KINERJA",
        "tanggal_pembuatan": datetime.date(2019, 10, 21),
        "tanggal_revisi": datetime.date(2023, 4, 3),
        "tanggal_pengesahan": datetime.date(2023, 4, 4),
        "disahkan_jabatan": DISAHKAN_JABATAN,
        "disahkan_nama": "ARI MURCENO, S.STP., M.Si.",
        "disahkan_nip": "780216 199703 1 001",
        "dasar_hukum": "\n".join(
            [
                PERPRES,
                f"{PERMENPAN};",
                "Peraturan Bupati Lumajang Nomor 36 Tahun 2018 tentang Pedoman Pengukuran Kinerja.",
            ]
        ),
        "kualifikasi": KUALIFIKASI,
        "keterkaitan": "SOP Pengumpulan Data Kinerja;\nSOP Penyusunan Laporan Kinerja.",
        "peralatan": PERALATAN,
        "peringatan": PERINGATAN,
        "pencatatan": PENCATATAN,
        "judul_diagram": "DIAGRAM ALIR (FLOWCART) SOP AP PENGUKURAN KINERJA",
        "kolom_pelaksana": [[Peran.KADIN, "Kadin"], [Peran.TIM_SAKIP, "Tim SAKIP"]],
        "langkah": [
            (
                1,
                KodeLangkah.PERSIAPAN_DATA,
                "Mempersiapkan data kinerja, Indikator Kinerja Utama (IKU) dan Indikator Kinerja Individu (IKI) "
                "yang telah ditetapkan dalam perjanjian kinerja",
                Peran.TIM_SAKIP,
                "Perjanjian kinerja\nRencana aksi\nIKU\nIKI\nData Kinerja",
                4,
                WaktuSatuan.JAM,
                "4 Jam",
                "Perjanjian kinerja\nRencana aksi\nIKU\nIKI\nData Kinerja",
                "",
            ),
            (
                2,
                KodeLangkah.PENGUKURAN,
                "Mengukur dan membuat draft dokumen pengukuran kinerja",
                Peran.TIM_SAKIP,
                "Perjanjian kinerja\nRencana aksi\nIKU\nIKI\nData Kinerja",
                8,
                WaktuSatuan.JAM,
                "8 Jam",
                "Draft dokumen pengukuran kinerja",
                "",
            ),
            (
                3,
                KodeLangkah.REVIU,
                "Mereviu draft dokumen pengukuran kinerja",
                Peran.KADIN,
                "Draft dokumen pengukuran kinerja",
                4,
                WaktuSatuan.JAM,
                "4 Jam",
                "Draft dokumen pengukuran kinerja",
                "",
            ),
            (
                4,
                KodeLangkah.PENGESAHAN,
                "Mengesahkan draft dokumen pengukuran kinerja",
                Peran.KADIN,
                "Draft dokumen pengukuran kinerja",
                15,
                WaktuSatuan.MENIT,
                "15 Menit",
                "Dokumen pengukuran kinerja",
                "",
            ),
            (
                5,
                KodeLangkah.PENGARSIPAN,
                "Mengarsipkan dan menyiapkan penyusunan laporan kinerja",
                Peran.TIM_SAKIP,
                "Dokumen pengukuran kinerja",
                15,
                WaktuSatuan.MENIT,
                "15 Menit",
                "Dokumen pengukuran kinerja",
                "",
            ),
        ],
    },
]

LANGKAH_FIELDS = (
    "nomor",
    "kode",
    "kegiatan",
    "pelaksana",
    "kelengkapan",
    "waktu_nilai",
    "waktu_satuan",
    "waktu_teks",
    "output",
    "keterangan",
)


@transaction.atomic
def load_sop_sheets() -> dict[str, SOP]:
    """Load both seed SOP sheets (version 1) unless a sheet of that kind exists.

    Idempotent, and never overwrites an edited or revised sheet. Also makes sure the
    working calendar exists (07:30–16:00, Monday–Friday) and holds Indonesia's
    national holidays for last, this and next year.
    """
    from organisasi.models import today

    from .models import JamKerja
    from .services.kalender import harilibur_seed

    result: dict[str, SOP] = {}
    for sheet in SHEETS:
        data = {k: v for k, v in sheet.items() if k != "langkah"}
        existing = (
            SOP.objects.filter(jenis=data["jenis"])
            .order_by("-berlaku", "-versi")
            .first()
        )
        if existing is not None:
            result[data["jenis"]] = existing
            continue
        sop = SOP.objects.create(versi=1, berlaku=True, **data)
        LangkahSOP.objects.bulk_create(
            LangkahSOP(sop=sop, **dict(zip(LANGKAH_FIELDS, row, strict=True)))
            for row in sheet["langkah"]
        )
        result[data["jenis"]] = sop
    JamKerja.aktif()
    tahun = today().year
    for t in (tahun - 1, tahun, tahun + 1):
        harilibur_seed(tahun=t)
    return result
