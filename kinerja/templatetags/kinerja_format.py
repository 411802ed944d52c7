"""Indonesian number display for performance data: `{% load kinerja_format %}`.

`{{ nilai|angka:ind.desimal }}` → 1.234,57 (half-up to the indicator's decimals);
`{{ nilai|angka }}` → the stored value without trailing zeros; `{{ capaian|persen }}`
→ 95,25; `{{ rp|rupiah }}` → 1.234.567,00. Missing values show as an em dash.
"""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from kinerja.calculations import bulatkan

register = template.Library()

KOSONG = "—"


def _format(value, places: int) -> str:
    v = bulatkan(value if isinstance(value, Decimal) else _decimal(value), places)
    if v is None:
        return KOSONG
    return number_format(v, decimal_pos=places, force_grouping=True)


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


@register.filter
def angka(value, desimal=None) -> str:
    if desimal in (None, ""):
        v = _decimal(value) if not isinstance(value, Decimal) else value
        if v is None or not v.is_finite():
            return KOSONG
        v = v.normalize()
        exp = v.as_tuple().exponent
        return number_format(v, decimal_pos=max(0, -exp) if isinstance(exp, int) else 0, force_grouping=True)
    try:
        places = max(0, min(int(desimal), 4))
    except (TypeError, ValueError):
        places = 2
    return _format(value, places)


@register.filter
def persen(value) -> str:
    return _format(value, 2)


@register.filter
def rupiah(value) -> str:
    return _format(value, 2)


@register.filter
def romawi(triwulan) -> str:
    from kinerja.models import TRIWULAN_ROMAWI

    try:
        return TRIWULAN_ROMAWI.get(int(triwulan), "")
    except (TypeError, ValueError):
        return ""
