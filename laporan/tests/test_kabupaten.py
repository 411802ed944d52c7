"""The kabupaten overview: each office's quarter, IKU capaian summary and late steps, sortable."""

import datetime
from decimal import Decimal

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from kinerja import calculations as calc
from kinerja.models import Indikator, Realisasi
from kinerja.selectors import pk_berlaku, skala_predikat
from laporan.selectors import ringkasan_kabupaten
from organisasi.tests.factories import PerangkatDaerahFactory
from sop import services
from sop.models import KodeLangkah

from .factories import buat_langkah, buat_rencana, buat_siklus

pytestmark = pytest.mark.django_db

URL = reverse("laporan:kabupaten")


@pytest.fixture
def admin(demo):
    return get_user_model().objects.get(username="adminkab")


def rata_capaian(pk, tw):
    hasil = []
    for ind in Indikator.objects.for_pk(pk).iku():
        real = {r.triwulan: r.nilai for r in Realisasi.objects.filter(indikator=ind)}
        c = calc.capaian_kumulatif(
            target_tahunan=ind.target_tahunan,
            realisasi=real,
            polaritas=ind.polaritas,
            agregasi=ind.agregasi,
            sampai=tw,
            target_tahunan_maks=ind.target_tahunan_maks,
        )
        if c is not None:
            hasil.append(c)
    return sum(hasil, Decimal(0)) / len(hasil)


def by_pd(baris):
    return {b.pd.pk: b for b in baris}


def test_capaian_summary_per_office_matches_the_calculations(demo, rencana):
    baris = by_pd(ringkasan_kabupaten(tahun=rencana.tahun, triwulan=2))
    skala = skala_predikat()
    for pd in (demo.dpmptsp, demo.kominfo):
        pk = pk_berlaku(pd=pd, tahun=rencana.tahun)
        b = baris[pd.pk]
        assert b.rata_rata_capaian == rata_capaian(pk, 2)
        assert b.predikat == calc.predikat(b.rata_rata_capaian, skala)
        assert b.jumlah_iku == Indikator.objects.for_pk(pk).iku().count()
        assert sum(n for _band, n in b.sebaran) == b.jumlah_berdata == b.jumlah_iku


def test_quarter_state_and_late_steps(demo, rencana):
    siklus = services.siklus_open(
        pd=demo.dpmptsp, tahun=rencana.tahun, triwulan=2, actor=demo["kadin"].user
    )
    b = by_pd(ringkasan_kabupaten(tahun=rencana.tahun, triwulan=2))[demo.dpmptsp.pk]
    assert (
        b.siklus == siklus
        and b.tahap == 0
        and b.status_pengumpulan
        and not b.status_pengukuran
    )
    services.pengumpulan_dispose_kadin(
        proses=siklus.pengumpulan,
        actor=demo["kadin"].user,
        kepada=demo["kabid"],
        isi="Kumpulkan data.",
    )
    kominfo = buat_siklus(
        demo.kominfo,
        pk_berlaku(pd=demo.kominfo, tahun=rencana.tahun),
        triwulan=2,
        oleh=demo["kadin.kominfo"],
    )
    buat_langkah(
        kominfo, KodeLangkah.DISPOSISI_KADIN, menit=30, standar=5
    )  # done, late
    buat_langkah(
        kominfo, KodeLangkah.DISPOSISI_KABID, menit=4, standar=5
    )  # done in time
    buat_langkah(
        kominfo,
        KodeLangkah.PEMBAGIAN_TUGAS,
        menit=None,
        standar=15,  # open for two weeks: late now
        mulai=timezone.now() - datetime.timedelta(days=14),
    )
    baris = by_pd(ringkasan_kabupaten(tahun=rencana.tahun, triwulan=2))
    assert baris[demo.dpmptsp.pk].tahap == 1
    k = baris[demo.kominfo.pk]
    assert (k.terlambat_selesai, k.terlambat_berjalan, k.terlambat) == (1, 1, 2)
    assert (
        by_pd(ringkasan_kabupaten(tahun=rencana.tahun, triwulan=1))[
            demo.kominfo.pk
        ].siklus
        is None
    )


