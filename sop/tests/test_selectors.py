"""Reads: the inbox, a cycle's timeline, the year and kabupaten overviews."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from organisasi.models import Jabatan, PelaksanaTugas
from organisasi.roles import peran_pegawai
from organisasi.tests.factories import PegawaiFactory, PerangkatDaerahFactory
from sop.models import KodeLangkah, LangkahBerjalan
from sop.selectors.inbox import inbox_for
from sop.selectors.langkah import aksi_tersedia
from sop.selectors.siklus import (
    _kantor_dengan_siklus_terbaru,
    dokumen_list_for_siklus,
    kabupaten_overview,
    siklus_detail,
    siklus_timeline,
    tahun_overview,
    tugas_list_for_pengumpulan,
)
from sop.tests.factories import TAHUN, Quarter, make_plan

pytestmark = pytest.mark.django_db


def inbox(demo, name):
    return inbox_for(peran=peran_pegawai(demo[name]))


def test_the_kadin_sees_step_1_when_the_cycle_opens(quarter, demo):
    q = quarter
    q.open("timsakip")
    [item] = inbox(demo, "kadin")
    assert item.perangkat_daerah == demo.dpmptsp
    assert item.periode == f"Triwulan I {TAHUN}"
    assert (
        item.langkah
        == "Menugaskan Kabid/Sekretaris untuk mengumpulkan data kinerja setiap triwulan"
    )
    assert item.url == reverse("sop:siklus_detail", args=[q.siklus.pk])
    assert item.standar == "5 menit"
    assert item.kode == KodeLangkah.DISPOSISI_KADIN
    assert item.batas >= item.sejak
    for other in ("kabid", "kasubbag", "timkerja", "timsakip", "kadin.kominfo"):
        assert inbox(demo, other) == []


def test_a_step_past_its_standard_is_flagged(quarter, demo):
    quarter.open()
    [item] = inbox(demo, "kadin")
    row = LangkahBerjalan.objects.get(pk=item.langkah_berjalan_id)
    LangkahBerjalan.objects.filter(pk=row.pk).update(
        mulai=timezone.now() - datetime.timedelta(days=14)
    )
    [item] = inbox(demo, "kadin")
    assert item.terlambat is True
    assert item.menit_berjalan > 5


def test_addressed_steps_wait_for_that_person_or_his_plh(quarter, demo):
    quarter.upto("dispose_kabid")
    assert [i.kode for i in inbox(demo, "kabid")] == [KodeLangkah.DISPOSISI_KABID]
    assert inbox(demo, "sekretaris") == []  # same role, not the addressee
    PelaksanaTugas.objects.create(
        pegawai=demo["sekretaris"],
        jabatan=demo["kabid"].jabatan,
        jenis=PelaksanaTugas.Jenis.PLH,
        mulai=datetime.date.today(),
    )
    assert [i.kode for i in inbox(demo, "sekretaris")] == [KodeLangkah.DISPOSISI_KABID]


def test_each_member_sees_his_own_task_and_the_checker_sees_submissions(quarter, demo):
    q = quarter.upto("fill")
    mine = inbox(demo, "timkerja")
    assert [(i.kode, i.tugas_id) for i in mine] == [
        (KodeLangkah.PENGUMPULAN_DATA, q.tugas("timkerja").pk)
    ]
    assert [i.tugas_id for i in inbox(demo, "timkerja2")] == [q.tugas("timkerja2").pk]
    assert inbox(demo, "kasubbag") == []
    q.fill("timkerja")
    q.submit("timkerja")
    assert inbox(demo, "timkerja") == []
    assert [i.kode for i in inbox(demo, "kasubbag")] == [KodeLangkah.PEMERIKSAAN]
    assert inbox(demo, "subkoor") == []


def test_tim_sakip_sees_sop_b_once_sop_a_is_done(quarter, demo):
    quarter.upto("prepare_b")
    assert [i.kode for i in inbox(demo, "timsakip")] == [KodeLangkah.PERSIAPAN_DATA]
    assert inbox(demo, "timsakip.kominfo") == []


def test_the_timeline_lists_every_occurrence_with_its_time(quarter, demo):
    q = quarter.upto("submit")
    rows = siklus_timeline(siklus=q.siklus)
    assert [r.kode for r in rows] == [
        KodeLangkah.DISPOSISI_KADIN,
        KodeLangkah.DISPOSISI_KABID,
        KodeLangkah.PEMBAGIAN_TUGAS,
        KodeLangkah.PENGUMPULAN_DATA,
        KodeLangkah.PENGUMPULAN_DATA,
    ]
    assert rows[0].selesai is not None and rows[0].oleh == str(demo["kadin"])
    assert rows[1].menunggu == str(demo["kabid"])
    assert rows[-1].selesai is None and rows[-1].menit_kerja is not None
    assert rows[-1].standar == "2 hari" and rows[-1].standar_menit == 1020


def test_quarter_tasks_come_with_their_indicator_names_in_one_query(quarter, demo):
    """`tugas_list_for_pengumpulan`: each task once, in order, with its member and its indicators'
    names in the indicators' order; a task left without indicators has an empty text."""
    quarter.upto("split_tasks", after=None)
    quarter.split_tasks()
    a = quarter.a
    sendiri = a.tugas.get(anggota=demo["timkerja2"])
    sendiri.indikator.clear()
    with CaptureQueriesContext(connection) as q:
        tugas = tugas_list_for_pengumpulan(pengumpulan=a)
        rows = [
            (t.pk, t.anggota.nama_lengkap, t.nama_indikator, t.proses) for t in tugas
        ]
    assert len(q.captured_queries) == 1
    assert rows == [
        (t.pk, t.anggota.nama_lengkap, "; ".join(i.nama for i in t.indikator.all()), a)
        for t in a.tugas.order_by("pk")
    ]
    assert rows[[t.pk for t in tugas].index(sendiri.pk)][2] == ""
    assert any("; " in r[2] for r in rows)


