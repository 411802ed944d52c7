"""The pages people use most run a fixed number of SQL queries, whatever the size of
the kabupaten: the same count for a small and a larger one (more offices, more
years, more indicators per office).

Both data sets come from the benchmark's generator (`bench/generate.py`), the same
pages and people as `make bench` (`bench/run.py`). A page that starts a query per
row (N+1) fails here at the larger size; a page that grows by a constant fails
against its pin — raise the pin in the same commit, deliberately.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from bench.generate import BENCH_PASSWORD, JAKARTA, generate
from bench.run import Halaman, pages_to_measure, resolve

SEKARANG = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=JAKARTA)

# (offices, years, indicators per office)
UKURAN = {"kecil": (3, 1, 4), "besar": (5, 2, 12)}

# Queries of the second request of a signed-in person (the first warms per-process caches).
PIN = {
    "masuk": 13,
    "beranda": 8,
    "siklus": 13,
    "tugas": 16,
    "draft": 15,
    "reviu": 12,
    "tahun": 7,
    "dasbor": 14,  # 12 on PostgreSQL
    "kabupaten": 10,
    "laporan_kabupaten": 13,  # 11 on PostgreSQL
    "ketepatan": 12,  # 9 on PostgreSQL
}


def _data(ukuran: str) -> list[Halaman]:
    kantor, tahun, indikator = UKURAN[ukuran]
    generate(
        seed=7,
        kantor=kantor,
        tahun=tahun,
        indikator=indikator,
        indikator_pdf=indikator,
        sekarang=SEKARANG,
    )
    pages, _pdf = pages_to_measure()
    resolve(pages)
    return [p for p in pages if p.key in PIN]


@pytest.mark.parametrize("ukuran", list(UKURAN))
def test_page_query_counts_do_not_grow_with_the_data(
    db, ukuran, django_assert_max_num_queries
):
    pages = _data(ukuran)
    missing = [p.url_name for p in pages if p.status == "missing"]
    gagal: list[str] = []
    for page in pages:
        if page.status == "missing":
            continue
        c = Client()
        if page.key == "masuk":
            Client().post(
                page.url, {"username": page.username, "password": BENCH_PASSWORD}
            )
        else:
            c.force_login(get_user_model().objects.get(username=page.username))
            c.get(page.url)
        try:
            with django_assert_max_num_queries(PIN[page.key]):
                if page.key == "masuk":
                    r = c.post(
                        page.url,
                        {"username": page.username, "password": BENCH_PASSWORD},
                    )
                else:
                    r = c.get(page.url)
        except pytest.fail.Exception as e:
            gagal.append(f"{page.key} ({page.url}): {str(e).splitlines()[0]}")
            continue
        expected = 302 if page.key == "masuk" else 200
        if r.status_code != expected:
            gagal.append(f"{page.key} ({page.url}): HTTP {r.status_code}")
    assert not gagal, "\n".join(gagal)
    assert not missing, f"pages not routed: {missing}"
