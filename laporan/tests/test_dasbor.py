"""The office dashboard: the numbers behind every chart and table are those of
kinerja.calculations on the demo plan; the query count does not grow with the plan;
offices are sealed."""

import json
from decimal import Decimal

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kinerja import calculations as calc
from kinerja.models import (
    Indikator,
    Program,
    Realisasi,
    RealisasiAnggaran,
    TargetTriwulan,
)
from kinerja.selectors import skala_predikat
from kinerja.tests.factories import (
    IndikatorFactory,
    ProgramFactory,
    RealisasiAnggaranFactory,
)
from laporan.selectors import dasbor_kantor
from laporan.selectors._capaian import nilai_grafik
from sop import services
from umum import format as fmt

pytestmark = pytest.mark.django_db

URL = reverse("laporan:dasbor")


def harapan_iku(rencana, sampai):
    """Expected capaian per IKU computed straight from the rows with kinerja.calculations."""
    skala = skala_predikat()
    hasil = {}
    for ind in Indikator.objects.for_pk(rencana).iku():
        targets = {t.triwulan: t for t in TargetTriwulan.objects.filter(indikator=ind)}
        real = {r.triwulan: r.nilai for r in Realisasi.objects.filter(indikator=ind)}
        per_tw = []
        for tw in (1, 2, 3, 4):
            t = targets.get(tw)
            per_tw.append(
                calc.capaian_triwulan(
                    target=t.target if t else None,
                    realisasi=real.get(tw),
                    polaritas=ind.polaritas,
                    target_maks=t.target_maks if t else None,
                )
            )
        ytd = calc.capaian_kumulatif(
            target_tahunan=ind.target_tahunan,
            realisasi=real,
            polaritas=ind.polaritas,
            agregasi=ind.agregasi,
            sampai=sampai,
            target_tahunan_maks=ind.target_tahunan_maks,
        )
        nilai = per_tw + [ytd]
        hasil[ind.pk] = {
            "capaian": nilai,
            "warna": [
                (calc.predikat(c, skala).warna if c is not None else "#adb5bd")
                for c in nilai
            ],
            "realisasi_ytd": calc.agregasi_triwulan(
                real, agregasi=ind.agregasi, sampai=sampai
            ),
        }
    return hasil


def harapan_program(rencana, sampai):
    hasil = {}
    for prog in Program.objects.filter(perjanjian=rencana):
        real = [
            r.nilai
            for r in RealisasiAnggaran.objects.filter(
                program=prog, triwulan__lte=sampai
            )
        ]
        total = sum(real, Decimal(0)) if real else None
        hasil[prog.pk] = {
            "realisasi": total,
            "serapan": calc.serapan_anggaran(prog.anggaran, total),
        }
    return hasil


def test_demo_plan_has_iku_with_data_up_to_tw2(rencana):
    d = dasbor_kantor(pd=rencana.perangkat_daerah, tahun=rencana.tahun)
    assert d.sampai == 2
    assert len(d.iku) == Indikator.objects.for_pk(rencana).iku().count() > 0
    assert all(i.kumulatif.capaian is not None for i in d.iku)


def test_capaian_charts_and_table_match_the_calculations(client, demo, rencana):
    client.force_login(demo["kadin"].user)
    response = client.get(URL)
    assert response.status_code == 200
    harapan = harapan_iku(rencana, sampai=2)
    grafik = {g["id"]: g for g in response.context["dasbor"].grafik_capaian()}
    assert len(grafik) == len(harapan)
    doc = lxml.html.fromstring(response.content)
    data = json.loads(doc.get_element_by_id("data-grafik-capaian").text_content())
    assert data == json.loads(json.dumps(response.context["dasbor"].grafik_capaian()))
    for pk, h in harapan.items():
        g = grafik[f"iku-{pk}"]
        assert g["capaian"] == [nilai_grafik(c) for c in h["capaian"]]
        assert g["warna"] == h["warna"]
        assert g["label"] == ["TW I", "TW II", "TW III", "TW IV", "s.d. TW II"]
        row = doc.xpath(f'//table[@id="tabel-capaian"]//tr[@data-indikator="{pk}"]')[0]
        cells = [td.get("data-capaian") for td in row.xpath("./td[@data-capaian]")]
        assert cells == [fmt.angka(c, 2) for c in h["capaian"]]
        # unfilled quarters are not 0: no bar, "–" in the table
        assert g["capaian"][2] is None and cells[2] == fmt.KOSONG


