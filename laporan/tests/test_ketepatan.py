"""SOP timeliness per step: median, worst and share over the standard on constructed runs."""

from decimal import Decimal

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kinerja.selectors import pk_berlaku
from laporan.selectors import ketepatan_waktu
from laporan.selectors.ketepatan import median
from sop.models import KodeLangkah

from .factories import buat_langkah, buat_siklus

pytestmark = pytest.mark.django_db

URL = reverse("laporan:ketepatan")
K = KodeLangkah


@pytest.fixture
def siklus(demo, rencana):
    """TW I and TW II of DPMPTSP, and TW I of Diskominfo, opened directly in the database."""
    kominfo_pk = pk_berlaku(pd=demo.kominfo, tahun=rencana.tahun)
    return {
        "tw1": buat_siklus(demo.dpmptsp, rencana, triwulan=1, oleh=demo["kadin"]),
        "tw2": buat_siklus(demo.dpmptsp, rencana, triwulan=2, oleh=demo["kadin"]),
        "kominfo": buat_siklus(
            demo.kominfo, kominfo_pk, triwulan=1, oleh=demo["kadin.kominfo"]
        ),
    }


def per_kode(stats):
    return {s.kode: s for s in stats}


def test_median_worst_and_share_over_the_standard(siklus, rencana):
    for menit in (3, 5, 9, 12):  # standard 5 minutes: 9 and 12 are over it
        buat_langkah(siklus["tw1"], K.DISPOSISI_KADIN, menit=menit, standar=5)
    for menit in (600, 1500, 1200):  # "2 hari" = 1020 working minutes
        buat_langkah(siklus["tw2"], K.PENGUMPULAN_DATA, menit=menit, standar=1020)
    stats = per_kode(
        ketepatan_waktu(tahun=rencana.tahun, pd_ids=[rencana.perangkat_daerah_id])
    )

    a1 = stats[K.DISPOSISI_KADIN]
    assert (a1.jumlah, a1.median_menit, a1.terburuk_menit, a1.jumlah_lewat) == (
        4,
        Decimal(7),
        12,
        2,
    )
    assert a1.persen_lewat == Decimal(50)
    assert (
        a1.standar_menit == 5
        and a1.median_persen == Decimal(140)
        and a1.terburuk_persen == Decimal(240)
    )

    a4 = stats[K.PENGUMPULAN_DATA]
    assert (a4.jumlah, a4.median_menit, a4.terburuk_menit, a4.jumlah_lewat) == (
        3,
        Decimal(1200),
        1500,
        2,
    )
    assert a4.standar_menit == 1020
    assert a4.persen_lewat == Decimal(2) * 100 / 3

    kosong = stats[K.PENGARSIPAN]
    assert (
        kosong.jumlah,
        kosong.median_menit,
        kosong.terburuk_menit,
        kosong.persen_lewat,
    ) == (0, None, None, None)


def test_every_step_of_both_sheets_is_listed_in_procedure_order(siklus, rencana):
    stats = ketepatan_waktu(tahun=rencana.tahun)
    assert [s.kode for s in stats] == [
        K.DISPOSISI_KADIN,
        K.DISPOSISI_KABID,
        K.PEMBAGIAN_TUGAS,
        K.PENGUMPULAN_DATA,
        K.PEMERIKSAAN,
        K.PERSIAPAN_PENGUKURAN,
        K.PERSIAPAN_DATA,
        K.PENGUKURAN,
        K.REVIU,
        K.PENGESAHAN,
        K.PENGARSIPAN,
    ]


def test_period_offices_and_open_runs_filter_the_runs(siklus, rencana, demo):
    buat_langkah(siklus["tw1"], K.REVIU, menit=100, standar=240)
    buat_langkah(siklus["tw2"], K.REVIU, menit=300, standar=240)
    buat_langkah(
        siklus["tw2"], K.REVIU, menit=None, standar=240
    )  # still open: not counted
    buat_langkah(siklus["kominfo"], K.REVIU, menit=1000, standar=240)
    dpmptsp = [demo.dpmptsp.pk]

    def reviu(**kw):
        return per_kode(ketepatan_waktu(tahun=rencana.tahun, **kw))[K.REVIU]

    assert (reviu(pd_ids=dpmptsp).jumlah, reviu(pd_ids=dpmptsp).terburuk_menit) == (
        2,
        300,
    )
    assert reviu(
        pd_ids=dpmptsp, triwulan_dari=2, triwulan_sampai=2
    ).median_menit == Decimal(300)
    assert reviu(pd_ids=dpmptsp, triwulan_dari=1, triwulan_sampai=1).jumlah_lewat == 0
    semua = reviu()
    assert (
        semua.jumlah,
        semua.median_menit,
        semua.terburuk_menit,
        semua.jumlah_lewat,
    ) == (3, Decimal(300), 1000, 2)
    assert reviu(pd_ids=dpmptsp, triwulan_dari=3).jumlah == 0
    assert per_kode(ketepatan_waktu(tahun=rencana.tahun - 1))[K.REVIU].jumlah == 0


