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
        c = calc.capaian_kumulatif(target_tahunan=ind.target_tahunan, realisasi=real, polaritas=ind.polaritas,
                                   agregasi=ind.agregasi, sampai=tw, target_tahunan_maks=ind.target_tahunan_maks)
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
    siklus = services.siklus_open(pd=demo.dpmptsp, tahun=rencana.tahun, triwulan=2, actor=demo["kadin"].user)
    b = by_pd(ringkasan_kabupaten(tahun=rencana.tahun, triwulan=2))[demo.dpmptsp.pk]
    assert b.siklus == siklus and b.tahap == 0 and b.status_pengumpulan and not b.status_pengukuran
    services.pengumpulan_dispose_kadin(proses=siklus.pengumpulan, actor=demo["kadin"].user, kepada=demo["kabid"],
                                       isi="Kumpulkan data.")
    kominfo = buat_siklus(demo.kominfo, pk_berlaku(pd=demo.kominfo, tahun=rencana.tahun), triwulan=2,
                          oleh=demo["kadin.kominfo"])
    buat_langkah(kominfo, KodeLangkah.DISPOSISI_KADIN, menit=30, standar=5)  # done, late
    buat_langkah(kominfo, KodeLangkah.DISPOSISI_KABID, menit=4, standar=5)  # done in time
    buat_langkah(kominfo, KodeLangkah.PEMBAGIAN_TUGAS, menit=None, standar=15,  # open for two weeks: late now
                 mulai=timezone.now() - datetime.timedelta(days=14))
    baris = by_pd(ringkasan_kabupaten(tahun=rencana.tahun, triwulan=2))
    assert baris[demo.dpmptsp.pk].tahap == 1
    k = baris[demo.kominfo.pk]
    assert (k.terlambat_selesai, k.terlambat_berjalan, k.terlambat) == (1, 1, 2)
    assert by_pd(ringkasan_kabupaten(tahun=rencana.tahun, triwulan=1))[demo.kominfo.pk].siklus is None


def test_sorted_server_side_with_missing_values_last(demo, rencana):
    kosong = PerangkatDaerahFactory(nama="Aaa Dinas Tanpa Rencana", kabupaten="Lumajang")
    nilai = lambda urut: [b.pd.pk for b in ringkasan_kabupaten(tahun=rencana.tahun, triwulan=2, urut=urut)]  # noqa: E731
    baris = ringkasan_kabupaten(tahun=rencana.tahun, triwulan=2)
    capaian = {b.pd.pk: b.rata_rata_capaian for b in baris if b.rata_rata_capaian is not None}
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
    shown = [Decimal(r.xpath("./td[@data-capaian]")[0].get("data-capaian").replace(".", "").replace(",", "."))
             for r in rows]
    assert shown == sorted(shown, reverse=True)
    header = doc.xpath('//th[@aria-sort="descending"]//a')[0]
    assert "urut=capaian" in header.get("href")  # a second click sorts the other way
    link = rows[0].xpath(".//th/a")[0].get("href")
    assert link.startswith(reverse("laporan:dasbor")) and f"pd={rows[0].get('data-pd')}" in link
    assert client.get(link).status_code == 200


def test_query_count_does_not_grow_with_offices(client, admin, demo, rencana, django_assert_num_queries):
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
    from kinerja.tests.factories import IndikatorFactory, PerjanjianKinerjaFactory, SasaranFactory

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
                    sasaran=sasaran, kode=f"IKU-{n}", nama=f"Indikator {n}", is_iku=True, urutan=n,
                    polaritas=polaritas, agregasi=agregasi,
                    target_tahunan=None if n % 7 == 0 else Decimal("40") + n,
                    target_tahunan_maks=Decimal("60") + n if polaritas == Polaritas.RENTANG and n % 2 else None,
                )
                for tw, v in per_tw.items():
                    Realisasi.objects.create(indikator=ind, triwulan=tw, nilai=v, revisi=1)
    skala = skala_predikat()
    for sampai in (1, 2, 3, 4):
        b = by_pd(ringkasan_kabupaten(tahun=tahun, triwulan=sampai))[pd.pk]
        capaian = []
        for ind in Indikator.objects.for_pk(pk).iku():
            real = {r.triwulan: r.nilai for r in Realisasi.objects.filter(indikator=ind)}
            capaian.append(calc.capaian_kumulatif(
                target_tahunan=ind.target_tahunan, realisasi=real, polaritas=ind.polaritas, agregasi=ind.agregasi,
                sampai=sampai, target_tahunan_maks=ind.target_tahunan_maks))
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

    s = buat_siklus(demo.kominfo, pk_berlaku(pd=demo.kominfo, tahun=rencana.tahun), triwulan=2,
                    oleh=demo["kadin.kominfo"])
    lain = buat_siklus(demo.dpmptsp, rencana, triwulan=2, oleh=demo["kadin"])
    buat_langkah(s, KodeLangkah.DISPOSISI_KADIN, menit=6, standar=5)  # late
    buat_langkah(s, KodeLangkah.DISPOSISI_KABID, menit=5, standar=5)  # at the standard
    buat_langkah(s, KodeLangkah.PEMBAGIAN_TUGAS, menit=None, standar=15,  # open for two weeks: late
                 mulai=timezone.now() - datetime.timedelta(days=14))
    buat_langkah(s, KodeLangkah.DISPOSISI_KADIN, menit=None, standar=10_000, putaran=2)  # open, within
    buat_langkah(lain, KodeLangkah.DISPOSISI_KADIN, menit=60, standar=5)  # another cycle, not asked
    assert _langkah_terlambat({s.pk: demo.kominfo.pk}) == ({demo.kominfo.pk: 1}, {demo.kominfo.pk: 1})
    assert _langkah_terlambat({}) == ({}, {})