def test_budget_chart_and_table_match_the_calculations(client, demo, rencana):
    client.force_login(demo["kadin"].user)
    response = client.get(URL)
    harapan = harapan_program(rencana, sampai=2)
    serapan = response.context["dasbor"].grafik_serapan()
    programs = list(Program.objects.filter(perjanjian=rencana).order_by("urutan", "pk"))
    assert serapan["label"] == [p.nama for p in programs]
    assert serapan["realisasi"] == [
        nilai_grafik(harapan[p.pk]["serapan"]) for p in programs
    ]
    doc = lxml.html.fromstring(response.content)
    for p in programs:
        cell = doc.xpath(
            f'//table[@id="tabel-anggaran"]//tr[@data-program="{p.pk}"]/td[@data-serapan]'
        )[0]
        assert cell.get("data-serapan") == fmt.angka(harapan[p.pk]["serapan"], 2)
        assert fmt.rupiah(harapan[p.pk]["realisasi"]) in lxml.html.tostring(
            cell.getparent(), encoding="unicode"
        )
    total = sum((h["realisasi"] for h in harapan.values()), Decimal(0))
    anggaran = sum((p.anggaran for p in programs), Decimal(0))
    assert response.context["dasbor"].total_serapan_sd == calc.serapan_anggaran(
        anggaran, total
    )
    assert doc.get_element_by_id(
        "ringkas-serapan"
    ).text_content().strip() == fmt.persen(calc.serapan_anggaran(anggaran, total))


def test_summary_is_the_mean_iku_capaian_with_its_predikat(client, demo, rencana):
    client.force_login(demo["kadin"].user)
    response = client.get(URL, {"tw": 1})
    ytd = [h["capaian"][4] for h in harapan_iku(rencana, sampai=1).values()]
    rata = sum(ytd, Decimal(0)) / len(ytd)
    d = response.context["dasbor"]
    assert d.sampai == 1 and d.rata_rata_capaian == rata
    assert d.predikat == calc.predikat(rata, skala_predikat())
    doc = lxml.html.fromstring(response.content)
    assert doc.get_element_by_id(
        "ringkas-capaian"
    ).text_content().strip() == fmt.persen(rata)


def test_quarter_state_of_both_sops_is_shown(client, demo, rencana):
    siklus = services.siklus_open(
        pd=demo.dpmptsp, tahun=rencana.tahun, triwulan=3, actor=demo["kadin"].user
    )
    services.pengumpulan_dispose_kadin(
        proses=siklus.pengumpulan,
        actor=demo["kadin"].user,
        kepada=demo["kabid"],
        isi="Kumpulkan data TW III.",
    )
    client.force_login(demo["kadin"].user)
    response = client.get(URL)
    d = response.context["dasbor"]
    assert d.sampai == 3 and d.siklus.siklus == siklus
    a, b = d.siklus.sop
    assert [lk.status for lk in a.langkah][:3] == ["selesai", "berjalan", "belum"]
    assert a.jumlah_selesai == 1 and a.jumlah_langkah == 6
    assert b.jumlah_selesai == 0 and b.jumlah_langkah == 5
    assert reverse("sop:siklus_detail", args=[siklus.pk]) in response.content.decode()


def _tambah_indikator(rencana, n):
    sasaran = rencana.sasaran.first()
    for _i in range(n):
        ind = IndikatorFactory(sasaran=sasaran, is_iku=True)
        for tw in (1, 2):
            Realisasi.objects.create(indikator=ind, triwulan=tw, nilai=Decimal(tw * 90))
        prog = ProgramFactory(perjanjian=rencana)
        RealisasiAnggaranFactory(program=prog, triwulan=1)


def test_dashboard_query_count_does_not_grow_with_the_plan(
    client, demo, rencana, django_assert_num_queries
):
    services.siklus_open(
        pd=demo.dpmptsp, tahun=rencana.tahun, triwulan=2, actor=demo["kadin"].user
    )
    client.force_login(demo["kadin"].user)
    client.get(URL)  # warm caches (content types, calendar row)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        assert client.get(URL).status_code == 200
    _tambah_indikator(rencana, 12)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(URL)
    assert (
        len(response.context["dasbor"].iku)
        == Indikator.objects.for_pk(rencana).iku().count()
    )


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_staff_asking_for_another_office_get_404(client, demo, rencana):
    client.force_login(demo["kadin.kominfo"].user)
    assert client.get(URL, {"pd": demo.dpmptsp.pk}).status_code == 404
    own = client.get(URL)
    assert own.status_code == 200 and own.context["dasbor"].pd == demo.kominfo


def test_kabupaten_admin_picks_any_office(client, demo, rencana):
    client.force_login(get_user_model().objects.get(username="adminkab"))
    for pd in (demo.dpmptsp, demo.kominfo):
        response = client.get(URL, {"pd": pd.pk})
        assert response.status_code == 200 and response.context["dasbor"].pd == pd


@pytest.mark.parametrize(
    "query", [{"tahun": "abc"}, {"tw": "9"}, {"tahun": "1800"}, {"pd": "x"}]
)
def test_bad_filters_show_an_error_not_a_500(client, demo, rencana, query):
    client.force_login(get_user_model().objects.get(username="adminkab"))
    response = client.get(URL, query)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["dasbor"] is not None


