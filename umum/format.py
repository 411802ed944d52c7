"""The one place where the product turns numbers and dates into the text people read.

Every page, PDF, Excel and Word export goes through these functions (templates through
`{% load format_id %}`), so the number the Kadin reviews is the number he signs:

- numbers as Indonesian offices write them, `1.234.567,89`, rounded **half up** at the
  number of decimals asked for (the indicator's own `desimal`): 87,125 → 87,13;
- percentages as `87,50 %`, rupiah as `Rp 1.250.000`;
- one empty mark, `KOSONG` ("—"), for a value that is missing or undefined;
- dates as `04 April 2023` (times `14.30`), in Asia/Jakarta.

Documents are Indonesian whatever the interface language, so the separators are fixed
here rather than taken from the active locale.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from django.utils import dateformat, timezone, translation

KOSONG = "—"
"""The one mark for a value that is missing or undefined (e.g. a capaian with target 0)."""

PEMISAH_DESIMAL = ","
PEMISAH_RIBUAN = "."

# Python's own grouping writes `1,234.5`; swapping the two separators gives `1.234,5`.
_TUKAR_PEMISAH = str.maketrans(",.", ".,")


def desimal(value: object) -> Decimal | None:
    """`value` as a finite Decimal, or None when it is missing or not a number.

    Floats go through their shortest text (87.125 → Decimal("87.125")), so a value typed
    as 87,125 rounds as written, not as its binary approximation."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        d = value
    else:
        try:
            d = Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            return None
    return d if d.is_finite() else None


def bulatkan(value: object, desimal_: int | None = 2) -> Decimal | None:
    """`value` rounded half up to `desimal_` places (a Decimal with exactly that exponent);
    with `desimal_` None the value as stored. None when it is not a number.

    For Excel cells and charts, which take numbers, not text."""
    d = desimal(value)
    if d is None:
        return None
    if desimal_ is None:
        return d
    tempat = tempat_desimal(desimal_)
    presisi = max(28, d.adjusted() + tempat + 2)
    if (
        presisi > 1000
    ):  # a number of a thousand digits is not a figure anyone reads: as is
        return d
    hasil = d.quantize(
        Decimal(1).scaleb(-tempat),
        context=Context(prec=presisi, rounding=ROUND_HALF_UP),
    )
    return hasil.copy_abs() if hasil.is_zero() else hasil  # never "-0,00"


def angka(value: object, desimal_: int | None = None) -> str:
    """`1.234,57` — half up to `desimal_` places; without `desimal_`, the value as stored
    without trailing zeros (`5.0` → `5`, `2.50` → `2,5`). `KOSONG` when missing."""
    d = bulatkan(value, desimal_)
    if d is None:
        return KOSONG
    if desimal_ is None:
        d = d.normalize()
        if d.as_tuple().exponent > 0:  # 1E+2 → 100
            d = d.quantize(Decimal(1))
    return f"{d:,f}".translate(_TUKAR_PEMISAH)


def persen(value: object, desimal_: int = 2) -> str:
    """A capaian or a share: `87,50 %`; `KOSONG` when undefined."""
    teks = angka(value, desimal_)
    return teks if teks == KOSONG else f"{teks} %"


def rupiah(value: object) -> str:
    """A budget amount in whole rupiah: `Rp 1.250.000`; `KOSONG` when missing."""
    teks = angka(value, 0)
    return teks if teks == KOSONG else f"Rp {teks}"


def tanggal(value: dt.date | dt.datetime | None) -> str:
    """`04 April 2023`; an aware datetime is first put in the local time (Asia/Jakarta)."""
    if not value:
        return KOSONG
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    with translation.override("id"):
        return dateformat.format(value, "d F Y")


def tanggal_waktu(value: dt.datetime | None) -> str:
    """`04 April 2023 14.30` in the local time (Asia/Jakarta)."""
    if not value:
        return KOSONG
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    with translation.override("id"):
        return dateformat.format(value, "d F Y H.i")


def tempat_desimal(desimal_: object) -> int:
    """A number of decimal places from a template argument or a model field (0–10)."""
    try:
        return max(0, min(int(desimal_), 10))
    except (TypeError, ValueError):
        return 2
