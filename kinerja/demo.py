"""Demo performance plans for the current year: DPMPTSP Lumajang (full) and Diskominfo (small).

Each office's plan is built through the services (so it obeys every rule) with
realisasi for TW I and TW II entered by the office's Tim Kerja, budget
realisation for TW I–II, and the plan locked as of the first cycle (April).
TW III realisasi is left empty on purpose: the SOP walk-through enters it.

Idempotent: an office that already has a plan for the year is left untouched.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from organisasi.models import Unit

from . import services
from .models import Agregasi, PerjanjianKinerja, Polaritas, Realisasi, RealisasiAnggaran
from .services import TargetTW

D = Decimal
N, T, R = Polaritas.NAIK, Polaritas.TURUN, Polaritas.RENTANG
JUMLAH, TERAKHIR, RATA, MANUAL = Agregasi.JUMLAH, Agregasi.TERAKHIR, Agregasi.RATA_RATA, Agregasi.MANUAL

NAMA_BUPATI = "Hj. SRI WAHYUNINGSIH, S.E., M.M."  # fictitious, demo only

# kode, nama, satuan, is_iku, polaritas, agregasi, desimal, unit, target tahunan, target maks,
# quarterly targets (or (min, max) pairs for a range), rencana aksi per quarter, realisasi TW I, TW II, catatan TW I, TW II
DPMPTSP_SASARAN = [
    ("SS.1", "Meningkatnya realisasi investasi di Kabupaten Lumajang", [
        ("IKU.1", "Nilai realisasi investasi PMA dan PMDN", "Rupiah", True, N, JUMLAH, 0, "Bidang Penanaman Modal",
         D("1250000000000"), None, [D("250000000000"), D("300000000000"), D("350000000000"), D("350000000000")],
         ["Pemutakhiran data LKPM triwulan I", "Pendampingan LKPM pelaku usaha menengah-besar",
          "Fasilitasi realisasi proyek PMDN perkebunan", "Verifikasi lapangan proyek PMA"],
         D("281450000000"), D("265300000000"), "Didukung realisasi dua proyek PMDN agroindustri.",
         "Dua proyek PMDN sektor perkebunan menggeser jadwal konstruksi ke TW III."),
        ("IK.1.2", "Jumlah pelaku usaha yang terdaftar (NIB terbit) melalui OSS RBA", "pelaku usaha", False, N,
         TERAKHIR, 0, "Bidang Pelayanan Perizinan", D("6500"), None, [D("1600"), D("3200"), D("4900"), D("6500")],
         ["Sosialisasi OSS RBA di 6 kecamatan", "Layanan jemput bola NIB UMK", "Klinik OSS di Mal Pelayanan Publik",
          "Rekonsiliasi data NIB"], D("1712"), D("3104"), "", ""),
        ("IK.1.3", "Jumlah kegiatan promosi dan fasilitasi investasi", "kegiatan", False, N, JUMLAH, 0,
         "Bidang Penanaman Modal", D("12"), None, [D("2"), D("4"), D("4"), D("2")],
         ["Penyusunan profil peluang investasi", "Temu usaha dan pameran investasi", "Forum investasi Jawa Timur",
          "Evaluasi promosi"], D("2"), D("4"), "", ""),
    ]),
    ("SS.2", "Meningkatnya kualitas pelayanan perizinan dan nonperizinan", [
        ("IKU.2", "Indeks Kepuasan Masyarakat (IKM) terhadap pelayanan perizinan", "nilai IKM", True, N, RATA, 2,
         "Bidang Pelayanan Perizinan", D("85"), None, [D("85"), D("85"), D("85"), D("85")],
         ["Survei kepuasan masyarakat triwulan I", "Survei triwulan II dan tindak lanjut saran",
          "Survei triwulan III", "Survei triwulan IV dan rekap tahunan"],
         D("86.12"), D("84.37"), "", "Antrean memanjang saat gangguan sistem OSS RBA pada bulan Mei."),
        ("IKU.3", "Persentase izin terbit tepat waktu sesuai standar pelayanan", "%", True, N, RATA, 2,
         "Bidang Pelayanan Perizinan", D("95"), None, [D("95"), D("95"), D("95"), D("95")],
         ["Pemantauan dasbor waktu layanan", "Rapat koordinasi tim teknis", "Pemantauan dasbor waktu layanan",
          "Evaluasi standar pelayanan"], D("96.40"), D("97.15"), "", ""),
        ("IK.2.3", "Jumlah perizinan dan nonperizinan yang diterbitkan", "izin", False, N, JUMLAH, 0,
         "Sub Koordinator Pelayanan Perizinan", D("4800"), None, [D("1100"), D("1200"), D("1300"), D("1200")],
         ["", "", "", ""], D("1186"), D("1241"), "", ""),
        ("IKU.4", "Rata-rata waktu penyelesaian pengaduan masyarakat", "hari", True, T, RATA, 1,
         "Bidang Pengaduan dan Pengawasan", D("5"), None, [D("5"), D("5"), D("5"), D("5")],
         ["Penanganan pengaduan melalui SP4N-LAPOR!", "Penanganan pengaduan", "Penanganan pengaduan",
          "Evaluasi penanganan pengaduan"],
         D("4.6"), D("5.8"), "", "Lonjakan pengaduan terkait Persetujuan Bangunan Gedung (PBG) pada bulan Juni."),
        ("IK.2.5", "Persentase pengaduan masyarakat yang diselesaikan", "%", False, N, RATA, 2,
         "Bidang Pengaduan dan Pengawasan", D("100"), None, [D("100"), D("100"), D("100"), D("100")],
         ["", "", "", ""], D("100"), D("96.50"), "",
         "Tiga pengaduan PBG masih menunggu hasil verifikasi lapangan tim teknis."),
    ]),
    ("SS.3", "Meningkatnya akuntabilitas kinerja dan pengelolaan keuangan perangkat daerah", [
        ("IKU.5", "Nilai evaluasi SAKIP DPMPTSP", "nilai", True, N, MANUAL, 2, "Subbagian Perencanaan dan Keuangan",
         D("72.50"), None, [D("72.50"), D("72.50"), D("72.50"), D("72.50")],
         ["Reviu Renstra dan PK", "Penyusunan laporan kinerja triwulanan", "Evaluasi internal AKIP",
          "Evaluasi AKIP oleh Inspektorat"], D("70.25"), D("70.25"),
         "Nilai LHE AKIP tahun lalu; hasil evaluasi tahun berjalan terbit pada triwulan IV.",
         "Nilai LHE AKIP tahun lalu; hasil evaluasi tahun berjalan terbit pada triwulan IV."),
        ("IK.3.2", "Persentase kesesuaian realisasi anggaran terhadap rencana penarikan dana", "%", False, R, RATA, 2,
         "Subbagian Perencanaan dan Keuangan", D("90"), D("110"),
         [(D("90"), D("110")), (D("90"), D("110")), (D("90"), D("110")), (D("90"), D("110"))],
         ["Penyusunan anggaran kas", "Pemantauan serapan bulanan", "Pemantauan serapan bulanan",
          "Rekonsiliasi akhir tahun"], D("84.50"), D("96.30"),
         "Pengadaan belanja modal dijadwalkan ulang ke triwulan II.", ""),
    ]),
]

# kode, nama, anggaran per quarter, realisasi TW I, TW II
DPMPTSP_PROGRAM = [
    ("2.18.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
     [D("1650000000"), D("1750000000"), D("1700000000"), D("1745250000")], D("1512340500"), D("1688912750")),
    ("2.18.03", "Program Promosi Penanaman Modal",
     [D("60000000"), D("125000000"), D("140000000"), D("60000000")], D("48750000"), D("118400000")),
    ("2.18.04", "Program Pelayanan Penanaman Modal",
     [D("250000000"), D("300000000"), D("300000000"), D("276800000")], D("231600000"), D("279350000")),
    ("2.18.05", "Program Pengendalian Pelaksanaan Penanaman Modal",
     [D("50000000"), D("90000000"), D("90000000"), D("68400000")], D("41200000"), D("84775000")),
]

# user name of the holder, IKI, satuan, polaritas, parent (IKU code or IKI name), target tahunan, quarterly targets
DPMPTSP_IKI = [
    ("kadin", "Nilai realisasi investasi PMA dan PMDN", "Rupiah", N, "IKU.1", D("1250000000000"),
     [D("250000000000"), D("300000000000"), D("350000000000"), D("350000000000")]),
    ("kadin", "Indeks Kepuasan Masyarakat pelayanan perizinan", "nilai IKM", N, "IKU.2", D("85"), [D("85")] * 4),
    ("kadin", "Nilai evaluasi SAKIP perangkat daerah", "nilai", N, "IKU.5", D("72.50"), [None, None, None, D("72.50")]),
    ("kabid", "Persentase izin terbit tepat waktu di Bidang Pelayanan Perizinan", "%", N,
     "Indeks Kepuasan Masyarakat pelayanan perizinan", D("95"), [D("95")] * 4),
    ("subkoor", "Persentase berkas permohonan terverifikasi paling lama 1 hari kerja", "%", N,
     "Persentase izin terbit tepat waktu di Bidang Pelayanan Perizinan", D("90"), [D("90")] * 4),
    ("sekretaris", "Persentase dokumen perencanaan dan laporan kinerja yang tepat waktu", "%", N,
     "Nilai evaluasi SAKIP perangkat daerah", D("100"), [D("100")] * 4),
    ("kasubbag", "Persentase laporan kinerja triwulanan yang disusun tepat waktu", "%", N,
     "Persentase dokumen perencanaan dan laporan kinerja yang tepat waktu", D("100"), [D("100")] * 4),
]

KOMINFO_SASARAN = [
    ("SS.1", "Meningkatnya keterbukaan informasi publik", [
        ("IKU.1", "Persentase permohonan informasi publik yang dilayani tepat waktu", "%", True, N, RATA, 2,
         "Pimpinan", D("100"), None, [D("100")] * 4, ["", "", "", ""], D("100"), D("98.20"), "",
         "Dua permohonan memerlukan koordinasi dengan perangkat daerah pemilik data."),
    ]),
    ("SS.2", "Meningkatnya penerapan Sistem Pemerintahan Berbasis Elektronik (SPBE)", [
        ("IKU.2", "Indeks SPBE Kabupaten Lumajang", "indeks", True, N, TERAKHIR, 2, "Pimpinan", D("3.10"), None,
         [D("2.85"), D("2.95"), D("3.05"), D("3.10")], ["", "", "", ""], D("2.87"), D("2.96"), "", ""),
        ("IK.2.2", "Rata-rata waktu pemulihan gangguan jaringan intra pemerintah", "jam", False, T, RATA, 1, "Pimpinan",
         D("4"), None, [D("4")] * 4, ["", "", "", ""], D("3.5"), D("3.2"), "", ""),
    ]),
]

KOMINFO_PROGRAM = [
    ("2.16.02", "Program Informasi dan Komunikasi Publik",
     [D("250000000"), D("350000000"), D("350000000"), D("300000000")], D("212500000"), D("331750000")),
    ("2.16.03", "Program Aplikasi Informatika",
     [D("480000000"), D("650000000"), D("700000000"), D("600000000")], D("401300000"), D("612450000")),
]


def _waktu(tahun: int, bulan: int, hari: int, jam: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(tahun, bulan, hari, jam, 0))


def _rencana(pd, tahun, *, kadin, timkerja, timsakip, sasaran_data, program_data, iki_data=(),
             jabatan_of=None) -> PerjanjianKinerja:
    actor = timsakip.user  # the office's Tim SAKIP writes the plan (and its trail)
    pk = services.pk_create(
        perangkat_daerah=pd, tahun=tahun, tanggal=datetime.date(tahun, 1, 2), pihak_pertama=kadin,
        pihak_kedua_nama=NAMA_BUPATI, pihak_kedua_jabatan=f"Bupati {pd.kabupaten}", actor=actor,
    )
    units = {u.nama: u for u in Unit.objects.filter(perangkat_daerah=pd)}
    by_kode = {}
    for s_kode, uraian, indikator in sasaran_data:
        sasaran = services.sasaran_create(perjanjian=pk, kode=s_kode, uraian=uraian, actor=actor)
        for (kode, nama, satuan, iku, pol, agr, des, unit, tahunan, maks, tw, aksi, *_real) in indikator:
            targets = {}
            for i, (t, ra) in enumerate(zip(tw, aksi), start=1):
                lo, hi = t if isinstance(t, tuple) else (t, None)
                targets[i] = TargetTW(target=lo, target_maks=hi, rencana_aksi=ra)
            by_kode[kode] = services.indikator_create(
                sasaran=sasaran, kode=kode, nama=nama, satuan=satuan, is_iku=iku, polaritas=pol, agregasi=agr,
                desimal=des, unit_penanggung_jawab=units.get(unit), target_tahunan=tahunan,
                target_tahunan_maks=maks, target_triwulan=targets, actor=actor,
            )
    programs = []
    for kode, nama, per_tw, *_real in program_data:
        programs.append(services.program_create(
            perjanjian=pk, kode=kode, nama=nama, anggaran=sum(per_tw, D(0)), anggaran_triwulan=dict(enumerate(per_tw, 1)),
            actor=actor,
        ))
    iki_by_nama = {}
    for username, nama, satuan, pol, induk, tahunan, tw in iki_data:
        iki_by_nama[nama] = services.iki_create(
            perjanjian=pk, jabatan=jabatan_of(username), nama=nama, satuan=satuan, polaritas=pol,
            induk_indikator=by_kode.get(induk), induk_iki=iki_by_nama.get(induk) if induk not in by_kode else None,
            target_tahunan=tahunan, target_triwulan=dict(enumerate(tw, 1)), actor=actor,
        )

    # realisasi of TW I and TW II, entered by the Tim Kerja in the first week after each quarter
    for _s_kode, _uraian, indikator in sasaran_data:
        for row in indikator:
            kode, tw1, tw2, cat1, cat2 = row[0], row[12], row[13], row[14], row[15]
            for triwulan, nilai, catatan, bulan in ((1, tw1, cat1, 4), (2, tw2, cat2, 7)):
                r = services.realisasi_save(indikator=by_kode[kode], triwulan=triwulan, nilai=nilai, catatan=catatan,
                                            actor=timkerja)
                Realisasi.objects.filter(pk=r.pk).update(diisi_pada=_waktu(tahun, bulan, 6 + triwulan))
    for program, (_k, _n, _tw, real1, real2) in zip(programs, program_data):
        for triwulan, nilai, bulan in ((1, real1, 4), (2, real2, 7)):
            ra = services.realisasi_anggaran_save(program=program, triwulan=triwulan, nilai=nilai, actor=timkerja)
            RealisasiAnggaran.objects.filter(pk=ra.pk).update(diisi_pada=_waktu(tahun, bulan, 7))

    # the plan froze when the TW I cycle opened
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(dikunci_pada=_waktu(tahun, 4, 1, 8))
    pk.refresh_from_db()
    return pk


@transaction.atomic
def load_kinerja(org) -> dict[str, PerjanjianKinerja]:
    """The current year's plans of the demo offices; existing plans are left as they are."""
    tahun = timezone.localdate().year
    hasil = {}
    plans = [
        ("dpmptsp", org.dpmptsp, "kadin", "timkerja", "timsakip", DPMPTSP_SASARAN, DPMPTSP_PROGRAM, DPMPTSP_IKI),
        ("kominfo", org.kominfo, "kadin.kominfo", "timkerja.kominfo", "timsakip.kominfo", KOMINFO_SASARAN,
         KOMINFO_PROGRAM, ()),
    ]
    for key, pd, kadin, timkerja, timsakip, sasaran_data, program_data, iki_data in plans:
        existing = PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun, berlaku=True).first()
        if existing is None and not PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun).exists():
            existing = _rencana(
                pd, tahun, kadin=org[kadin], timkerja=org[timkerja], timsakip=org[timsakip], sasaran_data=sasaran_data,
                program_data=program_data, iki_data=iki_data, jabatan_of=lambda u: org[u].jabatan,
            )
        hasil[key] = existing
    return hasil
