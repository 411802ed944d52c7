"""A step whose required input (kelengkapan) is missing cannot be taken, and the
refusal names the missing input; bad inputs of a step are refused beside their field."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kinerja.models import IKI, Realisasi, TargetTriwulan
from sop import services
from sop.exceptions import KelengkapanBelumLengkap, TransisiTidakTersedia
from sop.models import Jejak, ProsesPengukuran, ProsesPengumpulan, TugasPengumpulan
from sop.services import missing_inputs
from sop.tests.factories import Quarter, bukti, make_plan, u

pytestmark = pytest.mark.django_db


def test_submitting_without_evidence_names_each_indicator(quarter):
    q = quarter.upto("fill")
    t = q.tugas("timkerja")
    ind = list(t.indikator.order_by("pk"))
    services.tugas_realisasi_save(
        tugas=t, indikator=ind[0], nilai=Decimal("10"), catatan="", actor=t.anggota.user
    )
    expected = [
        f"Bukti dukung: {ind[0].nama}",
        f"Realisasi: {ind[1].nama}",
        f"Bukti dukung: {ind[1].nama}",
    ]
    assert missing_inputs(t, "submit") == expected
    with pytest.raises(KelengkapanBelumLengkap) as exc:
        q.submit("timkerja")
    assert exc.value.kurang == expected
    assert "Bukti dukung: Indikator 1 DPMPTSP" in exc.value.messages[0]
    assert q.tugas("timkerja").status == TugasPengumpulan.Status.PENGISIAN
    services.tugas_bukti_add(
        tugas=t, indikator=ind[0], berkas=bukti(), actor=t.anggota.user
    )
    assert missing_inputs(t, "submit") == expected[1:]


def test_measurement_without_iki_names_it(demo):
    make_plan(demo.dpmptsp, iki=False)
    q = Quarter(demo).upto("prepare_b")
    assert missing_inputs(q.b, "prepare") == [
        "IKI (Indikator Kinerja Individu) pada Perjanjian Kinerja"
    ]
    with pytest.raises(KelengkapanBelumLengkap, match="IKI"):
        q.prepare_b()
    assert q.b.status == ProsesPengukuran.Status.PERSIAPAN
    IKI.objects.create(
        perjanjian=q.siklus.perjanjian,
        jabatan=demo["kabid"].jabatan,
        induk_indikator=q.indikator[0],
        nama="IKI",
        satuan="%",
    )
    assert missing_inputs(q.b, "prepare") == []
    q.prepare_b()
    assert q.b.status == ProsesPengukuran.Status.PENGUKURAN


def test_disposition_needs_the_quarters_rencana_aksi(quarter):
    q = quarter.upto("dispose_kadin")
    ind = q.indikator[1]
    TargetTriwulan.objects.filter(indikator=ind, triwulan=1).update(target=None)
    with pytest.raises(
        KelengkapanBelumLengkap, match=f"Rencana Aksi Triwulan I .*{ind.nama}"
    ):
        q.dispose_kadin()
    assert q.a.status == ProsesPengumpulan.Status.DISPOSISI_KADIN
    assert not q.a.disposisi.exists()


def test_a_second_click_is_refused_without_moving_anything(quarter):
    q = quarter.upto("dispose_kabid")
    n = Jejak.objects.count()
    with pytest.raises(TransisiTidakTersedia):
        q.dispose_kadin()
    assert Jejak.objects.count() == n and q.a.disposisi.count() == 1


def test_a_step_cannot_be_skipped(quarter):
    q = quarter.upto("dispose_kadin")
    with pytest.raises(TransisiTidakTersedia):
        q.dispose_kabid()
    with pytest.raises(TransisiTidakTersedia):
        services.pengumpulan_prepare(proses=q.a, actor=u(q.demo, "kasubbag"))


@pytest.mark.parametrize(
    ("kepada", "field"), [("kasubbag", "kepada"), ("kadin.kominfo", "kepada")]
)
def test_disposition_goes_to_the_right_level_of_this_office(quarter, kepada, field):
    q = quarter.upto("dispose_kadin")
    with pytest.raises(ValidationError) as exc:
        q.dispose_kadin(kepada=kepada)
    assert field in exc.value.message_dict
    assert q.a.status == ProsesPengumpulan.Status.DISPOSISI_KADIN


def test_disposition_needs_its_text(quarter, demo):
    q = quarter.upto("dispose_kadin")
    with pytest.raises(ValidationError) as exc:
        services.pengumpulan_dispose_kadin(
            proses=q.a, actor=u(demo, "kadin"), kepada=demo["kabid"], isi="  "
        )
    assert "isi" in exc.value.message_dict


def test_task_split_must_cover_every_indicator_once(quarter, demo):
    q = quarter.upto("split_tasks")
    ind = q.indikator
    with pytest.raises(ValidationError) as exc:
        services.pengumpulan_split_tasks(
            proses=q.a,
            actor=u(demo, "kasubbag"),
            pembagian={demo["timkerja"]: ind[:1]},
            catatan="Bagi.",
        )
    assert any(
        ind[1].nama in m and "belum dibagikan" in m
        for m in exc.value.message_dict["pembagian"]
    )
    with pytest.raises(ValidationError) as exc:
        services.pengumpulan_split_tasks(
            proses=q.a,
            actor=u(demo, "kasubbag"),
            pembagian={demo["timkerja"]: ind, demo["timkerja2"]: ind[:1]},
            catatan="x",
        )
    assert any("lebih dari sekali" in m for m in exc.value.message_dict["pembagian"])
    with pytest.raises(ValidationError) as exc:
        services.pengumpulan_split_tasks(
            proses=q.a,
            actor=u(demo, "kasubbag"),
            pembagian={demo["timsakip"]: ind},
            catatan="x",
        )
    assert any(
        "bukan anggota Tim Kerja" in m for m in exc.value.message_dict["pembagian"]
    )
    with pytest.raises(ValidationError) as exc:
        services.pengumpulan_split_tasks(
            proses=q.a,
            actor=u(demo, "kasubbag"),
            pembagian={demo["timkerja"]: ind},
            catatan="",
        )
    assert "catatan" in exc.value.message_dict
    assert not TugasPengumpulan.objects.exists()
    assert q.a.status == ProsesPengumpulan.Status.PEMBAGIAN_TUGAS


def test_returning_data_needs_a_reason_per_indicator(quarter):
    q = quarter.upto("check")
    ind = q.tugas("timkerja").indikator.first()
    with pytest.raises(ValidationError):
        q.check("timkerja", dikembalikan={ind.pk: "  "})
    assert q.tugas("timkerja").status == TugasPengumpulan.Status.DISERAHKAN
    assert not q.tugas("timkerja").pemeriksaan.exists()


def test_returning_a_draft_needs_notes(quarter):
    q = quarter.upto("pass_review")
    with pytest.raises(ValidationError) as exc:
        q.return_draft(catatan="")
    assert "catatan" in exc.value.message_dict
    assert q.b.status == ProsesPengukuran.Status.REVIU


def test_submitted_data_cannot_be_edited_until_returned(quarter):
    q = quarter.upto("check")
    t = q.tugas("timkerja")
    ind = t.indikator.first()
    with pytest.raises(ValidationError, match="sudah diserahkan"):
        services.tugas_realisasi_save(
            tugas=t, indikator=ind, nilai=Decimal("99"), actor=t.anggota.user
        )
    assert Realisasi.objects.get(indikator=ind, triwulan=1).nilai == Decimal("20")


def test_a_member_enters_only_his_own_indicators(quarter):
    q = quarter.upto("fill")
    mine = q.tugas("timkerja")
    other = q.tugas("timkerja2").indikator.first()
    with pytest.raises(ValidationError) as exc:
        services.tugas_realisasi_save(
            tugas=mine, indikator=other, nilai=Decimal("1"), actor=mine.anggota.user
        )
    assert "indikator" in exc.value.message_dict


def test_evidence_needs_a_realisasi_first(quarter):
    q = quarter.upto("fill")
    t = q.tugas("timkerja")
    with pytest.raises(ValidationError) as exc:
        services.tugas_bukti_add(
            tugas=t, indikator=t.indikator.first(), berkas=bukti(), actor=t.anggota.user
        )
    assert "berkas" in exc.value.message_dict
