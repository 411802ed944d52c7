"""`make bench`: the figures of the pages people use most, on a whole kabupaten.

1. (Re)creates the PostgreSQL database `sakip_bench` and fills it with
   `manage.py buat_data_bench` (skip with --skip-generate to reuse it);
2. starts two gunicorn instances on two ports against that one database — the
   layout of "more app servers on one PostgreSQL": a person signs in on the first
   and his next requests alternate between both, with the session in PostgreSQL;
3. per page: median and 95th percentile of N sequential requests over loopback,
   the SQL query count of the same request run once in-process (Django test
   Client + CaptureQueriesContext on the same database), and the ratio of the
   median to the floor (a signed-in view returning two bytes, bench/views.py);
4. the render time of the measurement PDF of a 100-indicator office: the same call as
   bench/render_pdf.py (`kinerja.pdf.render_pengukuran`, table + HTML + WeasyPrint),
   here on the generated kabupaten instead of a throw-away database;
5. prints one table and writes bench/out/latest.json.

Run from the project root: `.venv/bin/python bench/run.py [--requests 40]`.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
# Persistent connections, as in production (README): connecting costs ~20 ms per request otherwise.
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/sakip_bench?conn_max_age=600&conn_health_checks=True"
HOST = "127.0.0.1"
PORTS = (8431, 8432)


def bench_env(database_url: str) -> dict[str, str]:
    """Production settings (DEBUG off) served over plain HTTP on loopback."""
    return {
        "DJANGO_SETTINGS_MODULE": "sakip.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "STATIC_ROOT": str(OUT / "static"),
        "MEDIA_ROOT": str(OUT / "media"),
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "EMAIL_URL": "dummymail://",
        "BENCH_FLOOR": "1",
        "LOG_LEVEL": "ERROR",
        "PYTHONWARNINGS": "ignore",
    }


# ------------------------------------------------------------------------------------------ HTTP


class Browser:
    """A minimal cookie-keeping HTTP client over http.client (no redirects followed)."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(
        self,
        port: int,
        method: str,
        path: str,
        body: dict | None = None,
        headers: dict | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(HOST, port, timeout=120)
        h = {"Host": f"{HOST}:{port}", "User-Agent": "sakip-bench"}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
            h["Referer"] = f"http://{HOST}:{port}{path}"
            h["Origin"] = f"http://{HOST}:{port}"
        h.update(headers or {})
        try:
            conn.request(method, path, body=data, headers=h)
            resp = conn.getresponse()
            content = resp.read()
            for name, value in resp.getheaders():
                if name.lower() == "set-cookie":
                    c = SimpleCookie()
                    c.load(value)
                    for k, morsel in c.items():
                        self.cookies[k] = morsel.value
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, content
        finally:
            conn.close()

    def sign_in(self, port: int, username: str, password: str) -> float:
        """Sign in through the real form (CSRF token included); returns the POST's seconds."""
        status, _h, html = self.request(port, "GET", "/masuk/")
        if status != 200:
            raise RuntimeError(f"GET /masuk/ → {status}")
        m = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not m:
            raise RuntimeError("CSRF token not found on the sign-in page")
        t0 = time.perf_counter()
        status, h, _c = self.request(
            port,
            "POST",
            "/masuk/",
            {
                "csrfmiddlewaretoken": m.group(1).decode(),
                "username": username,
                "password": password,
            },
        )
        dt = time.perf_counter() - t0
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"sign-in of {username} failed: HTTP {status}")
        return dt


def wait_ready(port: int, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn on port {port} exited with {proc.returncode}")
        try:
            if Browser().request(port, "GET", "/masuk/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn on port {port} did not answer within {timeout:.0f} s")


def start_servers(env: dict[str, str], workers: int) -> list[subprocess.Popen]:
    procs = []
    for port in PORTS:
        procs.append(
            subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "sakip.wsgi",
                    "--bind",
                    f"{HOST}:{port}",
                    "--workers",
                    str(workers),
                    "--timeout",
                    "120",
                    "--log-level",
                    "warning",
                    "--no-control-socket",
                    "--chdir",
                    str(ROOT),
                ],
                cwd=ROOT,
                env={**os.environ, **env},
                stdout=subprocess.DEVNULL,
            )
        )
    for port, proc in zip(PORTS, procs, strict=True):
        wait_ready(port, proc)
    return procs


