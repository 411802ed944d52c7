"""The office's working calendar as configured in the admin, and lateness against it."""

from __future__ import annotations

import datetime

from django.db.models import BooleanField, DateField, IntegerField, TimeField, Value

from .. import worktime
from ..models import HariLibur, JamKerja

_HARI = (
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "sabtu",
    "minggu",
)  # JamKerja's weekday flags, Monday first


def kalender_kerja() -> worktime.Kalender:
    """The office calendar as configured in the admin (JamKerja + HariLibur), read in one
    query: the week row (marked 0) UNION ALL one row per day off (marked 1). It is read
    anew on each call (admin-editable, shared by several app servers: no process cache).
    The union's column types come from its first query, so the days off are typed as
    dates through the week row's empty date column, and its times through its fields."""
    minggu_qs = JamKerja.objects.filter(pk=1).values_list(
        Value(0, output_field=IntegerField()),
        "mulai",
        "selesai",
        *_HARI,
        Value(None, output_field=DateField()),
    )
    libur_qs = HariLibur.objects.values_list(
        Value(1, output_field=IntegerField()),
        Value(None, output_field=TimeField()),
        Value(None, output_field=TimeField()),
        *(Value(None, output_field=BooleanField()) for _h in _HARI),
        "tanggal",
    )
    rows = list(minggu_qs.union(libur_qs, all=True))
    minggu = next((r for r in rows if r[0] == 0), None)
    hari_libur = [r[-1] for r in rows if r[0] == 1]
    if (
        minggu is None
    ):  # not configured yet: create the default week, as JamKerja.aktif() does
        jk = JamKerja.aktif()
        return worktime.kalender_dari(jk.mulai, jk.selesai, jk.hari_kerja, hari_libur)
    hari_kerja = [i for i, on in enumerate(minggu[3 : 3 + len(_HARI)]) if on]
    return worktime.kalender_dari(minggu[1], minggu[2], hari_kerja, hari_libur)


def lewat_standar(
    mulai: datetime.datetime,
    standar_menit: int,
    sekarang: datetime.datetime,
    kal: worktime.Kalender,
) -> bool:
    """Whether a step open since `mulai` is past its standard at `sekarang`: exactly
    `worktime.menit_kerja(mulai, sekarang, kal) > standar_menit`, without walking every day
    since `mulai` (a step left open last quarter would walk months). The moments when
    `standar_menit` and `standar_menit + 2` working minutes have passed only need the days up
    to the deadline; before the first the step is in time, from the second on it is late, and
    only in between (or with a calendar without working hours) the minutes are counted."""
    try:
        if sekarang < worktime.tambah_menit_kerja(mulai, standar_menit, kal):
            return False
        if sekarang >= worktime.tambah_menit_kerja(mulai, standar_menit + 2, kal):
            return True
    except ValueError:
        pass
    return worktime.menit_kerja(mulai, sekarang, kal) > standar_menit