def test_quarter_documents_come_from_the_drafts_read_with_the_cycle(quarter, demo):
    """`dokumen_list_for_siklus`: the ratified documents by version, without a query of their own,
    each leading back to its quarter; none before the measurement starts."""
    from sop.models import DokumenPengukuran

    quarter.open()
    assert dokumen_list_for_siklus(siklus=siklus_detail(pk=quarter.siklus.pk)) == []
    quarter.upto("__end__", after="open")
    s = siklus_detail(pk=quarter.siklus.pk)
    with CaptureQueriesContext(connection) as q:
        docs = dokumen_list_for_siklus(siklus=s)
        quarters = [d.proses.siklus for d in docs]
    assert len(q.captured_queries) == 0
    assert (
        docs
        == list(DokumenPengukuran.objects.filter(proses__siklus=s).order_by("versi"))
        and docs
    )
    assert quarters == [s] * len(docs)


def test_year_overview_has_four_quarters(quarter, demo, django_assert_max_num_queries):
    quarter.upto("dispose_kabid")
    with django_assert_max_num_queries(1):
        rows = tahun_overview(pd=demo.dpmptsp, tahun=TAHUN)
    assert [r.triwulan for r in rows] == [1, 2, 3, 4]
    assert rows[0].siklus == quarter.siklus and rows[0].status == "berjalan"
    assert rows[0].pengumpulan == "Menunggu disposisi Kabid/Sekretaris"
    assert [r.siklus for r in rows[1:]] == [None, None, None]


