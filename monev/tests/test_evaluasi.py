"""The evaluation instrument pre-filled from the runs, answered, issued and printed."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from dokumen.tests.artefak import simpan_artefak
from monev import instrumen, services
from monev.models import StatusForm
from monev.selectors.angka import AngkaLangkah
from sop.models import JenisSOP

from .runs import run_quarter

pytestmark = pytest.mark.django_db

MULAI = datetime.date(2025, 7, 1)
SELESAI = datetime.date(2025, 7, 31)


def _jawaban(ev):
    return {j.kode: j for j in ev.jawaban.all()}


def test_questions_are_prefilled_from_the_runs(demo, clock):
    run_quarter(demo, clock)
    ev = services.evaluasi_draft(
        pd=demo.dpmptsp,
        jenis=JenisSOP.PENGUMPULAN,
        actor=demo["sekretaris"].user,
        mulai=MULAI,
        selesai=SELESAI,
    )
    j = _jawaban(ev)
    assert [x.kode for x in ev.jawaban.order_by("nomor")] == [
        k for k, _t in instrumen.PERTANYAAN
    ]
    assert (
        j["peran"].pertanyaan == "Semua orang dapat menjalankan perannya masing-masing"
    )
    # step 4 ran 4 times and was returned twice: half the runs without a return, under 80 %
    assert j["dilaksanakan"].saran_ya is False and "50,00 %" in j["dilaksanakan"].bukti
    # no acting official, nothing late for lack of an actor
    assert j["peran"].saran_ya is True
    # a recurring return reason: the SOP does not yet solve that problem
    assert j["masalah"].saran_ya is False
    assert (
        j["kinerja"].saran_ya is None
        and "83,33 %" in j["kinerja"].bukti
        and "1 siklus" in j["kinerja"].bukti
    )
    assert "Bukti dukung belum diunggah" in j["dipahami"].bukti
    assert all(x.ya == x.saran_ya for x in j.values())


def test_sop_b_counts_the_reopening_as_a_problem(demo, clock):
    run_quarter(demo, clock)
    ev = services.evaluasi_draft(
        pd=demo.dpmptsp,
        jenis=JenisSOP.PENGUKURAN,
        actor=demo["sekretaris"].user,
        mulai=MULAI,
        selesai=SELESAI,
    )
    j = _jawaban(ev)
    assert (
        j["masalah"].saran_ya is False and "dibuka kembali 1 kali" in j["masalah"].bukti
    )
    assert j["dilaksanakan"].saran_ya is False


def _angka(**kw):
    base = {
        "nomor": 1,
        "kode": "disposisi_kadin",
        "kegiatan": "x",
        "standar_menit": 5,
        "standar_teks": "5 menit",
    }
    return AngkaLangkah(**{**base, **kw})


def test_late_steps_done_by_an_acting_official_answer_no_to_the_roles_question():
    hasil = instrumen.isian(
        [_angka(jumlah=3, tepat_waktu=2, oleh_plt=2, terlambat_plt=1)],
        ambang=80,
        siklus_selesai=3,
    )
    assert hasil["peran"].saran_ya is False
    assert (
        "2 langkah diselesaikan oleh Plt./Plh.; 1 di antaranya" in hasil["peran"].bukti
    )
    assert instrumen.isian([], ambang=80, siklus_selesai=0)["peran"].saran_ya is None


def test_answers_issue_and_print(demo, clock):
    run_quarter(demo, clock)
    sekretaris = demo["sekretaris"].user
    ev = services.evaluasi_draft(
        pd=demo.dpmptsp,
        jenis=JenisSOP.PENGUMPULAN,
        actor=sekretaris,
        mulai=MULAI,
        selesai=SELESAI,
    )
    with pytest.raises(
        ValidationError
    ):  # questions without a suggestion are still open
        services.evaluasi_issue(evaluasi=ev, actor=sekretaris)
    jawaban = {
        j.kode: {"ya": True if j.saran_ya is None else j.saran_ya, "catatan": ""}
        for j in ev.jawaban.all()
    }
    with pytest.raises(ValidationError) as err:  # "Tidak" needs a note
        services.evaluasi_assess(evaluasi=ev, jawaban=jawaban, actor=sekretaris)
    assert "perlu catatan" in " ".join(err.value.messages)
    jawaban["dilaksanakan"]["catatan"] = (
        "Bukti dukung sering belum lengkap saat diserahkan."
    )
    jawaban["masalah"]["catatan"] = "Alasan pengembalian yang sama muncul dua kali."
    services.evaluasi_assess(evaluasi=ev, jawaban=jawaban, actor=sekretaris)
    ev = services.evaluasi_issue(evaluasi=ev, actor=sekretaris)
    assert ev.status == StatusForm.DITERBITKAN and ev.dokumen.nomor.startswith("060/")
    with ev.dokumen.berkas.open("rb") as fh:
        isi = fh.read()
    simpan_artefak("monev-evaluasi", isi)
    teks = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(isi)).pages)
    teks = " ".join(teks.split())
    for potong in (
        "EVALUASI PENERAPAN SOP AP",
        ev.dokumen.nomor,
        "Mampu mendorong peningkatan kinerja",
        "Sinergi satu dengan lainnya",
        "Bukti dukung sering belum lengkap saat diserahkan.",
        "50,00 % pelaksanaan tanpa pengembalian",
        demo["sekretaris"].nama_lengkap,
    ):
        assert potong in teks, potong
    assert teks.count("√") == 7
