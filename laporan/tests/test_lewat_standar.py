"""`sop.selectors.lewat_standar` (used by both kabupaten overviews) says exactly what counting
the working minutes says, around the deadline too, while walking only the days up to it."""

import datetime
import random

from sop import worktime
from sop.selectors.kalender import lewat_standar

JKT = worktime.JAKARTA
KAL = worktime.Kalender(
    mulai=datetime.time(7, 30),
    selesai=datetime.time(16, 0),
    libur=frozenset(
        {
            datetime.date(2026, 1, 1),
            datetime.date(2026, 3, 19),
            datetime.date(2026, 3, 20),
        }
    ),
)


def test_same_answer_as_counting_the_minutes():
    acak = random.Random(7)
    awal = datetime.datetime(2025, 12, 20, tzinfo=JKT)
    for _ in range(3000):
        mulai = awal + datetime.timedelta(
            seconds=acak.randrange(0, 100 * 86400), microseconds=acak.randrange(10**6)
        )
        standar = acak.choice(
            [0, 1, 5, 15, 60, 510, 1020, 2550, acak.randrange(0, 5000)]
        )
        # mostly close to the deadline, where an off-by-one would show
        batas = worktime.tambah_menit_kerja(mulai, standar, KAL)
        sekarang = batas + datetime.timedelta(
            seconds=acak.randrange(-400, 400), microseconds=acak.randrange(10**6)
        )
        if acak.random() < 0.3:
            sekarang = mulai + datetime.timedelta(
                seconds=acak.randrange(0, 200 * 86400)
            )
        sekarang = sekarang.astimezone(datetime.UTC)
        assert lewat_standar(mulai, standar, sekarang, KAL) == (
            worktime.menit_kerja(mulai, sekarang, KAL) > standar
        )


def test_exact_minute_boundaries():
    mulai = datetime.datetime(
        2026, 3, 18, 15, 55, 30, tzinfo=JKT
    )  # Wednesday, then two days off
    for standar in (0, 4, 5, 6, 510):
        batas = worktime.tambah_menit_kerja(mulai, standar, KAL)
        for geser in (-61, -60, -1, 0, 1, 59, 60, 61, 119, 120, 121):
            sekarang = batas + datetime.timedelta(seconds=geser)
            assert lewat_standar(mulai, standar, sekarang, KAL) == (
                worktime.menit_kerja(mulai, sekarang, KAL) > standar
            )


def test_a_calendar_without_working_hours_counts_nothing():
    kosong = worktime.Kalender(hari_kerja=frozenset())
    mulai = datetime.datetime(2026, 1, 5, 8, tzinfo=JKT)
    assert lewat_standar(mulai, 5, mulai + datetime.timedelta(days=30), kosong) is False
