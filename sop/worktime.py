"""Office working time: pure functions, no database.

A :class:`Kalender` is the working week (hours and weekdays) plus the days off.
Times are aware datetimes; they are compared in the calendar's time zone
(Asia/Jakarta). "2 hari" in an SOP means two working days, i.e. two full
working-day lengths of working minutes (2 × 510 with 07:30–16:00).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")


@dataclass(frozen=True)
class Kalender:
    mulai: datetime.time = datetime.time(7, 30)
    selesai: datetime.time = datetime.time(16, 0)
    hari_kerja: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday = 0
    libur: frozenset[datetime.date] = field(default_factory=frozenset)
    tz: datetime.tzinfo = JAKARTA

    @property
    def menit_per_hari(self) -> int:
        """Length of one working day in minutes (510 for 07:30–16:00)."""
        m = (self.selesai.hour * 60 + self.selesai.minute) - (
            self.mulai.hour * 60 + self.mulai.minute
        )
        return max(m, 0)

    def hari_kerja_pada(self, tanggal: datetime.date) -> bool:
        return tanggal.weekday() in self.hari_kerja and tanggal not in self.libur

    def _jendela(
        self, tanggal: datetime.date
    ) -> tuple[datetime.datetime, datetime.datetime]:
        return (
            datetime.datetime.combine(tanggal, self.mulai, tzinfo=self.tz),
            datetime.datetime.combine(tanggal, self.selesai, tzinfo=self.tz),
        )


def _aware(dt: datetime.datetime, tz: datetime.tzinfo) -> datetime.datetime:
    if dt.tzinfo is None:
        raise ValueError("naive datetime: working time needs aware datetimes")
    return dt.astimezone(tz)


def menit_kerja(
    mulai: datetime.datetime, selesai: datetime.datetime, kalender: Kalender
) -> int:
    """Working minutes between two moments (whole minutes, rounded down; 0 when
    `selesai` is not after `mulai`). Only the part of each working day between the
    calendar's opening and closing time counts; weekends and days off count nothing."""
    a = _aware(mulai, kalender.tz)
    b = _aware(selesai, kalender.tz)
    if b <= a:
        return 0
    detik = 0.0
    hari = a.date()
    while hari <= b.date():
        if kalender.hari_kerja_pada(hari):
            buka, tutup = kalender._jendela(hari)  # noqa: SLF001
            lo, hi = max(a, buka), min(b, tutup)
            if hi > lo:
                detik += (hi - lo).total_seconds()
        hari += datetime.timedelta(days=1)
    return int(detik // 60)


def standar_menit(nilai: int, satuan: str, kalender: Kalender) -> int:
    """A time standard in working minutes: `menit` as is, `jam` × 60, `hari` × the
    working-day length."""
    if satuan == "menit":
        return nilai
    if satuan == "jam":
        return nilai * 60
    if satuan == "hari":
        return nilai * kalender.menit_per_hari
    raise ValueError(f"satuan waktu tidak dikenal: {satuan}")


def tambah_menit_kerja(
    mulai: datetime.datetime, menit: int, kalender: Kalender
) -> datetime.datetime:
    """The moment when `menit` working minutes have passed since `mulai` (the deadline
    of a step). A start outside working hours counts from the next opening."""
    if kalender.menit_per_hari <= 0 or not kalender.hari_kerja:
        raise ValueError("kalender tanpa jam kerja")
    t = _aware(mulai, kalender.tz)
    sisa = datetime.timedelta(minutes=menit)
    hari = t.date()
    for _ in range(366 * 20):
        if kalender.hari_kerja_pada(hari):
            buka, tutup = kalender._jendela(hari)  # noqa: SLF001
            lo = max(t, buka)
            if lo < tutup:
                if lo + sisa <= tutup:
                    return lo + sisa
                sisa -= tutup - lo
        hari += datetime.timedelta(days=1)
    raise ValueError("tenggat melampaui 20 tahun")


def format_menit(menit: int | None) -> str:
    """`1 j 05 m`, `45 m`; an empty string for None."""
    if menit is None:
        return ""
    jam, m = divmod(int(menit), 60)
    return f"{jam} j {m:02d} m" if jam else f"{m} m"


def kalender_dari(
    mulai: datetime.time,
    selesai: datetime.time,
    hari_kerja: Iterable[int],
    libur: Iterable[datetime.date],
    tz: datetime.tzinfo = JAKARTA,
) -> Kalender:
    return Kalender(
        mulai=mulai,
        selesai=selesai,
        hari_kerja=frozenset(hari_kerja),
        libur=frozenset(libur),
        tz=tz,
    )
