"""A whole kabupaten of synthetic data for the benchmark, deterministic from a seed.

40 offices (Perangkat Daerah) with their units, positions, people (valid NIPs),
teams and logins; five years of Perjanjian Kinerja with 60 indicators each,
quarterly targets (Rencana Aksi), IKI, programmes with budgets; and for every
quarter whose cycle has opened, the two SOPs with everything they leave behind:
dispositions, task split, realisasi with evidence, completeness checks, drafts,
the ratified document, step timings (LangkahBerjalan) and the trail (Jejak).

Every past quarter is run to the end. The latest opened quarter is left in
progress in a different step for each office, so that inboxes, open tasks and
drafts exist the way they would on a real Tuesday morning.

Rows are written with `bulk_create` in the final state the services in
`sop.services` would have produced (same statuses, same trail texts, working
minutes computed with `sop.worktime` on the office calendar); the state machines
are not driven one transition at a time, which would take hours.

Fixed names the benchmark relies on (`bench/run.py`):

- office 0 (`DPMPTSP`): its current quarter waits at step 4 of SOP A, with one Tim
  Kerja member (`dpmptsp.timkerja1`) holding every indicator, a third entered;
- office 1: SOP B step 2 after a returned draft (Tim SAKIP measures again);
- office 2: SOP B step 3 (the Kadin reviews draft revision 1);
- the last office has `indikator_pdf` (100) indicators, for the PDF figure;
- `adminkab` is the kabupaten administrator; every login's password is
  `BENCH_PASSWORD` (hashed once, with the installation's hasher).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import F, OuterRef, Subquery
from django.utils.translation import override

from kinerja import calculations as calc
from kinerja.models import (
    IKI,
    Agregasi,
    AnggaranTriwulan,
    BuktiDukung,
    Indikator,
    PerjanjianKinerja,
    Polaritas,
    Program,
    Realisasi,
    RealisasiAnggaran,
    SasaranStrategis,
    TargetTriwulan,
)
from organisasi.models import (
    AdminKabupaten,
    Jabatan,
    Pegawai,
    PelaksanaTugas,
    Peran,
    PerangkatDaerah,
    Tim,
    Unit,
)
from sop import worktime
from sop.models import (
    Disposisi,
    DokumenPengukuran,
    DraftPengukuran,
    Jejak,
    JenisSOP,
    KodeLangkah,
    LangkahBerjalan,
    PemeriksaanIndikator,
    ProsesPengukuran,
    ProsesPengumpulan,
    Siklus,
    TugasPengumpulan,
)

BENCH_PASSWORD = "Kabupaten#2026"  # noqa: S105 - synthetic bench logins only
KABUPATEN = "Lumajang"
BATCH = 2000
JAKARTA = worktime.JAKARTA

# (singkatan, nama) — 40 Perangkat Daerah of a kabupaten
KANTOR = [
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    ("DINKES", "Dinas Kesehatan"),
    ("DISDIK", "Dinas Pendidikan"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika"),
    ("DISPENDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("DINSOS", "Dinas Sosial"),
    ("DISNAKER", "Dinas Tenaga Kerja"),
    ("DLH", "Dinas Lingkungan Hidup"),
    ("DISHUB", "Dinas Perhubungan"),
    ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman"),
    ("DKPP", "Dinas Ketahanan Pangan dan Pertanian"),
    ("DISPERINDAG", "Dinas Perindustrian dan Perdagangan"),
    ("DISKOPUM", "Dinas Koperasi dan Usaha Mikro"),
    ("DISPARBUD", "Dinas Pariwisata dan Kebudayaan"),
    ("DISPORA", "Dinas Pemuda dan Olahraga"),
    ("DPPKB", "Dinas Pengendalian Penduduk dan Keluarga Berencana"),
    ("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa"),
    ("DISPERPUSIP", "Dinas Perpustakaan dan Kearsipan"),
    ("DISKAN", "Dinas Perikanan"),
    ("DISNAKKESWAN", "Dinas Peternakan dan Kesehatan Hewan"),
    ("SATPOLPP", "Satuan Polisi Pamong Praja"),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah"),
    ("BAPENDA", "Badan Pendapatan Daerah"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah"),
    ("BAKESBANGPOL", "Badan Kesatuan Bangsa dan Politik"),
    ("INSPEKTORAT", "Inspektorat Daerah"),
    ("SETDA", "Sekretariat Daerah"),
    ("SETWAN", "Sekretariat DPRD"),
    ("RSUD", "Rumah Sakit Umum Daerah dr. Haryoto"),
    ("KEC-LUMAJANG", "Kecamatan Lumajang"),
    ("KEC-SUKODONO", "Kecamatan Sukodono"),
    ("KEC-PASIRIAN", "Kecamatan Pasirian"),
    ("KEC-TEMPEH", "Kecamatan Tempeh"),
    ("KEC-SENDURO", "Kecamatan Senduro"),
    ("KEC-YOSOWILANGUN", "Kecamatan Yosowilangun"),
    ("KEC-KLAKAH", "Kecamatan Klakah"),
]

NAMA_L = [
    "AHMAD",
    "BUDI",
    "AGUS",
    "ANDI",
    "FAJAR",
    "HERU",
    "YUDI",
    "EKO",
    "RUDI",
    "WAHYU",
    "ARIF",
    "HADI",
    "BAMBANG",
    "SUSILO",
    "RAHMAT",
    "HENDRA",
    "MUHAMMAD",
    "ANTON",
    "DENI",
    "JOKO",
    "IMAM",
    "TAUFIK",
    "SLAMET",
    "YOGA",
    "RIZKY",
]
NAMA_P = [
    "SITI",
    "DEWI",
    "RINA",
    "NUR",
    "LINA",
    "SRI",
    "INDAH",
    "PUTRI",
    "IKA",
    "DIAN",
    "ROSA",
    "ENDANG",
    "YULI",
    "AYU",
    "NOVI",
    "RATNA",
    "MAYA",
    "FITRI",
    "ANI",
    "WULAN",
    "RETNO",
    "TITIK",
    "NINING",
]
NAMA_B = [
    "SANTOSO",
    "WULANDARI",
    "PRASETYO",
    "LESTARI",
    "NUGROHO",
    "HIDAYAT",
    "SETIAWAN",
    "KURNIAWAN",
    "PURNOMO",
    "SAPUTRA",
    "RAHAYU",
    "HARTONO",
    "WIBOWO",
    "SUSANTI",
    "FIRMANSYAH",
    "MAULANA",
    "HANDAYANI",
    "SUGIARTO",
    "PRATAMA",
    "UTAMI",
    "ARIFIN",
    "FAUZI",
    "ISMAIL",
    "KUSUMA",
    "PERMATASARI",
    "WIJAYA",
    "YULIANTO",
    "SETYAWATI",
    "SUPRIYADI",
    "MARLINA",
]
GELAR_S = [
    "S.E.",
    "S.Sos.",
    "S.Kom.",
    "S.T.",
    "S.AP.",
    "S.H.",
    "S.Pd.",
    "S.Si.",
    "A.Md.",
]
GELAR_PIMPINAN = [
    "S.STP., M.Si.",
    "S.Sos., M.M.",
    "S.H., M.H.",
    "S.T., M.T.",
    "S.E., M.Ak.",
    "S.Kep., M.Kes.",
]

BIDANG = [
    "Bidang Program dan Pelayanan",
    "Bidang Pengembangan",
    "Bidang Pengendalian dan Evaluasi",
]
SUBKOOR = [
    "Sub Koordinator Program dan Pelayanan",
    "Sub Koordinator Pengembangan",
    "Sub Koordinator Pengendalian dan Evaluasi",
]
PELAKSANA = [
    "Analis Perencanaan",
    "Analis Kinerja",
    "Pengelola Data",
    "Pengadministrasi Umum",
    "Bendahara",
    "Analis Kebijakan",
    "Pranata Komputer",
    "Pengelola Keuangan",
    "Pengadministrasi Kepegawaian",
    "Penyusun Laporan",
]
PANGKAT_PELAKSANA = [
    ("Penata Muda", "III/a"),
    ("Penata Muda Tingkat I", "III/b"),
    ("Penata", "III/c"),
    ("Pengatur", "II/c"),
    ("Pengatur Tingkat I", "II/d"),
]

SASARAN = [
    "Meningkatnya kualitas pelayanan publik",
    "Meningkatnya akuntabilitas kinerja perangkat daerah",
    "Meningkatnya kapasitas sumber daya aparatur",
    "Meningkatnya tata kelola keuangan yang tertib",
    "Meningkatnya kepuasan masyarakat terhadap layanan",
    "Meningkatnya kualitas perencanaan dan evaluasi",
    "Terwujudnya layanan berbasis elektronik",
    "Meningkatnya partisipasi masyarakat dalam pembangunan",
    "Meningkatnya pengawasan internal",
    "Meningkatnya kualitas data dan informasi",
]
# nama, satuan, polaritas, agregasi, (low, high) of the yearly target, decimals
INDIKATOR = [
    (
        "Persentase layanan yang diselesaikan tepat waktu",
        "%",
        Polaritas.NAIK,
        Agregasi.RATA_RATA,
        (80, 100),
        2,
    ),
    (
        "Jumlah dokumen perencanaan yang tersusun",
        "dokumen",
        Polaritas.NAIK,
        Agregasi.JUMLAH,
        (4, 24),
        0,
    ),
    (
        "Indeks kepuasan masyarakat",
        "indeks",
        Polaritas.NAIK,
        Agregasi.TERAKHIR,
        (75, 90),
        2,
    ),
    (
        "Jumlah pengaduan yang belum ditindaklanjuti",
        "pengaduan",
        Polaritas.TURUN,
        Agregasi.JUMLAH,
        (4, 40),
        0,
    ),
    (
        "Rata-rata waktu penyelesaian layanan",
        "hari",
        Polaritas.TURUN,
        Agregasi.RATA_RATA,
        (2, 14),
        1,
    ),
    (
        "Persentase realisasi anggaran",
        "%",
        Polaritas.NAIK,
        Agregasi.TERAKHIR,
        (90, 100),
        2,
    ),
    ("Nilai evaluasi SAKIP", "nilai", Polaritas.NAIK, Agregasi.MANUAL, (60, 80), 2),
    (
        "Persentase temuan pemeriksaan yang ditindaklanjuti",
        "%",
        Polaritas.NAIK,
        Agregasi.TERAKHIR,
        (80, 100),
        2,
    ),
    (
        "Jumlah kegiatan sosialisasi yang dilaksanakan",
        "kegiatan",
        Polaritas.NAIK,
        Agregasi.JUMLAH,
        (8, 48),
        0,
    ),
    (
        "Rasio beban kerja pegawai",
        "rasio",
        Polaritas.RENTANG,
        Agregasi.RATA_RATA,
        (0.8, 1.0),
        2,
    ),
    (
        "Persentase data kinerja yang terverifikasi",
        "%",
        Polaritas.NAIK,
        Agregasi.RATA_RATA,
        (85, 100),
        2,
    ),
    (
        "Jumlah inovasi pelayanan publik",
        "inovasi",
        Polaritas.NAIK,
        Agregasi.JUMLAH,
        (4, 12),
        0,
    ),
]
PROGRAM = [
    "Program Penunjang Urusan Pemerintahan Daerah",
    "Program Perencanaan, Pengendalian dan Evaluasi Kinerja",
    "Program Peningkatan Kualitas Pelayanan Publik",
    "Program Peningkatan Kapasitas Aparatur",
    "Program Pengelolaan Keuangan Perangkat Daerah",
    "Program Pengembangan Sistem Informasi",
    "Program Pengawasan dan Pembinaan",
    "Program Kemitraan dan Partisipasi Masyarakat",
]
OBJEK = [
    "perizinan",
    "layanan dasar",
    "administrasi umum",
    "kepegawaian",
    "keuangan",
    "aset daerah",
    "pengaduan masyarakat",
    "data dan informasi",
    "kemitraan",
    "pengawasan",
]
ALASAN_KEMBALI = [
    "Bukti dukung belum ditandatangani pejabat yang berwenang.",
    "Nilai realisasi tidak sesuai dengan rekap laporan bulanan.",
    "Lampirkan rekapitulasi per bulan sebagai bukti dukung.",
    "Satuan realisasi tidak sama dengan satuan target.",
]
CATATAN_REVIU = [
    "Periksa kembali capaian indikator yang melebihi 120%.",
    "Lengkapi penjelasan indikator yang capaiannya menurun dari triwulan lalu.",
    "Sesuaikan angka serapan anggaran dengan laporan BPKAD.",
]

PDF_BUKTI = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BERKAS_BUKTI = "bukti/bench/contoh-bukti.pdf"


def _q(value: float, desimal: int) -> Decimal:
    exp = Decimal(1).scaleb(-desimal)
    return Decimal(str(value)).quantize(exp, rounding=ROUND_HALF_UP)


def _fsm(model: type[models.Model], name: str) -> tuple[str, str]:
    """(button label, target status) of transition `name`, read from the model itself."""
    tr = next(t for t in model().get_all_status_transitions() if t.name == name)
    return str(tr.custom.get("label", name)), tr.target


def _set_status(obj: models.Model, status: str) -> None:
    """Set a protected FSMField on an unsaved row (the generator writes final states, it
    does not run transitions; the descriptor only guards assignment, not __dict__)."""
    obj.__dict__["status"] = status


def _saring_masa_depan(data: dict, triwulan: int) -> dict:
    """A measurement-table snapshot as it was when quarter `triwulan` was measured:
    the values of later quarters did not exist yet."""
    for grup in data["sasaran"]:
        for baris in grup["indikator"]:
            for tw in list(baris["realisasi_per_tw"]):
                if int(tw) > triwulan:
                    baris["realisasi_per_tw"][tw] = None
    return data


@dataclass
class Orang:
    """The people of one office the SOPs need, by role."""

    kadin: Pegawai
    sekretaris: Pegawai
    kabid: list[Pegawai]
    kasubbag: list[Pegawai]
    subkoor: list[Pegawai]
    timkerja: list[Pegawai]
    timsakip: list[Pegawai]
    semua: list[Pegawai]


@dataclass
class Rencana:
    """One office-year plan, as built in memory."""

    pk: PerjanjianKinerja
    indikator: list[Indikator]
    target: dict[tuple[int, int], TargetTriwulan]  # (indikator index, tw)
    program: list[Program]
    anggaran_tw: dict[tuple[int, int], Decimal]  # (program index, tw)
    nilai: dict[tuple[int, int], Decimal] = field(
        default_factory=dict
    )  # realisasi entered, (indikator index, tw)


@dataclass
class Keranjang:
    """Rows of one office waiting to be written, in dependency order."""

    realisasi: list[Realisasi] = field(default_factory=list)
    bukti: list[BuktiDukung] = field(default_factory=list)
    realisasi_anggaran: list[RealisasiAnggaran] = field(default_factory=list)
    siklus: list[Siklus] = field(default_factory=list)
    pengumpulan: list[ProsesPengumpulan] = field(default_factory=list)
    pengukuran: list[ProsesPengukuran] = field(default_factory=list)
    disposisi: list[Disposisi] = field(default_factory=list)
    tugas: list[TugasPengumpulan] = field(default_factory=list)
    tugas_indikator: list[tuple[TugasPengumpulan, Indikator]] = field(
        default_factory=list
    )
    pemeriksaan: list[PemeriksaanIndikator] = field(default_factory=list)
    draft: list[tuple[DraftPengukuran, PerjanjianKinerja, int]] = field(
        default_factory=list
    )
    dokumen: list[DokumenPengukuran] = field(default_factory=list)
    langkah: list[LangkahBerjalan] = field(default_factory=list)
    jejak: list[tuple[Jejak, models.Model | None, models.Model | None]] = field(
        default_factory=list
    )


# Where the current quarter of an office stops: the step it waits at.
BERHENTI = [
    "dispose_kadin",
    "dispose_kabid",
    "split_tasks",
    "collect",
    "prepare_a",
    "prepare_b",
    "submit_draft",
    "review",
    "ratify",
    "archive",
    "selesai",
]


class Generator:
    def __init__(
        self,
        *,
        seed: int,
        kantor: int,
        tahun: int,
        indikator: int,
        indikator_pdf: int,
        sekarang: datetime.datetime,
        log: Callable[[str], None],
    ) -> None:
        if not 1 <= kantor <= len(KANTOR):
            raise ValueError(f"kantor must be 1–{len(KANTOR)}")
        self.rng = random.Random(seed)
        self.n_kantor, self.n_tahun, self.n_indikator, self.n_indikator_pdf = (
            kantor,
            tahun,
            indikator,
            indikator_pdf,
        )
        self.sekarang = sekarang
        self.log = log
        self.nip_terpakai: set[str] = set()
        self.counts: dict[str, int] = {}
        self.tahun_akhir = sekarang.astimezone(JAKARTA).year
        self.tahun_list = list(
            range(self.tahun_akhir - tahun + 1, self.tahun_akhir + 1)
        )
        self.password = make_password(BENCH_PASSWORD)  # one hash for every login
        self.epoch = datetime.datetime(
            self.tahun_list[0] - 1, 12, 1, 8, 0, tzinfo=JAKARTA
        )

    # ------------------------------------------------------------------ helpers

    def _add(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def _bulk(self, model: type[models.Model], objs: list) -> list:
        if objs:
            model.objects.bulk_create(objs, batch_size=BATCH)
            self._add(model._meta.label, len(objs))
        return objs

    def _nip(self, lahir_dari: int, lahir_sampai: int) -> tuple[str, int]:
        r = self.rng
        while True:
            th = r.randint(lahir_dari, lahir_sampai)
            lahir = datetime.date(th, r.randint(1, 12), r.randint(1, 28))
            angkat = min(th + r.randint(22, 30), self.tahun_akhir - 1)
            sex = r.choice((1, 2))
            nip = f"{lahir:%Y%m%d}{angkat:04d}{r.randint(1, 12):02d}{sex}{r.randint(1, 999):03d}"
            if nip not in self.nip_terpakai:
                self.nip_terpakai.add(nip)
                return nip, sex

    def _nama(self, sex: int) -> str:
        r = self.rng
        depan = r.choice(NAMA_L if sex == 1 else NAMA_P)
        return f"{depan} {r.choice(NAMA_B)}"

    def _durasi(self, standar: int, telat: float = 0.2) -> int:
        """Working minutes a step took: mostly within its standard, sometimes late."""
        r = self.rng
        if r.random() < telat:
            return max(1, int(standar * r.uniform(1.1, 3.0)))
        return max(1, int(standar * r.uniform(0.15, 0.95)))

    # ------------------------------------------------------------------ calendar and sheets

    def siapkan_sop(self) -> None:
        from sop.models import JamKerja
        from sop.selectors.kalender import kalender_kerja
        from sop.services.kalender import harilibur_seed
        from sop.sheets import load_sop_sheets

        sheets = load_sop_sheets()
        JamKerja.aktif()
        for t in [*self.tahun_list, self.tahun_akhir + 1]:
            harilibur_seed(tahun=t)
        self.kal = kalender_kerja()
        self.sop_a = sheets[JenisSOP.PENGUMPULAN]
        self.sop_b = sheets[JenisSOP.PENGUKURAN]
        self.langkah = {**self.sop_a.langkah_by_kode(), **self.sop_b.langkah_by_kode()}
        self.standar = {
            kode: worktime.standar_menit(lk.waktu_nilai, lk.waktu_satuan, self.kal)
            for kode, lk in self.langkah.items()
        }
        with override("id"):
            self.label = {
                (m.__name__, n): _fsm(m, n)
                for m, names in (
                    (Siklus, ("mark_ready",)),
                    (
                        ProsesPengumpulan,
                        (
                            "dispose_kadin",
                            "dispose_kabid",
                            "split_tasks",
                            "finish_check",
                            "prepare",
                        ),
                    ),
                    (TugasPengumpulan, ("submit", "accept", "return_data")),
                    (
                        ProsesPengukuran,
                        (
                            "prepare",
                            "submit_draft",
                            "return_draft",
                            "pass_review",
                            "ratify",
                            "archive",
                        ),
                    ),
                )
                for n in names
            }
            self.peran_label = {p.value: str(p.label) for p in Peran}
        self.ct = {
            m: ContentType.objects.get_for_model(m)
            for m in (
                Siklus,
                ProsesPengumpulan,
                ProsesPengukuran,
                TugasPengumpulan,
                Disposisi,
                DraftPengukuran,
                DokumenPengukuran,
                PerjanjianKinerja,
            )
        }
        if not default_storage.exists(BERKAS_BUKTI):
            default_storage.save(BERKAS_BUKTI, ContentFile(PDF_BUKTI))

    # ------------------------------------------------------------------ organisation

    def buat_kantor(self, i: int) -> tuple[PerangkatDaerah, Orang, list[Unit]]:
        r = self.rng
        singkatan, nama = KANTOR[i]
        pd = PerangkatDaerah.objects.create(
            nama=nama,
            singkatan=singkatan,
            kabupaten=KABUPATEN,
            alamat=f"Jl. Alun-Alun No. {i + 1} Lumajang",
            kode_pos="67311",
            telepon=f"(0334) 88{i:04d}",
            email=f"{singkatan.lower()}@lumajangkab.go.id",
            laman="lumajangkab.go.id",
            kota=KABUPATEN,
        )
        self._add("organisasi.PerangkatDaerah", 1)
        pimpinan = Unit(
            perangkat_daerah=pd, jenis=Unit.Jenis.PIMPINAN, nama="Pimpinan", urutan=0
        )
        sekretariat = Unit(
            perangkat_daerah=pd,
            jenis=Unit.Jenis.SEKRETARIAT,
            nama="Sekretariat",
            urutan=1,
        )
        bidang = [
            Unit(perangkat_daerah=pd, jenis=Unit.Jenis.BIDANG, nama=b, urutan=4 + k)
            for k, b in enumerate(BIDANG)
        ]
        self._bulk(Unit, [pimpinan, sekretariat, *bidang])
        subbag = [
            Unit(
                perangkat_daerah=pd,
                jenis=Unit.Jenis.SUBBAGIAN,
                nama=n,
                induk=sekretariat,
                urutan=2 + k,
            )
            for k, n in enumerate(
                ["Subbagian Umum dan Kepegawaian", "Subbagian Perencanaan dan Keuangan"]
            )
        ]
        subkoor_u = [
            Unit(
                perangkat_daerah=pd,
                jenis=Unit.Jenis.SUBKOORDINATOR,
                nama=n,
                induk=bidang[k],
                urutan=7 + k,
            )
            for k, n in enumerate(SUBKOOR)
        ]
        self._bulk(Unit, [*subbag, *subkoor_u])
        units = [pimpinan, sekretariat, *subbag, *bidang, *subkoor_u]

        T = Jabatan.Tingkat
        j_kadin = Jabatan(
            perangkat_daerah=pd, unit=pimpinan, nama=f"Kepala {nama}", tingkat=T.KEPALA
        )
        j_sekr = Jabatan(
            perangkat_daerah=pd, unit=sekretariat, nama="Sekretaris", tingkat=T.KABID
        )
        j_kabid = [
            Jabatan(
                perangkat_daerah=pd, unit=u, nama=f"Kepala {u.nama}", tingkat=T.KABID
            )
            for u in bidang
        ]
        j_kasub = [
            Jabatan(
                perangkat_daerah=pd, unit=u, nama=f"Kepala {u.nama}", tingkat=T.KASUBBAG
            )
            for u in subbag
        ]
        j_subk = [
            Jabatan(perangkat_daerah=pd, unit=u, nama=u.nama, tingkat=T.KASUBBAG)
            for u in subkoor_u
        ]
        j_pel = [
            Jabatan(
                perangkat_daerah=pd, unit=units[2 + k % 8], nama=n, tingkat=T.PELAKSANA
            )
            for k, n in enumerate(PELAKSANA)
        ]
        self._bulk(Jabatan, [j_kadin, j_sekr, *j_kabid, *j_kasub, *j_subk, *j_pel])

        User = get_user_model()
        prefix = singkatan.lower()
        spec: list[tuple[str, Jabatan, tuple[int, int], tuple[str, str]]] = [
            ("kadin", j_kadin, (1965, 1975), ("Pembina Utama Muda", "IV/c")),
            ("sekretaris", j_sekr, (1968, 1978), ("Pembina Tingkat I", "IV/b")),
            *[
                (f"kabid{k + 1}", j, (1968, 1980), ("Pembina", "IV/a"))
                for k, j in enumerate(j_kabid)
            ],
            *[
                (f"kasubbag{k + 1}", j, (1975, 1988), ("Penata Tingkat I", "III/d"))
                for k, j in enumerate(j_kasub)
            ],
            *[
                (f"subkoor{k + 1}", j, (1975, 1988), ("Penata Tingkat I", "III/d"))
                for k, j in enumerate(j_subk)
            ],
            *[
                (
                    f"timkerja{k + 1}",
                    j_pel[k % 10],
                    (1982, 1998),
                    r.choice(PANGKAT_PELAKSANA),
                )
                for k in range(4)
            ],
            *[
                (
                    f"timsakip{k + 1}",
                    j_pel[1],
                    (1982, 1996),
                    r.choice(PANGKAT_PELAKSANA),
                )
                for k in range(2)
            ],
            *[
                (
                    f"staf{k + 1}",
                    j_pel[(k + 2) % 10],
                    (1980, 1998),
                    r.choice(PANGKAT_PELAKSANA),
                )
                for k in range(19)
            ],
        ]
        users, pegawai = [], []
        for username, jab, (dari, sampai), (pangkat, gol) in spec:
            nip, sex = self._nip(dari, sampai)
            u = User(
                username=f"{prefix}.{username}",
                email=f"{prefix}.{username}@lumajangkab.go.id",
                password=self.password,
                is_active=True,
                date_joined=self.epoch,
            )
            users.append(u)
            struktural = jab.tingkat != T.PELAKSANA
            pegawai.append(
                Pegawai(
                    user=u,
                    perangkat_daerah=pd,
                    nama=self._nama(sex),
                    nip=nip,
                    gelar_depan=r.choice(
                        ["", "", "Drs." if sex == 1 else "Dra.", "Ir."]
                    )
                    if jab.tingkat == T.KEPALA
                    else "",
                    gelar_belakang=r.choice(GELAR_PIMPINAN)
                    if struktural
                    else r.choice(GELAR_S),
                    pangkat=pangkat,
                    golongan=gol,
                    jabatan=jab,
                    email=u.email,
                )
            )
        self._bulk(User, users)
        self._bulk(Pegawai, pegawai)
        by = {s[0]: p for s, p in zip(spec, pegawai, strict=True)}
        orang = Orang(
            kadin=by["kadin"],
            sekretaris=by["sekretaris"],
            kabid=[by[f"kabid{k + 1}"] for k in range(3)],
            kasubbag=[by[f"kasubbag{k + 1}"] for k in range(2)],
            subkoor=[by[f"subkoor{k + 1}"] for k in range(3)],
            timkerja=[by[f"timkerja{k + 1}"] for k in range(4)],
            timsakip=[by[f"timsakip{k + 1}"] for k in range(2)],
            semua=pegawai,
        )
        tim_kerja = Tim(
            perangkat_daerah=pd,
            jenis=Tim.Jenis.TIM_KERJA,
            nama=f"Tim Kerja Data Kinerja {singkatan}",
        )
        tim_sakip = Tim(
            perangkat_daerah=pd,
            jenis=Tim.Jenis.TIM_SAKIP,
            nama=f"Tim SAKIP {singkatan}",
        )
        self._bulk(Tim, [tim_kerja, tim_sakip])
        through = Tim.anggota.through
        self._bulk(
            through,
            [through(tim_id=tim_kerja.pk, pegawai_id=p.pk) for p in orang.timkerja]
            + [through(tim_id=tim_sakip.pk, pegawai_id=p.pk) for p in orang.timsakip],
        )
        # a finished acting appointment (Plh. while the Kadin was on leave): history, not a role today
        mulai = datetime.date(
            self.tahun_list[0] + r.randint(0, len(self.tahun_list) - 1),
            r.randint(1, 11),
            3,
        )
        self._bulk(
            PelaksanaTugas,
            [
                PelaksanaTugas(
                    pegawai=orang.sekretaris,
                    jabatan=j_kadin,
                    jenis=PelaksanaTugas.Jenis.PLH,
                    mulai=mulai,
                    selesai=mulai + datetime.timedelta(days=14),
                    dasar=f"800/{100 + i}/427.{i + 10}/{mulai.year}",
                )
            ],
        )
        return pd, orang, units

    # ------------------------------------------------------------------ plan

    def buat_rencana(
        self,
        pd: PerangkatDaerah,
        orang: Orang,
        units: list[Unit],
        tahun: int,
        n_ind: int,
    ) -> Rencana:
        r = self.rng
        pk = PerjanjianKinerja(
            perangkat_daerah=pd,
            tahun=tahun,
            versi=1,
            berlaku=True,
            tanggal=datetime.date(tahun, 1, 31),
            pihak_pertama=orang.kadin,
            pihak_kedua_nama="Ir. H. THORIQUL HAQ, M.ML.",
            pihak_kedua_jabatan="Bupati Lumajang",
        )
        self._bulk(PerjanjianKinerja, [pk])
        n_sas = max(1, min(len(SASARAN), (n_ind + 9) // 10))
        sasaran = [
            SasaranStrategis(
                perjanjian=pk,
                kode=f"SS.{k + 1}",
                uraian=SASARAN[(k + pd.pk) % len(SASARAN)],
                urutan=k,
            )
            for k in range(n_sas)
        ]
        self._bulk(SasaranStrategis, sasaran)
        indikator: list[Indikator] = []
        targets: list[TargetTriwulan] = []
        target_map: dict[tuple[int, int], TargetTriwulan] = {}
        for k in range(n_ind):
            s = sasaran[k % n_sas]
            nama, satuan, pol, agr, (lo, hi), des = INDIKATOR[
                (k + tahun) % len(INDIKATOR)
            ]
            if agr == Agregasi.JUMLAH:
                tahunan = _q(4 * r.randint(int(lo) // 4 + 1, int(hi) // 4 + 1), des)
            else:
                tahunan = _q(r.uniform(lo, hi), des)
            maks = _q(float(tahunan) + 0.2, des) if pol == Polaritas.RENTANG else None
            ind = Indikator(
                sasaran=s,
                kode=f"IK.{s.urutan + 1}.{k // n_sas + 1}",
                nama=f"{nama} {OBJEK[k % len(OBJEK)]}",
                satuan=satuan,
                is_iku=k < n_sas * 2,
                polaritas=pol,
                agregasi=agr,
                desimal=des,
                unit_penanggung_jawab=units[2 + k % (len(units) - 2)],
                target_tahunan=tahunan,
                target_tahunan_maks=maks,
                urutan=k // n_sas,
            )
            indikator.append(ind)
        self._bulk(Indikator, indikator)
        for k, ind in enumerate(indikator):
            t = ind.target_tahunan
            if ind.agregasi == Agregasi.JUMLAH:
                per = _q(float(t) / 4, ind.desimal)
                nilai = [per, per, per, t - 3 * per]
            elif ind.agregasi == Agregasi.TERAKHIR:
                nilai = [_q(float(t) * f, ind.desimal) for f in (0.85, 0.9, 0.95)] + [t]
            else:
                nilai = [t] * 4
            for tw in range(1, 5):
                tt = TargetTriwulan(
                    indikator=ind,
                    triwulan=tw,
                    target=nilai[tw - 1],
                    target_maks=ind.target_tahunan_maks,
                    rencana_aksi=f"Pelaksanaan kegiatan triwulan {tw} untuk {ind.nama.lower()}",
                )
                targets.append(tt)
                target_map[(k, tw)] = tt
        self._bulk(TargetTriwulan, targets)

        program = [
            Program(
                perjanjian=pk,
                kode=f"1.{pd.pk:02d}.{k + 1:02d}",
                nama=PROGRAM[k % len(PROGRAM)],
                anggaran=Decimal(r.randint(40, 900) * 5_000_000),
                urutan=k,
            )
            for k in range(8)
        ]
        self._bulk(Program, program)
        anggaran_tw: dict[tuple[int, int], Decimal] = {}
        rows = []
        for k, p in enumerate(program):
            bagian = [Decimal("0.2"), Decimal("0.25"), Decimal("0.25")]
            per = [(p.anggaran * b).quantize(Decimal("0.01")) for b in bagian]
            per.append(p.anggaran - sum(per))
            for tw in range(1, 5):
                anggaran_tw[(k, tw)] = per[tw - 1]
                rows.append(
                    AnggaranTriwulan(program=p, triwulan=tw, anggaran=per[tw - 1])
                )
        self._bulk(AnggaranTriwulan, rows)

        # IKI: every IKU cascades to a Kabid/Sekretaris, and half of them on to a Kasubbag/Sub Koordinator
        pejabat_kabid = [orang.sekretaris.jabatan, *[p.jabatan for p in orang.kabid]]
        pejabat_kasub = [
            *[p.jabatan for p in orang.kasubbag],
            *[p.jabatan for p in orang.subkoor],
        ]
        iki1 = [
            IKI(
                perjanjian=pk,
                jabatan=pejabat_kabid[k % len(pejabat_kabid)],
                induk_indikator=ind,
                nama=f"{ind.nama} (IKI)",
                satuan=ind.satuan,
                polaritas=ind.polaritas,
                target_tahunan=ind.target_tahunan,
                target_tw1=target_map[(k, 1)].target,
                target_tw2=target_map[(k, 2)].target,
                target_tw3=target_map[(k, 3)].target,
                target_tw4=target_map[(k, 4)].target,
                urutan=k,
            )
            for k, ind in enumerate(indikator)
            if ind.is_iku
        ]
        self._bulk(IKI, iki1)
        iki2 = [
            IKI(
                perjanjian=pk,
                jabatan=pejabat_kasub[k % len(pejabat_kasub)],
                induk_iki=induk,
                nama=f"Dukungan {induk.nama[:150]}",
                satuan=induk.satuan,
                polaritas=induk.polaritas,
                target_tahunan=induk.target_tahunan,
                urutan=100 + k,
            )
            for k, induk in enumerate(iki1)
            if k % 2 == 0
        ]
        self._bulk(IKI, iki2)
        return Rencana(
            pk=pk,
            indikator=indikator,
            target=target_map,
            program=program,
            anggaran_tw=anggaran_tw,
        )

    # ------------------------------------------------------------------ values

    def _realisasi_nilai(self, ind: Indikator, target: Decimal) -> Decimal:
        r = self.rng
        t = float(target)
        if ind.polaritas == Polaritas.TURUN:
            v = t * r.uniform(0.6, 1.3)
        elif ind.polaritas == Polaritas.RENTANG:
            v = t + r.uniform(-0.15, 0.35)
        else:
            v = t * r.uniform(0.7, 1.15)
            if ind.satuan == "%":
                v = min(v, 100.0)
        return _q(max(v, 0), ind.desimal)

    # ------------------------------------------------------------------ one quarter

    def _jejak(
        self,
        k: Keranjang,
        *,
        siklus: Siklus,
        proses: str,
        model: type,
        transisi: str,
        dari: str,
        aktor: Pegawai,
        peran: str | None,
        waktu: datetime.datetime,
        objek: models.Model,
        catatan: str = "",
        output: str = "",
        output_obj: models.Model | None = None,
        selesai: LangkahBerjalan | None = None,
        label: str | None = None,
        ke: str | None = None,
    ) -> None:
        tr_label, target = (
            self.label[(model.__name__, transisi)] if label is None else (label, ke)
        )
        lk = self.langkah[selesai.kode] if selesai else None
        j = Jejak(
            siklus=siklus,
            proses=proses,
            transisi=transisi,
            transisi_label=tr_label,
            dari_status=dari,
            ke_status=ke or target,
            langkah_kode=selesai.kode if selesai else "",
            langkah_nomor=lk.nomor if lk else None,
            langkah_kegiatan=lk.kegiatan if lk else "",
            aktor=aktor,
            aktor_nama=aktor.nama_lengkap,
            aktor_nip=aktor.nip,
            aktor_label=self.peran_label[peran]
            if peran
            else self.peran_label[Peran.KADIN],
            waktu=waktu,
            catatan=catatan,
            output=output,
            menit_kerja=selesai.menit_kerja if selesai else None,
            standar_menit=selesai.standar_menit if selesai else None,
            standar_teks=lk.waktu if lk else "",
            terlambat=selesai.terlambat if selesai else None,
        )
        k.jejak.append((j, objek, output_obj))

    def _buka(
        self,
        k: Keranjang,
        siklus: Siklus,
        kode: str,
        peran: str,
        mulai: datetime.datetime,
        pegawai: Pegawai | None = None,
        tugas: TugasPengumpulan | None = None,
        putaran: int = 1,
    ) -> LangkahBerjalan:
        lb = LangkahBerjalan(
            siklus=siklus,
            langkah=self.langkah[kode],
            kode=kode,
            tugas=tugas,
            putaran=putaran,
            menunggu_peran=peran,
            menunggu_pegawai=pegawai,
            mulai=mulai,
            standar_menit=self.standar[kode],
        )
        k.langkah.append(lb)
        return lb

    def _tutup(
        self, lb: LangkahBerjalan, oleh: Pegawai, telat: float = 0.2
    ) -> datetime.datetime:
        """Close an open step after a sampled working time; returns when it was done."""
        selesai = worktime.tambah_menit_kerja(
            lb.mulai, self._durasi(lb.standar_menit, telat), self.kal
        )
        selesai = min(selesai, self.sekarang - datetime.timedelta(minutes=5))
        selesai = max(selesai, lb.mulai)
        lb.selesai = selesai
        lb.selesai_oleh = oleh
        lb.menit_kerja = worktime.menit_kerja(lb.mulai, selesai, self.kal)
        lb.terlambat = lb.menit_kerja > lb.standar_menit
        return selesai

    def _mulai_siklus(self, tahun: int, tw: int) -> datetime.datetime:
        """Cycles open on the fifth of the month after the quarter (or the next working day), around 08.00."""
        bulan = tw * 3 + 1
        th = tahun + (1 if bulan > 12 else 0)
        bulan = bulan - 12 if bulan > 12 else bulan
        hari = datetime.date(th, bulan, 5)
        while not self.kal.hari_kerja_pada(hari):
            hari += datetime.timedelta(days=1)
        return datetime.datetime.combine(
            hari, datetime.time(8, (tahun * 7 + tw * 13) % 50), tzinfo=JAKARTA
        )

    def triwulan_dibuka(self) -> list[tuple[int, int]]:
        """Every quarter of the years whose cycle has opened by now, oldest first."""
        out = []
        for th in self.tahun_list:
            for tw in range(1, 5):
                if self._mulai_siklus(th, tw) <= self.sekarang - datetime.timedelta(
                    days=3
                ):
                    out.append((th, tw))
        return out

    def jalankan_siklus(
        self,
        k: Keranjang,
        pd: PerangkatDaerah,
        orang: Orang,
        rencana: Rencana,
        tw: int,
        mulai: datetime.datetime,
        berhenti: str = "selesai",
        satu_anggota: bool = False,
        variasi: int = 0,
        draft_kembali: bool | None = None,
    ) -> datetime.datetime:
        """Run one quarter of one office through the two SOPs up to (not including) step `berhenti`,
        appending every row to `k`. Returns the time of the last action."""
        r = self.rng
        pk = rencana.pk
        kadin = orang.kadin
        S = Siklus.Status
        A = ProsesPengumpulan.Status
        B = ProsesPengukuran.Status
        T = TugasPengumpulan.Status
        stop_idx = BERHENTI.index(berhenti)

        def lakukan(step: str) -> bool:
            """Whether `step` was taken before the quarter stopped."""
            return BERHENTI.index(step) < stop_idx

        siklus_status = S.SIAP_LAPORAN if berhenti == "selesai" else S.BERJALAN
        a_status = {
            "dispose_kadin": A.DISPOSISI_KADIN,
            "dispose_kabid": A.DISPOSISI_KABID,
            "split_tasks": A.PEMBAGIAN_TUGAS,
            "collect": A.PENGUMPULAN,
            "prepare_a": A.PERSIAPAN,
        }.get(berhenti, A.SELESAI)
        siklus = Siklus(
            perangkat_daerah=pd,
            tahun=pk.tahun,
            triwulan=tw,
            perjanjian=pk,
            sop_pengumpulan=self.sop_a,
            sop_pengukuran=self.sop_b,
            status=siklus_status,
            dibuka_oleh=kadin,
            dibuka_pada=mulai,
        )
        k.siklus.append(siklus)
        if pk.dikunci_pada is None:
            pk.dikunci_pada = mulai
        a = ProsesPengumpulan(siklus=siklus, status=a_status, dimulai_pada=mulai)
        k.pengumpulan.append(a)
        self._jejak(
            k,
            siklus=siklus,
            proses=Jejak.Proses.SIKLUS,
            model=Siklus,
            transisi="open",
            dari="",
            aktor=kadin,
            peran=Peran.KADIN,
            waktu=mulai,
            objek=siklus,
            label="Buka siklus",
            ke=S.BERJALAN,
            output=f"Siklus {siklus.periode}; Perjanjian Kinerja versi {pk.versi}",
            output_obj=pk,
        )
        lb = self._buka(k, siklus, KodeLangkah.DISPOSISI_KADIN, Peran.KADIN, mulai)
        if not lakukan("dispose_kadin"):
            return mulai

        # step 1 and 2: dispositions down the chain
        kabid_r = orang.sekretaris if variasi % 3 else orang.kabid[variasi % 3]
        kasub_r = orang.kasubbag[1] if variasi % 4 else orang.subkoor[variasi % 3]
        t = mulai
        for action, kode, dari_p, dari_peran, ke_p, ke_peran, berikut, isi in (
            (
                "dispose_kadin",
                KodeLangkah.DISPOSISI_KADIN,
                kadin,
                Peran.KADIN,
                kabid_r,
                Peran.KABID,
                KodeLangkah.DISPOSISI_KABID,
                f"Mohon dikumpulkan data kinerja {siklus.periode} sesuai Perjanjian Kinerja dan Rencana Aksi.",
            ),
            (
                "dispose_kabid",
                KodeLangkah.DISPOSISI_KABID,
                kabid_r,
                Peran.KABID,
                kasub_r,
                Peran.KASUBBAG,
                KodeLangkah.PEMBAGIAN_TUGAS,
                "Siapkan data kinerja bersama Tim Kerja, paling lambat dua hari kerja.",
            ),
        ):
            if not lakukan(action):
                return t
            t = self._tutup(lb, dari_p)
            d = Disposisi(
                proses=a,
                langkah=kode,
                dari=dari_p,
                dari_label=self.peran_label[dari_peran],
                kepada=ke_p,
                isi=isi,
                tanggal=t.astimezone(JAKARTA).date(),
                perjanjian=pk,
            )
            d.waktu = t
            k.disposisi.append(d)
            dari_status = (
                A.DISPOSISI_KADIN if action == "dispose_kadin" else A.DISPOSISI_KABID
            )
            self._jejak(
                k,
                siklus=siklus,
                proses=Jejak.Proses.PENGUMPULAN,
                model=ProsesPengumpulan,
                transisi=action,
                dari=dari_status,
                aktor=dari_p,
                peran=dari_peran,
                waktu=t,
                objek=a,
                catatan=isi,
                output=f"Disposisi kepada {ke_p.nama_lengkap}",
                output_obj=d,
                selesai=lb,
            )
            lb = self._buka(k, siklus, berikut, ke_peran, t, pegawai=ke_p)
        if not lakukan("split_tasks"):
            return t

        # step 3: the task split
        t = self._tutup(lb, kasub_r)
        anggota = orang.timkerja[:1] if satu_anggota else orang.timkerja
        bagi: dict[int, list[int]] = {m: [] for m in range(len(anggota))}
        for idx in range(len(rencana.indikator)):
            bagi[idx % len(anggota)].append(idx)
        catatan_bagi = "; ".join(
            f"{anggota[m].nama_lengkap}: {len(ix)} indikator" for m, ix in bagi.items()
        )
        a.catatan_pembagian = (
            f"Pembagian pengumpulan data kinerja {siklus.periode}: {catatan_bagi}."
        )
        tugas_list = []
        for m, ix in bagi.items():
            tg = TugasPengumpulan(
                proses=a,
                anggota=anggota[m],
                catatan="Lengkapi bukti dukung setiap indikator.",
                status=T.PENGISIAN,
                putaran=1,
            )
            tugas_list.append((tg, ix))
            k.tugas.append(tg)
            for idx in ix:
                k.tugas_indikator.append((tg, rencana.indikator[idx]))
        self._jejak(
            k,
            siklus=siklus,
            proses=Jejak.Proses.PENGUMPULAN,
            model=ProsesPengumpulan,
            transisi="split_tasks",
            dari=A.PEMBAGIAN_TUGAS,
            aktor=kasub_r,
            peran=Peran.KASUBBAG,
            waktu=t,
            objek=a,
            catatan=a.catatan_pembagian,
            output=f"Catatan pembagian tugas ({catatan_bagi})",
            selesai=lb,
        )
        t_split = t

        # steps 4 and 5, per member; in the current quarter members are at different points
        terakhir = t_split
        selesai_semua = lakukan("collect")
        for m, (tg, ix) in enumerate(tugas_list):
            member = tg.anggota
            lb_isi = self._buka(
                k,
                siklus,
                KodeLangkah.PENGUMPULAN_DATA,
                Peran.TIM_KERJA,
                t_split,
                pegawai=member,
                tugas=tg,
                putaran=1,
            )
            # how far this member gets: 0 filling (part entered), 1 submitted, 2 returned, 3 accepted
            if selesai_semua:
                tahap = 3
            elif satu_anggota:
                tahap = 0
            else:
                tahap = (m + variasi) % 4
            kembali = (r.random() < 0.15) if tahap == 3 else tahap == 2
            isi_sampai = len(ix) if tahap > 0 else len(ix) // 3
            t_isi = self._tutup(lb_isi, member, telat=0.25) if tahap > 0 else None
            # the values as they stand at the first submission (or now, while filling)
            waktu_isi = t_isi or min(
                self.sekarang - datetime.timedelta(hours=1),
                worktime.tambah_menit_kerja(t_split, 120, self.kal),
            )
            nilai_awal: dict[int, Realisasi] = {}
            for idx in ix[:isi_sampai]:
                ind = rencana.indikator[idx]
                nilai_awal[idx] = self._realisasi(
                    k, rencana, idx, ind, tw, member, waktu_isi
                )
            if tahap == 0:
                continue
            tg.diserahkan_pada = t_isi
            putaran = 1
            self._jejak(
                k,
                siklus=siklus,
                proses=Jejak.Proses.PENGUMPULAN,
                model=TugasPengumpulan,
                transisi="submit",
                dari=T.PENGISIAN,
                aktor=member,
                peran=Peran.TIM_KERJA,
                waktu=t_isi,
                objek=tg,
                output=f"Draf data kinerja: {len(ix)} indikator (putaran {putaran})",
                output_obj=tg,
                selesai=lb_isi,
            )
            lb_cek = self._buka(
                k,
                siklus,
                KodeLangkah.PEMERIKSAAN,
                Peran.KASUBBAG,
                t_isi,
                pegawai=kasub_r,
                tugas=tg,
                putaran=putaran,
            )
            if tahap == 1:
                _set_status(tg, T.DISERAHKAN)
                terakhir = max(terakhir, t_isi)
                continue
            t_cek = self._tutup(lb_cek, kasub_r)
            if kembali:
                salah = r.sample(ix, k=min(len(ix), r.randint(1, 3)))
                alasan = {idx: r.choice(ALASAN_KEMBALI) for idx in salah}
                self._periksa(
                    k, tg, rencana, ix, nilai_awal, putaran, alasan, kasub_r, t_cek
                )
                teks = "\n".join(
                    f"{rencana.indikator[idx].nama}: {a_}" for idx, a_ in alasan.items()
                )
                self._jejak(
                    k,
                    siklus=siklus,
                    proses=Jejak.Proses.PENGUMPULAN,
                    model=TugasPengumpulan,
                    transisi="return_data",
                    dari=T.DISERAHKAN,
                    aktor=kasub_r,
                    peran=Peran.KASUBBAG,
                    waktu=t_cek,
                    objek=tg,
                    catatan=teks,
                    output_obj=tg,
                    selesai=lb_cek,
                    output=f"Dikembalikan untuk dilengkapi/diperbaiki: {len(alasan)} dari {len(ix)} "
                    f"indikator (putaran {putaran})",
                )
                putaran += 1
                tg.putaran = putaran
                lb_isi = self._buka(
                    k,
                    siklus,
                    KodeLangkah.PENGUMPULAN_DATA,
                    Peran.TIM_KERJA,
                    t_cek,
                    pegawai=member,
                    tugas=tg,
                    putaran=putaran,
                )
                if tahap == 2:
                    _set_status(tg, T.DIKEMBALIKAN)
                    terakhir = max(terakhir, t_cek)
                    continue
                t_isi = self._tutup(lb_isi, member)
                for idx in salah:  # corrected values: a second save of the same row
                    rea, ind = nilai_awal[idx], rencana.indikator[idx]
                    rea.nilai = self._realisasi_nilai(
                        ind, rencana.target[(idx, tw)].target
                    )
                    rea.catatan = (
                        self._catatan(rencana, idx, ind, tw, rea.nilai)
                        + " Diperbaiki sesuai hasil pemeriksaan."
                    ).strip()
                    rea.revisi += 1
                    rea.diisi_pada = t_isi
                tg.diserahkan_pada = t_isi
                self._jejak(
                    k,
                    siklus=siklus,
                    proses=Jejak.Proses.PENGUMPULAN,
                    model=TugasPengumpulan,
                    transisi="submit",
                    dari=T.DIKEMBALIKAN,
                    aktor=member,
                    peran=Peran.TIM_KERJA,
                    waktu=t_isi,
                    objek=tg,
                    output=f"Draf data kinerja: {len(ix)} indikator (putaran {putaran})",
                    output_obj=tg,
                    selesai=lb_isi,
                )
                lb_cek = self._buka(
                    k,
                    siklus,
                    KodeLangkah.PEMERIKSAAN,
                    Peran.KASUBBAG,
                    t_isi,
                    pegawai=kasub_r,
                    tugas=tg,
                    putaran=putaran,
                )
                t_cek = self._tutup(lb_cek, kasub_r)
            self._periksa(k, tg, rencana, ix, nilai_awal, putaran, {}, kasub_r, t_cek)
            _set_status(tg, T.DITERIMA)
            self._jejak(
                k,
                siklus=siklus,
                proses=Jejak.Proses.PENGUMPULAN,
                model=TugasPengumpulan,
                transisi="accept",
                dari=T.DISERAHKAN,
                aktor=kasub_r,
                peran=Peran.KASUBBAG,
                waktu=t_cek,
                objek=tg,
                output_obj=tg,
                output=f"Data kinerja diterima: {len(ix)} indikator",
                selesai=lb_cek,
            )
            terakhir = max(terakhir, t_cek)
        if not selesai_semua:
            return terakhir
        t = terakhir
        self._jejak(
            k,
            siklus=siklus,
            proses=Jejak.Proses.PENGUMPULAN,
            model=ProsesPengumpulan,
            transisi="finish_check",
            dari=A.PENGUMPULAN,
            aktor=kasub_r,
            peran=Peran.KASUBBAG,
            waktu=t,
            objek=a,
            output="Data kinerja lengkap dari semua anggota Tim Kerja",
        )
        lb = self._buka(
            k,
            siklus,
            KodeLangkah.PERSIAPAN_PENGUKURAN,
            Peran.KASUBBAG,
            t,
            pegawai=kasub_r,
        )
        # budget realisation of the quarter, entered with the data
        for p_idx, prog in enumerate(rencana.program):
            k.realisasi_anggaran.append(
                RealisasiAnggaran(
                    program=prog,
                    triwulan=tw,
                    nilai=(
                        rencana.anggaran_tw[(p_idx, tw)]
                        * Decimal(str(round(r.uniform(0.55, 1.0), 3)))
                    ).quantize(Decimal("0.01")),
                    diisi_oleh=orang.kasubbag[1],
                    diisi_pada=t,
                )
            )
        if not lakukan("prepare_a"):
            return t

        # step 6: hand over; SOP B opens
        t = self._tutup(lb, kasub_r)
        a.catatan_persiapan = (
            "Data kinerja dan bukti dukung lengkap, diserahkan kepada Tim SAKIP."
        )
        a.selesai_pada = t
        b_status = {
            "prepare_b": B.PERSIAPAN,
            "submit_draft": B.PENGUKURAN,
            "review": B.REVIU,
            "ratify": B.PENGESAHAN,
            "archive": B.PENGARSIPAN,
        }.get(berhenti, B.DIARSIPKAN)
        b = ProsesPengukuran(siklus=siklus, status=b_status, dimulai_pada=t)
        k.pengukuran.append(b)
        self._jejak(
            k,
            siklus=siklus,
            proses=Jejak.Proses.PENGUMPULAN,
            model=ProsesPengumpulan,
            transisi="prepare",
            dari=A.PERSIAPAN,
            aktor=kasub_r,
            peran=Peran.KASUBBAG,
            waktu=t,
            objek=a,
            catatan=a.catatan_persiapan,
            output_obj=b,
            output="Kelengkapan dokumen pengukuran kinerja diserahkan; SOP Pengukuran Kinerja dimulai",
        )
        lb = self._buka(k, siklus, KodeLangkah.PERSIAPAN_DATA, Peran.TIM_SAKIP, t)
        if not lakukan("prepare_b"):
            return t

        sakip = orang.timsakip[variasi % 2]
        t = self._tutup(lb, sakip)
        b.catatan_persiapan = "PK, Rencana Aksi, IKU, IKI dan data kinerja lengkap."
        self._jejak(
            k,
            siklus=siklus,
            proses=Jejak.Proses.PENGUKURAN,
            model=ProsesPengukuran,
            transisi="prepare",
            dari=B.PERSIAPAN,
            aktor=sakip,
            peran=Peran.TIM_SAKIP,
            waktu=t,
            objek=b,
            catatan=b.catatan_persiapan,
            output="Perjanjian kinerja, Rencana aksi, IKU, IKI dan Data Kinerja siap",
            selesai=lb,
        )
        lb = self._buka(
            k, siklus, KodeLangkah.PENGUKURAN, Peran.TIM_SAKIP, t, putaran=1
        )
        # steps 2 and 3 of SOP B: draft, review (sometimes returned once)
        kembali_draft = r.random() < 0.2 if draft_kembali is None else draft_kembali
        if berhenti == "submit_draft" and not kembali_draft:
            return t  # waiting for the first draft
        revisi = 1
        while True:
            t = self._tutup(lb, sakip)
            draft = DraftPengukuran(
                proses=b,
                revisi=revisi,
                data={},
                catatan="Draft pengukuran kinerja disusun.",
                dibuat_oleh=sakip,
                dibuat_pada=t,
            )
            k.draft.append((draft, pk, tw))
            self._jejak(
                k,
                siklus=siklus,
                proses=Jejak.Proses.PENGUKURAN,
                model=ProsesPengukuran,
                transisi="submit_draft",
                dari=B.PENGUKURAN,
                aktor=sakip,
                peran=Peran.TIM_SAKIP,
                waktu=t,
                objek=b,
                catatan=draft.catatan,
                output_obj=draft,
                selesai=lb,
                output=f"Draft dokumen pengukuran kinerja revisi {revisi}",
            )
            lb = self._buka(
                k, siklus, KodeLangkah.REVIU, Peran.KADIN, t, putaran=revisi
            )
            lolos = not (kembali_draft and revisi == 1)
            if berhenti == "review" and lolos:
                return t  # the Kadin has this draft in his inbox
            t = self._tutup(lb, kadin)
            if not lolos:
                catatan = r.choice(CATATAN_REVIU)
                draft.hasil_reviu, draft.catatan_reviu = (
                    DraftPengukuran.Hasil.DIKEMBALIKAN,
                    catatan,
                )
                draft.direviu_oleh, draft.direviu_pada = kadin, t
                self._jejak(
                    k,
                    siklus=siklus,
                    proses=Jejak.Proses.PENGUKURAN,
                    model=ProsesPengukuran,
                    transisi="return_draft",
                    dari=B.REVIU,
                    aktor=kadin,
                    peran=Peran.KADIN,
                    waktu=t,
                    objek=b,
                    catatan=catatan,
                    output_obj=draft,
                    selesai=lb,
                    output=f"Draft revisi {revisi} dikembalikan untuk diperbaiki",
                )
                revisi += 1
                lb = self._buka(
                    k,
                    siklus,
                    KodeLangkah.PENGUKURAN,
                    Peran.TIM_SAKIP,
                    t,
                    putaran=revisi,
                )
                if berhenti == "submit_draft":
                    return t
                continue
            draft.hasil_reviu = DraftPengukuran.Hasil.LOLOS
            draft.direviu_oleh, draft.direviu_pada = kadin, t
            self._jejak(
                k,
                siklus=siklus,
                proses=Jejak.Proses.PENGUKURAN,
                model=ProsesPengukuran,
                transisi="pass_review",
                dari=B.REVIU,
                aktor=kadin,
                peran=Peran.KADIN,
                waktu=t,
                objek=b,
                output_obj=draft,
                selesai=lb,
                output=f"Draft revisi {revisi} disetujui",
            )
            break
        lb = self._buka(k, siklus, KodeLangkah.PENGESAHAN, Peran.KADIN, t)
        if not lakukan("ratify"):
            return t

        t = self._tutup(lb, kadin)
        dok = DokumenPengukuran(
            proses=b,
            draft=draft,
            versi=1,
            disahkan_oleh=kadin,
            disahkan_sebagai=self.peran_label[Peran.KADIN],
            disahkan_nama=kadin.nama_lengkap,
            disahkan_nip=kadin.nip,
            disahkan_pada=t,
        )
        k.dokumen.append(dok)
        self._jejak(
            k,
            siklus=siklus,
            proses=Jejak.Proses.PENGUKURAN,
            model=ProsesPengukuran,
            transisi="ratify",
            dari=B.PENGESAHAN,
            aktor=kadin,
            peran=Peran.KADIN,
            waktu=t,
            objek=b,
            output_obj=dok,
            selesai=lb,
            output="Dokumen pengukuran kinerja versi 1 disahkan",
        )
        lb = self._buka(k, siklus, KodeLangkah.PENGARSIPAN, Peran.TIM_SAKIP, t)
        if not lakukan("archive"):
            return t

        t = self._tutup(lb, sakip)
        b.selesai_pada = t
        dok.diarsipkan_oleh, dok.diarsipkan_pada = sakip, t
        self._jejak(
            k,
            siklus=siklus,
            proses=Jejak.Proses.PENGUKURAN,
            model=ProsesPengukuran,
            transisi="archive",
            dari=B.PENGARSIPAN,
            aktor=sakip,
            peran=Peran.TIM_SAKIP,
            waktu=t,
            objek=b,
            output_obj=dok,
            selesai=lb,
            output="Dokumen pengukuran kinerja versi 1 diarsipkan",
        )
        self._jejak(
            k,
            siklus=siklus,
            proses=Jejak.Proses.SIKLUS,
            model=Siklus,
            transisi="mark_ready",
            dari=S.BERJALAN,
            aktor=sakip,
            peran=Peran.TIM_SAKIP,
            waktu=t,
            objek=siklus,
            output="Siap untuk penyusunan laporan kinerja",
        )
        return t

    def _realisasi(
        self,
        k: Keranjang,
        rencana: Rencana,
        idx: int,
        ind: Indikator,
        tw: int,
        oleh: Pegawai,
        waktu: datetime.datetime,
    ) -> Realisasi:
        nilai = self._realisasi_nilai(ind, rencana.target[(idx, tw)].target)
        catatan = self._catatan(rencana, idx, ind, tw, nilai)
        rea = Realisasi(
            indikator=ind,
            triwulan=tw,
            nilai=nilai,
            catatan=catatan,
            diisi_oleh=oleh,
            diisi_pada=waktu,
            revisi=1,
        )
        k.realisasi.append(rea)
        k.bukti.append(
            BuktiDukung(
                realisasi=rea,
                berkas=BERKAS_BUKTI,
                nama_asli=f"bukti_{ind.kode}_TW{tw}.pdf",
                jenis_konten="application/pdf",
                ukuran=len(PDF_BUKTI),
                keterangan="Rekap laporan triwulan",
                diunggah_oleh=oleh,
            )
        )
        return rea

    def _catatan(
        self, rencana: Rencana, idx: int, ind: Indikator, tw: int, nilai: Decimal
    ) -> str:
        """The note `kinerja.services.realisasi_save` demands when a value is worse than last quarter's."""
        rencana.nilai[(idx, tw)] = nilai
        prev = rencana.nilai.get((idx, tw - 1))
        tt = rencana.target[(idx, tw)]
        if tw > 1 and calc.is_worse(
            prev, nilai, ind.polaritas, target=tt.target, target_maks=tt.target_maks
        ):
            return "Capaian menurun karena keterbatasan anggaran dan personel pada triwulan ini."
        return ""

    def _periksa(
        self,
        k: Keranjang,
        tg: TugasPengumpulan,
        rencana: Rencana,
        ix: list[int],
        nilai: dict[int, Realisasi],
        putaran: int,
        alasan: dict[int, str],
        oleh: Pegawai,
        waktu: datetime.datetime,
    ) -> None:
        for idx in ix:
            rea = nilai[idx]
            k.pemeriksaan.append(
                PemeriksaanIndikator(
                    tugas=tg,
                    indikator=rencana.indikator[idx],
                    putaran=putaran,
                    diterima=idx not in alasan,
                    alasan=alasan.get(idx, ""),
                    nilai_diperiksa=rea.nilai,
                    revisi_realisasi=rea.revisi,
                    diperiksa_oleh=oleh,
                    diperiksa_pada=waktu,
                )
            )

    # ------------------------------------------------------------------ writing

    def tulis(self, k: Keranjang) -> None:
        from kinerja.selectors import tabel_pengukuran

        self._bulk(Realisasi, k.realisasi)
        self._bulk(BuktiDukung, k.bukti)
        self._bulk(RealisasiAnggaran, k.realisasi_anggaran)
        self._bulk(Siklus, k.siklus)
        self._bulk(ProsesPengumpulan, k.pengumpulan)
        self._bulk(ProsesPengukuran, k.pengukuran)
        self._bulk(Disposisi, k.disposisi)
        self._bulk(TugasPengumpulan, k.tugas)
        through = TugasPengumpulan.indikator.through
        self._bulk(
            through,
            [
                through(tugaspengumpulan_id=t.pk, indikator_id=i.pk)
                for t, i in k.tugas_indikator
            ],
        )
        self._bulk(PemeriksaanIndikator, k.pemeriksaan)
        tabel: dict[tuple[int, int], dict] = {}
        for d, pk, tw in k.draft:
            if (pk.pk, tw) not in tabel:
                data = tabel_pengukuran(perjanjian=pk, triwulan=tw).as_dict()
                tabel[(pk.pk, tw)] = _saring_masa_depan(data, tw)
            d.data = tabel[(pk.pk, tw)]
        self._bulk(DraftPengukuran, [d for d, _pk, _tw in k.draft])
        self._bulk(DokumenPengukuran, k.dokumen)
        self._bulk(LangkahBerjalan, k.langkah)
        rows = []
        for j, objek, output in k.jejak:
            if objek is not None:
                j.objek_ct, j.objek_id = self.ct[type(objek)], objek.pk
            if output is not None:
                j.output_ct, j.output_id = self.ct[type(output)], output.pk
            rows.append(j)
        self._bulk(Jejak, rows)

    def _tanggal_stempel(self, pd: PerangkatDaerah, k: Keranjang) -> None:
        """Rows with auto_now_add were stamped today: give them the time they would have had."""
        BuktiDukung.objects.filter(
            realisasi__indikator__sasaran__perjanjian__perangkat_daerah=pd
        ).update(
            diunggah_pada=Subquery(
                Realisasi.objects.filter(pk=OuterRef("realisasi_id")).values(
                    "diisi_pada"
                )[:1]
            )
        )
        for d in k.disposisi:
            d.dibuat_pada = d.waktu
        Disposisi.objects.bulk_update(k.disposisi, ["dibuat_pada"], batch_size=BATCH)
        PerjanjianKinerja.objects.filter(perangkat_daerah=pd).update(
            dibuat_pada=F("tanggal")
        )

    # ------------------------------------------------------------------ main

    def run(self) -> dict[str, int]:
        self.siapkan_sop()
        User = get_user_model()
        admin = User.objects.create(
            username="adminkab",
            email="adminkab@lumajangkab.go.id",
            password=self.password,
            is_active=True,
            date_joined=self.epoch,
        )
        AdminKabupaten.objects.create(user=admin, kabupaten=KABUPATEN)
        self._add("auth.User", 1)
        self._add("organisasi.AdminKabupaten", 1)
        kuartal = self.triwulan_dibuka()
        for i in range(self.n_kantor):
            with transaction.atomic():
                pd, orang, units = self.buat_kantor(i)
                n_ind = (
                    self.n_indikator_pdf
                    if (i == self.n_kantor - 1 and self.n_kantor > 3)
                    else self.n_indikator
                )
                rencana = {
                    th: self.buat_rencana(pd, orang, units, th, n_ind)
                    for th in self.tahun_list
                }
                k = Keranjang()
                for pos, (th, tw) in enumerate(kuartal):
                    terkini = pos == len(kuartal) - 1
                    if not terkini:
                        berhenti = "selesai"
                    elif i == 0:
                        berhenti = "collect"
                    elif i == 1:
                        berhenti = "submit_draft"
                    elif i == 2:
                        berhenti = "review"
                    else:
                        berhenti = BERHENTI[(i - 3) % len(BERHENTI)]
                    self.jalankan_siklus(
                        k,
                        pd,
                        orang,
                        rencana[th],
                        tw,
                        self._mulai_siklus(th, tw),
                        berhenti=berhenti,
                        satu_anggota=(i == 0 and terkini),
                        variasi=(i + pos) % 12,
                        draft_kembali={1: True, 2: False}.get(i) if terkini else None,
                    )
                self.tulis(k)
                self._tanggal_stempel(pd, k)
                for ren in rencana.values():
                    if ren.pk.dikunci_pada:
                        PerjanjianKinerja.objects.filter(pk=ren.pk.pk).update(
                            dikunci_pada=ren.pk.dikunci_pada
                        )
            self.log(
                f"  {i + 1:2d}/{self.n_kantor} {pd.singkatan}: {len(k.siklus)} siklus, {len(k.jejak)} jejak"
            )
        return self.counts


def generate(
    *,
    seed: int = 2026,
    kantor: int = 40,
    tahun: int = 5,
    indikator: int = 60,
    indikator_pdf: int = 100,
    sekarang: datetime.datetime | None = None,
    log: Callable[[str], None] = lambda s: None,
) -> dict[str, int]:
    """Fill the (empty) configured database with a kabupaten; returns rows written per model.

    Same seed, sizes and `sekarang` → same data. `sekarang` (default: now) decides
    which quarters have opened: all but the latest are complete.
    """
    from django.utils import timezone

    sekarang = sekarang or timezone.now()
    if PerangkatDaerah.objects.exists():
        raise RuntimeError(
            "Database sudah berisi perangkat daerah; gunakan database kosong (--recreate)."
        )
    gen = Generator(
        seed=seed,
        kantor=kantor,
        tahun=tahun,
        indikator=indikator,
        indikator_pdf=indikator_pdf,
        sekarang=sekarang,
        log=log,
    )
    return gen.run()
