"""Demo organisation: DPMPTSP Kabupaten Lumajang, one person per SOP role, plus
a second office to show that offices are sealed from each other.

Idempotent: every row is looked up by its natural key and only created when
missing, so loading twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import AdminKabupaten, Jabatan, Pegawai, PerangkatDaerah, Tim, Unit

DEMO_PASSWORD = "Lumajang#2026"  # noqa: S105  (the demo accounts' published password, README)
KABUPATEN = "Lumajang"

# user name, NIP, front title, name, back title, pangkat, golongan, jabatan, tingkat, unit, team
DPMPTSP_PEOPLE = [
    (
        "kadin",
        "197802161997031001",
        "",
        "ARI MURGONO",
        "S.STP., M.Si.",
        "Pembina Utama Muda",
        "IV/c",
        "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        Jabatan.Tingkat.KEPALA,
        "Pimpinan",
        None,
    ),
    (
        "sekretaris",
        "197505122000032002",
        "Dra.",
        "SITI AMINAH",
        "M.M.",
        "Pembina Tingkat I",
        "IV/b",
        "Sekretaris",
        Jabatan.Tingkat.KABID,
        "Sekretariat",
        None,
    ),
    (
        "kabid",
        "197903082005011003",
        "",
        "BUDI SANTOSO",
        "S.E., M.Si.",
        "Pembina",
        "IV/a",
        "Kepala Bidang Pelayanan Perizinan",
        Jabatan.Tingkat.KABID,
        "Bidang Pelayanan Perizinan",
        None,
    ),
    (
        "kasubbag",
        "198207152006042004",
        "",
        "RINA WULANDARI",
        "S.Sos.",
        "Penata Tingkat I",
        "III/d",
        "Kepala Subbagian Perencanaan dan Keuangan",
        Jabatan.Tingkat.KASUBBAG,
        "Subbagian Perencanaan dan Keuangan",
        None,
    ),
    (
        "subkoor",
        "198511202010011005",
        "",
        "AGUS PRASETYO",
        "S.T.",
        "Penata",
        "III/c",
        "Sub Koordinator Pelayanan Perizinan",
        Jabatan.Tingkat.KASUBBAG,
        "Sub Koordinator Pelayanan Perizinan",
        None,
    ),
    (
        "timkerja",
        "199003142015032006",
        "",
        "DEWI LESTARI",
        "S.E.",
        "Penata Muda Tingkat I",
        "III/b",
        "Analis Perencanaan",
        Jabatan.Tingkat.PELAKSANA,
        "Subbagian Perencanaan dan Keuangan",
        Tim.Jenis.TIM_KERJA,
    ),
    (
        "timkerja2",
        "199206252019031007",
        "",
        "FAJAR NUGROHO",
        "S.Kom.",
        "Penata Muda",
        "III/a",
        "Pengelola Data Perizinan",
        Jabatan.Tingkat.PELAKSANA,
        "Sub Koordinator Pelayanan Perizinan",
        Tim.Jenis.TIM_KERJA,
    ),
    (
        "timsakip",
        "198804102011012008",
        "",
        "MOHAMMAD HASAN",
        "S.AP.",
        "Penata",
        "III/c",
        "Analis Kinerja",
        Jabatan.Tingkat.PELAKSANA,
        "Subbagian Perencanaan dan Keuangan",
        Tim.Jenis.TIM_SAKIP,
    ),
]

UNITS = [
    ("Pimpinan", Unit.Jenis.PIMPINAN, None),
    ("Sekretariat", Unit.Jenis.SEKRETARIAT, None),
    ("Subbagian Umum dan Kepegawaian", Unit.Jenis.SUBBAGIAN, "Sekretariat"),
    ("Subbagian Perencanaan dan Keuangan", Unit.Jenis.SUBBAGIAN, "Sekretariat"),
    ("Bidang Penanaman Modal", Unit.Jenis.BIDANG, None),
    ("Bidang Pelayanan Perizinan", Unit.Jenis.BIDANG, None),
    (
        "Sub Koordinator Pelayanan Perizinan",
        Unit.Jenis.SUBKOORDINATOR,
        "Bidang Pelayanan Perizinan",
    ),
    ("Bidang Pengaduan dan Pengawasan", Unit.Jenis.BIDANG, None),
]

OTHER_PEOPLE = [
    (
        "kadin.kominfo",
        "197001011995031009",
        "Drs.",
        "HERU WIBOWO",
        "M.Si.",
        "Pembina Utama Muda",
        "IV/c",
        "Kepala Dinas Komunikasi dan Informatika",
        Jabatan.Tingkat.KEPALA,
        "Pimpinan",
        None,
    ),
    (
        "timsakip.kominfo",
        "199101012015031010",
        "",
        "YUDI HARTONO",
        "S.Kom.",
        "Penata Muda Tingkat I",
        "III/b",
        "Pranata Komputer",
        Jabatan.Tingkat.PELAKSANA,
        "Pimpinan",
        Tim.Jenis.TIM_SAKIP,
    ),
    (
        "timkerja.kominfo",
        "199302022018032011",
        "",
        "LINA MARLINA",
        "S.Kom.",
        "Penata Muda",
        "III/a",
        "Pengelola Data",
        Jabatan.Tingkat.PELAKSANA,
        "Pimpinan",
        Tim.Jenis.TIM_KERJA,
    ),
]


@dataclass
class DemoOrganisasi:
    dpmptsp: PerangkatDaerah
    kominfo: PerangkatDaerah
    pegawai: dict[str, Pegawai]

    def __getitem__(self, username: str) -> Pegawai:
        return self.pegawai[username]


def _user(username: str, email: str = ""):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": email}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _office(
    nama, singkatan, alamat, units, people, tim_names
) -> tuple[PerangkatDaerah, dict[str, Pegawai]]:
    pd, _ = PerangkatDaerah.objects.get_or_create(
        kabupaten=KABUPATEN,
        singkatan=singkatan,
        defaults=dict(
            nama=nama,
            alamat=alamat,
            kota=KABUPATEN,
            kode_pos="67311",
            telepon="(0334) 881234",
            email=f"{singkatan.lower()}@lumajangkab.go.id",
            laman="lumajangkab.go.id",
        ),
    )
    unit_by_name: dict[str, Unit] = {}
    for urutan, (unit_nama, jenis, induk) in enumerate(units):
        unit_by_name[unit_nama], _ = Unit.objects.get_or_create(
            perangkat_daerah=pd,
            nama=unit_nama,
            defaults=dict(jenis=jenis, induk=unit_by_name.get(induk), urutan=urutan),
        )
    tim = {
        jenis: Tim.objects.get_or_create(
            perangkat_daerah=pd, jenis=jenis, defaults={"nama": label}
        )[0]
        for jenis, label in tim_names.items()
    }
    result = {}
    for (
        username,
        nip,
        gd,
        nama_p,
        gb,
        pangkat,
        gol,
        jab_nama,
        tingkat,
        unit_nama,
        tim_jenis,
    ) in people:
        jabatan, _ = Jabatan.objects.get_or_create(
            perangkat_daerah=pd,
            nama=jab_nama,
            defaults=dict(tingkat=tingkat, unit=unit_by_name[unit_nama]),
        )
        user = _user(username, f"{username}@lumajangkab.go.id")
        pegawai, _ = Pegawai.objects.get_or_create(
            nip=nip,
            defaults=dict(
                user=user,
                perangkat_daerah=pd,
                gelar_depan=gd,
                nama=nama_p,
                gelar_belakang=gb,
                pangkat=pangkat,
                golongan=gol,
                jabatan=jabatan,
                email=user.email,
            ),
        )
        if tim_jenis:
            tim[tim_jenis].anggota.add(pegawai)
        result[username] = pegawai
    return pd, result


@transaction.atomic
def load_organisasi() -> DemoOrganisasi:
    dpmptsp, people = _office(
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        "Jl. Jenderal Ahmad Yani No. 3 Lumajang",
        UNITS,
        DPMPTSP_PEOPLE,
        {
            Tim.Jenis.TIM_KERJA: "Tim Kerja Pengumpulan Data Kinerja",
            Tim.Jenis.TIM_SAKIP: "Tim SAKIP DPMPTSP",
        },
    )
    kominfo, other = _office(
        "Dinas Komunikasi dan Informatika",
        "DISKOMINFO",
        "Jl. Alun-Alun Utara No. 1 Lumajang",
        [("Pimpinan", Unit.Jenis.PIMPINAN, None)],
        OTHER_PEOPLE,
        {
            Tim.Jenis.TIM_KERJA: "Tim Kerja Diskominfo",
            Tim.Jenis.TIM_SAKIP: "Tim SAKIP Diskominfo",
        },
    )
    admin = _user("adminkab", "adminkab@lumajangkab.go.id")
    AdminKabupaten.objects.get_or_create(user=admin, defaults={"kabupaten": KABUPATEN})
    return DemoOrganisasi(dpmptsp=dpmptsp, kominfo=kominfo, pegawai={**people, **other})
