"""The measurement table's rows as HTML (`sop/_tabel_pengukuran.html`): `{% load tabel_pengukuran %}`.

The table has some sixty rows of ten cells on every SOP B page. As a template loop
(an attribute lookup, a filter and Django's `number_format` per cell) it cost more
than computing the table, so `baris_indikator` writes one sasaran's rows in Python,
with exactly the text the loop printed: `angka` of `sop_ui` rounds half-up to the
indicator's decimals and drops trailing zeros (`1.234,5`), `persen` keeps two
decimals (`87,50 %`), a missing value is an em dash (`angka_tabel`/`persen_tabel`
give the same for the other cells). Separators come from `laporan.format.angka_id`
(plain Python, tested against Django's own `number_format` under "id");
sop/tests/test_tabel_pengukuran_html.py holds the rows against the old loop.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html import escape as _escape  # django.utils.html.escape's own text, without its lazy-argument wrapper
from typing import Any

from django import template
from django.utils import translation
from django.utils.formats import localize, number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from laporan.format import angka_id
from sop.templatetags.sop_ui import kelas_predikat

register = template.Library()

KOSONG = "—"
_SATU = Decimal(1)
_SEN = Decimal("0.01")
_KUANTUM = tuple(_SATU.scaleb(-n) for n in range(21))  # the quantum of 0–20 decimals


Penulis = Callable[[Decimal, int], str]


def _teks_django(d: Decimal, desimal: int) -> str:
    return number_format(d, decimal_pos=desimal, force_grouping=True)


def _penulis() -> Penulis:
    """What writes a number with `desimal` decimals in the active language: Django's
    `number_format`, or for Indonesian (every page) `angka_id`, which needs no
    format lookup per number. Asked once per table, not per number."""
    return angka_id if translation.get_language() == "id" else _teks_django


# `1,234.5` (Python's grouping) → `1.234,5`
_TUKAR_PEMISAH = str.maketrans(",.", ".,")


def _id_cepat(d: Decimal) -> str | None:
    """`angka_id(d, n)` of a finite Decimal whose own decimals are the `n` to write (what
    `_angka` and `_persen` hand it): Python's grouping with the separators swapped; a zero
    loses its sign as in `angka_id`. None (the caller asks `angka_id`) for a number out of
    the ordinary: non-finite, or more than 30 digits either side of the point."""
    if not d.is_finite():
        return None
    if d.is_zero():
        desimal = -d.as_tuple().exponent
        if desimal > 20:
            return None
        return f"0,{'0' * desimal}" if desimal > 0 else "0"
    if not -30 < d.adjusted() < 30:
        return None
    teks = f"{d:,f}"
    titik = teks.find(".")
    if titik >= 0 and len(teks) - titik > 21:  # more than 20 decimals
        return None
    return teks.translate(_TUKAR_PEMISAH)


def _angka(value: Any, desimal: Any, tulis: Penulis) -> str:
    """`sop_ui.angka`: half-up to `desimal` places when given, trailing zeros dropped."""
    if value is None or value == "":
        return KOSONG
    try:
        d = value if isinstance(value, Decimal) else Decimal(str(value))
        if desimal not in (None, ""):
            n = int(desimal)
            d = d.quantize(_KUANTUM[n] if 0 <= n <= 20 else _SATU.scaleb(-n), rounding=ROUND_HALF_UP)
        d = d.normalize()
        if tulis is angka_id:
            teks = _id_cepat(d)
            if teks is not None:
                return teks
        exp = d.as_tuple().exponent
        return tulis(d, max(0, -exp) if isinstance(exp, int) else 0)
    except (InvalidOperation, ValueError, TypeError):
        return escape(str(value))


def _persen(value: Any, tulis: Penulis) -> str:
    """`sop_ui.persen`: two decimals and " %"."""
    if value is None or value == "":
        return KOSONG
    try:
        d = (value if isinstance(value, Decimal) else Decimal(str(value))).quantize(_SEN)
    except (InvalidOperation, ValueError):
        return escape(str(value))
    teks = _id_cepat(d) if tulis is angka_id else None
    return f"{teks if teks is not None else tulis(d, 2)} %"


def _rentang(nilai: Decimal | None, maks: Decimal | None, desimal: int, tulis: Penulis) -> str:
    """A target, with its upper bound when it is a range (`3–5`)."""
    teks = _angka(nilai, desimal, tulis)
    return f"{teks}–{_angka(maks, desimal, tulis)}" if maks else teks


@register.filter
def angka_tabel(value: Any, desimal: Any = None) -> str:
    """`1.234,5`: rounded half-up to `desimal` places when given, without trailing zeros."""
    return _angka(value, desimal, _penulis())


@register.filter
def persen_tabel(value: Any) -> str:
    """`87,50 %` (two decimals); an em dash when undefined."""
    return _persen(value, _penulis())


_BARIS = (
    '\n    <tr>\n      <td>{no}</td>\n      <td>{nama}{iku}\n        {catatan}</td>\n      <td>{satuan}</td>\n'
    '      <td class="table-num">{target}</td>\n      <td class="table-num">{realisasi}</td>\n'
    '      <td class="table-num">{capaian}</td>\n      <td>{predikat}</td>\n      {tahunan}\n    </tr>\n    '
)
_TAHUNAN = (
    '\n      <td class="table-num">{realisasi_ytd}</td>\n      <td class="table-num">{target_tahunan}</td>\n'
    '      <td class="table-num">{capaian_ytd}</td>\n      '
)
_IKU = ' <span class="badge text-bg-primary">IKU</span>'


@register.simple_tag
def baris_indikator(indikator: list, triwulan: int | None) -> SafeString:
    """The `<tr>` of each indicator (`BarisIndikator`) of one sasaran, numbered from 1: name
    (IKU badge, note), unit, target, realisasi, capaian, predikat and, in a quarter's table,
    the year-to-date columns. Written here rather than as a template loop: sixty rows of
    fifteen template variables cost more than the rest of the page. The texts typed by
    people (name, note, unit) are escaped; the numbers are our own digits and separators."""
    tulis = _penulis()
    predikat_html: dict[str | None, str] = {None: KOSONG, "": KOSONG}
    html = []
    for no, b in enumerate(indikator, start=1):
        if b.predikat not in predikat_html:
            predikat_html[b.predikat] = format_html('<span class="badge {}">{}</span>', kelas_predikat(b.predikat),
                                                    b.predikat)
        tahunan = _TAHUNAN.format(
            realisasi_ytd=_angka(b.realisasi_ytd, b.desimal, tulis),
            target_tahunan=_rentang(b.target_tahunan, b.target_tahunan_maks, b.desimal, tulis),
            capaian_ytd=_persen(b.capaian_ytd, tulis),
        ) if triwulan else ""
        html.append(_BARIS.format(
            no=no if no < 1000 else localize(no),
            nama=_escape(str(b.nama)),
            iku=_IKU if b.is_iku else "",
            catatan=f'<div class="small text-muted">{_escape(str(b.catatan))}</div>' if b.catatan else "",
            satuan=_escape(str(b.satuan)),
            target=_rentang(b.target, b.target_maks, b.desimal, tulis),
            realisasi=_angka(b.realisasi, b.desimal, tulis),
            capaian=_persen(b.capaian, tulis),
            predikat=predikat_html[b.predikat],
            tahunan=tahunan,
        ))
    return mark_safe("".join(html))
