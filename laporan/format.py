"""Numbers as Indonesian offices write them (`1.234,56`), for text that is built in
Python (the LKjIP analysis paragraphs, the .docx) rather than in a template."""

from __future__ import annotations

from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal

from django.utils import formats, translation

from kinerja import calculations as calc

KOSONG = "–"


# The Indonesian separators and grouping (umum/formats/id/formats.py); `angka_id` writes
# them in plain Python, so a number costs no language switch.
PEMISAH_DESIMAL = ","
PEMISAH_RIBUAN = "."
KELOMPOK = 3


def _angka_django(v: Decimal, desimal: int) -> str:
    with translation.override("id"):
        return formats.number_format(
            v, decimal_pos=desimal, use_l10n=True, force_grouping=True
        )


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


# `calc.bulatkan` rounds in a copy of its context (precision 28, wide exponents, no traps)
# raised to the number's digits; for a number of at most 28 digits that is this context.
_KONTEKS_BULAT = Context(
    prec=28, rounding=ROUND_HALF_UP, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[]
)
_EKSPONEN = tuple(Decimal(1).scaleb(-n) for n in range(21))
# `1,234.5` (Python's grouping) → `1.234,5`
_TUKAR_PEMISAH = str.maketrans(",.", ".,")


def _bulat_cepat(value: object, desimal: int) -> Decimal | None:
    """`calc.bulatkan(value, desimal)` of a finite Decimal of at most 28 digits once rounded
    (every figure the pages show), in one `quantize` instead of a context copy and switch;
    None for anything else, which the caller gives to `calc.bulatkan` itself. The result
    has exactly `desimal` decimals (its exponent is `-desimal`)."""
    if (
        type(value) is Decimal
        and type(desimal) is int
        and 0 <= desimal <= 20
        and value.is_finite()
        and value.adjusted() + desimal + 2 <= 28
    ):
        return value.quantize(_EKSPONEN[desimal], context=_KONTEKS_BULAT)
    return None


def bulatkan(value: Decimal | None, desimal: int = 2) -> Decimal | None:
    """`calc.bulatkan(value, desimal)`: the same Decimal (tested), cheaper for ordinary figures."""
    v = _bulat_cepat(value, desimal)
    return v if v is not None else calc.bulatkan(value, desimal)


def angka(value: Decimal | int | None, desimal: int = 2) -> str:
    """`value` rounded half-up to `desimal` places with Indonesian separators; "–" for None."""
    if isinstance(value, int):
        value = Decimal(value)
    v = _bulat_cepat(value, desimal)
    if v is not None:
        # exactly `desimal` decimals already: Python's own grouping, separators swapped; a
        # rounded zero loses its sign (as `angka_id` writes it)
        return f"{v.copy_abs() if v.is_zero() else v:,f}".translate(_TUKAR_PEMISAH)
    v = calc.bulatkan(value, desimal)
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
    v = bulatkan(value, desimal)
    return None if v is None else float(v)
