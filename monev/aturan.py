"""Pure rules of the monitoring form (no ORM): the suggested assessment of a step,
the median, the default period and working durations as text.

The suggestion: a procedure "berjalan dengan baik" when it ran at least once in the
period, at least `ambang` % of its runs were done within the time standard, and no
return reason recurs (the same reason, ignoring case and surrounding spaces, given in
`BERULANG` or more returns). Without any run there is nothing to suggest: the
assessor decides.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from umum.format import angka

BERULANG = 2
"""A return reason given this many times (in different returns) is a recurring one."""


def median(nilai: list[int]) -> Decimal | None:
    """The median of `nilai` (the mean of the two middle values for an even count)."""
    if not nilai:
        return None
    urut = sorted(nilai)
    tengah = len(urut) // 2
    if len(urut) % 2:
        return Decimal(urut[tengah])
    return (Decimal(urut[tengah - 1]) + Decimal(urut[tengah])) / 2


def persen_tepat(tepat: int, jumlah: int) -> Decimal | None:
    return None if not jumlah else Decimal(tepat * 100) / Decimal(jumlah)


def alasan_berulang(alasan: list[dict]) -> list[str]:
    """The reasons (of `[{"alasan", "jumlah"}]`) given in `BERULANG` or more returns."""
    return [a["alasan"] for a in alasan if a["jumlah"] >= BERULANG]


def saran_penilaian(
    *, jumlah: int, tepat: int, alasan: list[dict], ambang: int
) -> tuple[bool | None, str]:
    """(suggested "berjalan dengan baik", the rule applied to this step, in words)."""
    if not jumlah:
        return None, _(
            "Tidak ada pelaksanaan yang selesai dalam periode ini; penilai menilai sendiri."
        )
    persen = persen_tepat(tepat, jumlah)
    berulang = alasan_berulang(alasan)
    bagian = [
        _("%(persen)s selesai dalam standar waktu (ambang %(ambang)s %%)")
        % {"persen": f"{angka(persen, 2)} %", "ambang": ambang},
    ]
    if berulang:
        bagian.append(
            _("alasan pengembalian berulang: %(alasan)s")
            % {"alasan": "; ".join(berulang)}
        )
    else:
        bagian.append(_("tidak ada alasan pengembalian yang berulang"))
    baik = persen >= ambang and not berulang
    return baik, "; ".join(bagian) + "."


def kurangi_bulan(tanggal: datetime.date, bulan: int) -> datetime.date:
    """`tanggal` moved `bulan` months back (the day clamped to the month's length)."""
    total = tanggal.year * 12 + (tanggal.month - 1) - bulan
    tahun, bulan_ke = divmod(total, 12)
    bulan_ke += 1
    hari_terakhir = (
        datetime.date(tahun + (bulan_ke == 12), bulan_ke % 12 + 1, 1)
        - datetime.timedelta(days=1)
    ).day
    return datetime.date(tahun, bulan_ke, min(tanggal.day, hari_terakhir))


def periode_bawaan(hari_ini: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last six months up to today: the regulation monitors every six months."""
    return kurangi_bulan(hari_ini, 6) + datetime.timedelta(days=1), hari_ini


def durasi(menit: Decimal | int | None, menit_per_hari: int) -> str:
    """Working time as people say it: `45 menit`, `3 jam 20 menit`, `2 hari kerja 1 jam`."""
    if menit is None:
        return ""
    sisa = int(Decimal(menit).to_integral_value())
    bagian = []
    if menit_per_hari > 0 and sisa >= menit_per_hari:
        hari, sisa = divmod(sisa, menit_per_hari)
        bagian.append(_("%(n)s hari kerja") % {"n": hari})
    jam, mnt = divmod(sisa, 60)
    if jam:
        bagian.append(_("%(n)s jam") % {"n": jam})
    if mnt or not bagian:
        bagian.append(_("%(n)s menit") % {"n": mnt})
    return " ".join(bagian)