def test_latest_quarter_comes_with_the_cycles_query(client, admin, demo, rencana):
    """`ringkasan_terakhir` finds the quarter `triwulan_terakhir` finds (TW I without cycles; an
    office of another kabupaten does not count for it) and gives that quarter's rows."""
    from laporan.selectors.kabupaten import ringkasan_terakhir, triwulan_terakhir

    kab = demo.dpmptsp.kabupaten
    assert ringkasan_terakhir(tahun=rencana.tahun, kabupaten=kab)[0] == 1 == triwulan_terakhir(
        tahun=rencana.tahun, kabupaten=kab)
    buat_siklus(demo.dpmptsp, rencana, triwulan=1, oleh=demo["kadin"])
    buat_siklus(demo.kominfo, pk_berlaku(pd=demo.kominfo, tahun=rencana.tahun), triwulan=3,
                oleh=demo["kadin.kominfo"])
    lain = PerangkatDaerahFactory(kabupaten="Lain")
    buat_siklus(lain, buat_rencana(lain, tahun=rencana.tahun), triwulan=4, oleh=demo["kadin"])
    for kabupaten in (kab, None):
        tw, baris = ringkasan_terakhir(tahun=rencana.tahun, kabupaten=kabupaten)
        assert tw == triwulan_terakhir(tahun=rencana.tahun, kabupaten=kabupaten) == (3 if kabupaten else 4)
        assert baris == ringkasan_kabupaten(tahun=rencana.tahun, triwulan=tw, kabupaten=kabupaten)
    client.force_login(admin)
    response = client.get(URL, {"tahun": rencana.tahun})
    assert response.context["tw"] == triwulan_terakhir(tahun=rencana.tahun, kabupaten=admin.admin_kabupaten.kabupaten)
    assert by_pd(response.context["baris"])[demo.kominfo.pk].siklus is not None


def _siklus_triwulan_lama(*, pd_ids, tahun, triwulan):
    """The cycles of a quarter as they were read before (a Subquery for the latest quarter, `.only()`
    instances with the processes' status annotated): the reference of the test below."""
    from django.db.models import F, Subquery

    from sop.models import Siklus

    if triwulan is None:
        kuartal = Subquery(Siklus.objects.filter(perangkat_daerah_id__in=pd_ids, tahun=tahun)
                           .order_by("-triwulan").values("triwulan")[:1])
    else:
        kuartal = triwulan
    siklus = {
        s.perangkat_daerah_id: s
        for s in Siklus.objects.filter(perangkat_daerah_id__in=pd_ids, tahun=tahun, triwulan=kuartal)
        .order_by().only("id", "perangkat_daerah_id", "tahun", "triwulan", "status")
        .annotate(status_a=F("pengumpulan__status"), status_b=F("pengukuran__status"))
    }
    if triwulan is None:
        triwulan = next(iter(siklus.values())).triwulan if siklus else 1
    return triwulan, siklus