def test_sorted_server_side_with_missing_values_last(demo, rencana):
    kosong = PerangkatDaerahFactory(
        nama="Aaa Dinas Tanpa Rencana", kabupaten="Lumajang"
    )

    def nilai(urut):
        return [
            b.pd.pk
            for b in ringkasan_kabupaten(tahun=rencana.tahun, triwulan=2, urut=urut)
        ]

    baris = ringkasan_kabupaten(tahun=rencana.tahun, triwulan=2)
    capaian = {
        b.pd.pk: b.rata_rata_capaian for b in baris if b.rata_rata_capaian is not None
    }
    naik = sorted(capaian, key=capaian.get)
    assert nilai("capaian") == naik + [kosong.pk]
    assert nilai("-capaian") == naik[::-1] + [kosong.pk]
    assert nilai("nama")[0] == kosong.pk
    assert nilai("bukan-kolom") == nilai("nama")


def test_page_is_sortable_and_links_into_each_dashboard(client, admin, demo, rencana):
    client.force_login(admin)
    response = client.get(URL, {"tahun": rencana.tahun, "tw": 2, "urut": "-capaian"})
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    rows = doc.xpath('//table[@id="tabel-kabupaten"]/tbody/tr')
    shown = [
        Decimal(
            r.xpath("./td[@data-capaian]")[0]
            .get("data-capaian")
            .replace(".", "")
            .replace(",", ".")
        )
        for r in rows
    ]
    assert shown == sorted(shown, reverse=True)
    header = doc.xpath('//th[@aria-sort="descending"]//a')[0]
    assert "urut=capaian" in header.get("href")  # a second click sorts the other way
    link = rows[0].xpath(".//th/a")[0].get("href")
    assert (
        link.startswith(reverse("laporan:dasbor"))
        and f"pd={rows[0].get('data-pd')}" in link
    )
    assert client.get(link).status_code == 200


