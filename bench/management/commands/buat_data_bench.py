"""`manage.py buat_data_bench`: fill a database with a synthetic kabupaten (bench/generate.py)."""

from __future__ import annotations

import datetime
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from bench.generate import generate


def recreate_database(alias: str = "default") -> str:
    """Drop and create the configured PostgreSQL database. Refuses any database whose
    name does not contain "bench", so it cannot wipe a real installation."""
    import psycopg2
    from psycopg2 import sql

    db = settings.DATABASES[alias]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise CommandError("--recreate hanya untuk PostgreSQL.")
    name = db["NAME"]
    if "bench" not in name:
        raise CommandError(
            f"Menolak menghapus database {name!r}: nama database benchmark harus memuat 'bench'."
        )
    connections[alias].close()
    conn = psycopg2.connect(
        dbname="postgres",
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
    )
    conn.autocommit = True
    # SQL mentah: DROP/CREATE DATABASE is not something the ORM can say
    with conn.cursor() as cur:
        cur.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    conn.close()
    return name


class Command(BaseCommand):
    help = (
        "Isi database dengan data sintetis satu kabupaten (40 perangkat daerah, 5 tahun, 60 indikator) "
        "untuk benchmark. Deterministik menurut --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--kantor", type=int, default=40, help="jumlah perangkat daerah (maks. 40)"
        )
        parser.add_argument(
            "--tahun", type=int, default=5, help="jumlah tahun sampai tahun ini"
        )
        parser.add_argument(
            "--indikator",
            type=int,
            default=60,
            help="indikator per perangkat daerah per tahun",
        )
        parser.add_argument(
            "--indikator-pdf",
            type=int,
            default=100,
            help="indikator perangkat daerah terakhir (untuk mengukur PDF)",
        )
        parser.add_argument(
            "--sekarang", help="tanggal acuan YYYY-MM-DD (bawaan: hari ini)"
        )
        parser.add_argument(
            "--recreate",
            action="store_true",
            help="hapus dan buat ulang database (PostgreSQL, nama memuat 'bench'), lalu migrate",
        )

    def handle(self, *args, **opts):
        mulai = time.monotonic()
        if opts["recreate"]:
            name = recreate_database()
            self.stdout.write(f"Database {name} dibuat ulang; migrate …")
            call_command("migrate", verbosity=0, interactive=False)
        sekarang = None
        if opts["sekarang"]:
            tanggal = datetime.date.fromisoformat(opts["sekarang"])
            sekarang = datetime.datetime.combine(
                tanggal,
                datetime.time(9, 0),
                tzinfo=datetime.timezone(datetime.timedelta(hours=7)),
            )
        try:
            counts = generate(
                seed=opts["seed"],
                kantor=opts["kantor"],
                tahun=opts["tahun"],
                indikator=opts["indikator"],
                indikator_pdf=opts["indikator_pdf"],
                sekarang=sekarang,
                log=self.stdout.write,
            )
        except (RuntimeError, ValueError) as e:
            raise CommandError(str(e)) from e
        if connections["default"].vendor == "postgresql":
            # planner statistics, as autovacuum would have them on a database that grew slowly
            # SQL mentah: ANALYZE (planner statistics) is not something the ORM can say
            with connections["default"].cursor() as cur:
                cur.execute("ANALYZE")
        for label, n in sorted(counts.items()):
            self.stdout.write(f"  {label:40s} {n:>9,d}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{sum(counts.values()):,d} baris dalam {time.monotonic() - mulai:.0f} detik."
            )
        )