def test_cycles_of_the_quarter_as_before(demo, rencana):
    """`_pilih_siklus` of the rows of `_qs_siklus` (one values query of the year, the quarter
    picked in Python) gives the quarter, the cycles and the processes' status the Subquery
    version gave: without cycles, with cycles in several quarters and offices, a process
    started or not, another year left out."""
    from laporan.selectors.kabupaten import _pilih_siklus, _qs_siklus
    from sop.models import Siklus

    def sama(pd_ids, tahun):
        for tw in (None, 1, 2, 3, 4):
            qs = Siklus.objects.filter(perangkat_daerah_id__in=pd_ids, tahun=tahun)
            baru_tw, baru = _pilih_siklus(list(_qs_siklus(qs)), tw, qs.db)
            lama_tw, lama = _siklus_triwulan_lama(pd_ids=pd_ids, tahun=tahun, triwulan=tw)
            assert baru_tw == lama_tw, (pd_ids, tw)
            assert baru == lama, (pd_ids, tw)
            for pd_id, s in lama.items():
                b = baru[pd_id]
                assert (b.pk, b.perangkat_daerah_id, b.tahun, b.triwulan, b.status, b.status_a, b.status_b) == (
                    s.pk, s.perangkat_daerah_id, s.tahun, s.triwulan, s.status, s.status_a, s.status_b)
                assert b.get_status_display() == s.get_status_display()

    pd_ids = [demo.dpmptsp.pk, demo.kominfo.pk]
    sama(pd_ids, rencana.tahun)
    s1 = services.siklus_open(pd=demo.dpmptsp, tahun=rencana.tahun, triwulan=1, actor=demo["kadin"].user)
    services.pengumpulan_dispose_kadin(proses=s1.pengumpulan, actor=demo["kadin"].user, kepada=demo["kabid"],
                                       isi="Kumpulkan data.")
    services.siklus_open(pd=demo.dpmptsp, tahun=rencana.tahun, triwulan=2, actor=demo["kadin"].user)
    sama(pd_ids, rencana.tahun)
    buat_siklus(demo.kominfo, pk_berlaku(pd=demo.kominfo, tahun=rencana.tahun), triwulan=3,
                oleh=demo["kadin.kominfo"])
    lain = buat_rencana(demo.dpmptsp, tahun=rencana.tahun + 1)
    buat_siklus(demo.dpmptsp, lain, triwulan=4, oleh=demo["kadin"])
    for ids in (pd_ids, [demo.dpmptsp.pk], [demo.kominfo.pk], []):
        sama(ids, rencana.tahun)
        sama(ids, rencana.tahun + 1)


def test_compiled_queries_are_the_orm_queries_and_the_offices_lists(demo, rencana):
    """The page's queries, compiled once per process per kabupaten (`_KueriKabupaten`), give the
    rows of their ORM querysets (value and type), and naming the offices by their kabupaten
    reads what naming them by the list of their ids read before."""
    from django.db.models import F, Q

    from laporan.selectors.kabupaten import KOLOM_SIKLUS, _KueriKabupaten
    from organisasi.models import PerangkatDaerah
    from sop.models import LangkahBerjalan, Siklus

    def sama(kueri, *argumen):
        rows = kueri.baris(*argumen)
        harap = list(kueri.bangun(*argumen))
        assert [[(type(v), v) for v in r] for r in rows] == [[(type(v), v) for v in r] for r in harap], argumen
        return rows

    lain = PerangkatDaerahFactory(kabupaten="Lain")
    buat_siklus(lain, buat_rencana(lain, tahun=rencana.tahun), triwulan=2, oleh=demo["kadin"])
    s = buat_siklus(demo.kominfo, pk_berlaku(pd=demo.kominfo, tahun=rencana.tahun), triwulan=2,
                    oleh=demo["kadin.kominfo"])
    buat_langkah(s, KodeLangkah.DISPOSISI_KADIN, menit=30, standar=5)
    buat_langkah(s, KodeLangkah.DISPOSISI_KABID, menit=4, standar=5)
    buat_langkah(s, KodeLangkah.PEMBAGIAN_TUGAS, menit=None, standar=15)
    buat_siklus(demo.dpmptsp, rencana, triwulan=1, oleh=demo["kadin"])
    for kab in (demo.dpmptsp.kabupaten, "Lain", "Tidak ada", None):
        kueri = _KueriKabupaten(kab)
        pds = PerangkatDaerah.objects.filter(kabupaten=kab) if kab else PerangkatDaerah.objects.all()
        pd_ids = [p.pk for p in pds.order_by("nama")]
        assert [r[0] for r in sama(kueri.kantor)] == pd_ids
        for tahun in (rencana.tahun, rencana.tahun - 1):
            siklus = sama(kueri.siklus, tahun)
            assert sorted(siklus, key=repr) == sorted(Siklus.objects.filter(perangkat_daerah_id__in=pd_ids, tahun=tahun).values_list(
                *KOLOM_SIKLUS, "pengumpulan__status", "pengukuran__status"), key=repr)
            iku = sama(kueri.iku, tahun)
            lama = list(Indikator.objects.filter(
                sasaran__perjanjian__perangkat_daerah_id__in=pd_ids, sasaran__perjanjian__tahun=tahun,
                sasaran__perjanjian__berlaku=True, is_iku=True,
            ).order_by(*Indikator._meta.ordering).values_list(
                "pk", "sasaran__perjanjian__perangkat_daerah_id", "target_tahunan", "target_tahunan_maks",
                "polaritas", "agregasi", "realisasi__triwulan", "realisasi__nilai"))
            # the same IKUs, in the model's order once sorted as `_capaian_iku` sorts them, each
            # with its quarters' stored realisasi side by side (None: no row, or a row without a value)
            from laporan.selectors.kabupaten import _urutan_iku

            assert [r[0] for r in sorted(iku, key=_urutan_iku)] == list(dict.fromkeys(r[0] for r in lama))
            per_iku = {}
            for pk, *kolom, tw, nilai in lama:
                per_iku.setdefault(pk, [pk, *kolom, None, None, None, None])
                if tw is not None:
                    per_iku[pk][5 + tw] = nilai
            assert sorted(([(type(v), v) for v in r[:10]] for r in iku), key=repr) == sorted(
                ([(type(v), v) for v in r] for r in per_iku.values()), key=repr)
            for tw in (1, 2, 3):
                ids = list(Siklus.objects.filter(perangkat_daerah_id__in=pd_ids, tahun=tahun, triwulan=tw)
                           .values_list("pk", flat=True))
                langkah = sama(kueri.langkah, tahun, tw)
                assert sorted(langkah, key=repr) == sorted(
                    LangkahBerjalan.objects.filter(siklus_id__in=ids)
                    .filter(Q(selesai__isnull=True) | Q(selesai__isnull=False, menit_kerja__gt=F("standar_menit")))
                    .values_list("siklus_id", "selesai", "mulai", "standar_menit"), key=repr)
        if kab == demo.dpmptsp.kabupaten:
            assert len(sama(kueri.langkah, rencana.tahun, 2)) == 2 and len(sama(kueri.iku, rencana.tahun)) > 0


