"""The SOP pages: who may open each step page, what a POST does, and what a refused
form keeps. Quarters are driven with the demo people through `sop.services`
(`sop.tests.factories.Quarter`); the pages are exercised with Django's client."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.models import BuktiDukung, Realisasi
from organisasi.models import PelaksanaTugas
from sop import services
from sop.models import (
    Disposisi,
    DokumenPengukuran,
    DraftPengukuran,
    ProsesPengukuran,
    ProsesPengumpulan,
    Siklus,
    TugasPengumpulan,
)
from sop.selectors.inbox import inbox_for
from sop.tests.factories import TAHUN, bukti, make_plan

pytestmark = pytest.mark.django_db

S = ProsesPengumpulan.Status
B = ProsesPengukuran.Status


def login(client, demo, name):
    client.force_login(demo[name].user)
    return client


def body(response) -> str:
    return response.content.decode()


@pytest.fixture
def berjalan(quarter):
    """A quarter with tasks split (timkerja has the first indicators, timkerja2 the last)."""
    return quarter.upto("fill")


# (URL name, argument: the cycle or timkerja's task, right role, wrong role, other office's person)
STEP_PAGES = [
    ("sop:disposisi_kadin", "siklus", "kadin", "timkerja", "kadin.kominfo"),
    ("sop:disposisi_kabid", "siklus", "kabid", "kadin", "kadin.kominfo"),
    ("sop:pembagian_tugas", "siklus", "kasubbag", "kabid", "kadin.kominfo"),
    ("sop:tugas_isi", "tugas", "timkerja", "kasubbag", "timkerja.kominfo"),
    ("sop:pemeriksaan", "tugas", "kasubbag", "timkerja", "kadin.kominfo"),
    ("sop:persiapan_pengumpulan", "siklus", "kasubbag", "timsakip", "kadin.kominfo"),
    ("sop:pengukuran_persiapan", "siklus", "timsakip", "kadin", "timsakip.kominfo"),
    ("sop:pengukuran_draft", "siklus", "timsakip", "kasubbag", "timsakip.kominfo"),
    ("sop:pengukuran_reviu", "siklus", "kadin", "timsakip", "kadin.kominfo"),
    ("sop:pengukuran_pengesahan", "siklus", "kadin", "timsakip", "kadin.kominfo"),
    ("sop:pengukuran_arsip", "siklus", "timsakip", "kadin", "timsakip.kominfo"),
    ("sop:siklus_buka_kembali", "siklus", "kadin", "timsakip", "kadin.kominfo"),
]


def _url(q, name, arg):
    pk = q.tugas("timkerja").pk if arg == "tugas" else q.siklus.pk
    return reverse(name, args=[pk])


@pytest.mark.parametrize("name,arg,right,wrong,other", STEP_PAGES)
def test_step_page_access(client, demo, berjalan, name, arg, right, wrong, other):
    """Anonymous → sign-in; another office → 404; wrong role → 403; the step's role → 200."""
    url = _url(berjalan, name, arg)
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert login(client, demo, other).get(url).status_code == 404
    assert login(client, demo, wrong).get(url).status_code == 403
    response = login(client, demo, right).get(url)
    assert response.status_code == 200
    assert (
        berjalan.siklus.periode
        in body(response).split("<title>")[1].split("</title>")[0]
    )


@pytest.mark.parametrize("name,arg,right,wrong,other", STEP_PAGES)
def test_step_page_post_is_refused_to_wrong_role_and_other_office(
    client, demo, berjalan, name, arg, right, wrong, other
):
    url = _url(berjalan, name, arg)
    before = berjalan.a.status
    assert (
        login(client, demo, other).post(url, {"catatan": "x", "isi": "x"}).status_code
        == 404
    )
    assert (
        login(client, demo, wrong).post(url, {"catatan": "x", "isi": "x"}).status_code
        == 403
    )
    assert berjalan.a.status == before


def test_kabupaten_admin_reads_the_quarter_but_takes_no_step(client, demo, berjalan):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="adminkab")
    client.force_login(admin)
    assert (
        client.get(reverse("sop:siklus_detail", args=[berjalan.siklus.pk])).status_code
        == 200
    )
    assert (
        client.get(
            reverse("sop:disposisi_kadin", args=[berjalan.siklus.pk])
        ).status_code
        == 404
    )


def test_quarter_page_is_sealed_from_other_offices(client, demo, berjalan):
    url = reverse("sop:siklus_detail", args=[berjalan.siklus.pk])
    assert client.get(url).status_code == 302
    assert login(client, demo, "kadin.kominfo").get(url).status_code == 404
    assert login(client, demo, "timkerja").get(url).status_code == 200


# --- opening a cycle ---------------------------------------------------------------------------------------


