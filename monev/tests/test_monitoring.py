"""The monitoring form drafted from runs with known timings, assessed, issued and printed."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from dokumen.models import DokumenResmi
from monev import services
from monev.models import JejakMonev, StatusForm
from sop.models import JenisSOP, KodeLangkah

from .runs import ALASAN, CATATAN_REVIU, run_quarter

pytestmark = pytest.mark.django_db

MULAI = datetime.date(2025, 7, 1)
SELESAI = datetime.date(2025, 7, 31)


@pytest.fixture
def kuartal(demo, clock):
    return run_quarter(demo, clock)


def _draft(demo, jenis, who="sekretaris"):
    return services.monitoring_draft(
        pd=demo.dpmptsp, jenis=jenis, actor=demo[who].user, mulai=MULAI, selesai=SELESAI
    )


def _rows(m):
    return {lk.kode: lk for lk in m.langkah.all()}


def test_sop_a_figures_and_suggestions_step_by_step(demo, kuartal):
    m = _draft(demo, JenisSOP.PENGUMPULAN)
    r = _rows(m)
    got = {
        k: (
            lk.nomor,
            lk.jumlah,
            lk.tepat_waktu,
            lk.median_menit,
            lk.maks_menit,
            lk.kembali,
            lk.saran_baik,
        )
        for k, lk in r.items()
    }
    assert got == {
        KodeLangkah.DISPOSISI_KADIN: (1, 1, 1, Decimal(3), 3, 0, True),
        KodeLangkah.DISPOSISI_KABID: (2, 1, 0, Decimal(17), 17, 0, False),
        KodeLangkah.PEMBAGIAN_TUGAS: (3, 1, 1, Decimal(10), 10, 0, True),
        KodeLangkah.PENGUMPULAN_DATA: (4, 4, 4, Decimal(90), 180, 2, False),
        KodeLangkah.PEMERIKSAAN: (5, 4, 4, Decimal(75), 300, 0, True),
        KodeLangkah.PERSIAPAN_PENGUKURAN: (6, 1, 0, Decimal(60), 60, 0, False),
    }
    # the two returns gave the same reason (spelled differently): one recurring reason, 2×
    assert r[KodeLangkah.PENGUMPULAN_DATA].alasan_kembali == [
        {"alasan": ALASAN, "jumlah": 2}
    ]
    assert "berulang" in r[KodeLangkah.PENGUMPULAN_DATA].saran_dasar
    assert "100,00 %" in r[KodeLangkah.PENGUMPULAN_DATA].saran_dasar
    # the suggestion is pre-filled as the assessment
    assert all(lk.baik == lk.saran_baik for lk in r.values())
    assert m.ambang_persen == 80 and m.status == StatusForm.DRAF


def test_sop_b_counts_returns_on_the_drafting_step_and_skips_by_reopening(
    demo, kuartal
):
    r = _rows(_draft(demo, JenisSOP.PENGUKURAN))
    got = {
        k: (
            lk.jumlah,
            lk.tepat_waktu,
            lk.median_menit,
            lk.maks_menit,
            lk.kembali,
            lk.dilewati,
            lk.saran_baik,
        )
        for k, lk in r.items()
    }
    assert got == {
        KodeLangkah.PERSIAPAN_DATA: (1, 1, Decimal(60), 60, 0, 1, True),
        KodeLangkah.PENGUKURAN: (4, 4, Decimal(45), 60, 2, 0, False),
        KodeLangkah.REVIU: (4, 4, Decimal(30), 30, 0, 0, True),
        KodeLangkah.PENGESAHAN: (2, 1, Decimal(20), 30, 0, 0, False),
        KodeLangkah.PENGARSIPAN: (2, 2, Decimal("7.5"), 10, 0, 0, True),
    }
    assert r[KodeLangkah.PENGUKURAN].alasan_kembali == [
        {"alasan": CATATAN_REVIU, "jumlah": 2}
    ]


def test_the_threshold_is_a_setting(demo, kuartal, settings):
    settings.MONEV_AMBANG_TEPAT_WAKTU = 50
    r = _rows(_draft(demo, JenisSOP.PENGUKURAN))
    assert r[KodeLangkah.PENGESAHAN].saran_baik is True  # 50 % on time is enough now
    assert (
        r[KodeLangkah.PENGUKURAN].saran_baik is False
    )  # the recurring return still counts


def test_a_period_without_runs_suggests_nothing(demo, kuartal):
    m = services.monitoring_draft(
        pd=demo.dpmptsp,
        jenis=JenisSOP.PENGUMPULAN,
        actor=demo["sekretaris"].user,
        mulai=datetime.date(2025, 1, 1),
        selesai=datetime.date(2025, 6, 30),
    )
    assert {(lk.jumlah, lk.saran_baik, lk.baik) for lk in m.langkah.all()} == {
        (0, None, None)
    }
    with pytest.raises(ValidationError):
        services.monitoring_issue(monitoring=m, actor=demo["sekretaris"].user)


def test_issued_pdf_holds_the_figures_and_assessments(demo, kuartal):
    sekretaris = demo["sekretaris"].user
    m = _draft(demo, JenisSOP.PENGUMPULAN)
    tindakan = {
        KodeLangkah.DISPOSISI_KABID: "Disposisi Kabid dikirim hari yang sama melalui aplikasi.",
        KodeLangkah.PENGUMPULAN_DATA: "Bimbingan teknis unggah bukti dukung bagi Tim Kerja.",
        KodeLangkah.PERSIAPAN_PENGUKURAN: "Kasubbag menyerahkan data segera setelah pemeriksaan.",
    }
    penilaian = {
        lk.kode: {
            "baik": lk.saran_baik,
            "catatan": "",
            "tindakan": tindakan.get(lk.kode, ""),
        }
        for lk in m.langkah.all()
    }
    # step 5 overruled: a note is required
    penilaian[KodeLangkah.PEMERIKSAAN] = {
        "baik": False,
        "catatan": "",
        "tindakan": "Periksa lebih cepat.",
    }
    with pytest.raises(ValidationError) as err:
        services.monitoring_assess(monitoring=m, penilaian=penilaian, actor=sekretaris)
    assert "berbeda dari saran" in " ".join(err.value.messages)
    penilaian[KodeLangkah.PEMERIKSAAN]["catatan"] = "Satu tugas menunggu semalam."
    services.monitoring_assess(monitoring=m, penilaian=penilaian, actor=sekretaris)
    m = services.monitoring_issue(monitoring=m, actor=sekretaris)

    assert m.status == StatusForm.DITERBITKAN
    resmi = DokumenResmi.objects.get(pk=m.dokumen_id)
    assert resmi.jenis == DokumenResmi.Jenis.SOP and resmi.nomor.startswith("060/")
    assert resmi.penandatangan_nama == demo["sekretaris"].nama_lengkap
    with resmi.berkas.open("rb") as fh:
        teks = " ".join(
            (p.extract_text() or "") for p in PdfReader(io.BytesIO(fh.read())).pages
        )
    teks = " ".join(teks.split())
    for potong in (
        "MONITORING PELAKSANAAN SOP AP",
        "PENGUMPULAN DATA KINERJA",
        resmi.nomor,
        "Berjalan dengan baik",
        "Tidak berjalan dengan baik",
        "Catatan hasil penilaian",
        "Tindakan yang harus diambil",
        "Dilaksanakan: 4 kali",
        "Dalam standar waktu: 4 dari 4 (100,00 %)",
        "median 1 jam 30 menit",
        "terlama 3 jam",
        "Dikembalikan 2 kali",
        ALASAN,
        "Dalam standar waktu: 0 dari 1 (0,00 %)",
        "Paraf penilai",
        "median 17 menit",
        "median 1 jam 15 menit",
        "terlama 5 jam",
        "Satu tugas menunggu semalam.",
        "Bimbingan teknis unggah bukti dukung bagi Tim Kerja.",
        demo["sekretaris"].nama_lengkap,
    ):
        assert potong in teks, potong
    assert teks.count("√") == 6
    # issued: no change any more
    with pytest.raises(ValidationError):
        services.monitoring_assess(monitoring=m, penilaian={}, actor=sekretaris)
    assert list(
        JejakMonev.objects.filter(monitoring=m).values_list("aksi", flat=True)
    ) == ["susun", "nilai", "terbit"]


@pytest.mark.parametrize(
    "who", ["kadin", "kabid", "kasubbag", "timkerja", "timsakip", "kadin.kominfo"]
)
def test_only_the_assessor_drafts(demo, who):
    with pytest.raises(PermissionDenied):
        services.monitoring_draft(
            pd=demo.dpmptsp, jenis=JenisSOP.PENGUMPULAN, actor=demo[who].user
        )


def test_the_person_the_kadin_names_assesses(demo):
    with pytest.raises(PermissionDenied):
        services.penilai_tunjuk(
            pd=demo.dpmptsp, pegawai=demo["kasubbag"], actor=demo["sekretaris"].user
        )
    with pytest.raises(ValidationError):
        services.penilai_tunjuk(
            pd=demo.dpmptsp, pegawai=demo["kadin.kominfo"], actor=demo["kadin"].user
        )
    services.penilai_tunjuk(
        pd=demo.dpmptsp, pegawai=demo["kasubbag"], actor=demo["kadin"].user
    )
    m = services.monitoring_draft(
        pd=demo.dpmptsp, jenis=JenisSOP.PENGUKURAN, actor=demo["kasubbag"].user
    )
    assert m.dibuat_oleh == demo["kasubbag"]
    # the default period is the last six months up to today
    assert (m.selesai - m.mulai).days in range(180, 185)
    services.penilai_tunjuk(
        pd=demo.dpmptsp, pegawai=demo["timsakip"], actor=demo["kadin"].user
    )
    with pytest.raises(PermissionDenied):
        services.monitoring_draft(
            pd=demo.dpmptsp, jenis=JenisSOP.PENGUKURAN, actor=demo["kasubbag"].user
        )


@pytest.mark.parametrize(
    "mulai,selesai",
    [
        (datetime.date(2025, 8, 1), datetime.date(2025, 7, 1)),
        (datetime.date(2025, 8, 1), datetime.date(2099, 7, 1)),
        (datetime.date(2019, 1, 1), datetime.date(2025, 7, 1)),
    ],
)
def test_a_wrong_period_is_refused_in_indonesian(demo, mulai, selesai):
    with pytest.raises(ValidationError) as err:
        services.monitoring_draft(
            pd=demo.dpmptsp,
            jenis=JenisSOP.PENGUMPULAN,
            actor=demo["sekretaris"].user,
            mulai=mulai,
            selesai=selesai,
        )
    assert "Periode" in " ".join(err.value.messages) or "periode" in " ".join(
        err.value.messages
    )