def _office_with_cycle():
    """Another office with its own Kadin, plan and an open cycle."""
    pd = PerangkatDaerahFactory()
    kadin = PegawaiFactory(perangkat_daerah=pd, jabatan__tingkat=Jabatan.Tingkat.KEPALA)
    make_plan(pd, jabatan=kadin.jabatan)
    from sop.services import siklus_open

    return siklus_open(pd=pd, tahun=TAHUN, triwulan=1, actor=kadin.user)


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_kabupaten_overview_counts_late_open_steps_on_the_working_calendar(
    quarter, demo
):
    """Late open steps are judged on the working calendar: three queries in all (offices
    with their latest quarter, open steps, the calendar)."""
    quarter.open()
    by_pd = {r.perangkat_daerah: r for r in kabupaten_overview(kabupaten="Lumajang")}
    assert by_pd[demo.dpmptsp].terlambat == 0
    LangkahBerjalan.objects.filter(siklus=quarter.siklus, selesai__isnull=True).update(
        mulai=timezone.now() - datetime.timedelta(days=14)
    )
    with CaptureQueriesContext(connection) as q:
        rows = kabupaten_overview(kabupaten="Lumajang")
    assert len(q.captured_queries) == 3
    by_pd = {r.perangkat_daerah: r for r in rows}
    assert by_pd[demo.dpmptsp].terlambat == 1 and by_pd[demo.kominfo].terlambat == 0


def test_kabupaten_overview_runs_a_constant_number_of_queries(quarter, demo):
    quarter.upto("dispose_kabid")
    _office_with_cycle()
    small = _count(lambda: kabupaten_overview(kabupaten="Lumajang"))
    for _ in range(3):
        _office_with_cycle()
    rows = kabupaten_overview(kabupaten="Lumajang")
    assert _count(lambda: kabupaten_overview(kabupaten="Lumajang")) == small
    by_pd = {r.perangkat_daerah: r for r in rows}
    assert by_pd[demo.dpmptsp].siklus == quarter.siklus
    assert by_pd[demo.kominfo].siklus is None
    assert sum(1 for r in rows if r.siklus is not None) == 5


def test_inbox_runs_a_constant_number_of_queries(demo):
    make_plan(demo.dpmptsp)
    Quarter(demo, triwulan=1).open()
    small = _count(lambda: inbox(demo, "kadin"))
    for tw in (2, 3, 4):
        Quarter(demo, triwulan=tw).open()
    assert len(inbox(demo, "kadin")) == 4
    assert _count(lambda: inbox(demo, "kadin")) == small


def test_available_actions_for_buttons(quarter, demo):
    q = quarter.upto("dispose_kadin")
    assert aksi_tersedia(obj=q.a, user=demo["kadin"].user) == [
        {"name": "dispose_kadin", "label": "Kirim disposisi"}
    ]
    assert aksi_tersedia(obj=q.a, user=demo["kabid"].user) == []


def _lini_dari_model(siklus):
    """The timeline as the model-instance path built it (the reference for the values path)."""
    from sop.models import LangkahBerjalan

    rows = (
        LangkahBerjalan.objects.filter(siklus=siklus)
        .select_related("langkah__sop", "menunggu_pegawai", "selesai_oleh")
        .order_by("mulai", "pk")
    )
    return [
        (
            r.langkah.nomor,
            r.langkah.sop.nama,
            r.langkah.kegiatan,
            r.kode,
            r.putaran,
            str(r.menunggu_pegawai)
            if r.menunggu_pegawai
            else r.get_menunggu_peran_display(),
            r.mulai,
            r.selesai,
            str(r.selesai_oleh) if r.selesai_oleh else "",
            r.standar_menit,
            r.langkah.waktu,
            r.tugas_id,
        )
        for r in rows
    ]


def test_the_timeline_read_as_values_equals_the_model_instances(quarter, demo):
    """A finished quarter whose data went back once: steps waiting for a person and for a
    role, repeated rounds, both SOP sheets — every shown field as the models give it."""
    from django.utils import translation

    q = quarter.upto("check")
    q.check("timkerja", dikembalikan={q.indikator[0].pk: "lengkapi"})
    q.fill("timkerja")
    q.submit("timkerja")
    q.check("timkerja")
    q.fill("timkerja2")
    q.submit("timkerja2")
    q.check("timkerja2")
    q.upto("__end__", after="check")
    for bahasa in ("id", "en"):
        with translation.override(bahasa):
            rows = siklus_timeline(siklus=q.siklus)
            assert [
                (
                    r.nomor,
                    r.sop,
                    r.kegiatan,
                    r.kode,
                    r.putaran,
                    r.menunggu,
                    r.mulai,
                    r.selesai,
                    r.oleh,
                    r.standar_menit,
                    r.standar,
                    r.tugas_id,
                )
                for r in rows
            ] == _lini_dari_model(q.siklus)
    assert any(r.putaran > 1 for r in rows) and len({r.sop for r in rows}) == 2