def test_kadin_opens_a_quarter_from_the_year_page(client, demo, plan):
    login(client, demo, "kadin")
    page = client.get(reverse("sop:tahun", args=[TAHUN]))
    assert page.status_code == 200 and "Buka siklus" in body(page)
    response = client.post(reverse("sop:siklus_buka"), {"tahun": TAHUN, "triwulan": 2})
    siklus = Siklus.objects.get(perangkat_daerah=demo.dpmptsp, tahun=TAHUN, triwulan=2)
    assert response.status_code == 302 and response.url == reverse(
        "sop:siklus_detail", args=[siklus.pk]
    )
    assert siklus.pengumpulan.status == S.DISPOSISI_KADIN


def test_opening_without_a_plan_says_what_is_missing_and_keeps_the_input(
    client, demo, plan
):
    login(client, demo, "timsakip")
    response = client.post(reverse("sop:siklus_buka"), {"tahun": 2020, "triwulan": 3})
    assert response.status_code == 200
    assert "Perjanjian Kinerja tahun 2020" in body(response)
    assert 'value="2020"' in body(response)
    assert not Siklus.objects.exists()


def test_opening_without_the_quarter_targets_names_the_rencana_aksi(client, demo):
    make_plan(demo.dpmptsp, rencana_aksi=False, jabatan=demo["kabid"].jabatan)
    login(client, demo, "kadin")
    response = client.post(reverse("sop:siklus_buka"), {"tahun": TAHUN, "triwulan": 1})
    assert response.status_code == 200 and "Rencana Aksi Triwulan I" in body(response)


def test_only_kadin_and_tim_sakip_open_a_cycle(client, demo, plan):
    assert (
        login(client, demo, "kabid")
        .post(reverse("sop:siklus_buka"), {"tahun": TAHUN, "triwulan": 1})
        .status_code
        == 403
    )
    page = login(client, demo, "kabid").get(reverse("sop:tahun", args=[TAHUN]))
    assert "Buka siklus" not in body(page)
    assert not Siklus.objects.exists()


def test_year_overview_shows_the_four_quarters(client, demo, quarter):
    quarter.open()
    page = body(login(client, demo, "kasubbag").get(reverse("sop:tahun", args=[TAHUN])))
    for label in ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"):
        assert label in page
    assert reverse("sop:siklus_detail", args=[quarter.siklus.pk]) in page
    assert page.count("Belum dibuka") == 3


