"""The embedded SQLite default lets simultaneous writers wait their turn (issue 16, finding 4).

Services write in `transaction.atomic` after reading the state they change. On SQLite a
deferred transaction that reads and then writes cannot wait for another writer: it fails
at once with "database is locked" (the probe's three 500s out of four simultaneous
ratifications). With the settings' SQLite options (WAL, IMMEDIATE transactions, a busy
timeout) every writer waits and succeeds. A file database in a fresh process, since an
in-memory test database shares one connection.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SKRIP = r"""
import json, threading, time
import django
django.setup()
from django.core.management import call_command
from django.db import connection, transaction
from django.contrib.auth.models import Group

call_command("migrate", "auth", verbosity=0)
connection.close()
PENULIS, PUTARAN = 8, 5
galat = []
mulai = threading.Barrier(PENULIS)

def tulis(i):
    try:
        mulai.wait()
        for j in range(PUTARAN):
            with transaction.atomic():
                n = Group.objects.count()  # read the state first, as a service does
                time.sleep(0.01)
                Group.objects.create(name=f"penulis-{i}-{j}-{n}")
    except Exception as exc:
        galat.append(repr(exc))
    finally:
        connection.close()

benang = [threading.Thread(target=tulis, args=(i,)) for i in range(PENULIS)]
for b in benang:
    b.start()
for b in benang:
    b.join()
print(json.dumps({"galat": galat, "baris": Group.objects.count(),
                  "jurnal": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]}))
"""


def test_simultaneous_writers_on_a_sqlite_file_all_succeed(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "TEST_DATABASE_NAME"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sakip.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'sakip.sqlite3'}",
            "DEBUG": "1",
            "PYTHONPATH": str(Path(settings.BASE_DIR)),
        }
    )
    hasil = subprocess.run(
        [sys.executable, "-c", SKRIP],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert hasil.returncode == 0, hasil.stderr[-2000:]
    keluaran = json.loads(hasil.stdout.strip().splitlines()[-1])
    assert keluaran == {"galat": [], "baris": 8 * 5, "jurnal": "wal"}


def test_sqlite_options_are_the_documented_ones():
    assert settings.SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in settings.SQLITE_OPTIONS["init_command"]
    assert settings.SQLITE_OPTIONS["timeout"] >= 5
