"""Number formats of printed documents, as Indonesian offices write them: 1.234.567,89."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import formats, translation

register = template.Library()


def _angka(value, desimal: int) -> str:
    if value in (None, ""):
        return "-"
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    # Django's number_format truncates; offices round half up (41,666… → 41,67).
    value = value.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    with translation.override("id"):
        return formats.number_format(value, decimal_pos=desimal, use_l10n=True, force_grouping=True)


@register.filter
def angka(value, desimal=2) -> str:
    """`1234.5|angka:2` → `1.234,50`; None → `-`."""
    return _angka(value, int(desimal))


@register.filter
def rupiah(value) -> str:
    """Whole rupiah with thousands separators: `1500000` → `1.500.000`; None → `-`."""
    return _angka(value, 0)


@register.filter
def persen(value) -> str:
    """A percentage with two decimals: `98.5` → `98,50`; None → `-`."""
    return _angka(value, 2)
