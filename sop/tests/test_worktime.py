"""Working-time arithmetic (no database): office hours 07:30–16:00, Monday–Friday,
Asia/Jakarta, national holidays off."""

import datetime

import pytest

from sop.worktime import (
    JAKARTA,
    Kalender,
    format_menit,
    menit_kerja,
    standar_menit,
    tambah_menit_kerja,
)

# 2025-05-29 (Thursday) is Kenaikan Yesus Kristus, 2025-05-30 (Friday) cuti bersama in this calendar.
KAL = Kalender(
    libur=frozenset({datetime.date(2025, 5, 29), datetime.date(2025, 5, 30)})
)


def t(day: int, hour: int, minute: int = 0, month: int = 5) -> datetime.datetime:
    return datetime.datetime(2025, month, day, hour, minute, tzinfo=JAKARTA)


@pytest.mark.parametrize(
    ("mulai", "selesai", "menit"),
    [
        (t(26, 8), t(26, 9, 30), 90),  # Monday, within hours
        (t(26, 6), t(26, 8), 30),  # before opening counts from 07:30
        (t(26, 15), t(26, 18), 60),  # after closing counts to 16:00
        (t(26, 16, 30), t(27, 7), 0),  # overnight outside hours
        (t(26, 9), t(26, 9), 0),
        (t(26, 10), t(26, 9), 0),  # reversed
        (t(26, 7, 30), t(27, 7, 30), 510),  # one full working day
        # Wednesday 15:00 → Monday 08:30 across the holiday Thursday, cuti bersama Friday and the weekend:
        # 60 (Wed) + 0 + 0 + 0 + 0 + 60 (Mon)
        (t(28, 15), t(2, 8, 30, month=6), 120),
        # Friday 14:00 → Monday 09:00 without holidays: 120 + 90
        (t(23, 14), t(26, 9), 210),
    ],
)
def test_working_minutes_between_two_moments(mulai, selesai, menit):
    """Only the part of each working day between 07:30 and 16:00 counts."""
    assert menit_kerja(mulai, selesai, KAL) == menit


def test_other_time_zones_are_converted_to_jakarta():
    """01:00 UTC is 08:00 in Jakarta."""
    utc = datetime.timezone.utc
    assert (
        menit_kerja(datetime.datetime(2025, 5, 26, 1, 0, tzinfo=utc), t(26, 9), KAL)
        == 60
    )


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        menit_kerja(datetime.datetime(2025, 5, 26, 8), t(26, 9), KAL)


def test_two_days_means_two_working_days():
    """`2 hari` = 2 × 510 working minutes; a step due Wednesday 15:00 before the long
    weekend is due Tuesday 15:00 (Wed 60 + Mon 510 + Tue 450 from 07:30)."""
    assert KAL.menit_per_hari == 510
    assert standar_menit(2, "hari", KAL) == 1020
    assert standar_menit(8, "jam", KAL) == 480
    assert standar_menit(15, "menit", KAL) == 15
    batas = tambah_menit_kerja(t(28, 15), 1020, KAL)
    assert batas == t(3, 15, month=6)
    assert menit_kerja(t(28, 15), batas, KAL) == 1020


def test_deadline_from_outside_hours_starts_at_next_opening():
    """Saturday 10:00 + 5 minutes → Monday 07:35."""
    assert tambah_menit_kerja(t(24, 10), 5, KAL) == t(26, 7, 35)
    assert tambah_menit_kerja(t(26, 15, 55), 10, KAL) == t(27, 7, 35)


def test_unknown_unit_is_an_error():
    with pytest.raises(ValueError):
        standar_menit(1, "minggu", KAL)


def test_configurable_week_counts_saturday():
    """An office that also works Saturdays 08:00–12:00."""
    kal = Kalender(
        mulai=datetime.time(8),
        selesai=datetime.time(12),
        hari_kerja=frozenset(range(6)),
    )
    assert menit_kerja(t(23, 11), t(26, 9), kal) == 60 + 240 + 60


def test_format_minutes():
    assert format_menit(None) == ""
    assert format_menit(45) == "45 m"
    assert format_menit(65) == "1 j 05 m"