def test_kabupaten_overview_links_each_office_year_and_latest_quarter(
    client, demo, quarter
):
    """Each office links to its latest quarter and that quarter's year, an office without
    any quarter to this year's page."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    quarter.open()
    client.force_login(get_user_model().objects.get(username="adminkab"))
    page = body(client.get(reverse("sop:kabupaten")))
    assert f'href="{reverse("sop:siklus_detail", args=[quarter.siklus.pk])}"' in page
    assert (
        f'href="{reverse("sop:tahun_kantor", args=[demo.dpmptsp.pk, quarter.siklus.tahun])}"'
        in page
    )
    assert (
        f'href="{reverse("sop:tahun_kantor", args=[demo.kominfo.pk, timezone.localdate().year])}"'
        in page
    )


def test_kabupaten_overview_is_for_the_administrator(client, demo, quarter):
    from django.contrib.auth import get_user_model

    quarter.open()
    assert login(client, demo, "kadin").get(reverse("sop:kabupaten")).status_code == 403
    client.force_login(get_user_model().objects.get(username="adminkab"))
    assert client.get(reverse("sop:ikhtisar")).url == reverse("sop:kabupaten")
    page = body(client.get(reverse("sop:kabupaten")))
    assert "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu" in page
    assert "Dinas Komunikasi dan Informatika" in page
    assert quarter.siklus.periode in page
    office = client.get(reverse("sop:tahun_kantor", args=[demo.dpmptsp.pk, TAHUN]))
    assert office.status_code == 200 and "Buka siklus" not in body(office)


# --- inbox and the quarter page ----------------------------------------------------------------------------


def test_inbox_links_straight_to_the_step_page(client, demo, quarter):
    quarter.open()
    page = body(login(client, demo, "kadin").get(reverse("beranda")))
    assert reverse("sop:disposisi_kadin", args=[quarter.siklus.pk]) in page
    assert "5 menit" in page
    quarter.dispose_kadin()
    quarter.dispose_kabid()
    quarter.split_tasks()
    page = body(login(client, demo, "timkerja").get(reverse("beranda")))
    assert reverse("sop:tugas_isi", args=[quarter.tugas("timkerja").pk]) in page


def test_inbox_marks_a_late_step(client, demo, quarter, clock):
    clock.set(
        datetime.datetime(2025, 1, 6, 8, 0, tzinfo=datetime.UTC)
    )  # Monday 15.00 in Jakarta
    quarter.open()
    clock.set(datetime.datetime(2025, 1, 7, 8, 0, tzinfo=datetime.UTC))
    page = body(login(client, demo, "kadin").get(reverse("beranda")))
    assert "Terlambat" in page


def test_quarter_page_offers_only_the_persons_actions(client, demo, quarter):
    quarter.open()
    url = reverse("sop:siklus_detail", args=[quarter.siklus.pk])
    step = reverse("sop:disposisi_kadin", args=[quarter.siklus.pk])
    assert step in body(login(client, demo, "kadin").get(url))
    page = body(login(client, demo, "kabid").get(url))
    assert step not in page.split('id="judul-aksi"')[1].split("</section>")[0]
    assert "Tidak ada langkah yang menunggu Anda" in page


def test_finished_quarter_page_reads_no_inbox(client, demo, quarter, monkeypatch):
    """A finished quarter has no open step, so the page does not ask for inbox rows; an
    open quarter still does (its actions come from them)."""

    asked = []
    real = inbox_for
    from sop.selectors import siklus

    monkeypatch.setattr(
        siklus, "inbox_for", lambda *a, **kw: asked.append(kw) or real(*a, **kw)
    )
    quarter.open()
    url = reverse("sop:siklus_detail", args=[quarter.siklus.pk])
    assert reverse("sop:disposisi_kadin", args=[quarter.siklus.pk]) in body(
        login(client, demo, "kadin").get(url)
    )
    assert [kw["siklus_id"] for kw in asked] == [quarter.siklus.pk]
    quarter.upto("__end__", after="open")
    asked.clear()
    page = body(client.get(url))
    assert (
        asked == []
        and "Tidak ada langkah yang menunggu Anda" in page
        and "Buka kembali triwulan ini" in page
    )


def test_quarter_page_names_both_sop_sheets_by_number(client, demo, quarter):
    """The sheets' numbers come as subqueries of the cycle's read (not joined sheets)."""
    quarter.open()
    s = quarter.siklus
    page = body(
        login(client, demo, "kadin").get(reverse("sop:siklus_detail", args=[s.pk]))
    )
    assert (
        f"Lembar SOP {s.sop_pengumpulan.nomor}" in page
        and f"Lembar SOP {s.sop_pengukuran.nomor}" in page
    )
    assert reverse("sop:lembar_pdf", args=[s.sop_pengukuran_id]) in page


def test_quarter_page_shows_timeline_trail_and_documents(client, demo, quarter):
    quarter.upto("split_tasks")
    page = body(
        login(client, demo, "kadin").get(
            reverse("sop:siklus_detail", args=[quarter.siklus.pk])
        )
    )
    assert (
        "Mohon kumpulkan data kinerja triwulan ini." in page
    )  # the disposition, as a document and in the trail
    assert "Tepat waktu" in page or "Terlambat" in page
    assert "Kirim disposisi" in page  # trail row label
    assert "5 menit" in page  # time standard of step 1


# --- SOP A steps 1 and 2 -----------------------------------------------------------------------------------


def test_kadin_disposes_to_a_kabid(client, demo, quarter):
    quarter.open()
    url = reverse("sop:disposisi_kadin", args=[quarter.siklus.pk])
    page = login(client, demo, "kadin").get(url)
    assert "BUDI SANTOSO" in body(page) and "SITI AMINAH" in body(
        page
    )  # Kabid and Sekretaris
    assert "RINA WULANDARI" not in body(page)  # a Kasubbag is not a recipient of step 1
    response = client.post(
        url,
        {
            "kepada": demo["kabid"].pk,
            "isi": "Kumpulkan data TW I.",
            "tanggal": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert quarter.a.status == S.DISPOSISI_KABID
    d = Disposisi.objects.get()
    assert (d.kepada, d.isi, d.dari_label) == (
        demo["kabid"],
        "Kumpulkan data TW I.",
        "Kepala Dinas",
    )


def test_disposition_without_instruction_is_refused_and_keeps_the_recipient(
    client, demo, quarter
):
    quarter.open()
    url = reverse("sop:disposisi_kadin", args=[quarter.siklus.pk])
    response = login(client, demo, "kadin").post(
        url, {"kepada": demo["sekretaris"].pk, "isi": "   ", "tanggal": "2025-01-06"}
    )
    assert response.status_code == 200
    html = body(response)
    assert "Isi disposisi wajib diisi." in html
    assert f'value="{demo["sekretaris"].pk}" selected' in html
    assert 'value="2025-01-06"' in html
    assert quarter.a.status == S.DISPOSISI_KADIN and not Disposisi.objects.exists()


def test_disposition_to_someone_outside_the_list_is_refused(client, demo, quarter):
    quarter.open()
    url = reverse("sop:disposisi_kadin", args=[quarter.siklus.pk])
    response = login(client, demo, "kadin").post(
        url, {"kepada": demo["kasubbag"].pk, "isi": "Tolong.", "tanggal": "2025-01-06"}
    )
    assert response.status_code == 200 and "Pilih penerima dari daftar." in body(
        response
    )
    assert quarter.a.status == S.DISPOSISI_KADIN


def test_second_click_on_a_done_step_is_told_not_repeated(client, demo, quarter):
    quarter.open()
    url = reverse("sop:disposisi_kadin", args=[quarter.siklus.pk])
    data = {
        "kepada": demo["kabid"].pk,
        "isi": "Kumpulkan data.",
        "tanggal": "2025-01-06",
    }
    login(client, demo, "kadin").post(url, data)
    response = client.post(url, data, follow=True)
    assert "sudah dilakukan" in body(response)
    assert Disposisi.objects.count() == 1
    assert "Disposisi yang sudah dikirim" in body(client.get(url))


def test_kabid_disposes_to_a_kasubbag_and_sees_the_kadins_disposition(
    client, demo, quarter
):
    quarter.upto("dispose_kabid")
    url = reverse("sop:disposisi_kabid", args=[quarter.siklus.pk])
    page = body(login(client, demo, "kabid").get(url))
    assert "Mohon kumpulkan data kinerja triwulan ini." in page
    assert "AGUS PRASETYO" in page and "RINA WULANDARI" in page
    client.post(
        url,
        {
            "kepada": demo["subkoor"].pk,
            "isi": "Siapkan datanya.",
            "tanggal": "2025-01-06",
        },
    )
    assert quarter.a.status == S.PEMBAGIAN_TUGAS
    assert quarter.a.disposisi_kabid.kepada == demo["subkoor"]


def test_a_kabid_who_did_not_receive_the_disposition_cannot_send_it(
    client, demo, quarter
):
    quarter.upto("dispose_kabid")
    url = reverse("sop:disposisi_kabid", args=[quarter.siklus.pk])
    page = login(client, demo, "sekretaris").get(url)
    assert page.status_code == 200 and "tidak ditujukan kepada Anda" in body(page)
    assert "Kirim disposisi</button>" not in body(page)
    response = client.post(
        url, {"kepada": demo["kasubbag"].pk, "isi": "x", "tanggal": "2025-01-06"}
    )
    assert response.status_code == 403
    assert quarter.a.status == S.DISPOSISI_KABID


def test_plt_kadin_disposes_with_his_acting_role(client, demo, quarter):
    PelaksanaTugas.objects.create(
        pegawai=demo["sekretaris"],
        jabatan=demo["kadin"].jabatan,
        jenis=PelaksanaTugas.Jenis.PLT,
        mulai=timezone.localdate(),
    )
    quarter.open()
    url = reverse("sop:disposisi_kadin", args=[quarter.siklus.pk])
    page = body(login(client, demo, "sekretaris").get(url))
    assert "Plt. Kepala Dinas" in page
    client.post(
        url,
        {"kepada": demo["kabid"].pk, "isi": "Kumpulkan data.", "tanggal": "2025-01-06"},
    )
    assert Disposisi.objects.get().dari_label == "Plt. Kepala Dinas"


# --- SOP A step 3 ------------------------------------------------------------------------------------------


def _split_data(q, demo, **extra):
    ind = q.indikator
    data = {f"ind_{i.pk}": demo["timkerja"].pk for i in ind[:-1]}
    data[f"ind_{ind[-1].pk}"] = demo["timkerja2"].pk
    data["catatan"] = "Dewi indikator 1–2, Fajar indikator 3."
    data.update(extra)
    return data


def test_kasubbag_splits_the_indicators(client, demo, quarter):
    quarter.upto("split_tasks")
    url = reverse("sop:pembagian_tugas", args=[quarter.siklus.pk])
    page = body(login(client, demo, "kasubbag").get(url))
    assert "DEWI LESTARI" in page and "FAJAR NUGROHO" in page
    data = _split_data(
        quarter, demo, **{f"catatan_{demo['timkerja2'].pk}": "Ambil dari SIMPEL."}
    )
    assert client.post(url, data).status_code == 302
    assert quarter.a.status == S.PENGUMPULAN
    assert quarter.tugas("timkerja").indikator.count() == 2
    assert quarter.tugas("timkerja2").catatan == "Ambil dari SIMPEL."


def test_split_with_an_unassigned_indicator_is_refused_beside_it(client, demo, quarter):
    quarter.upto("split_tasks")
    url = reverse("sop:pembagian_tugas", args=[quarter.siklus.pk])
    last = quarter.indikator[-1]
    data = _split_data(quarter, demo)
    data[f"ind_{last.pk}"] = ""
    response = login(client, demo, "kasubbag").post(url, data)
    html = body(response)
    assert response.status_code == 200
    assert (
        f'id="id_ind_{last.pk}_galat">Pilih anggota Tim Kerja untuk indikator ini.'
        in html
    )
    assert "Dewi indikator 1–2, Fajar indikator 3." in html
    assert (
        quarter.a.status == S.PEMBAGIAN_TUGAS and not TugasPengumpulan.objects.exists()
    )


# --- SOP A step 4 ------------------------------------------------------------------------------------------


def _grid(q, member, values: dict | None = None, **extra):
    """The data entry POST for `member` with the stored revisions, overridden by `values`."""
    t = q.tugas(member)
    data = {}
    for ind in t.indikator.all():
        r = Realisasi.objects.filter(indikator=ind, triwulan=q.triwulan).first()
        data[f"r{ind.pk}-nilai"] = str(r.nilai) if r and r.nilai is not None else ""
        data[f"r{ind.pk}-catatan"] = r.catatan if r else ""
        data[f"r{ind.pk}-revisi"] = str(r.revisi if r else 0)
    for k, v in (values or {}).items():
        data[k] = v
    data.update(extra)
    return data


def test_member_sees_the_quarter_target_beside_each_field(client, demo, quarter):
    quarter.upto("fill")
    page = body(
        login(client, demo, "timkerja").get(
            reverse("sop:tugas_isi", args=[quarter.tugas("timkerja").pk])
        )
    )
    assert "Target Triwulan I 2025" in page
    assert page.count('name="r') >= 2 and 'type="file"' in page
    assert "Simpan draf" in page and "Simpan dan serahkan" in page


def test_member_saves_a_draft_with_evidence(client, demo, quarter):
    quarter.upto("fill")
    t = quarter.tugas("timkerja")
    ind = t.indikator.all()[0]
    url = reverse("sop:tugas_isi", args=[t.pk])
    data = _grid(
        quarter,
        "timkerja",
        {
            f"r{ind.pk}-nilai": "22,5",
            f"r{ind.pk}-catatan": "Dari SIMPEL",
            f"r{ind.pk}-berkas": bukti("rekap.pdf"),
            "aksi": "simpan",
        },
    )
    response = login(client, demo, "timkerja").post(url, data)
    assert response.status_code == 302 and response.url == url
    r = Realisasi.objects.get(indikator=ind, triwulan=1)
    assert (r.nilai, r.catatan, r.diisi_oleh) == (
        Decimal("22.5"),
        "Dari SIMPEL",
        demo["timkerja"],
    )
    assert BuktiDukung.objects.get(realisasi=r).nama_asli == "rekap.pdf"
    assert t.__class__.objects.get(pk=t.pk).status == TugasPengumpulan.Status.PENGISIAN
    page = body(client.get(url))
    assert 'value="22,5"' in page and "rekap.pdf" in page


def test_text_in_a_number_field_is_refused_and_everything_typed_is_kept(
    client, demo, quarter
):
    quarter.upto("fill")
    t = quarter.tugas("timkerja")
    a, b = list(t.indikator.all())
    url = reverse("sop:tugas_isi", args=[t.pk])
    data = _grid(
        quarter,
        "timkerja",
        {
            f"r{a.pk}-nilai": "dua puluh",
            f"r{b.pk}-nilai": "30",
            f"r{b.pk}-catatan": "Catatan saya",
            "aksi": "simpan",
        },
    )
    response = login(client, demo, "timkerja").post(url, data)
    html = body(response)
    assert response.status_code == 200
    assert "Masukkan angka, mis. 87,5 atau 1.250.000." in html
    assert (
        'value="dua puluh"' in html and 'value="30"' in html and "Catatan saya" in html
    )
    assert not Realisasi.objects.filter(indikator__in=[a, b]).exists()


def test_one_refused_row_stores_nothing_and_asks_for_the_file_again(
    client, demo, quarter
):
    quarter.upto("fill")
    t = quarter.tugas("timkerja")
    a, b = list(t.indikator.all())
    data = _grid(
        quarter,
        "timkerja",
        {
            f"r{a.pk}-nilai": "10",
            f"r{a.pk}-berkas": bukti(),
            f"r{b.pk}-nilai": "1e999999",
            "aksi": "simpan",
        },
    )
    html = body(
        login(client, demo, "timkerja").post(
            reverse("sop:tugas_isi", args=[t.pk]), data
        )
    )
    assert "pilih lagi berkasnya" in html
    assert not Realisasi.objects.filter(indikator__in=[a, b]).exists()
    assert not BuktiDukung.objects.exists()


def test_a_value_saved_meanwhile_by_someone_else_is_not_overwritten_silently(
    client, demo, quarter
):
    quarter.upto("fill")
    t = quarter.tugas("timkerja")
    ind = t.indikator.all()[0]
    url = reverse("sop:tugas_isi", args=[t.pk])
    stale = _grid(
        quarter, "timkerja", {f"r{ind.pk}-nilai": "40", "aksi": "simpan"}
    )  # loaded at revision 0
    # someone (another tab of the same member) saves this indicator meanwhile: revision 1
    services.tugas_realisasi_save(
        tugas=t,
        indikator=ind,
        nilai=Decimal("20"),
        catatan="",
        actor=demo["timkerja"].user,
    )
    response = login(client, demo, "timkerja").post(url, stale)
    html = body(response)
    assert response.status_code == 200
    assert "sudah diubah oleh DEWI LESTARI" in html and 'value="40"' in html
    assert Realisasi.objects.get(indikator=ind, triwulan=1).nilai == Decimal("20")
    assert f'name="r{ind.pk}-revisi" value="1"' in html
    # saving again knowingly replaces it
    again = dict(stale)
    again[f"r{ind.pk}-revisi"] = "1"
    assert client.post(url, again).status_code == 302
    assert Realisasi.objects.get(indikator=ind, triwulan=1).nilai == Decimal("40")


def test_worse_than_last_quarter_needs_a_note_beside_the_field(client, demo, quarter):
    quarter.triwulan = 2
    quarter.upto("fill")
    t = quarter.tugas("timkerja")
    ind = t.indikator.all()[0]
    Realisasi.objects.create(indikator=ind, triwulan=1, nilai=Decimal("50"))
    data = _grid(
        quarter,
        "timkerja",
        {f"r{ind.pk}-nilai": "10", f"r{ind.pk}-catatan": "", "aksi": "simpan"},
    )
    html = body(
        login(client, demo, "timkerja").post(
            reverse("sop:tugas_isi", args=[t.pk]), data
        )
    )
    assert "tuliskan catatan penjelasannya" in html and 'value="10"' in html


def test_member_submits_and_the_task_waits_for_the_check(client, demo, quarter):
    quarter.upto("fill")
    quarter.fill("timkerja")
    t = quarter.tugas("timkerja")
    url = reverse("sop:tugas_isi", args=[t.pk])
    response = login(client, demo, "timkerja").post(
        url, _grid(quarter, "timkerja", aksi="serahkan")
    )
    assert response.status_code == 302 and response.url == reverse(
        "sop:siklus_detail", args=[quarter.siklus.pk]
    )
    assert quarter.tugas("timkerja").status == TugasPengumpulan.Status.DISERAHKAN
    page = body(client.get(url))
    assert "Data sudah diserahkan" in page and "Simpan draf" not in page


def test_submitting_without_evidence_keeps_the_draft_and_names_what_is_missing(
    client, demo, quarter
):
    quarter.upto("fill")
    t = quarter.tugas("timkerja")
    ind = t.indikator.all()[0]
    url = reverse("sop:tugas_isi", args=[t.pk])
    response = login(client, demo, "timkerja").post(
        url,
        _grid(quarter, "timkerja", {f"r{ind.pk}-nilai": "12"}, aksi="serahkan"),
        follow=True,
    )
    html = body(response)
    assert "belum dapat diserahkan" in html and "Bukti dukung" in html
    assert Realisasi.objects.get(indikator=ind, triwulan=1).nilai == Decimal("12")
    assert quarter.tugas("timkerja").status == TugasPengumpulan.Status.PENGISIAN


def test_another_member_only_reads_the_task(client, demo, quarter):
    quarter.upto("fill")
    url = reverse("sop:tugas_isi", args=[quarter.tugas("timkerja").pk])
    page = login(client, demo, "timkerja2").get(url)
    assert page.status_code == 200 and "Anda hanya dapat melihatnya" in body(page)
    assert (
        client.post(url, _grid(quarter, "timkerja", aksi="simpan")).status_code == 403
    )


# --- SOP A step 5 ------------------------------------------------------------------------------------------


def test_check_returns_one_indicator_with_its_reason(client, demo, quarter):
    quarter.upto("check")
    t = quarter.tugas("timkerja")
    a, b = list(t.indikator.all())
    url = reverse("sop:pemeriksaan", args=[t.pk])
    page = body(login(client, demo, "kasubbag").get(url))
    assert "bukti.pdf" in page and "Lengkap, diterima" in page
    response = client.post(
        url,
        {
            f"p{a.pk}-keputusan": "kembalikan",
            f"p{a.pk}-alasan": "Bukti tidak terbaca.",
            f"p{b.pk}-keputusan": "terima",
            "catatan": "",
        },
    )
    assert response.status_code == 302
    t = quarter.tugas("timkerja")
    assert (t.status, t.putaran) == (TugasPengumpulan.Status.DIKEMBALIKAN, 2)
    member_page = body(
        login(client, demo, "timkerja").get(reverse("sop:tugas_isi", args=[t.pk]))
    )
    assert "Bukti tidak terbaca." in member_page and "Simpan draf" in member_page


def test_returning_without_a_reason_is_refused_beside_the_field(client, demo, quarter):
    quarter.upto("check")
    t = quarter.tugas("timkerja")
    a, b = list(t.indikator.all())
    response = login(client, demo, "kasubbag").post(
        reverse("sop:pemeriksaan", args=[t.pk]),
        {
            f"p{a.pk}-keputusan": "kembalikan",
            f"p{a.pk}-alasan": "",
            f"p{b.pk}-keputusan": "terima",
            "catatan": "Catatan umum",
        },
    )
    html = body(response)
    assert response.status_code == 200 and "Tuliskan alasan pengembalian." in html
    assert "Catatan umum" in html
    assert (
        f'value="kembalikan" class="form-check-input" id="id_p{a.pk}-keputusan_1" checked'
        in html
        or ('value="kembalikan"' in html and "checked" in html)
    )
    assert quarter.tugas("timkerja").status == TugasPengumpulan.Status.DISERAHKAN


def test_accepting_the_last_task_makes_step_6_due(client, demo, quarter):
    quarter.upto("check")
    quarter.check("timkerja")
    quarter.fill("timkerja2")
    quarter.submit("timkerja2")
    t = quarter.tugas("timkerja2")
    (ind,) = list(t.indikator.all())
    login(client, demo, "kasubbag").post(
        reverse("sop:pemeriksaan", args=[t.pk]), {f"p{ind.pk}-keputusan": "terima"}
    )
    assert quarter.tugas("timkerja2").status == TugasPengumpulan.Status.DITERIMA
    assert quarter.a.status == S.PERSIAPAN
    assert reverse("sop:persiapan_pengumpulan", args=[quarter.siklus.pk]) in body(
        client.get(reverse("beranda"))
    )


def test_the_check_is_for_the_kasubbag_who_received_the_disposition(
    client, demo, quarter
):
    quarter.upto("check")
    t = quarter.tugas("timkerja")
    url = reverse("sop:pemeriksaan", args=[t.pk])
    assert "tidak ditujukan kepada Anda" in body(
        login(client, demo, "subkoor").get(url)
    )
    (a, b) = list(t.indikator.all())
    assert (
        client.post(
            url, {f"p{a.pk}-keputusan": "terima", f"p{b.pk}-keputusan": "terima"}
        ).status_code
        == 403
    )


# --- SOP A step 6 and SOP B --------------------------------------------------------------------------------


def test_handing_over_starts_sop_b(client, demo, quarter):
    quarter.upto("prepare_a")
    url = reverse("sop:persiapan_pengumpulan", args=[quarter.siklus.pk])
    assert "Rata-rata capaian" in body(login(client, demo, "kasubbag").get(url))
    client.post(url, {"catatan": "Data lengkap."})
    assert quarter.a.status == S.SELESAI and quarter.b.status == B.PERSIAPAN


def test_tim_sakip_prepares_drafts_and_the_kadin_returns_then_passes(
    client, demo, quarter
):
    quarter.upto("prepare_b")
    pk = quarter.siklus.pk
    login(client, demo, "timsakip")
    page = body(client.get(reverse("sop:pengukuran_persiapan", args=[pk])))
    assert "IKU" in page and "IKI" in page
    client.post(reverse("sop:pengukuran_persiapan", args=[pk]), {"catatan": ""})
    assert quarter.b.status == B.PENGUKURAN
    page = body(client.get(reverse("sop:pengukuran_draft", args=[pk])))
    assert "Indikator 1 DPMPTSP" in page and "Rata-rata capaian" in page
    client.post(
        reverse("sop:pengukuran_draft", args=[pk]), {"catatan": "Draft pertama."}
    )
    assert quarter.b.status == B.REVIU

    login(client, demo, "kadin")
    reviu = reverse("sop:pengukuran_reviu", args=[pk])
    assert "Indikator 1 DPMPTSP" in body(client.get(reviu))
    refused = client.post(reviu, {"keputusan": "kembalikan", "catatan": ""})
    assert refused.status_code == 200 and "Tuliskan catatan reviu" in body(refused)
    assert quarter.b.status == B.REVIU
    client.post(
        reviu,
        {"keputusan": "kembalikan", "catatan": "Capaian indikator 2 perlu dicek."},
    )
    assert quarter.b.status == B.PENGUKURAN

    login(client, demo, "timsakip")
    page = body(client.get(reverse("sop:pengukuran_draft", args=[pk])))
    assert "Capaian indikator 2 perlu dicek." in page
    client.post(
        reverse("sop:pengukuran_draft", args=[pk]), {"catatan": "Sudah diperbaiki."}
    )
    login(client, demo, "kadin")
    client.post(reviu, {"keputusan": "setujui", "catatan": ""})
    assert quarter.b.status == B.PENGESAHAN
    assert list(
        DraftPengukuran.objects.order_by("revisi").values_list("hasil_reviu", flat=True)
    ) == ["dikembalikan", "lolos"]


def test_ratify_and_archive(client, demo, quarter):
    quarter.upto("ratify")
    pk = quarter.siklus.pk
    page = body(
        login(client, demo, "kadin").get(
            reverse("sop:pengukuran_pengesahan", args=[pk])
        )
    )
    assert "Sahkan dokumen" in page
    client.post(reverse("sop:pengukuran_pengesahan", args=[pk]), {"catatan": ""})
    assert quarter.b.status == B.PENGARSIPAN
    dok = DokumenPengukuran.objects.get()
    assert dok.disahkan_sebagai == "Kepala Dinas"
    login(client, demo, "timsakip").post(
        reverse("sop:pengukuran_arsip", args=[pk]), {"catatan": ""}
    )
    assert quarter.b.status == B.DIARSIPKAN
    assert quarter.refresh().status == Siklus.Status.SIAP_LAPORAN
    archive = body(client.get(reverse("sop:arsip", args=[TAHUN])))
    assert quarter.siklus.periode in archive and "Kepala Dinas" in archive


def test_kadin_reopens_a_finished_quarter_with_a_reason(client, demo, quarter):
    quarter.finish()
    pk = quarter.siklus.pk
    login(client, demo, "kadin")
    page = body(client.get(reverse("sop:siklus_detail", args=[pk])))
    assert "Buka kembali triwulan ini" in page
    # the empty form is crispy's own rendering of it
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form

    from sop.forms import AlasanForm

    assert as_crispy_form(AlasanForm()) in page and 'name="alasan"' in page
    refused = client.post(reverse("sop:siklus_buka_kembali", args=[pk]), {"alasan": ""})
    assert refused.status_code == 200 and "Alasan membuka kembali wajib diisi." in body(
        refused
    )
    client.post(
        reverse("sop:siklus_buka_kembali", args=[pk]),
        {"alasan": "Data TW dikoreksi BPS."},
    )
    assert (
        quarter.refresh().status == Siklus.Status.BERJALAN
        and quarter.b.status == B.PENGUKURAN
    )


# --- files -------------------------------------------------------------------------------------------------


def test_evidence_download_is_sealed_by_office(client, demo, quarter):
    quarter.upto("submit")
    quarter.fill("timkerja")
    b = BuktiDukung.objects.first()
    url = reverse("sop:bukti_unduh", args=[b.pk])
    assert login(client, demo, "timkerja.kominfo").get(url).status_code == 404
    response = login(client, demo, "kasubbag").get(url)
    assert response.status_code == 200 and b"".join(
        response.streaming_content
    ).startswith(b"%PDF")


def test_ratified_document_downloads_from_the_archive_for_its_office_only(
    client, demo, quarter
):
    quarter.upto("archive")
    dok = DokumenPengukuran.objects.get()
    assert dok.berkas and dok.sha256  # stored by the ratification hook
    page = body(
        login(client, demo, "timsakip").get(
            reverse("sop:pengukuran_arsip", args=[quarter.siklus.pk])
        )
    )
    link = re.search(
        r'href="([^"]+)"[^>]*><i class="bi bi-file-earmark-pdf"[^>]*></i> Unduh PDF',
        page,
    ).group(1)
    response = client.get(link)
    assert response.status_code == 200 and b"".join(
        response.streaming_content
    ).startswith(b"%PDF")
    assert login(client, demo, "kadin.kominfo").get(link).status_code == 404
    own = reverse("sop:dokumen_unduh", args=[dok.pk])
    assert client.get(own).status_code == 404
    assert login(client, demo, "kasubbag").get(own).status_code == 200


def _pdf_bytes(response) -> bytes:
    return (
        b"".join(response.streaming_content) if response.streaming else response.content
    )


def test_printed_documents_of_the_quarter_are_sealed_by_office(client, demo, quarter):
    quarter.upto("pass_review")
    urls = [
        reverse(
            "sop:disposisi_pdf", args=[Disposisi.objects.order_by("pk").first().pk]
        ),
        reverse("sop:pembagian_pdf", args=[quarter.siklus.pk]),
        reverse("sop:draft_pdf", args=[DraftPengukuran.objects.get().pk]),
    ]
    for url in urls:
        client.logout()
        assert client.get(url).status_code == 302
        assert login(client, demo, "timkerja.kominfo").get(url).status_code == 404
        response = login(client, demo, "kasubbag").get(url)
        assert response.status_code == 200 and _pdf_bytes(response).startswith(
            b"%PDF"
        ), url
    sheet = login(client, demo, "timkerja").get(
        reverse("sop:lembar_pdf", args=[quarter.siklus.sop_pengumpulan_id])
    )
    assert sheet.status_code == 200 and _pdf_bytes(sheet).startswith(b"%PDF")


def test_task_split_print_waits_for_the_split(client, demo, quarter):
    quarter.upto("split_tasks")
    assert (
        login(client, demo, "kadin")
        .get(reverse("sop:pembagian_pdf", args=[quarter.siklus.pk]))
        .status_code
        == 404
    )


def test_quarter_page_queries_do_not_grow_with_the_trail(client, demo, quarter):
    """A reopened and re-ratified quarter has more trail rows, drafts and documents,
    but its page runs the same number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    quarter.finish()
    url = reverse("sop:siklus_detail", args=[quarter.siklus.pk])
    login(client, demo, "kasubbag")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    services.siklus_reopen(
        siklus=quarter.siklus, actor=demo["kadin"].user, alasan="Koreksi data."
    )
    quarter.submit_draft()
    quarter.pass_review()
    quarter.ratify()
    quarter.archive()
    assert DokumenPengukuran.objects.count() == 2
    assert count() == before