def test_query_count_does_not_grow_with_offices(
    client, admin, demo, rencana, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    s = buat_siklus(demo.dpmptsp, rencana, triwulan=2, oleh=demo["kadin"])
    buat_langkah(s, KodeLangkah.DISPOSISI_KADIN, menit=2, standar=5)
    client.force_login(admin)
    params = {"tahun": rencana.tahun, "tw": 2}
    client.get(URL, params)
    with CaptureQueriesContext(connection) as first:
        client.get(URL, params)
    for _n in range(6):
        pd = PerangkatDaerahFactory(kabupaten="Lumajang")
        pk = buat_rencana(pd, tahun=rencana.tahun, indikator=4)
        s = buat_siklus(pd, pk, triwulan=2, oleh=demo["kadin"])
        buat_langkah(s, KodeLangkah.DISPOSISI_KADIN, menit=20, standar=5)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(URL, params)
    assert len(response.context["baris"]) == 8


def test_only_the_kabupaten_admin_gets_the_overview(client, demo):
    assert client.get(URL).status_code == 302
    client.force_login(demo["kadin"].user)
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("query", [{"tahun": "x"}, {"tw": "5"}, {"urut": "'; drop"}])
def test_bad_filters_fall_back_without_error_page(client, admin, demo, query):
    client.force_login(admin)
    response = client.get(URL, query)
    assert response.status_code == 200 and response.context["form"].errors


def test_capaian_read_in_one_grouped_query_equals_the_python_roll_up(demo, tahun):
    """The overview reads each IKU's four quarters side by side in SQL; the result must be what
    `kinerja.calculations` gives from the rows themselves: every direction and roll-up, with a
    quarter missing, a quarter stored empty (None), no target at all, and a range indicator."""
    from kinerja.models import Agregasi, Polaritas
    from kinerja.tests.factories import (
        IndikatorFactory,
        PerjanjianKinerjaFactory,
        SasaranFactory,
    )

    pd = PerangkatDaerahFactory(nama="Dinas Uji Agregasi", kabupaten="Lumajang")
    pk = PerjanjianKinerjaFactory(perangkat_daerah=pd, tahun=tahun)
    sasaran = SasaranFactory(perjanjian=pk, kode="SS1")
    nilai_tw = [  # quarter → realisasi; absent: no row; None: a row without a value
        {1: Decimal("12.5"), 2: Decimal("30.25"), 3: Decimal("7")},
        {1: Decimal("3"), 3: Decimal("4.75")},
        {1: None, 2: Decimal("88.1234")},
        {2: None},
        {},
        {1: Decimal("0"), 2: Decimal("-2.5"), 3: Decimal("1000000.0001")},
    ]
    n = 0
    for polaritas in Polaritas.values:
        for agregasi in Agregasi.values:
            for per_tw in nilai_tw:
                n += 1
                ind = IndikatorFactory(
                    sasaran=sasaran,
                    kode=f"IKU-{n}",
                    nama=f"Indikator {n}",
                    is_iku=True,
                    urutan=n,
                    polaritas=polaritas,
                    agregasi=agregasi,
                    target_tahunan=None if n % 7 == 0 else Decimal("40") + n,
                    target_tahunan_maks=Decimal("60") + n
                    if polaritas == Polaritas.RENTANG and n % 2
                    else None,
                )
                for tw, v in per_tw.items():
                    Realisasi.objects.create(
                        indikator=ind, triwulan=tw, nilai=v, revisi=1
                    )
    skala = skala_predikat()
    for sampai in (1, 2, 3, 4):
        b = by_pd(ringkasan_kabupaten(tahun=tahun, triwulan=sampai))[pd.pk]
        capaian = []
        for ind in Indikator.objects.for_pk(pk).iku():
            real = {
                r.triwulan: r.nilai for r in Realisasi.objects.filter(indikator=ind)
            }
            capaian.append(
                calc.capaian_kumulatif(
                    target_tahunan=ind.target_tahunan,
                    realisasi=real,
                    polaritas=ind.polaritas,
                    agregasi=ind.agregasi,
                    sampai=sampai,
                    target_tahunan_maks=ind.target_tahunan_maks,
                )
            )
        ada = [c for c in capaian if c is not None]
        assert b.jumlah_iku == n and b.jumlah_berdata == len(ada) > 0
        assert b.rata_rata_capaian == sum(ada, Decimal(0)) / len(ada)
        assert b.predikat == calc.predikat(b.rata_rata_capaian, skala)
        per_band = [calc.predikat(c, skala) for c in ada]
        assert b.sebaran == [(band, per_band.count(band)) for band in skala]


def test_late_steps_of_one_query_per_office(demo, rencana):
    """`_langkah_terlambat` reads finished-late and open steps together: a step finished at the
    standard or within it, and an open one still within it, are not late; other cycles are not read."""
    from laporan.selectors.kabupaten import _langkah_terlambat

    s = buat_siklus(
        demo.kominfo,
        pk_berlaku(pd=demo.kominfo, tahun=rencana.tahun),
        triwulan=2,
        oleh=demo["kadin.kominfo"],
    )
    lain = buat_siklus(demo.dpmptsp, rencana, triwulan=2, oleh=demo["kadin"])
    buat_langkah(s, KodeLangkah.DISPOSISI_KADIN, menit=6, standar=5)  # late
    buat_langkah(s, KodeLangkah.DISPOSISI_KABID, menit=5, standar=5)  # at the standard
    buat_langkah(
        s,
        KodeLangkah.PEMBAGIAN_TUGAS,
        menit=None,
        standar=15,  # open for two weeks: late
        mulai=timezone.now() - datetime.timedelta(days=14),
    )
    buat_langkah(
        s, KodeLangkah.DISPOSISI_KADIN, menit=None, standar=10_000, putaran=2
    )  # open, within
    buat_langkah(
        lain, KodeLangkah.DISPOSISI_KADIN, menit=60, standar=5
    )  # another cycle, not asked
    assert _langkah_terlambat({s.pk: demo.kominfo.pk}) == (
        {demo.kominfo.pk: 1},
        {demo.kominfo.pk: 1},
    )
    assert _langkah_terlambat({}) == ({}, {})


def test_latest_quarter_comes_with_the_cycles_query(client, admin, demo, rencana):
    """`ringkasan_terakhir` finds the quarter `triwulan_terakhir` finds (TW I without cycles; an
    office of another kabupaten does not count for it) and gives that quarter's rows."""
    from laporan.selectors.kabupaten import ringkasan_terakhir, triwulan_terakhir

    kab = demo.dpmptsp.kabupaten
    assert (
        ringkasan_terakhir(tahun=rencana.tahun, kabupaten=kab)[0]
        == 1
        == triwulan_terakhir(tahun=rencana.tahun, kabupaten=kab)
    )
    buat_siklus(demo.dpmptsp, rencana, triwulan=1, oleh=demo["kadin"])
    buat_siklus(
        demo.kominfo,
        pk_berlaku(pd=demo.kominfo, tahun=rencana.tahun),
        triwulan=3,
        oleh=demo["kadin.kominfo"],
    )
    lain = PerangkatDaerahFactory(kabupaten="Lain")
    buat_siklus(
        lain, buat_rencana(lain, tahun=rencana.tahun), triwulan=4, oleh=demo["kadin"]
    )
    for kabupaten in (kab, None):
        tw, baris = ringkasan_terakhir(tahun=rencana.tahun, kabupaten=kabupaten)
        assert (
            tw
            == triwulan_terakhir(tahun=rencana.tahun, kabupaten=kabupaten)
            == (3 if kabupaten else 4)
        )
        assert baris == ringkasan_kabupaten(
            tahun=rencana.tahun, triwulan=tw, kabupaten=kabupaten
        )
    client.force_login(admin)
    response = client.get(URL, {"tahun": rencana.tahun})
    assert response.context["tw"] == triwulan_terakhir(
        tahun=rencana.tahun, kabupaten=admin.admin_kabupaten.kabupaten
    )
    assert by_pd(response.context["baris"])[demo.kominfo.pk].siklus is not None


def test_ikus_come_unordered_and_are_summed_in_the_models_order():
    """`_qs_iku` leaves the order to Python: `_capaian_iku` lists each office's capaian in
    Indikator.Meta.ordering (sasaran's place, sasaran, the indicator's place, id) however
    the rows arrive."""
    import random

    from kinerja.models import Agregasi, Polaritas
    from laporan.selectors.kabupaten import _capaian_iku

    assert Indikator._meta.ordering == ["sasaran__urutan", "sasaran_id", "urutan", "pk"]
    # (pk, sasaran urutan, sasaran id, urutan): sasaran 9 comes first by its place, ids out of order
    ikus = [
        (31, 1, 9, 2),
        (7, 1, 9, 1),
        (12, 2, 3, 1),
        (5, 2, 3, 1),
        (40, 2, 4, 0),
        (2, 3, 1, 0),
    ]
    rows = [
        (
            pk,
            77,
            Decimal(100 + pk),
            None,
            Polaritas.NAIK,
            Agregasi.JUMLAH,
            Decimal(pk + 1),
            Decimal(pk + 2),
            None,
            None,
            s_urutan,
            s_id,
            urutan,
        )
        for pk, s_urutan, s_id, urutan in ikus
    ]
    random.Random(3).shuffle(rows)
    hasil = _capaian_iku(rows, sampai=2, skala=[])[77]
    harap = [
        calc.capaian_kumulatif(
            target_tahunan=Decimal(100 + pk),
            target_tahunan_maks=None,
            polaritas=Polaritas.NAIK,
            agregasi=Agregasi.JUMLAH,
            realisasi={1: Decimal(pk + 1), 2: Decimal(pk + 2), 3: None, 4: None},
            sampai=2,
        )
        for pk, *_k in sorted(ikus, key=lambda i: (i[1], i[2], i[3], i[0]))
    ]
    assert [c for c, _p in hasil] == harap
