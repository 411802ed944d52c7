"""`laporan.format.angka` writes numbers in plain Python: the same text as Django's
`number_format` under language "id" (the way it was written before)."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from django.utils import formats, translation

from kinerja import calculations as calc
from laporan import format as fmt


def _django(value: Decimal, desimal: int) -> str:
    with translation.override("id"):
        return formats.number_format(value, decimal_pos=desimal, use_l10n=True, force_grouping=True)


def _nilai() -> list[Decimal]:
    tetap = [
        "0", "-0", "0.00", "-0.00", "0.004", "-0.004", "0.005", "-0.005", "0.0000001", "1", "-1", "9.995", "-9.995",
        "12.5", "999", "1000", "-1000", "999999.999", "1234567.891", "-1234567.891", "100000000000000000000",
        "123456789012345678901234567890.123456789", "-0.1", "0.1", "3.14159265358979323846", "1E+3", "1E+25",
        "-7.5E-3", "87.50", "100", "150.125",
    ]
    rng = random.Random(7)
    acak = []
    for _ in range(400):
        digit = rng.randint(1, 25)
        n = rng.randint(0, 10**digit)
        acak.append(Decimal(n).scaleb(-rng.randint(0, 12)) * rng.choice((1, -1)))
    return [Decimal(v) for v in tetap] + acak


@pytest.mark.parametrize("desimal", [0, 1, 2, 3, 4, 6, 10, 20])
def test_angka_id_matches_django_number_format(desimal):
    for v in _nilai():
        assert fmt.angka_id(v, desimal) == _django(v, desimal), (v, desimal)


@pytest.mark.parametrize("desimal", [0, 1, 2, 3, 5])
def test_angka_matches_the_rounded_django_text(desimal):
    for v in _nilai():
        harapan = _django(calc.bulatkan(v, desimal), desimal)
        assert fmt.angka(v, desimal) == harapan, (v, desimal)
    for n in (0, 7, -7, 1000, -1234567, 10**18):
        assert fmt.angka(n, desimal) == _django(calc.bulatkan(Decimal(n), desimal), desimal)


def test_angka_examples_and_none():
    assert fmt.angka(None) == fmt.KOSONG
    assert fmt.angka(Decimal("1234.565")) == "1.234,57"
    assert fmt.angka(Decimal("-1234567.4"), 0) == "-1.234.567"
    assert fmt.angka(Decimal("-0.001")) == "0,00"
    assert fmt.persen(Decimal("87.5")) == "87,50%"
    assert fmt.rupiah(Decimal("1250000000")) == "Rp 1.250.000.000"
    assert fmt.persen(None) == fmt.KOSONG


def test_rare_cases_go_through_django():
    huge = Decimal("1" * 250)
    assert fmt.angka_id(huge, 2) == _django(huge, 2)
    assert fmt.angka_id(Decimal("1234.5"), 25) == _django(Decimal("1234.5"), 25)


def _angka_lama(value, desimal: int) -> str:
    """`angka` as it was written before its fast path: `calc.bulatkan`, then `angka_id`."""
    v = calc.bulatkan(Decimal(value) if isinstance(value, int) else value, desimal)
    return fmt.KOSONG if v is None else fmt.angka_id(v, desimal)


def _lain() -> list:
    """Values outside the fast path: other types, non-finite, too many digits."""
    return [
        None, True, False, 0, -5, 10**30, -(10**40), 1.5, 2.0, "12.5", object(), Decimal("NaN"), Decimal("-Infinity"),
        Decimal("sNaN"), Decimal("1E+30"), Decimal("9" * 27), Decimal("9" * 26 + ".995"), Decimal("-9" * 1),
        Decimal("1" * 250), Decimal("1E-30"), Decimal("-1E-30"), Decimal("5E-3"), Decimal("-5E-3"),
    ]


@pytest.mark.parametrize("desimal", [0, 1, 2, 3, 4, 6, 10, 20])
def test_fast_angka_persen_rupiah_grafik_give_what_the_slow_path_gave(desimal):
    """The fast path of `angka` (and so `persen`, `rupiah`) and `bulatkan`/`grafik`: the same
    text and the same Decimal as `calc.bulatkan` + `angka_id`, for every value and type."""
    for v in _nilai() + _lain():
        assert fmt.angka(v, desimal) == _angka_lama(v, desimal), (v, desimal)
        lama, baru = calc.bulatkan(v, desimal), fmt.bulatkan(v, desimal)
        assert (lama is None and baru is None) or (str(lama) == str(baru)), (v, desimal)
    for v in _nilai():
        assert fmt.persen(v) == (lambda t: t if t == fmt.KOSONG else f"{t}%")(_angka_lama(v, 2))
        assert fmt.rupiah(v) == (lambda t: t if t == fmt.KOSONG else f"Rp {t}")(_angka_lama(v, 0))
        lama = calc.bulatkan(v, desimal)
        assert fmt.grafik(v, desimal) == (None if lama is None else float(lama)), (v, desimal)


def test_fast_angka_on_page_like_figures():
    """Capaian, budgets and targets as the pages have them (4 stored decimals, quotients of 28 digits)."""
    rng = random.Random(11)
    for _ in range(3000):
        a = Decimal(rng.randint(-10**9, 10**12)).scaleb(-4)
        b = Decimal(rng.randint(1, 10**10)).scaleb(-4)
        for v in (a, a / b * 100, b / 3):
            for desimal in (0, 2, 4):
                assert fmt.angka(v, desimal) == _angka_lama(v, desimal), (v, desimal)
                assert str(fmt.bulatkan(v, desimal)) == str(calc.bulatkan(v, desimal)), (v, desimal)
