"""A full quarter through SOP A and SOP B with the demo people."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.models import PerjanjianKinerja, TargetTriwulan
from organisasi.models import PelaksanaTugas
from sop import services
from sop.models import (
    Disposisi,
    DokumenPengukuran,
    DraftPengukuran,
    Jejak,
    KodeLangkah,
    LangkahBerjalan,
    ProsesPengukuran,
    ProsesPengumpulan,
    Siklus,
    TugasPengumpulan,
)
from sop.tests.factories import TAHUN, Quarter, make_plan, u
from sop.worktime import JAKARTA

pytestmark = pytest.mark.django_db


def test_full_quarter_moves_through_every_step(
    quarter, demo, django_capture_on_commit_callbacks, mailoutbox
):
    q = quarter
    S = ProsesPengumpulan.Status
    B = ProsesPengukuran.Status
    with django_capture_on_commit_callbacks(execute=True):
        q.open("timsakip")
    assert q.siklus.status == Siklus.Status.BERJALAN
    assert q.a.status == S.DISPOSISI_KADIN
    assert PerjanjianKinerja.objects.get(
        pk=q.siklus.perjanjian_id
    ).terkunci  # frozen-year rule
    assert [m.to for m in mailoutbox] == [[demo["kadin"].alamat_email]]

    with django_capture_on_commit_callbacks(execute=True):
        d1 = q.dispose_kadin()
    assert q.a.status == S.DISPOSISI_KABID
    assert (d1.dari, d1.kepada, d1.dari_label, d1.perjanjian_id) == (
        demo["kadin"],
        demo["kabid"],
        "Kepala Dinas",
        q.siklus.perjanjian_id,
    )
    assert mailoutbox[-1].to == [demo["kabid"].alamat_email]
    assert "Menugaskan Kasubag/Sub Koordinator" in mailoutbox[-1].body

    q.dispose_kabid()
    assert q.a.status == S.PEMBAGIAN_TUGAS
    with django_capture_on_commit_callbacks(execute=True):
        tugas = q.split_tasks()
    assert q.a.status == S.PENGUMPULAN
    assert {t.anggota.user.username for t in tugas} == {"timkerja", "timkerja2"}
    assert {m.to[0] for m in mailoutbox[-2:]} == {
        demo["timkerja"].alamat_email,
        demo["timkerja2"].alamat_email,
    }

    for member in ("timkerja", "timkerja2"):
        q.fill(member)
        q.submit(member)
        assert q.tugas(member).status == TugasPengumpulan.Status.DISERAHKAN
        q.check(member)
        assert q.tugas(member).status == TugasPengumpulan.Status.DITERIMA
    assert q.a.status == S.PERSIAPAN

    b = q.prepare_a()
    assert q.a.status == S.SELESAI
    assert b.status == B.PERSIAPAN
    q.prepare_b()
    assert q.b.status == B.PENGUKURAN
    draft = q.submit_draft()
    assert q.b.status == B.REVIU
    assert draft.revisi == 1 and draft.data
    q.pass_review()
    assert q.b.status == B.PENGESAHAN
    dok = q.ratify()
    assert q.b.status == B.PENGARSIPAN
    assert (dok.versi, dok.disahkan_oleh, dok.disahkan_sebagai, dok.draft) == (
        1,
        demo["kadin"],
        "Kepala Dinas",
        draft,
    )
    siklus = q.archive()
    assert siklus.status == Siklus.Status.SIAP_LAPORAN
    assert q.b.status == B.DIARSIPKAN
    assert DokumenPengukuran.objects.get(pk=dok.pk).diarsipkan_pada is not None
    assert not LangkahBerjalan.objects.terbuka().filter(siklus=siklus).exists()

    trail = [
        (j.transisi, j.aktor.user.username)
        for j in Jejak.objects.filter(siklus=siklus).order_by("waktu", "pk")
    ]
    assert trail == [
        ("open", "timsakip"),
        ("dispose_kadin", "kadin"),
        ("dispose_kabid", "kabid"),
        ("split_tasks", "kasubbag"),
        ("submit", "timkerja"),
        ("accept", "kasubbag"),
        ("submit", "timkerja2"),
        ("accept", "kasubbag"),
        ("finish_check", "kasubbag"),
        ("prepare", "kasubbag"),
        ("prepare", "timsakip"),
        ("submit_draft", "timsakip"),
        ("pass_review", "kadin"),
        ("ratify", "kadin"),
        ("archive", "timsakip"),
        ("mark_ready", "timsakip"),
    ]


def test_trail_of_a_finished_quarter_lists_every_step_with_actor_time_and_standard(
    quarter,
):
    q = quarter.finish()
    sheet = {
        lk.kode: lk
        for lk in list(q.siklus.sop_pengumpulan.langkah.all())
        + list(q.siklus.sop_pengukuran.langkah.all())
    }
    rows = Jejak.objects.filter(siklus=q.siklus).exclude(langkah_kode="")
    kode_seen = {r.langkah_kode for r in rows}
    assert kode_seen == set(sheet)  # all eleven steps of the two sheets
    for r in rows:
        lk = sheet[r.langkah_kode]
        assert r.aktor_nama and r.aktor_label
        assert r.menit_kerja is not None
        assert r.standar_teks == lk.waktu
        assert r.langkah_nomor == lk.nomor and r.langkah_kegiatan == lk.kegiatan
        assert r.terlambat is (r.menit_kerja > r.standar_menit)
    assert (
        rows.get(
            langkah_kode=KodeLangkah.PENGUMPULAN_DATA, aktor__user__username="timkerja"
        ).standar_menit
        == 1020
    )


def test_time_taken_is_counted_in_working_time(quarter, clock):
    """Opened Thursday 17 April 2025 15:00; Friday is Wafat Yesus Kristus, then the
    weekend; the Kadin disposes Monday 08:30: 60 + 60 = 120 working minutes against
    the 5-minute standard."""
    clock.set(datetime.datetime(2025, 4, 17, 15, 0, tzinfo=JAKARTA))
    quarter.open()
    clock.set(datetime.datetime(2025, 4, 21, 8, 30, tzinfo=JAKARTA))
    quarter.dispose_kadin()
    j = Jejak.objects.get(siklus=quarter.siklus, transisi="dispose_kadin")
    assert (j.menit_kerja, j.standar_menit, j.terlambat) == (120, 5, True)
    clock.set(datetime.datetime(2025, 4, 21, 8, 33, tzinfo=JAKARTA))
    quarter.dispose_kabid()
    j = Jejak.objects.get(siklus=quarter.siklus, transisi="dispose_kabid")
    assert (j.menit_kerja, j.terlambat) == (3, False)


def test_acting_kadin_is_recorded_as_plt(quarter, demo):
    """The Kadin is on leave: the Sekretaris, Plt. Kepala Dinas, disposes and
    ratifies; the trail, the disposition and the document say "Plt. Kepala Dinas"."""
    today = datetime.date.today()
    PelaksanaTugas.objects.create(
        pegawai=demo["sekretaris"],
        jabatan=demo["kadin"].jabatan,
        jenis=PelaksanaTugas.Jenis.PLT,
        mulai=today - datetime.timedelta(days=1),
    )
    q = quarter
    q.open("sekretaris")
    d = q.dispose_kadin(who="sekretaris")
    assert d.dari_label == "Plt. Kepala Dinas"
    assert (
        Jejak.objects.get(siklus=q.siklus, transisi="dispose_kadin").aktor_label
        == "Plt. Kepala Dinas"
    )
    q.upto("pass_review", after="dispose_kadin")
    services.pengukuran_draft_pass(proses=q.b, actor=u(demo, "sekretaris"))
    dok = services.pengukuran_ratify(proses=q.b, actor=u(demo, "sekretaris"))
    assert (dok.disahkan_sebagai, dok.disahkan_oleh) == (
        "Plt. Kepala Dinas",
        demo["sekretaris"],
    )


def test_plh_of_the_addressee_may_act_for_him(
    quarter, demo, django_capture_on_commit_callbacks, mailoutbox
):
    """The Kabid who received the disposition is away; his Plh. (the Sekretaris) is
    told too, and takes step 2."""
    PelaksanaTugas.objects.create(
        pegawai=demo["sekretaris"],
        jabatan=demo["kabid"].jabatan,
        jenis=PelaksanaTugas.Jenis.PLH,
        mulai=datetime.date.today(),
    )
    quarter.upto("dispose_kadin")
    with django_capture_on_commit_callbacks(execute=True):
        quarter.dispose_kadin()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [demo["kabid"].alamat_email, demo["sekretaris"].alamat_email]
    )
    quarter.dispose_kabid(who="sekretaris")
    assert quarter.a.status == ProsesPengumpulan.Status.PEMBAGIAN_TUGAS


def test_reopening_keeps_what_was_signed(quarter, demo):
    q = quarter.finish()
    dok1 = DokumenPengukuran.objects.get(proses__siklus=q.siklus)
    with pytest.raises(ValidationError):
        services.siklus_reopen(siklus=q.siklus, actor=u(demo, "kadin"), alasan="  ")
    with pytest.raises(PermissionDenied):
        services.siklus_reopen(
            siklus=q.siklus, actor=u(demo, "timsakip"), alasan="Ada data salah."
        )
    services.siklus_reopen(
        siklus=q.siklus,
        actor=u(demo, "kadin"),
        alasan="Realisasi indikator 2 salah ketik.",
    )
    assert q.refresh().status == Siklus.Status.BERJALAN
    assert q.b.status == ProsesPengukuran.Status.PENGUKURAN
    reopen = Jejak.objects.filter(siklus=q.siklus, transisi="reopen")
    assert reopen.count() == 2 and all(
        j.catatan == "Realisasi indikator 2 salah ketik." for j in reopen
    )
    q.submit_draft()
    q.pass_review()
    dok2 = q.ratify()
    q.archive()
    assert q.refresh().status == Siklus.Status.SIAP_LAPORAN
    assert (
        dok2.versi,
        DokumenPengukuran.objects.filter(proses__siklus=q.siklus).count(),
    ) == (2, 2)
    dok1.refresh_from_db()
    assert dok1.diarsipkan_pada is not None and dok1.draft.revisi == 1
    assert list(
        DraftPengukuran.objects.filter(proses__siklus=q.siklus).values_list(
            "revisi", flat=True
        )
    ) == [1, 2]


def test_one_cycle_per_office_and_quarter(quarter, demo):
    quarter.open()
    with pytest.raises(ValidationError, match="sudah dibuka"):
        Quarter(demo).open("timsakip")
    assert Siklus.objects.count() == 1


@pytest.mark.parametrize(
    "who", ["kabid", "sekretaris", "kasubbag", "subkoor", "timkerja", "kadin.kominfo"]
)
def test_only_kadin_or_tim_sakip_of_the_office_open_a_cycle(quarter, who):
    with pytest.raises(PermissionDenied):
        quarter.open(who)
    assert not Siklus.objects.exists()


def test_opening_needs_the_pk_and_the_quarters_rencana_aksi(demo):
    with pytest.raises(ValidationError, match=f"Perjanjian Kinerja tahun {TAHUN}"):
        Quarter(demo).open()
    pk = make_plan(demo.dpmptsp)
    TargetTriwulan.objects.filter(
        indikator__sasaran__perjanjian=pk, triwulan=2
    ).first().delete()
    with pytest.raises(ValidationError, match="Rencana Aksi Triwulan II"):
        Quarter(demo, triwulan=2).open()
    assert not Siklus.objects.exists()
    assert Quarter(demo, triwulan=1).open().perjanjian == pk


def test_the_cycle_keeps_the_pk_version_and_sheets_it_opened_with(quarter):
    q = quarter
    q.open()
    assert q.siklus.perjanjian.versi == 1
    assert q.siklus.sop_pengumpulan.berlaku and q.siklus.sop_pengukuran.berlaku
    assert Disposisi.objects.count() == 0


def test_a_quarter_runs_on_the_kinerja_demo_plan(demo):
    """The demo's own plan (this year, realisasi for TW I–II already in): TW III runs
    through both SOPs and the draft holds the demo's indicators."""
    from django.utils import timezone

    from kinerja.models import TargetTriwulan

    tahun = timezone.localdate().year
    if not PerjanjianKinerja.objects.filter(
        perangkat_daerah=demo.dpmptsp, tahun=tahun, berlaku=True
    ).exists():
        pytest.skip("the kinerja demo has no plan")

    def target(ind):
        t = TargetTriwulan.objects.get(indikator=ind, triwulan=3)
        return t.target if t.target is not None else ind.target_tahunan

    q = Quarter(demo, triwulan=3, tahun=tahun, nilai=target).finish()
    assert q.refresh().status == Siklus.Status.SIAP_LAPORAN
    draft = DraftPengukuran.objects.get(proses__siklus=q.siklus)
    assert str(q.indikator[0].nama) in str(draft.data)
