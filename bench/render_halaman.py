"""Render time of the data entry grid and the measurement draft, review and ratification
pages on the demo data.

Not a test: a measurement for a commit message. It copies the demo database into a
scratch one (PostgreSQL template copy), drives the demo's DPMPTSP quarter with the
test helpers (`sop.tests.factories.Quarter`) to the data entry step, times
`timkerja`'s grid page, then drives it to the measurement draft and times
`timsakip`'s draft page: production settings (DEBUG off, so Django's cached template
loader), the test client, median of 50 after 5 unmeasured requests.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakip_x \\
        .venv/bin/python bench/render_halaman.py [--n 50]

DATABASE_URL names a database that holds the demo (`manage.py muat_demo`); the
scratch copy is `<name>_render` and is dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument(
        "--profil",
        action="store_true",
        help="print cProfile's top functions of each page",
    )
    args = ap.parse_args()
    url = urlsplit(os.environ["DATABASE_URL"])
    nama = url.path.lstrip("/")
    salinan = f"{nama}_render"
    host = [
        "-h",
        url.hostname or "127.0.0.1",
        "-p",
        str(url.port or 5432),
        "-U",
        url.username or "postgres",
    ]
    subprocess.run(["dropdb", *host, "--if-exists", salinan], check=True)  # noqa: S603, S607 (PostgreSQL client from PATH, fixed arguments)
    subprocess.run(["createdb", *host, "-T", nama, salinan], check=True)  # noqa: S603, S607
    os.environ.update(
        {
            "DATABASE_URL": url._replace(path=f"/{salinan}").geturl(),
            "DJANGO_SETTINGS_MODULE": "sakip.settings",
            "DEBUG": "0",
            "SECRET_KEY": "render-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "testserver",
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "EMAIL_URL": "dummymail://",
            "MEDIA_ROOT": tempfile.mkdtemp(prefix="render_halaman_"),
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    try:
        return _ukur(args.n, args.warmup, args.profil)
    finally:
        from django.db import connections

        connections.close_all()
        subprocess.run(["dropdb", *host, "--if-exists", salinan], check=True)  # noqa: S603, S607 (PostgreSQL client from PATH, fixed arguments)


def _ukur(n: int, warmup: int, profil: bool) -> int:
    from django.test import Client
    from django.urls import reverse

    from kinerja.models import PerjanjianKinerja
    from sop.demo import load_demo
    from sop.tests.factories import Quarter

    demo = load_demo()
    pk = (
        PerjanjianKinerja.objects.filter(perangkat_daerah=demo.dpmptsp, berlaku=True)
        .order_by("-tahun")
        .first()
    )
    q = Quarter(demo, tahun=pk.tahun, triwulan=2)

    def waktu(username: str, path: str) -> tuple[float, int]:
        c = Client()
        c.force_login(demo[username].user if username != "adminkab" else None)
        for _ in range(warmup):
            r = c.get(path)
            assert r.status_code == 200, (path, r.status_code)
        ms, cpu = [], []
        for _ in range(n):
            t0, c0 = time.perf_counter(), time.process_time()
            r = c.get(path)
            ms.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        if profil:
            import cProfile
            import pstats

            pr = cProfile.Profile()
            pr.enable()
            for _ in range(n):
                c.get(path)
            pr.disable()
            pstats.Stats(pr).sort_stats(
                os.environ.get("PROFIL_URUT", "cumulative")
            ).print_stats(40)
        return statistics.median(ms), statistics.median(cpu), len(r.content)

    q.upto("fill")
    q.fill(
        "timkerja"
    )  # values and evidence in every row, the grid still open for edits
    tugas = q.tugas("timkerja")
    grid = reverse("sop:tugas_isi", args=[tugas.pk])
    m, cpu, size = waktu("timkerja", grid)
    print(
        f"data entry grid ({tugas.indikator.count()} indicators): median {m:.1f} ms (CPU {cpu:.1f} ms) of {n}, {size} bytes"
    )
    q.upto("submit_draft", after="fill")
    draft = reverse("sop:pengukuran_draft", args=[q.siklus.pk])
    m, cpu, size = waktu("timsakip", draft)
    print(
        f"measurement draft (timsakip): median {m:.1f} ms (CPU {cpu:.1f} ms) of {n}, {size} bytes"
    )
    q.upto("pass_review", after="prepare_b")  # the draft is stored
    reviu = reverse("sop:pengukuran_reviu", args=[q.siklus.pk])
    m, cpu, size = waktu("kadin", reviu)
    print(
        f"draft review (kadin): median {m:.1f} ms (CPU {cpu:.1f} ms) of {n}, {size} bytes"
    )
    q.pass_review()
    sah = reverse("sop:pengukuran_pengesahan", args=[q.siklus.pk])
    m, cpu, size = waktu("kadin", sah)
    print(
        f"ratification (kadin): median {m:.1f} ms (CPU {cpu:.1f} ms) of {n}, {size} bytes"
    )
    # The pages above may keep their table's HTML between requests; the table's own render:
    from django.template.loader import render_to_string
    from django.utils import translation

    from kinerja.selectors import tabel_pengukuran

    tabel = tabel_pengukuran(perjanjian=q.siklus.perjanjian, triwulan=q.siklus.triwulan)
    with translation.override("id"):
        ms, cpu = [], []
        for i in range(warmup + n):
            t0, c0 = time.perf_counter(), time.process_time()
            html = render_to_string("sop/_tabel_pengukuran.html", {"tabel": tabel})
            if i >= warmup:
                ms.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
    if profil:
        import cProfile
        import pstats

        pr = cProfile.Profile()
        pr.enable()
        with translation.override("id"):
            for _ in range(n):
                render_to_string("sop/_tabel_pengukuran.html", {"tabel": tabel})
        pr.disable()
        pstats.Stats(pr).sort_stats(
            os.environ.get("PROFIL_URUT", "cumulative")
        ).print_stats(40)
    print(
        f"measurement table alone (sop/_tabel_pengukuran.html, {len(tabel.baris)} rows): "
        f"median {statistics.median(ms):.2f} ms (CPU {statistics.median(cpu):.2f} ms) of {n}, {len(html)} characters"
    )
    # The draft page's table from its rows (read anyway): built and rendered (a cache miss,
    # what every view did before) against the digest of the rows and a cache hit.
    from django.core.cache import cache

    from sop.selectors.pengukuran import baris_for_siklus
    from sop.selectors.siklus import siklus_get
    from sop.views.langkah import tabel_html_langsung

    siklus = siklus_get(pk=q.siklus.pk)
    baris = baris_for_siklus(siklus=siklus)
    for nama, kosongkan in (
        ("miss (build + render + set)", True),
        ("hit (digest + get)", False),
    ):
        cpu = []
        with translation.override("id"):
            for i in range(warmup + n):
                if kosongkan:
                    cache.clear()
                c0 = time.process_time()
                tabel_html_langsung(siklus=siklus, baris=baris)
                if i >= warmup:
                    cpu.append((time.process_time() - c0) * 1000)
        print(f"draft table {nama}: CPU median {statistics.median(cpu):.2f} ms of {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