def stop_servers(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()


# ------------------------------------------------------------------------------------------ pages


@dataclass
class Halaman:
    key: str
    label: str
    username: str
    url_name: str
    kwargs: dict = field(default_factory=dict)
    url: str = ""
    queries: int | None = None
    median_ms: float | None = None
    p95_ms: float | None = None
    ratio: float | None = None
    n: int = 0
    bytes: int = 0
    status: str = "ok"


def p95(values: list[float]) -> float:
    s = sorted(values)
    return s[max(0, math.ceil(0.95 * len(s)) - 1)]


def pages_to_measure() -> tuple[list[Halaman], dict]:
    """The pages of the issue, with the bench people and objects they are opened for.
    URL names that do not exist (yet) are kept and reported as missing."""
    from django.db.models import Count

    from bench.generate import KANTOR
    from kinerja.models import PerjanjianKinerja
    from organisasi.models import PerangkatDaerah
    from sop.models import Siklus, TugasPengumpulan

    kantor0, kantor1, kantor2 = (
        PerangkatDaerah.objects.get(singkatan=KANTOR[i][0]) for i in range(3)
    )
    terkini0 = (
        Siklus.objects.filter(perangkat_daerah=kantor0)
        .order_by("-tahun", "-triwulan")
        .first()
    )
    lengkap = (
        Siklus.objects.filter(
            perangkat_daerah=kantor0, status=Siklus.Status.SIAP_LAPORAN
        )
        .annotate(n=Count("jejak"))
        .order_by("-n", "-tahun", "-triwulan")
        .first()
    )
    tugas = TugasPengumpulan.objects.get(
        proses__siklus=terkini0, anggota__user__username="dpmptsp.timkerja1"
    )
    terkini1 = (
        Siklus.objects.filter(perangkat_daerah=kantor1)
        .order_by("-tahun", "-triwulan")
        .first()
    )
    terkini2 = (
        Siklus.objects.filter(perangkat_daerah=kantor2)
        .order_by("-tahun", "-triwulan")
        .first()
    )
    tahun = terkini0.tahun
    p1, p2 = kantor1.singkatan.lower(), kantor2.singkatan.lower()
    pages = [
        Halaman(
            "floor",
            "floor: signed-in view returning 2 bytes",
            "dpmptsp.timkerja1",
            "bench_floor",
        ),
        Halaman(
            "masuk",
            "sign-in (POST; pays the Argon2id hash by design)",
            "dpmptsp.timkerja1",
            "login",
        ),
        Halaman("beranda", "inbox (home)", "dpmptsp.timkerja1", "beranda"),
        Halaman(
            "siklus",
            f"quarter page ({lengkap.periode}, full trail)",
            "dpmptsp.kadin",
            "sop:siklus_detail",
            {"pk": lengkap.pk},
        ),
        Halaman(
            "tugas",
            f"data entry grid ({tugas.indikator.count()} indicators)",
            "dpmptsp.timkerja1",
            "sop:tugas_isi",
            {"pk": tugas.pk},
        ),
        Halaman(
            "draft",
            "measurement draft (Tim SAKIP, step B2)",
            f"{p1}.timsakip1",
            "sop:pengukuran_draft",
            {"pk": terkini1.pk},
        ),
        Halaman(
            "reviu",
            "draft review (Kadin, step B3)",
            f"{p2}.kadin",
            "sop:pengukuran_reviu",
            {"pk": terkini2.pk},
        ),
        Halaman(
            "tahun",
            f"year overview ({tahun})",
            "dpmptsp.kadin",
            "sop:tahun",
            {"tahun": tahun},
        ),
        Halaman("dasbor", "performance dashboard", "dpmptsp.kadin", "laporan:dasbor"),
        Halaman("kabupaten", "kabupaten overview (admin)", "adminkab", "sop:kabupaten"),
        Halaman(
            "laporan_kabupaten",
            "kabupaten report (admin)",
            "adminkab",
            "laporan:kabupaten",
        ),
        Halaman(
            "ketepatan", "timeliness report (admin)", "adminkab", "laporan:ketepatan"
        ),
    ]
    pdf_pk = PerjanjianKinerja.objects.filter(
        perangkat_daerah__singkatan=KANTOR[PerangkatDaerah.objects.count() - 1][0],
        tahun=tahun,
        berlaku=True,
    ).first()
    pdf_tw = (terkini0.triwulan - 1) or 1
    return pages, {"perjanjian": pdf_pk, "triwulan": pdf_tw}


def resolve(pages: list[Halaman]) -> None:
    from django.urls import NoReverseMatch, reverse

    for p in pages:
        try:
            p.url = reverse(p.url_name, kwargs=p.kwargs or None)
        except NoReverseMatch:
            p.status = "missing"


def count_queries(pages: list[Halaman], password: str) -> None:
    """Each page once in-process, on the same database; the second of two requests counts
    (the first one warms per-process caches such as ContentType)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    User = get_user_model()
    for p in pages:
        if p.status != "ok":
            continue
        if p.key == "masuk":
            for _ in range(2):
                c = Client()
                c.get(p.url)
                with CaptureQueriesContext(connection) as ctx:
                    r = c.post(p.url, {"username": p.username, "password": password})
            if r.status_code != 302:
                p.status = f"HTTP {r.status_code}"
            p.queries = len(ctx.captured_queries)
            continue
        c = Client()
        c.force_login(User.objects.get(username=p.username))
        for _ in range(2):
            with CaptureQueriesContext(connection) as ctx:
                r = c.get(p.url)
        if r.status_code != 200:
            p.status = f"HTTP {r.status_code}"
        p.queries = len(ctx.captured_queries)


def measure_http(
    pages: list[Halaman], password: str, n: int, n_masuk: int, warmup: int
) -> None:
    """Sequential requests alternating between the two instances; the session made on the
    first instance is used on both."""
    browsers: dict[str, Browser] = {}
    for p in pages:
        if p.status != "ok":
            continue
        samples: list[float] = []
        if p.key == "masuk":
            for i in range(warmup + n_masuk):
                dt = Browser().sign_in(PORTS[i % 2], p.username, password)
                if i >= warmup:
                    samples.append(dt)
        else:
            if p.username not in browsers:
                browsers[p.username] = b = Browser()
                b.sign_in(PORTS[0], p.username, password)
            b = browsers[p.username]
            for i in range(warmup + n):
                t0 = time.perf_counter()
                status, _h, content = b.request(PORTS[i % 2], "GET", p.url)
                dt = time.perf_counter() - t0
                if status != 200:
                    p.status = f"HTTP {status} on port {PORTS[i % 2]}"
                    break
                p.bytes = len(content)
                if i >= warmup:
                    samples.append(dt)
        if samples:
            p.n = len(samples)
            p.median_ms = statistics.median(samples) * 1000
            p.p95_ms = p95(samples) * 1000
        print(f"  {p.key:18s} {p.median_ms or 0:8.1f} ms  ({p.status})", flush=True)


def measure_hash(username: str, password: str, rounds: int = 20) -> dict:
    """The password hash alone: one stored hash verified `rounds` times in-process (what a
    sign-in pays by design; `umum/hashers.py`), to tell it apart from the rest of the page."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import check_password, identify_hasher

    encoded = get_user_model().objects.get(username=username).password
    times = []
    for _ in range(rounds + 1):
        t0 = time.perf_counter()
        ok = check_password(password, encoded)
        times.append(time.perf_counter() - t0)
    return {
        "algorithm": identify_hasher(encoded).algorithm,
        "ok": ok,
        "median_ms": statistics.median(times[1:]) * 1000,
    }


def measure_pdf(spec: dict, rounds: int = 3) -> dict:
    from kinerja.models import Indikator

    pk = spec["perjanjian"]
    if pk is None:
        return {"status": "missing: no plan for the PDF office"}
    try:
        from kinerja.pdf import render_pengukuran
    except ImportError:
        return {"status": "missing: kinerja.pdf.render_pengukuran"}
    n_ind = Indikator.objects.for_pk(pk).count()
    times, cpu, size, pages = [], [], 0, None
    for i in range(rounds + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        pdf = render_pengukuran(perjanjian=pk, triwulan=spec["triwulan"], draft=False)
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        if i:  # the first render loads fonts
            times.append(dt)
            cpu.append(dc)
        size = len(pdf)
    try:
        import io

        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(pdf)).pages)
    except ImportError:
        pass
    return {
        "status": "ok",
        "indikator": n_ind,
        "kantor": pk.perangkat_daerah.singkatan,
        "tahun": pk.tahun,
        "triwulan": spec["triwulan"],
        "median_ms": statistics.median(times) * 1000,
        "max_ms": max(times) * 1000,
        "cpu_median_ms": statistics.median(cpu) * 1000,
        "rounds": rounds,
        "bytes": size,
        "halaman": pages,
    }


