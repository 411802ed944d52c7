"""Numbers as Indonesian offices write them (`1.234,56`), for text that is built in
Python (the LKjIP analysis paragraphs, the .docx) rather than in a template."""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats, translation

from kinerja import calculations as calc

KOSONG = "–"


# The Indonesian separators and grouping (sakip/formats/id/formats.py); `angka_id` writes
# them in plain Python, so a number costs no language switch.
PEMISAH_DESIMAL = ","
PEMISAH_RIBUAN = "."
KELOMPOK = 3


def _angka_django(v: Decimal, desimal: int) -> str:
    with translation.override("id"):
        return formats.number_format(v, decimal_pos=desimal, use_l10n=True, force_grouping=True)


def angka_id(v: Decimal, desimal: int) -> str:
    """`v` written with `desimal` decimals (truncated, then zero-padded) and Indonesian
    separators: the same text as `django.utils.formats.number_format(v, desimal,
    force_grouping=True)` under language "id". Rare cases (non-finite, more than 200
    digits, `desimal` outside 0–20) go through Django itself."""
    if not isinstance(desimal, int) or not (0 <= desimal <= 20) or not v.is_finite():
        return _angka_django(v, desimal)
    # A value too small for any visible decimal is 0 (no sign), as in Django.
    if abs(v) < Decimal(1).scaleb(-max(desimal, 1)):
        v = Decimal(0)
    _, digits, exponent = v.as_tuple()
    if abs(exponent) + len(digits) > 200:
        return _angka_django(v, desimal)
    teks = f"{v:f}"
    tanda = ""
    if teks[0] == "-":
        tanda, teks = "-", teks[1:]
    bulat, _titik, pecahan = teks.partition(".")
    pecahan = pecahan[:desimal].ljust(desimal, "0")
    kelompok = []
    while len(bulat) > KELOMPOK:
        kelompok.append(bulat[-KELOMPOK:])
        bulat = bulat[:-KELOMPOK]
    kelompok.append(bulat)
    hasil = tanda + PEMISAH_RIBUAN.join(reversed(kelompok))
    return f"{hasil}{PEMISAH_DESIMAL}{pecahan}" if pecahan else hasil


def angka(value: Decimal | int | None, desimal: int = 2) -> str:
    """`value` rounded half-up to `desimal` places with Indonesian separators; "–" for None."""
    v = calc.bulatkan(Decimal(value) if isinstance(value, int) else value, desimal)
    if v is None:
        return KOSONG
    return angka_id(v, desimal)


def persen(value: Decimal | None) -> str:
    """A capaian or absorption: `87,50%`; "–" for None."""
    teks = angka(value, 2)
    return teks if teks == KOSONG else f"{teks}%"


def rupiah(value: Decimal | None) -> str:
    """A budget amount without decimals: `Rp 1.250.000.000`; "–" for None."""
    teks = angka(value, 0)
    return teks if teks == KOSONG else f"Rp {teks}"


def grafik(value: Decimal | None, desimal: int = 2) -> float | None:
    """A value for the browser charts: rounded as displayed, as a JSON number (None stays None)."""
    v = calc.bulatkan(value, desimal)
    return None if v is None else float(v)
