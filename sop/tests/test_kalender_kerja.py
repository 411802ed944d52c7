"""The office calendar read from the admin's tables (sop.selectors.kalender_kerja): the
week row and every day off in one query, the same calendar as reading them apart."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sop import worktime
from sop.models import HariLibur, JamKerja
from sop.selectors.kalender import kalender_kerja
from sop.selectors.langkah import langkah_status

pytestmark = pytest.mark.django_db


def test_kalender_one_query_with_the_week_and_every_day_off():
    JamKerja.objects.update_or_create(
        pk=1,
        defaults={
            "mulai": datetime.time(8, 0),
            "selesai": datetime.time(15, 0),
            "sabtu": True,
            "jumat": False,
        },
    )
    HariLibur.objects.all().delete()
    hari = [
        datetime.date(2025, 12, 25),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 3, 20),
    ]
    for i, tanggal in enumerate(hari):
        HariLibur.objects.create(tanggal=tanggal, nama=f"libur {i}")
    with CaptureQueriesContext(connection) as q:
        kal = kalender_kerja()
    assert len(q.captured_queries) == 1
    assert kal == worktime.kalender_dari(
        datetime.time(8, 0), datetime.time(15, 0), {0, 1, 2, 3, 5}, hari
    )


def test_kalender_without_days_off():
    JamKerja.aktif()
    HariLibur.objects.all().delete()
    assert kalender_kerja().libur == frozenset()


def test_kalender_not_configured_creates_the_default_week():
    JamKerja.objects.all().delete()
    HariLibur.objects.all().delete()
    HariLibur.objects.create(tanggal=datetime.date(2026, 8, 17), nama="HUT RI")
    kal = kalender_kerja()
    assert JamKerja.objects.filter(pk=1).exists()
    assert kal == worktime.kalender_dari(
        datetime.time(7, 30),
        datetime.time(16, 0),
        {0, 1, 2, 3, 4},
        [datetime.date(2026, 8, 17)],
    )


def test_step_status_reads_its_row_and_the_calendar(quarter, clock):
    from sop.models import KodeLangkah

    quarter.upto("dispose_kadin")
    with CaptureQueriesContext(connection) as q:
        st = langkah_status(siklus=quarter.siklus, kode=KodeLangkah.DISPOSISI_KADIN)
    assert len(q.captured_queries) == 2  # the step's row, the calendar
    kal = kalender_kerja()
    row = st.berjalan
    assert st.batas == worktime.tambah_menit_kerja(row.mulai, row.standar_menit, kal)
    assert st.menit is not None and st.terlambat in (True, False)
