"""Date checks shared by the apps: a date must fall in a range that makes sense for what it dates.

Django's DateField accepts any date from 0001-01-01 to 9999-12-31, so a plan for 2030
was signed on 9999-12-31 without a word. Each check raises an Indonesian ValidationError
naming the range (dates written by umum.format.tanggal).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .format import tanggal as teks_tanggal

TANGGAL_MIN = datetime.date(2000, 1, 1)
TANGGAL_MAKS = datetime.date(2100, 12, 31)


def tanggal_antara(
    value: datetime.date | None, awal: datetime.date, akhir: datetime.date
) -> None:
    """Refuse a date outside [awal, akhir]; None passes (emptiness is the field's own rule)."""
    if value is None:
        return
    if not awal <= value <= akhir:
        raise ValidationError(
            _("Tanggal harus antara %(awal)s dan %(akhir)s.")
            % {"awal": teks_tanggal(awal), "akhir": teks_tanggal(akhir)},
            code="rentang_tanggal",
        )


def tanggal_wajar(value: datetime.date | None) -> None:
    """A form or model field validator: the years the application serves (2000-2100)."""
    tanggal_antara(value, TANGGAL_MIN, TANGGAL_MAKS)


def tanggal_untuk_tahun(value: datetime.date | None, tahun: int) -> None:
    """A document of year `tahun` (a plan signed for it) is dated in that year or the one before."""
    tanggal_antara(value, datetime.date(tahun - 1, 1, 1), datetime.date(tahun, 12, 31))