# ------------------------------------------------------------------------------------------ report


def machine() -> dict:
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from django import get_version
    from django.db import connection

    # SQL mentah: the server version for the report (SHOW is not something the ORM can say)
    with connection.cursor() as cur:  # noqa: TID251 - see the comment above
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0]
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": get_version(),
        "postgresql": pg,
    }


def row_counts() -> dict[str, int]:
    from django.apps import apps

    out = {}
    for app in ("organisasi", "kinerja", "sop"):
        for m in apps.get_app_config(app).get_models(include_auto_created=True):
            out[m._meta.label] = m.objects.count()
    out["auth.User"] = apps.get_model("auth", "User").objects.count()
    return out


def table(pages: list[Halaman]) -> str:
    head = f"{'page':50s} {'queries':>7s} {'median ms':>10s} {'p95 ms':>8s} {'x floor':>8s}"
    lines = [head, "-" * len(head)]
    for p in pages:
        if p.status == "missing":
            lines.append(
                f"{p.label:50s} {'— page not built (' + p.url_name + ')':>36s}"
            )
            continue
        q = "" if p.queries is None else str(p.queries)
        med = "" if p.median_ms is None else f"{p.median_ms:.1f}"
        pp = "" if p.p95_ms is None else f"{p.p95_ms:.1f}"
        ra = "" if p.ratio is None else f"{p.ratio:.1f}"
        extra = "" if p.status == "ok" else f"  [{p.status}]"
        lines.append(f"{p.label:50s} {q:>7s} {med:>10s} {pp:>8s} {ra:>8s}{extra}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    )
    ap.add_argument(
        "--skip-generate", action="store_true", help="reuse the existing bench database"
    )
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument(
        "--requests", type=int, default=40, help="measured requests per page"
    )
    ap.add_argument(
        "--sign-ins",
        type=int,
        default=10,
        help="measured sign-ins (each pays the password hash)",
    )
    ap.add_argument(
        "--warmup",
        type=int,
        default=8,
        help="unmeasured requests per page first (two per gunicorn worker)",
    )
    ap.add_argument(
        "--workers", type=int, default=2, help="gunicorn workers per instance"
    )
    args = ap.parse_args()

    env = bench_env(args.database_url)
    os.environ.update(env)
    (OUT / "static").mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    started = datetime.datetime.now().astimezone()
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    gen_seconds = None
    if not args.skip_generate:
        print(
            f"== generating the kabupaten into {args.database_url.rsplit('/', 1)[-1]} (seed {args.seed})",
            flush=True,
        )
        t0 = time.monotonic()
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "buat_data_bench",
                "--recreate",
                "--seed",
                str(args.seed),
            ],
            cwd=ROOT,
            env={**os.environ, **env},
            check=True,
        )
        gen_seconds = time.monotonic() - t0

    import django

    django.setup()
    from bench.generate import BENCH_PASSWORD

    pages, pdf_spec = pages_to_measure()
    resolve(pages)
    print("== query counts (in-process, same database)", flush=True)
    count_queries(pages, BENCH_PASSWORD)
    print(
        f"== starting gunicorn on ports {PORTS[0]} and {PORTS[1]} ({args.workers} workers each)",
        flush=True,
    )
    procs = start_servers(env, args.workers)
    try:
        print(
            f"== latency: {args.requests} requests per page, {args.sign_ins} sign-ins, alternating instances",
            flush=True,
        )
        measure_http(pages, BENCH_PASSWORD, args.requests, args.sign_ins, args.warmup)
    finally:
        stop_servers(procs)
    floor = next((p for p in pages if p.key == "floor" and p.median_ms), None)
    for p in pages:
        if floor and p.median_ms is not None:
            p.ratio = p.median_ms / floor.median_ms
    print("== measurement PDF", flush=True)
    pdf = measure_pdf(pdf_spec)
    masuk = next((p for p in pages if p.key == "masuk"), None)
    hash_ = measure_hash(masuk.username, BENCH_PASSWORD) if masuk else None

    info = machine()
    counts = row_counts()
    print()
    print(
        f"SAKIP-SOP benchmark — {started:%Y-%m-%d %H:%M %Z} — {info['nproc']} CPU ({info['cpu']}), "
        f"{info['memory_gib']} GiB RAM, PostgreSQL {info['postgresql']}, Python {info['python']}"
    )
    print(
        f"data: {sum(counts.values()):,d} rows ({counts.get('organisasi.PerangkatDaerah', 0)} offices, "
        f"{counts.get('kinerja.Indikator', 0):,d} indicators, {counts.get('sop.Siklus', 0):,d} quarters, "
        f"{counts.get('sop.Jejak', 0):,d} trail rows)"
        + (f", generated in {gen_seconds:.0f} s" if gen_seconds else "")
    )
    print(
        f"two gunicorn instances x {args.workers} sync workers, one PostgreSQL; "
        f"{args.requests} sequential requests per page; load average {load_before} before, "
        f"{' '.join(str(x) for x in info['load_average'])} after\n"
    )
    print(table(pages))
    if pdf.get("status") == "ok":
        print(
            f"\nmeasurement PDF, {pdf['indikator']} indicators ({pdf['kantor']} {pdf['tahun']} TW {pdf['triwulan']}, "
            f"{pdf['halaman'] or '?'} pages): median {pdf['median_ms']:.0f} ms (CPU {pdf['cpu_median_ms']:.0f} ms), "
            f"max {pdf['max_ms']:.0f} ms over {pdf['rounds']} renders"
        )
    else:
        print(f"\nmeasurement PDF: {pdf.get('status')}")
    if hash_ and masuk.median_ms is not None and floor:
        rest = masuk.median_ms - hash_["median_ms"]
        print(
            f"password hash alone ({hash_['algorithm']}, in-process): median {hash_['median_ms']:.1f} ms; "
            f"sign-in without it: {rest:.1f} ms ({rest / floor.median_ms:.1f} x floor)"
        )
    result = {
        "tanggal": started.isoformat(timespec="seconds"),
        "mesin": info,
        "data": counts,
        "load_average_before": load_before,
        "generate_seconds": gen_seconds,
        "requests_per_page": args.requests,
        "workers_per_instance": args.workers,
        "halaman": [asdict(p) for p in pages],
        "pdf": pdf,
        "hash_sandi": hash_,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "latest.json").write_text(
        json.dumps(result, indent=2, ensure_ascii=False, default=str)
    )
    print(f"\nwritten {OUT.relative_to(ROOT) / 'latest.json'}")
    bad = [p for p in pages if p.status not in ("ok", "missing")]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