def _medan(obj):
    return (
        None
        if obj is None
        else [
            (
                f.attname,
                f.attname in obj.get_deferred_fields() or getattr(obj, f.attname),
            )
            for f in obj._meta.concrete_fields
        ]
    )


def test_the_quarter_read_has_everything_its_page_shows(quarter, demo):
    """`siklus_detail`: the cycle, its joined objects,
    the sheet numbers, dispositions and drafts equal what the ORM reads; a quarter before
    its measurement has no drafts, an unknown id raises DoesNotExist; no query afterwards."""
    from sop.models import SOP, Disposisi, DraftPengukuran, Siklus

    quarter.open()
    awal = siklus_detail(pk=quarter.siklus.pk)
    assert getattr(awal, "pengukuran", None) is None and awal.daftar_draft == []
    quarter.upto("__end__", after="open")
    nama = (
        "perangkat_daerah",
        "perjanjian",
        "dibuka_oleh",
        "pengumpulan",
        "pengukuran",
    )
    for _ in range(2):
        s = siklus_detail(pk=quarter.siklus.pk)
        with CaptureQueriesContext(connection) as q:
            kami = (
                [_medan(s)] + [_medan(getattr(s, n)) for n in nama],
                [
                    (
                        _medan(d),
                        _medan(d.dari),
                        _medan(d.kepada),
                        d.proses is s.pengumpulan,
                    )
                    for d in s.daftar_disposisi
                ],
                [
                    (
                        _medan(d),
                        _medan(getattr(d, "dokumen", None)),
                        d.proses is s.pengukuran,
                    )
                    for d in s.daftar_draft
                ],
            )
        assert len(q.captured_queries) == 0
        orm = Siklus.objects.select_related(*nama).get(pk=s.pk)
        assert (
            kami
            == (
                [_medan(orm)] + [_medan(getattr(orm, n)) for n in nama],
                [
                    (_medan(d), _medan(d.dari), _medan(d.kepada), True)
                    for d in Disposisi.objects.filter(proses=orm.pengumpulan)
                ],
                [
                    (_medan(d), _medan(getattr(d, "dokumen", None)), True)
                    for d in DraftPengukuran.objects.filter(
                        proses=orm.pengukuran
                    ).defer("data")
                ],
            )
            and kami[1]
            and kami[2]
        )
        assert (s.nomor_sop_pengumpulan, s.nomor_sop_pengukuran) == (
            SOP.objects.get(pk=orm.sop_pengumpulan_id).nomor,
            SOP.objects.get(pk=orm.sop_pengukuran_id).nomor,
        )
    with pytest.raises(Siklus.DoesNotExist):
        siklus_detail(pk=quarter.siklus.pk + 1000)


def test_kabupaten_offices_come_with_their_latest_quarter(quarter, demo):
    """The offices with their latest quarter (a FilteredRelation join): the same offices,
    quarters and processes with and without a kabupaten ("" as none); an office without a
    quarter has no `terbaru`."""
    quarter.upto("dispose_kabid")
    _office_with_cycle()
    for kab in ("Lumajang", None, "Lumajang", "", None):
        kami = [
            (
                pd.pk,
                getattr(pd, "terbaru", None),
                getattr(getattr(pd, "terbaru", None), "pengumpulan", None),
            )
            for pd in (r.perangkat_daerah for r in kabupaten_overview(kabupaten=kab))
        ]
        orm = [
            (
                pd.pk,
                getattr(pd, "terbaru", None),
                getattr(getattr(pd, "terbaru", None), "pengumpulan", None),
            )
            for pd in _kantor_dengan_siklus_terbaru(kab)
        ]
        assert (
            kami == orm
            and any(t is None for _p, t, _a in kami)
            and any(t for _p, t, _a in kami)
        )