def test_a_year_without_plan_says_so(client, demo, rencana):
    client.force_login(demo["kadin"].user)
    response = client.get(URL, {"tahun": rencana.tahun - 5})
    assert response.status_code == 200
    assert "belum ada" in response.content.decode()
    assert response.context["dasbor"].perjanjian is None


def test_filter_shows_the_year_in_use(client, demo, rencana):
    client.force_login(demo["kadin"].user)
    filter_tahun = (
        '//form[@method="get"]//input[@name="tahun"]'  # not the download forms'
    )
    doc = lxml.html.fromstring(client.get(URL).content)
    assert doc.xpath(filter_tahun)[0].get("value") == str(rencana.tahun)
    doc = lxml.html.fromstring(client.get(URL, {"tahun": "abc"}).content)
    assert doc.xpath(filter_tahun)[0].get("value") == "abc"  # refused input stays


def test_iku_rows_of_one_query_give_the_prefetched_indicators_figures(rencana):
    """`iku_per_triwulan` (one grouped query) gives, through `hitung_baris`, exactly what the
    prefetched indicators give through `hitung_indikator`: every quarter, the year to date,
    the notes; with a quarter without realisasi row, one with a NULL value, one with a
    blank note, and a target missing."""
    from laporan.selectors._capaian import (
        hitung_baris,
        hitung_indikator,
        iku_per_triwulan,
        indikator_prefetch,
        triwulan_terakhir_baris,
        triwulan_terakhir_berdata,
    )

    iku = list(Indikator.objects.for_pk(rencana).iku())
    assert len(iku) >= 2
    Realisasi.objects.update_or_create(
        indikator=iku[0], triwulan=3, defaults={"nilai": None, "catatan": "belum"}
    )
    Realisasi.objects.filter(indikator=iku[0], triwulan=1).update(catatan="  ")
    Realisasi.objects.filter(indikator=iku[1], triwulan=2).update(
        catatan="catatan TW II"
    )
    TargetTriwulan.objects.filter(indikator=iku[1], triwulan=4).delete()
    skala = skala_predikat()
    qs = Indikator.objects.for_pk(rencana).iku()
    rows = iku_per_triwulan(qs)
    objek = list(indikator_prefetch(qs))
    assert [r["id"] for r in rows] == [i.pk for i in objek]
    for sampai in (1, 2, 3, 4):
        assert [hitung_baris(r, sampai=sampai, skala=skala) for r in rows] == [
            hitung_indikator(i, sampai=sampai, skala=skala) for i in objek
        ]
    assert triwulan_terakhir_baris(rows) == triwulan_terakhir_berdata(objek)
    assert hitung_baris(rows[1], sampai=2, skala=skala).catatan == {2: "catatan TW II"}


def test_plans_per_year_are_the_years_on_offer_and_each_years_valid_plan(demo, rencana):
    """One query gives what `tahun_tersedia` and `pk_berlaku` gave (an invalid older version is left out)."""
    from kinerja.selectors import pk_berlaku
    from laporan.selectors.dasbor import pk_per_tahun, tahun_tersedia

    lama = rencana.__class__.objects.create(
        perangkat_daerah=demo.dpmptsp, tahun=rencana.tahun - 3, versi=1, berlaku=False
    )
    per_tahun = pk_per_tahun(pd=demo.dpmptsp)
    assert list(per_tahun) == tahun_tersedia(pd=demo.dpmptsp)
    assert lama.tahun not in per_tahun
    for tahun, pk in per_tahun.items():
        assert pk == pk_berlaku(pd=demo.dpmptsp, tahun=tahun)
        assert pk.perangkat_daerah is demo.dpmptsp
    assert per_tahun[rencana.tahun] == rencana


def test_figures_follow_a_change_of_realisasi_at_once(client, demo, rencana):
    """The capaian and budget sections are kept in Django's cache under a digest of the
    rows they come from: a realisasi entered after a view shows on the next one."""
    client.force_login(demo["kadin"].user)

    def sel(response, pk):
        doc = lxml.html.fromstring(response.content)
        row = doc.xpath(f'//table[@id="tabel-capaian"]//tr[@data-indikator="{pk}"]')[0]
        return [td.get("data-capaian") for td in row.xpath("./td[@data-capaian]")]

    ind = Indikator.objects.for_pk(rencana).iku().first()
    sebelum = sel(client.get(URL, {"tw": 2}), ind.pk)
    assert sel(client.get(URL, {"tw": 2}), ind.pk) == sebelum
    real = Realisasi.objects.get(indikator=ind, triwulan=2)
    Realisasi.objects.filter(pk=real.pk).update(nilai=real.nilai * 2 + 1)
    sesudah = sel(client.get(URL, {"tw": 2}), ind.pk)
    harapan = harapan_iku(rencana, sampai=2)[ind.pk]["capaian"]
    assert sesudah == [fmt.angka(c, 2) for c in harapan] != sebelum