def test_ikus_come_unordered_and_are_summed_in_the_models_order():
    """`_qs_iku` leaves the order to Python: `_capaian_iku` lists each office's capaian in
    Indikator.Meta.ordering (sasaran's place, sasaran, the indicator's place, id) however
    the rows arrive."""
    import random

    from kinerja.models import Agregasi, Polaritas
    from laporan.selectors.kabupaten import _capaian_iku

    assert Indikator._meta.ordering == ["sasaran__urutan", "sasaran_id", "urutan", "pk"]
    # (pk, sasaran urutan, sasaran id, urutan): sasaran 9 comes first by its place, ids out of order
    ikus = [(31, 1, 9, 2), (7, 1, 9, 1), (12, 2, 3, 1), (5, 2, 3, 1), (40, 2, 4, 0), (2, 3, 1, 0)]
    rows = [(pk, 77, Decimal(100 + pk), None, Polaritas.NAIK, Agregasi.JUMLAH, Decimal(pk + 1), Decimal(pk + 2),
             None, None, s_urutan, s_id, urutan) for pk, s_urutan, s_id, urutan in ikus]
    random.Random(3).shuffle(rows)
    hasil = _capaian_iku(rows, sampai=2, skala=[])[77]
    harap = [calc.capaian_kumulatif(target_tahunan=Decimal(100 + pk), target_tahunan_maks=None,
                                    polaritas=Polaritas.NAIK, agregasi=Agregasi.JUMLAH,
                                    realisasi={1: Decimal(pk + 1), 2: Decimal(pk + 2), 3: None, 4: None}, sampai=2)
             for pk, *_k in sorted(ikus, key=lambda i: (i[1], i[2], i[3], i[0]))]
    assert [c for c, _p in hasil] == harap


def test_remembered_capaian_is_the_calculation_itself():
    """`_capaian_kumulatif` remembers results per process: for every direction, roll-up and
    quarter, asked twice, it gives what `calc.capaian_kumulatif` gives — the same Decimal,
    digit for digit, also for equal numbers written differently (1.0 and 1.00)."""
    from kinerja.models import Agregasi, Polaritas
    from laporan.selectors import kabupaten as kab

    kab._CAPAIAN.clear()
    nilai = [None, Decimal("0"), Decimal("1.0"), Decimal("1.00"), Decimal("-2.5"), Decimal("33.3333"), Decimal("1E+3")]
    kasus = 0
    for polaritas in Polaritas.values:
        for agregasi in Agregasi.values:
            for i, target in enumerate(nilai):
                maks = nilai[(i + 3) % len(nilai)] if polaritas == Polaritas.RENTANG else None
                real = {tw: nilai[(i + tw) % len(nilai)] for tw in (1, 2, 3, 4)}
                for sampai in (1, 2, 4):
                    harap = calc.capaian_kumulatif(target_tahunan=target, target_tahunan_maks=maks, polaritas=polaritas,
                                                   agregasi=agregasi, realisasi=real, sampai=sampai)
                    for _ in range(2):
                        dapat = kab._capaian_kumulatif(target, maks, polaritas, agregasi, real, sampai)
                        assert str(dapat) == str(harap) and type(dapat) is type(harap)
                    kasus += 1
    assert kasus > 100 and len(kab._CAPAIAN) == kasus