def test_median_matches_the_statistics_definition():
    assert median([]) is None
    assert median([5]) == Decimal(5)
    assert median([10, 1, 4]) == Decimal(4)
    assert median([1, 2, 3, 10]) == Decimal("2.5")


def test_query_count_does_not_grow_with_runs_or_offices(
    siklus, rencana, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    buat_langkah(siklus["tw1"], K.DISPOSISI_KADIN, menit=4, standar=5)
    ketepatan_waktu(tahun=rencana.tahun)
    with CaptureQueriesContext(connection) as first:
        ketepatan_waktu(tahun=rencana.tahun)
    for n in range(30):
        for kode in (K.DISPOSISI_KABID, K.PEMERIKSAAN, K.PENGESAHAN):
            buat_langkah(
                siklus["kominfo" if n % 2 else "tw2"],
                kode,
                menit=n * 7,
                standar=60,
                putaran=n + 1,
            )
    with django_assert_num_queries(len(first.captured_queries)):
        stats = ketepatan_waktu(tahun=rencana.tahun)
    assert per_kode(stats)[K.PEMERIKSAAN].jumlah == 30


def test_page_shows_the_table_and_chart_data(client, demo, siklus, rencana):
    for menit in (3, 5, 9, 12):
        buat_langkah(siklus["tw1"], K.DISPOSISI_KADIN, menit=menit, standar=5)
    buat_langkah(siklus["kominfo"], K.DISPOSISI_KADIN, menit=100, standar=5)
    client.force_login(demo["kadin"].user)
    response = client.get(URL, {"tahun": rencana.tahun})
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    row = doc.xpath(
        f'//table[@id="tabel-ketepatan"]//tr[@data-kode="{K.DISPOSISI_KADIN}"]'
    )[0]
    assert (
        row.xpath("./td[@data-jumlah]")[0].get("data-jumlah") == "4"
    )  # own office only
    assert row.xpath("./td[@data-median]")[0].get("data-median") == "7,0"
    assert row.xpath("./td[@data-terburuk]")[0].get("data-terburuk") == "12"
    assert row.xpath("./td[@data-lewat]")[0].get("data-lewat") == "50,00"
    grafik = response.context["grafik"]
    assert grafik["median"][0] == 140.0 and grafik["terburuk"][0] == 240.0
    assert doc.get_element_by_id("data-grafik-ketepatan") is not None


def test_staff_cannot_look_at_another_office(client, demo, siklus):
    client.force_login(demo["kadin"].user)
    assert client.get(URL, {"pd": demo.kominfo.pk}).status_code == 404
    assert client.get(URL, {"pd": demo.dpmptsp.pk}).status_code == 200


def test_admin_chooses_offices(client, demo, siklus, rencana):
    buat_langkah(siklus["tw1"], K.DISPOSISI_KADIN, menit=3, standar=5)
    buat_langkah(siklus["kominfo"], K.DISPOSISI_KADIN, menit=100, standar=5)
    client.force_login(get_user_model().objects.get(username="adminkab"))
    semua = client.get(URL, {"tahun": rencana.tahun})
    satu = client.get(URL, {"tahun": rencana.tahun, "pd": [demo.kominfo.pk]})
    assert per_kode(semua.context["statistik"])[K.DISPOSISI_KADIN].jumlah == 2
    assert per_kode(satu.context["statistik"])[K.DISPOSISI_KADIN].terburuk_menit == 100


def test_quarters_in_the_wrong_order_are_refused_beside_the_field(client, demo, siklus):
    """The refused field falls back to its default (TW IV); the valid one is kept."""
    client.force_login(demo["kadin"].user)
    response = client.get(URL, {"dari": 3, "sampai": 1})
    assert response.status_code == 200
    assert "sampai" in response.context["form"].errors
    assert (response.context["dari"], response.context["sampai"]) == (3, 4)


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_admin_sees_every_office_in_the_select_but_counts_only_his_kabupaten(
    client, demo, siklus, rencana
):
    """An office of another kabupaten is offered in the select, and its runs are not counted
    unless it is chosen."""
    from organisasi.models import PerangkatDaerah

    admin = get_user_model().objects.get(username="adminkab")
    lain = PerangkatDaerah.objects.create(
        nama="Dinas Kabupaten Lain", singkatan="DKL", kabupaten="Lain"
    )
    buat_langkah(siklus["tw1"], K.DISPOSISI_KADIN, menit=3, standar=5)
    client.force_login(admin)
    response = client.get(URL, {"tahun": rencana.tahun})
    doc = lxml.html.fromstring(response.content)
    ditawarkan = [int(v) for v in doc.xpath('//select[@name="pd"]/option/@value')]
    assert ditawarkan == list(
        PerangkatDaerah.objects.order_by("nama").values_list("pk", flat=True)
    )
    assert lain.pk in ditawarkan
    assert per_kode(response.context["statistik"])[K.DISPOSISI_KADIN].jumlah == 1
