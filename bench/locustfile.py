"""Locust users of the deadline-day load test; started by bench/loadtest.py, not by hand.

Reads its configuration from the JSON file named by LOADTEST_CONFIG (targets, their
ports and casts from bench/loadtest_plan.py, the schedule of rates, the mix) and writes
the raw results to the file the configuration names.

- Every simulated person signs in once through the real form (CSRF token, Argon2id hash),
  then keeps the session; requests alternate between the two app servers of his target.
- People have one role each (Tim Kerja with a task still open for data entry, other Tim
  Kerja, Tim SAKIP, Kadin, Kasubbag/Sub Koordinator), in numbers that make the issue's mix
  (`MIX`) come out over the whole population: every role does the pages everybody opens
  (inbox, quarter page, year page, dashboard) at the same share, and its own pages for the
  rest. People are spread over all 40 offices; the grid saves and evidence uploads go to the
  tasks the bench kabupaten leaves open (`loadtest_plan`).
- Arrivals: each person starts an action after an exponential wait whose mean makes the
  population's requests add up to the phase's rate (open-loop in spirit: a person who falls
  behind starts the next action at once, up to five seconds behind, then drops the backlog),
  so an app that slows down gets the same rate and shows it in its latency.
- A controller greenlet runs the schedule once every person has signed in: each phase sets
  the target and rate, and its requests are kept apart; at each phase's start and end it reads
  the CPU time of the target's gunicorn processes and PostgreSQL backends from /proc.
"""

from __future__ import annotations

import html
import json
import math
import os
import random
import re
import time
import uuid
from urllib.parse import urlencode

import gevent
from locust import events, task
from locust.contrib.fasthttp import FastHttpUser

CONFIG = json.loads(open(os.environ["LOADTEST_CONFIG"]).read())

# The deadline-day mix (shares of actions), plus the small shares it names.
MIX = CONFIG["mix"]
ANY_PAGES = ("beranda", "siklus", "tahun", "dasbor")  # pages everybody opens
ROLE_PAGES = {
    # Tim Kerja member with a task open for data entry (his grid views are in the saves)
    "isi": ("simpan", "unggah"),
    "timkerja": ("tugas",),
    "timsakip": ("draft", "pdf"),
    "kadin": ("reviu",),
    "kasubbag": ("pemeriksaan",),
}
# requests an action makes (grid save and upload: open the grid, then POST it)
REQUESTS = {"simpan": 2, "unggah": 2}
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# PostgreSQL's own processes (shared by every database on the server, other users' too)
PG_BACKGROUND = tuple(
    f"postgres: {n}"
    for n in (
        "checkpointer",
        "background writer",
        "walwriter",
        "autovacuum",
        "logical replication",
        "stats",
        "walsender",
        "archiver",
    )
)
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
INPUT_RE = re.compile(r"<input\b[^>]*>", re.S)
ATTR_RE = re.compile(r'([\w-]+)="([^"]*)"')
TEXTAREA_RE = re.compile(
    r'<textarea\b[^>]*name="(r\d+)-catatan"[^>]*>(.*?)</textarea>', re.S
)


def _weights() -> dict:
    any_total = sum(MIX[p] for p in ANY_PAGES)
    role_total = {r: sum(MIX[p] for p in pages) for r, pages in ROLE_PAGES.items()}
    total = any_total + sum(role_total.values())
    per_request = sum(MIX[p] * REQUESTS.get(p, 1) for p in MIX) / total
    return {
        "any": any_total,
        "role": role_total,
        "total": total,
        "requests_per_action": per_request,
    }


W = _weights()


# ---------------------------------------------------------------------------------------- schedule


class State:
    phase: dict | None = None  # the running phase of CONFIG["schedule"]
    results: dict = {}  # phase label -> {"requests": {page: [[ms, ok, status]]}, ...}


def _record(label: str) -> dict:
    return State.results.setdefault(label, {"pages": {}, "refused": {}})


@events.request.add_listener
def _on_request(
    request_type, name, response_time, response_length, exception, context, **kw
):
    label = (context or {}).get("fase")
    if not label:
        return  # sign-in and other unmeasured requests
    r = _record(label)
    r["pages"].setdefault(name, []).append((round(response_time, 2), exception is None))


def _cpu_ticks(pid: int) -> int:
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime (fields 14, 15)
    except (OSError, IndexError, ValueError):
        return 0


