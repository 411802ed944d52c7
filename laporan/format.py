"""Numbers as Indonesian offices write them (`1.234,56`), for text that is built in
Python (the LKjIP analysis paragraphs, the .docx) rather than in a template."""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats, translation

from kinerja import calculations as calc

KOSONG = "–"


def angka(value: Decimal | int | None, desimal: int = 2) -> str:
    """`value` rounded half-up to `desimal` places with Indonesian separators; "–" for None."""
    v = calc.bulatkan(Decimal(value) if isinstance(value, int) else value, desimal)
    if v is None:
        return KOSONG
    with translation.override("id"):
        return formats.number_format(v, decimal_pos=desimal, use_l10n=True, force_grouping=True)


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
