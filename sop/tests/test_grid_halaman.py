"""The data entry grid (SOP A step 4) in pages of `GRID_PER_HALAMAN` indicators: each
page shows and saves only its own indicators, handing in still checks the whole task,
and any `?hal=` gives a page (never an error)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.models import Realisasi
from sop import services
from sop.models import TugasPengumpulan
from sop.selectors.pengumpulan import GRID_PER_HALAMAN, nomor_halaman
from sop.tests.factories import Quarter, bukti, make_plan

pytestmark = pytest.mark.django_db

JUMLAH = (
    2 * GRID_PER_HALAMAN + 4
)  # timkerja gets all but the last: pages of 10, 10 and 3


@pytest.fixture
def besar(demo):
    """A quarter at step 4 whose member `timkerja` has 23 indicators (three pages)."""
    make_plan(demo.dpmptsp, indikator=JUMLAH, jabatan=demo["kabid"].jabatan)
    q = Quarter(demo).upto("fill")
    client_user = demo["timkerja"].user
    t = q.tugas("timkerja")
    urut = list(t.indikator.order_by("sasaran__urutan", "sasaran_id", "urutan", "pk"))
    assert len(urut) == JUMLAH - 1
    return q, t, urut, client_user


def _url(t, hal=None) -> str:
    url = reverse("sop:tugas_isi", args=[t.pk])
    return f"{url}?hal={hal}" if hal is not None else url


def _baris(inds, nilai: str = "", **extra) -> dict:
    data = {}
    for ind in inds:
        data[f"r{ind.pk}-nilai"] = nilai
        data[f"r{ind.pk}-catatan"] = ""
        data[f"r{ind.pk}-revisi"] = "0"
    data.update(extra)
    return data


def _ids_on_page(html: str, inds) -> list[int]:
    return [ind.pk for ind in inds if f'id="ind-{ind.pk}"' in html]


def test_page_two_shows_only_its_indicators_and_a_pager(client, besar):
    q, t, urut, user = besar
    client.force_login(user)
    html = client.get(_url(t, 2)).content.decode()
    assert _ids_on_page(html, urut) == [ind.pk for ind in urut[10:20]]
    assert (
        f'name="r{urut[10].pk}-nilai"' in html
        and f'name="r{urut[0].pk}-nilai"' not in html
    )
    assert "Indikator 11–20 dari 23" in html
    assert 'href="?hal=1"' in html and 'href="?hal=3"' in html
    assert 'value="lanjut"' in html and "Simpan dan lanjut" in html
    last = client.get(_url(t, 3)).content.decode()
    assert _ids_on_page(last, urut) == [ind.pk for ind in urut[20:]]
    assert "Indikator 21–23 dari 23" in last and 'value="lanjut"' not in last


def test_a_single_page_task_has_no_pager(client, demo, quarter):
    quarter.upto("fill")
    client.force_login(demo["timkerja"].user)
    html = client.get(_url(quarter.tugas("timkerja"))).content.decode()
    assert "pagination" not in html and 'value="lanjut"' not in html


def test_post_on_page_two_saves_its_indicators_and_leaves_the_others(client, besar):
    q, t, urut, user = besar
    services.tugas_realisasi_save(
        tugas=t, indikator=urut[0], nilai=Decimal("7"), catatan="lama", actor=user
    )
    client.force_login(user)
    data = _baris(urut[10:20], "12,5", aksi="simpan")
    data[f"r{urut[10].pk}-berkas"] = bukti("hal2.pdf")
    response = client.post(_url(t, 2), data)
    assert response.status_code == 302 and response.url == _url(t, 2)
    saved = {
        r.indikator_id: r.nilai
        for r in Realisasi.objects.filter(indikator__in=urut, triwulan=q.triwulan)
    }
    assert saved == {
        urut[0].pk: Decimal("7"),
        **{ind.pk: Decimal("12.5") for ind in urut[10:20]},
    }
    assert (
        Realisasi.objects.get(indikator=urut[0], triwulan=q.triwulan).catatan == "lama"
    )
    assert (
        Realisasi.objects.get(indikator=urut[10], triwulan=q.triwulan)
        .bukti.get()
        .nama_asli
        == "hal2.pdf"
    )


def test_fields_of_indicators_not_on_the_page_are_ignored(client, besar):
    """A page saves what it showed: a field of another page (a stale tab) changes nothing,
    and an indicator of this page that was not sent keeps its stored value."""
    q, t, urut, user = besar
    services.tugas_realisasi_save(
        tugas=t, indikator=urut[1], nilai=Decimal("3"), catatan="", actor=user
    )
    client.force_login(user)
    data = _baris(urut[:1] + urut[15:16], "9", aksi="simpan")
    assert client.post(_url(t, 1), data).status_code == 302
    saved = {
        r.indikator_id: r.nilai
        for r in Realisasi.objects.filter(indikator__in=urut, triwulan=q.triwulan)
    }
    assert saved == {urut[0].pk: Decimal("9"), urut[1].pk: Decimal("3")}


def test_save_and_next_goes_to_the_next_page(client, besar):
    q, t, urut, user = besar
    client.force_login(user)
    response = client.post(_url(t), _baris(urut[:10], "1", aksi="lanjut"))
    assert response.status_code == 302 and response.url == _url(t, 2)
    assert Realisasi.objects.filter(indikator__in=urut[:10], nilai=1).count() == 10
    # on the last page there is no next one: it stays there
    response = client.post(_url(t, 3), _baris(urut[20:], "1", aksi="lanjut"))
    assert response.status_code == 302 and response.url == _url(t, 3)


def test_a_refused_row_keeps_the_page_and_what_was_typed(client, besar):
    q, t, urut, user = besar
    client.force_login(user)
    data = _baris(urut[10:20], "5", aksi="simpan")
    data[f"r{urut[12].pk}-nilai"] = "lima"
    response = client.post(_url(t, 2), data)
    html = response.content.decode()
    assert (
        response.status_code == 200
        and "Masukkan angka" in html
        and 'value="lima"' in html
    )
    assert _ids_on_page(html, urut) == [ind.pk for ind in urut[10:20]]
    assert not Realisasi.objects.filter(indikator__in=urut).exists()


def test_handing_in_from_a_page_checks_the_whole_task(client, besar):
    q, t, urut, user = besar
    client.force_login(user)
    response = client.post(_url(t, 2), _baris(urut[10:20], "5", aksi="serahkan"))
    assert response.status_code == 302 and response.url == _url(t, 2)
    html = client.get(response.url).content.decode()
    assert "belum dapat diserahkan" in html and urut[0].nama in html
    assert Realisasi.objects.filter(indikator__in=urut[10:20], nilai=5).count() == 10
    assert q.tugas("timkerja").status == TugasPengumpulan.Status.PENGISIAN


def test_handing_in_a_complete_task_from_the_last_page(client, besar):
    q, t, urut, user = besar
    for ind in urut[:20]:
        services.tugas_realisasi_save(
            tugas=t, indikator=ind, nilai=Decimal("4"), catatan="", actor=user
        )
        services.tugas_bukti_add(tugas=t, indikator=ind, berkas=bukti(), actor=user)
    client.force_login(user)
    data = _baris(urut[20:], "4", aksi="serahkan")
    for ind in urut[20:]:
        data[f"r{ind.pk}-berkas"] = bukti()
    response = client.post(_url(t, 3), data)
    assert response.status_code == 302 and response.url == reverse(
        "sop:siklus_detail", args=[q.siklus.pk]
    )
    assert q.tugas("timkerja").status == TugasPengumpulan.Status.DISERAHKAN


@pytest.mark.parametrize(
    "hal,halaman",
    [
        ("", 1),
        ("abc", 1),
        ("0", 1),
        ("-4", 1),
        ("1e3", 1),
        ("2.5", 1),
        ("x" * 5000, 1),
        ("9" * 5000, 1),
        ("2", 2),
        (" 3 ", 3),
        ("3", 3),
        ("4", 3),
        ("99999999999999999999", 3),
    ],
)
def test_any_page_number_gives_a_page(client, besar, hal, halaman):
    q, t, urut, user = besar
    client.force_login(user)
    response = client.get(reverse("sop:tugas_isi", args=[t.pk]), {"hal": hal})
    assert response.status_code == 200
    mulai = (halaman - 1) * GRID_PER_HALAMAN
    assert _ids_on_page(response.content.decode(), urut) == [
        ind.pk for ind in urut[mulai : mulai + GRID_PER_HALAMAN]
    ]


def test_nomor_halaman_clamps():
    assert [nomor_halaman(v, 3) for v in (None, "", "a", "0", "1", "3", "7", 2)] == [
        1,
        1,
        1,
        1,
        1,
        3,
        3,
        2,
    ]
    assert (
        nomor_halaman("5", 0) == 1
    )  # a task without indicators still has its (empty) page 1


def test_returned_indicators_are_listed_with_their_page(client, demo, besar):
    q, t, urut, user = besar
    q.fill("timkerja")
    q.submit("timkerja")
    q.check(
        "timkerja",
        dikembalikan={urut[14].pk: "Bukti tidak terbaca.", urut[21].pk: "Angka salah."},
    )
    client.force_login(user)
    html = client.get(_url(t)).content.decode()
    assert (
        f'href="?hal=2#ind-{urut[14].pk}"' in html
        and f'href="?hal=3#ind-{urut[21].pk}"' in html
    )
    page2 = client.get(_url(t, 2)).content.decode()
    assert "Bukti tidak terbaca." in page2 and "Angka salah." not in page2


def test_the_check_page_still_lists_every_indicator(client, demo, besar):
    q, t, urut, user = besar
    q.fill("timkerja")
    q.submit("timkerja")
    client.force_login(demo["kasubbag"].user)
    html = client.get(reverse("sop:pemeriksaan", args=[t.pk])).content.decode()
    assert all(f'id="periksa-{ind.pk}"' in html for ind in urut)


# --- the handing-in check reads the draft once ---------------------------------------------------------


def test_the_draft_is_read_once_while_asked_twice_and_never_after(
    besar, django_assert_num_queries
):
    from sop import guards

    q, t, urut, user = besar
    with guards.draf_data_sekali(t):
        first = guards.DRAF_DATA.kurang(t)
        with django_assert_num_queries(0):
            assert guards.DRAF_DATA.kurang(t) == first
    assert (
        f"Realisasi: {urut[0].nama}" in first
        and f"Bukti dukung: {urut[0].nama}" in first
    )
    # after the block a change is seen at once
    services.tugas_realisasi_save(
        tugas=t, indikator=urut[0], nilai=Decimal("1"), catatan="", actor=user
    )
    after = guards.DRAF_DATA.kurang(t)
    assert (
        f"Realisasi: {urut[0].nama}" not in after
        and f"Bukti dukung: {urut[0].nama}" in after
    )
    assert not hasattr(t, "_draf_data_sekali")


def test_the_grid_names_what_the_whole_task_lacks(client, besar):
    q, t, urut, user = besar
    for ind in urut:
        services.tugas_realisasi_save(
            tugas=t, indikator=ind, nilai=Decimal("4"), catatan="", actor=user
        )
        if ind is not urut[-1]:
            services.tugas_bukti_add(tugas=t, indikator=ind, berkas=bukti(), actor=user)
    client.force_login(user)
    html = client.get(_url(t)).content.decode()
    assert (
        "1 isian belum lengkap untuk diserahkan" in html
        and f"Bukti dukung: {urut[-1].nama}" in html
    )