def _children() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                ppid = int(open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            out.setdefault(ppid, []).append(int(d))
    return out


def _cmdline(pid: int) -> str:
    try:
        return (
            open(f"/proc/{pid}/cmdline", "rb")
            .read()
            .replace(b"\0", b" ")
            .decode(errors="replace")
        )
    except OSError:
        return ""


def cpu_snapshot() -> dict:
    """CPU ticks per process of each target's app (gunicorn masters and their workers) and
    database (PostgreSQL backends connected to the target's database), the load generator
    itself, PostgreSQL's own background processes, and the whole machine (/proc/stat)."""
    kids = _children()
    snap: dict = {
        "t": time.monotonic(),
        "app": {},
        "db": {},
        "locust": _cpu_ticks(os.getpid()),
    }
    postmaster = [
        int(p)
        for p in os.listdir("/proc")
        if p.isdigit()
        and _cmdline(int(p)).split(" ")[0].endswith(("postgres", "postmaster"))
        and kids.get(int(p))
        and not _cmdline(int(p)).startswith("postgres:")
    ]
    backends = [c for pm in postmaster for c in kids.get(pm, [])]
    for t in CONFIG["targets"]:
        pids = []
        for master in t["gunicorn_pids"]:
            pids.append(master)
            pids.extend(kids.get(master, []))
        snap["app"][t["name"]] = {p: _cpu_ticks(p) for p in pids}
        w = t.get("worker_pid")
        snap.setdefault("worker", {})[t["name"]] = {w: _cpu_ticks(w)} if w else {}
        marker = f" {t['database']} "
        snap["db"][t["name"]] = {
            p: _cpu_ticks(p) for p in backends if marker in _cmdline(p)
        }
    snap["pg_other"] = {
        p: _cpu_ticks(p) for p in backends if _cmdline(p).startswith(PG_BACKGROUND)
    }
    stat = open("/proc/stat").readline().split()[1:]
    snap["machine"] = {
        "busy": sum(int(x) for x in stat) - int(stat[3]) - int(stat[4]),
        "all": sum(int(x) for x in stat),
    }
    return snap


def _delta(a: dict, b: dict) -> int:
    return sum(v - a.get(p, 0) for p, v in b.items())


def cpu_delta(a: dict, b: dict, target: str) -> dict:
    hz = os.sysconf("SC_CLK_TCK")
    return {
        "seconds": b["t"] - a["t"],
        "app_cpu_s": _delta(a["app"][target], b["app"][target]) / hz,
        "db_cpu_s": _delta(a["db"][target], b["db"][target]) / hz,
        "task_worker_cpu_s": _delta(a["worker"][target], b["worker"][target]) / hz,
        "pg_background_cpu_s": _delta(a["pg_other"], b["pg_other"]) / hz,
        "locust_cpu_s": (b["locust"] - a["locust"]) / hz,
        "machine_busy_cpu_s": (b["machine"]["busy"] - a["machine"]["busy"]) / hz,
        "machine_all_cpu_s": (b["machine"]["all"] - a["machine"]["all"]) / hz,
    }


def controller(environment) -> None:
    """Run the schedule once everybody has signed in, then stop the test."""
    # every person spawned and through his sign-in (on_start), so no sign-in falls in a phase
    while (
        not getattr(State, "spawned", False)
        or State.signin["ok"] + State.signin["failed"] < State.spawned_count
    ):
        gevent.sleep(0.5)
    gevent.sleep(2)
    load_before = os.getloadavg()
    for phase in CONFIG["schedule"]:
        State.phase = phase
        print(
            f"  phase {phase['label']}: {phase['rate']} req/s for {phase['duration']} s",
            flush=True,
        )
        a = cpu_snapshot()
        load_a = os.getloadavg()
        gevent.sleep(phase["duration"])
        b = cpu_snapshot()
        r = _record(phase["label"])
        r.update(
            {
                "target": phase["target"],
                "rate": phase["rate"],
                "measured": phase["measured"],
                "cpu": cpu_delta(a, b, phase["target"]),
                "load_average_start": load_a,
                "load_average_end": os.getloadavg(),
            }
        )
    State.phase = None
    gevent.sleep(3)  # let the last requests finish (they are counted in the last phase)
    out = {
        "results": State.results,
        "load_average_before": load_before,
        "weights": W,
        "signin": State.signin,
    }
    with open(CONFIG["out"], "w") as f:
        json.dump(out, f)
    environment.runner.quit()


@events.spawning_complete.add_listener
def _spawned(user_count, **kw):
    State.spawned_count = min(user_count, CONFIG["users_total"])
    State.spawned = True


@events.test_start.add_listener
def _start(environment, **kw):
    State.signin = {"ok": 0, "failed": 0, "ms": []}
    gevent.spawn(controller, environment)


# ---------------------------------------------------------------------------------------- people


def cast(plan: dict, n: int) -> list[dict]:
    """`n` people of one target: roles in the proportions the mix needs, offices round robin."""
    roles = W["role"]
    exact = {r: n * w / sum(roles.values()) for r, w in roles.items()}
    counts = {r: max(1, math.floor(x)) for r, x in exact.items()}
    for r in sorted(exact, key=lambda r: exact[r] - math.floor(exact[r]), reverse=True)[
        : n - sum(counts.values())
    ]:
        counts[r] += 1  # largest remainders: exactly n people
    kantor = plan["kantor"]
    isi = [(k, tk) for k in kantor for tk in k["timkerja"] if tk["isi"]]
    people = []
    for role, c in counts.items():
        for i in range(c):
            k = kantor[i % len(kantor)]
            if role == "isi":
                k, tk = isi[i % len(isi)]
                people.append(
                    {
                        "role": role,
                        "username": tk["username"],
                        "kantor": k,
                        "tugas": tk["tugas"],
                        "isi": tk["isi"],
                    }
                )
            elif role == "timkerja":
                tk = k["timkerja"][(i // len(kantor)) % len(k["timkerja"])]
                people.append(
                    {
                        "role": role,
                        "username": tk["username"],
                        "kantor": k,
                        "tugas": tk["tugas"],
                    }
                )
            elif role == "timsakip":
                people.append(
                    {
                        "role": role,
                        "username": k["timsakip"][(i // len(kantor)) % 2],
                        "kantor": k,
                    }
                )
            elif role == "kadin":
                people.append({"role": role, "username": k["kadin"], "kantor": k})
            else:
                people.append(
                    {
                        "role": role,
                        "username": k["kasubbag"][(i // len(kantor)) % 5],
                        "kantor": k,
                    }
                )
    random.Random(2026).shuffle(people)
    return people


class Orang(FastHttpUser):
    abstract = True
    target: dict = {}
    people: list[dict] = []
    counter = 0
    network_timeout = 120.0
    connection_timeout = 30.0
    max_retries = 0

    def __init__(self, environment) -> None:
        super().__init__(environment)
        cls = type(self)
        self.person = cls.people[cls.counter % len(cls.people)]
        cls.counter += 1
        self.plan = self.target["plan"]
        self.rng = random.Random()
        self.port_i = self.rng.randrange(2)
        self.next_start: float | None = None
        self.fase: str | None = None
        self.role_pages = ROLE_PAGES[self.person["role"]]
        self.role_weights = [MIX[p] for p in self.role_pages]

    def context(self) -> dict:
        return {"fase": self.fase}

    def url(self, key: str, pk: int | None = None, query: str = "") -> str:
        self.port_i ^= 1
        path = self.plan["url"][key]
        if pk is not None:
            path = path.replace("{}", str(pk))
        return f"http://127.0.0.1:{self.target['ports'][self.port_i]}{path}{query}"

    # ---- pacing

    def active(self) -> dict | None:
        ph = State.phase
        return ph if ph and ph["target"] == self.target["name"] else None

    def wait_time(self) -> float:
        ph = self.active()
        if ph is None:
            self.next_start = None
            return 0.2
        per_person = ph["rate"] / (self.target["users"] * W["requests_per_action"])
        now = time.monotonic()
        if self.next_start is None:
            self.next_start = now + self.rng.uniform(0, 1 / per_person)
        else:
            self.next_start = max(self.next_start, now - 5) + self.rng.expovariate(
                per_person
            )
        return max(0.0, self.next_start - now)

    # ---- sign in once

    def on_start(self) -> None:
        t0 = time.perf_counter()
        r = self.client.get(self.url("masuk"), name="masuk (GET)")
        m = CSRF_RE.search(r.text or "")
        ok = False
        if m:
            body = urlencode(
                {
                    "csrfmiddlewaretoken": m.group(1),
                    "username": self.person["username"],
                    "password": self.plan["password"],
                }
            )
            r = self.client.post(
                self.url("masuk"),
                data=body,
                name="masuk (POST)",
                allow_redirects=False,
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            ok = r.status_code == 302
        State.signin["ok" if ok else "failed"] += 1
        State.signin["ms"].append(round((time.perf_counter() - t0) * 1000, 1))
        if not ok:
            print(f"sign-in of {self.person['username']} failed", flush=True)

    # ---- one action

    @task
    def act(self) -> None:
        ph = self.active()
        if (
            ph is None
            or self.next_start is None
            or time.monotonic() < self.next_start - 0.05
        ):
            return
        self.fase = ph["label"]
        if self.rng.random() * W["total"] < W["any"]:  # the same share for every role
            page = self.rng.choices(ANY_PAGES, [MIX[p] for p in ANY_PAGES])[0]
        else:
            page = self.rng.choices(self.role_pages, self.role_weights)[0]
        getattr(self, f"do_{page}")()

    def get(self, name: str, url: str, expect: int = 200):
        with self.client.get(
            url, name=name, allow_redirects=False, catch_response=True
        ) as r:
            if r.status_code != expect:
                r.failure(f"HTTP {r.status_code}")
            else:
                r.success()
        return r

    def pick(self, key: str) -> int:
        return self.rng.choice(self.person["kantor"][key])

    def do_beranda(self):
        self.get("inbox", self.url("beranda"))

    def do_siklus(self):
        self.get("quarter page", self.url("siklus", self.pick("siklus")))

    def do_tahun(self):
        self.get("year page", self.url("tahun", self.pick("tahun")))

    def do_dasbor(self):
        self.get("dashboard", self.url("dasbor"))

    def do_tugas(self):
        self.get("grid view", self.url("tugas", self.rng.choice(self.person["tugas"])))

    def do_draft(self):
        self.get("draft", self.url("draft", self.pick("diukur")))

    def do_reviu(self):
        self.get("review", self.url("reviu", self.pick("diukur")))

    def do_pemeriksaan(self):
        self.get("completeness check", self.url("pemeriksaan", self.pick("tugas")))

    def do_pdf(self):
        self.get("draft PDF", self.url("draft_pdf", self.pick("draft")))

    def do_simpan(self):
        self._grid_post("grid save", upload=False)

    def do_unggah(self):
        self._grid_post("evidence upload", upload=True)

    def _grid_post(self, name: str, *, upload: bool) -> None:
        """Open a page of the grid, change one row's note (and value when it has none), save it;
        an upload attaches a small PDF to that row in the same POST, as the form does."""
        tugas = self.rng.choice(self.person["isi"])
        hal = self.rng.choice(("", "", "?hal=2"))
        r = self.get(f"{name} (open grid)", self.url("tugas", tugas, hal))
        text = r.text or ""
        m = CSRF_RE.search(text)
        rows: dict[str, dict] = {}
        for tag in INPUT_RE.findall(text):
            a = dict(ATTR_RE.findall(tag))
            mm = re.fullmatch(r"(r\d+)-(nilai|revisi)", a.get("name", ""))
            if mm:
                rows.setdefault(mm.group(1), {})[mm.group(2)] = html.unescape(
                    a.get("value", "")
                )
        if not m or not rows:
            return
        prefix = self.rng.choice(sorted(rows))
        row = rows[prefix]
        fields = {
            "csrfmiddlewaretoken": m.group(1),
            "aksi": "simpan",
            f"{prefix}-nilai": row.get("nilai") or "1",
            f"{prefix}-catatan": f"Sesuai rekap laporan bulanan ({uuid.uuid4().hex[:8]}).",
            f"{prefix}-revisi": row.get("revisi") or "0",
        }
        if upload:
            boundary = "----sakiploadtest" + uuid.uuid4().hex
            parts = [
                f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                for k, v in fields.items()
            ]
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{prefix}-berkas"; '
                f'filename="bukti.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                + PDF_BYTES
                + b"\r\n"
            )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            ctype = f"multipart/form-data; boundary={boundary}"
        else:
            body, ctype = urlencode(fields), "application/x-www-form-urlencoded"
        with self.client.post(
            self.url("tugas", tugas, hal),
            data=body,
            name=name,
            allow_redirects=False,
            catch_response=True,
            headers={"Content-Type": ctype},
        ) as resp:
            if resp.status_code == 302:
                resp.success()
            elif resp.status_code == 200:
                # refused by the form (someone saved the same row meanwhile): the right answer, not an error
                resp.success()
                rr = _record(self.fase)["refused"]
                rr[name] = rr.get(name, 0) + 1
            else:
                resp.failure(f"HTTP {resp.status_code}")


class Dokumen(Orang):
    """Tim SAKIP printing the LKjIP draft (PDF of a whole year) again and again during the
    measured phases, `--documents` of them at once: as a prepared download where the code
    has one (start, watch the status page, fetch the file: the page workers only answer
    small requests), else in the request (a page worker renders it). Their requests are
    reported apart from the pages' ("LKjIP: …")."""

    abstract = True

    def wait_time(self) -> float:
        return 0.2 if self.active() is None else 0.5

    @task
    def act(self) -> None:
        ph = self.active()
        if ph is None or not ph["measured"]:
            return
        self.fase = ph["label"]
        k = self.person["kantor"]
        pd, tahun = k["pd"], k["tahun"][-2]  # last year: complete
        t0 = time.perf_counter()
        if "unduhan_mulai" not in self.plan["url"]:
            self.get(
                "LKjIP: PDF in the request",
                self.url("lkjip_pdf").format(pd=pd, tahun=tahun),
            )
            return
        token = next(
            (c.value for c in self.client.cookiejar if c.name == "csrftoken"), ""
        )
        with self.client.post(
            self.url("unduhan_mulai"),
            data=urlencode({"csrfmiddlewaretoken": token, "pd": pd, "tahun": tahun}),
            name="LKjIP: start (background)",
            allow_redirects=False,
            catch_response=True,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ) as r:
            if r.status_code != 302:
                r.failure(f"HTTP {r.status_code}")
                return
            r.success()
            status_path = r.headers.get("Location", "")
        berkas = None
        while berkas is None and time.perf_counter() - t0 < 300 and self.active():
            gevent.sleep(1)
            port = self.target["ports"][self.port_i]
            page = self.get(
                "LKjIP: status page", f"http://127.0.0.1:{port}{status_path}"
            )
            m = re.search(r'href="([^"]*/berkas/)"', page.text or "")
            if m:
                berkas = m.group(1)
            elif "text-danger" in (page.text or ""):
                break
        if berkas:
            port = self.target["ports"][self.port_i]
            self.get("LKjIP: file", f"http://127.0.0.1:{port}{berkas}")
            ms = (time.perf_counter() - t0) * 1000
            self.environment.events.request.fire(
                request_type="TASK",
                name="LKjIP: ready (start to file)",
                response_time=ms,
                response_length=0,
                exception=None,
                context={"fase": self.fase},
            )


for _t in CONFIG["targets"]:
    _t["plan"] = json.loads(open(_t["plan_file"]).read())
    _n = CONFIG.get("documents", 0)
    if _n:
        _k = _t["plan"]["kantor"]
        _docs = [
            {
                "role": "timsakip",
                "username": _k[-1 - i % len(_k)]["timsakip"][1],
                "kantor": _k[-1 - i % len(_k)],
            }
            for i in range(_n)
        ]
        _cls = type(
            f"Dokumen_{_t['name']}",
            (Dokumen,),
            {
                "abstract": False,
                "target": _t,
                "people": _docs,
                "counter": 0,
                "fixed_count": _n,
                "host": f"http://127.0.0.1:{_t['ports'][0]}",
                "__module__": __name__,
            },
        )
        globals()[_cls.__name__] = _cls
    _people = cast(_t["plan"], _t["users"])
    _cls = type(
        f"Orang_{_t['name']}",
        (Orang,),
        {
            "abstract": False,
            "target": _t,
            "people": _people,
            "counter": 0,
            "fixed_count": len(_people),
            "host": f"http://127.0.0.1:{_t['ports'][0]}",
            "__module__": __name__,
        },
    )
    globals()[_cls.__name__] = _cls
    _t["users"] = len(_people)
del (
    _t,
    _people,
    _cls,
    _n,
)  # Locust collects the User classes of this module's namespace, each once
CONFIG["users_total"] = sum(t["users"] for t in CONFIG["targets"]) + CONFIG.get(
    "documents", 0
) * len(CONFIG["targets"])
