"""The capaian arithmetic: a table of edge cases per direction and roll-up, and
property tests (never raises on any Decimal; monotonic in the indicator's direction)."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja import calculations as calc
from kinerja.calculations import (
    SKALA_BAKU,
    Predikat,
    agregasi_triwulan,
    bulatkan,
    capaian_kumulatif,
    capaian_persen,
    capaian_triwulan,
    is_worse,
    predikat,
    serapan_anggaran,
    target_konsisten,
)


def test_direction_and_rollup_names_match_the_model_choices():
    from kinerja.models import Agregasi, Polaritas

    assert {calc.NAIK, calc.TURUN, calc.RENTANG} == set(Polaritas.values)
    assert {calc.JUMLAH, calc.TERAKHIR, calc.RATA_RATA, calc.MANUAL} == set(Agregasi.values)


# --- capaian_persen -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "polaritas, target, realisasi, target_maks, expected",
    [
        # higher is better: R / T × 100
        ("naik", D("100"), D("80"), None, D("80")),
        ("naik", D("100"), D("100"), None, D("100")),
        ("naik", D("100"), D("150"), None, D("150")),  # above 100 is reported, no cap
        ("naik", D("4"), D("1"), None, D("25")),
        ("naik", D("100"), D("0"), None, D("0")),
        ("naik", D("100"), D("-20"), None, D("-20")),  # no floor
        ("naik", D("0"), D("5"), None, None),  # target 0: undefined, not 0 %
        ("naik", D("0"), D("0"), None, None),
        ("naik", D("-10"), D("-10"), None, D("100")),  # negative target: direction kept
        ("naik", D("-10"), D("-5"), None, D("150")),
        ("naik", D("-10"), D("-20"), None, D("0")),
        # lower is better: (2 − R / T) × 100, not T / R
        ("turun", D("5"), D("5"), None, D("100")),
        ("turun", D("5"), D("4"), None, D("120")),  # T/R would give 125
        ("turun", D("5"), D("6"), None, D("80")),  # T/R would give 83.33
        ("turun", D("5"), D("0"), None, D("200")),  # realisasi 0: the formula's 200, no cap
        ("turun", D("5"), D("10"), None, D("0")),
        ("turun", D("5"), D("15"), None, D("-100")),  # no floor
        ("turun", D("0"), D("0"), None, D("100")),  # zero target met
        ("turun", D("0"), D("-1"), None, D("100")),
        ("turun", D("0"), D("3"), None, D("0")),  # zero target missed
        ("turun", D("-10"), D("-10"), None, D("100")),
        ("turun", D("-10"), D("-15"), None, D("150")),
        ("turun", D("-10"), D("-5"), None, D("50")),
        # within a range [T, T_maks]
        ("rentang", D("10"), D("12"), D("15"), D("100")),
        ("rentang", D("10"), D("10"), D("15"), D("100")),  # bounds included
        ("rentang", D("10"), D("15"), D("15"), D("100")),
        ("rentang", D("10"), D("8"), D("15"), D("80")),  # below: R / min
        ("rentang", D("10"), D("18"), D("15"), D("80")),  # above: 2 − R / max
        ("rentang", D("10"), D("30"), D("15"), D("0")),
        ("rentang", D("15"), D("8"), D("10"), D("80")),  # bounds given the wrong way round are swapped
        ("rentang", D("10"), D("10"), None, D("100")),  # no upper bound: the point [T, T]
        ("rentang", D("10"), D("11"), None, D("90")),
        ("rentang", D("0"), D("-1"), D("5"), None),  # below a lower bound of 0: undefined
        ("rentang", D("0"), D("0"), D("5"), D("100")),
        ("rentang", D("-5"), D("0"), D("0"), D("100")),
        ("rentang", D("-5"), D("1"), D("0"), D("0")),  # above an upper bound of 0
        # missing or non-finite data
        ("naik", D("100"), None, None, None),
        ("naik", None, D("5"), None, None),
        ("turun", D("5"), None, None, None),
        ("rentang", D("10"), None, D("15"), None),
        ("naik", D("NaN"), D("5"), None, None),
        ("naik", D("100"), D("NaN"), None, None),
        ("naik", D("100"), D("sNaN"), None, None),
        ("naik", D("Infinity"), D("5"), None, None),
        ("turun", D("5"), D("-Infinity"), None, None),
        ("rentang", D("10"), D("12"), D("NaN"), None),
        ("sideways", D("10"), D("12"), None, None),  # unknown direction
    ],
)
def test_capaian_persen_table(polaritas, target, realisasi, target_maks, expected):
    assert capaian_persen(target=target, realisasi=realisasi, polaritas=polaritas, target_maks=target_maks) == expected


def test_capaian_keeps_full_precision_and_rounds_only_for_display():
    c = capaian_persen(target=D("3"), realisasi=D("1"), polaritas="naik")
    assert c != D("33.33")
    assert bulatkan(c) == D("33.33")
    assert capaian_persen(target=D("3"), realisasi=D("2"), polaritas="turun") == D("2") * 100 - D(200) / 3


def test_huge_values_overflow_to_none_instead_of_raising():
    from decimal import MAX_EMAX, MIN_EMIN

    tiny, huge = D(f"1E{MIN_EMIN}"), D(f"9E+{MAX_EMAX}")
    assert capaian_persen(target=tiny, realisasi=huge, polaritas="naik") is None
    assert capaian_persen(target=tiny, realisasi=huge, polaritas="turun") is None
    assert serapan_anggaran(tiny, huge) is None
    assert capaian_persen(target=D("1E+999999999"), realisasi=D("1E+999999999"), polaritas="naik") == D(100)


def test_non_decimal_input_is_tolerated():
    assert capaian_persen(target=100, realisasi=50, polaritas="naik") == D(50)
    assert capaian_persen(target="abc", realisasi=D(5), polaritas="naik") is None
    assert capaian_persen(target=1.5, realisasi=D(5), polaritas="naik") is None  # floats are refused, not guessed


# --- roll-up ---------------------------------------------------------------------------------

Q = {1: D("10"), 2: D("20"), 3: None, 4: D("40")}


@pytest.mark.parametrize(
    "agregasi, sampai, expected",
    [
        ("jumlah", 1, D("10")),
        ("jumlah", 2, D("30")),
        ("jumlah", 3, D("30")),  # a quarter without data is left out, not counted as 0
        ("jumlah", 4, D("70")),
        ("terakhir", 2, D("20")),
        ("terakhir", 3, D("20")),  # latest quarter that has data
        ("terakhir", 4, D("40")),
        ("rata_rata", 2, D("15")),
        ("rata_rata", 3, D("15")),  # mean of the quarters with data
        ("rata_rata", 4, D("70") / 3),
        ("manual", 2, D("20")),
        ("manual", 3, None),  # the final value is the quarter's own, no fallback
        ("manual", 4, D("40")),
        ("unknown", 4, None),
        ("jumlah", 0, None),
        ("jumlah", 5, None),
    ],
)
def test_agregasi_triwulan_table(agregasi, sampai, expected):
    assert agregasi_triwulan(Q, agregasi=agregasi, sampai=sampai) == expected


def test_rollup_of_nothing_is_none():
    for agregasi in ("jumlah", "terakhir", "rata_rata", "manual"):
        assert agregasi_triwulan({}, agregasi=agregasi) is None
        assert agregasi_triwulan([None, None, None, None], agregasi=agregasi) is None
        assert agregasi_triwulan([D("NaN"), D("Infinity")], agregasi=agregasi, sampai=2) is None


def test_rollup_accepts_a_sequence_in_quarter_order():
    assert agregasi_triwulan([D(1), D(2), D(3), D(4)], agregasi="jumlah") == D(10)
    assert agregasi_triwulan([D(1), D(2)], agregasi="jumlah", sampai=4) == D(3)


def test_quarter_capaian_uses_the_quarter_target_and_ytd_uses_the_year_target():
    # investment (jumlah): year target 100, quarterly 20/30/30/20
    realisasi = {1: D("25"), 2: D("15")}
    assert capaian_triwulan(target=D("30"), realisasi=realisasi[2], polaritas="naik") == D("50")
    assert capaian_kumulatif(
        target_tahunan=D("100"), realisasi=realisasi, polaritas="naik", agregasi="jumlah", sampai=2
    ) == D("40")
    # the year's capaian is the YTD capaian at TW IV
    full = {1: D("25"), 2: D("15"), 3: D("30"), 4: D("40")}
    assert capaian_kumulatif(target_tahunan=D("100"), realisasi=full, polaritas="naik", agregasi="jumlah") == D("110")


@pytest.mark.parametrize(
    "agregasi, polaritas, expected",
    [
        ("terakhir", "naik", D("90")),  # latest (TW II = 90) vs year's 100
        ("rata_rata", "turun", D("120")),  # mean (4+4)/2 = 4 vs year's 5 → 2 − 0.8
        ("manual", "naik", D("90")),
        ("jumlah", "naik", D("170")),
    ],
)
def test_ytd_capaian_per_rollup(agregasi, polaritas, expected):
    realisasi = {1: D("80") if agregasi != "rata_rata" else D("4"), 2: D("90") if agregasi != "rata_rata" else D("4")}
    target = D("100") if agregasi != "rata_rata" else D("5")
    assert capaian_kumulatif(
        target_tahunan=target, realisasi=realisasi, polaritas=polaritas, agregasi=agregasi, sampai=2
    ) == expected


def test_ytd_capaian_of_a_range_indicator():
    assert capaian_kumulatif(
        target_tahunan=D("3"), target_tahunan_maks=D("5"), realisasi={1: D("4"), 2: D("6")},
        polaritas="rentang", agregasi="rata_rata", sampai=2,
    ) == D("100")


@pytest.mark.parametrize(
    "tahunan, triwulan, agregasi, expected",
    [
        (D("100"), [D(20), D(30), D(30), D(20)], "jumlah", True),
        (D("100"), [D(20), D(30), D(30), D(25)], "jumlah", False),
        (D("90"), [D(80), D(85), D(88), D(90)], "terakhir", True),
        (D("4"), [D(3), D(4), D(5), D(4)], "rata_rata", True),
        (D("3.3333"), [D(3), D(3), D(3), D("4.3333")], "rata_rata", True),
        (D("100"), [D(20), None, D(30), D(20)], "jumlah", None),
        (None, [D(20), D(30), D(30), D(20)], "jumlah", None),
        (D("100"), [D(20), D(30), D(30), D(20)], "manual", None),
    ],
)
def test_target_konsisten(tahunan, triwulan, agregasi, expected):
    assert target_konsisten(target_tahunan=tahunan, target_triwulan=triwulan, agregasi=agregasi) is expected


# --- budget, predikat, worse, rounding ------------------------------------------------------

@pytest.mark.parametrize(
    "anggaran, realisasi, expected",
    [
        (D("1000000"), D("250000"), D("25")),
        (D("1000000"), D("0"), D("0")),
        (D("1000000"), D("1100000"), D("110")),
        (D("0"), D("5"), None),
        (D("-5"), D("5"), None),
        (None, D("5"), None),
        (D("1000"), None, None),
        (D("NaN"), D("5"), None),
    ],
)
def test_serapan_anggaran(anggaran, realisasi, expected):
    assert serapan_anggaran(anggaran, realisasi) == expected


@pytest.mark.parametrize(
    "capaian, nama",
    [
        (D("200"), "Sangat Tinggi"),
        (D("91"), "Sangat Tinggi"),
        (D("90.995"), "Sangat Tinggi"),  # displayed 91,00
        (D("90.99"), "Tinggi"),  # the gap 90–91 belongs to the lower band
        (D("90.5"), "Tinggi"),
        (D("76"), "Tinggi"),
        (D("75.99"), "Sedang"),
        (D("66"), "Sedang"),
        (D("65.5"), "Rendah"),
        (D("51"), "Rendah"),
        (D("50.99"), "Sangat Rendah"),
        (D("50"), "Sangat Rendah"),
        (D("0"), "Sangat Rendah"),
        (D("-40"), "Sangat Rendah"),  # below the lowest bound: lowest band
    ],
)
def test_predikat_default_scale(capaian, nama):
    assert predikat(capaian).nama == nama


def test_predikat_of_nothing_and_custom_scale():
    assert predikat(None) is None
    assert predikat(D("NaN")) is None
    assert predikat(D("50"), []) is None
    skala = [Predikat(D("100"), "Tercapai", "#198754"), Predikat(D("0"), "Tidak tercapai", "#dc3545")]
    assert predikat(D("99.99"), skala).nama == "Tidak tercapai"
    assert predikat(D("100"), reversed(skala)).nama == "Tercapai"
    assert [p.nama for p in SKALA_BAKU] == ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]


@pytest.mark.parametrize(
    "prev, cur, polaritas, target, target_maks, expected",
    [
        (D("10"), D("9"), "naik", None, None, True),
        (D("10"), D("10"), "naik", None, None, False),
        (D("10"), D("11"), "naik", None, None, False),
        (D("10"), D("11"), "turun", None, None, True),
        (D("10"), D("9"), "turun", None, None, False),
        (D("4"), D("6"), "rentang", D("3"), D("5"), True),  # left the range
        (D("6"), D("7"), "rentang", D("3"), D("5"), True),  # further away
        (D("7"), D("2.5"), "rentang", D("3"), D("5"), False),  # closer (0.5 < 2)
        (D("4"), D("3"), "rentang", D("3"), D("5"), False),  # still inside
        (D("4"), D("6"), "rentang", None, None, False),  # no range to judge by
        (None, D("9"), "naik", None, None, False),  # first quarter: nothing to compare
        (D("10"), None, "naik", None, None, False),
        (D("NaN"), D("9"), "naik", None, None, False),
    ],
)
def test_is_worse(prev, cur, polaritas, target, target_maks, expected):
    assert is_worse(prev, cur, polaritas, target=target, target_maks=target_maks) is expected


@pytest.mark.parametrize(
    "value, places, expected",
    [
        (D("1.005"), 2, D("1.01")),  # half-up, not banker's rounding
        (D("1.015"), 2, D("1.02")),
        (D("2.5"), 0, D("3")),
        (D("-2.5"), 0, D("-3")),
        (D("33.3333"), 2, D("33.33")),
        (D("7"), 2, D("7.00")),
        (None, 2, None),
        (D("NaN"), 2, None),
        (D("Infinity"), 2, None),
        (D("1E+5000"), 2, D("1E+5000")),  # too large to round: unchanged
    ],
)
def test_bulatkan(value, places, expected):
    assert bulatkan(value, places) == expected


# --- properties ------------------------------------------------------------------------------

any_decimal = st.one_of(st.none(), st.decimals(allow_nan=True, allow_infinity=True))
finite = st.decimals(allow_nan=False, allow_infinity=False, min_value=D("-1E+12"), max_value=D("1E+12"), places=4)
polaritas = st.sampled_from(["naik", "turun", "rentang", "x"])
agregasi = st.sampled_from(["jumlah", "terakhir", "rata_rata", "manual", "x"])


@settings(max_examples=400)
@given(target=any_decimal, realisasi=any_decimal, target_maks=any_decimal, polaritas=polaritas)
def test_capaian_never_raises(target, realisasi, target_maks, polaritas):
    result = capaian_persen(target=target, realisasi=realisasi, polaritas=polaritas, target_maks=target_maks)
    assert result is None or result.is_finite()
    p = predikat(result)
    assert p is None or p in SKALA_BAKU
    b = bulatkan(result)
    assert b is None or b.is_finite()


@settings(max_examples=200)
@given(values=st.lists(any_decimal, max_size=4), agregasi=agregasi, sampai=st.integers(-1, 6),
       target=any_decimal, polaritas=polaritas)
def test_rollups_never_raise(values, agregasi, sampai, target, polaritas):
    agregasi_triwulan(values, agregasi=agregasi, sampai=sampai)
    capaian_kumulatif(target_tahunan=target, realisasi=values, polaritas=polaritas, agregasi=agregasi, sampai=sampai)
    target_konsisten(target_tahunan=target, target_triwulan=values, agregasi=agregasi)


@settings(max_examples=200)
@given(a=any_decimal, b=any_decimal, c=any_decimal, d=any_decimal, polaritas=polaritas)
def test_budget_worse_and_rounding_never_raise(a, b, c, d, polaritas):
    s = serapan_anggaran(a, b)
    assert s is None or s.is_finite()
    assert is_worse(a, b, polaritas, target=c, target_maks=d) in (True, False)
    bulatkan(a, 2)
    bulatkan(b, 0)


@given(target=finite, r1=finite, r2=finite)
def test_higher_is_better_is_non_decreasing_in_realisasi(target, r1, r2):
    lo, hi = sorted([r1, r2])
    c_lo = capaian_persen(target=target, realisasi=lo, polaritas="naik")
    c_hi = capaian_persen(target=target, realisasi=hi, polaritas="naik")
    if target == 0:
        assert c_lo is None and c_hi is None
    else:
        assert c_lo <= c_hi


@given(target=finite, r1=finite, r2=finite)
def test_lower_is_better_is_non_increasing_in_realisasi(target, r1, r2):
    lo, hi = sorted([r1, r2])
    c_lo = capaian_persen(target=target, realisasi=lo, polaritas="turun")
    c_hi = capaian_persen(target=target, realisasi=hi, polaritas="turun")
    assert c_lo is not None and c_hi is not None
    assert c_lo >= c_hi


@given(t1=finite, t2=finite, r1=finite, r2=finite)
def test_range_is_100_inside_and_falls_away_outside(t1, t2, r1, r2):
    lo_t, hi_t = sorted([t1, t2])
    lo, hi = sorted([r1, r2])

    def cap(r):
        return capaian_persen(target=t1, target_maks=t2, realisasi=r, polaritas="rentang")

    if lo_t <= lo <= hi_t:
        assert cap(lo) == 100
    if hi <= lo_t and lo_t != 0:  # both below the range: higher is better
        assert cap(lo) <= cap(hi) <= 100
    if lo >= hi_t:  # both above the range: lower is better
        assert cap(lo) >= cap(hi)
        assert cap(lo) <= 100


@given(target=finite.filter(lambda t: t > 0), r1=finite, r2=finite)
def test_capaian_is_ordered_like_is_worse(target, r1, r2):
    for pol in ("naik", "turun"):
        c1 = capaian_persen(target=target, realisasi=r1, polaritas=pol)
        c2 = capaian_persen(target=target, realisasi=r2, polaritas=pol)
        if is_worse(r1, r2, pol):
            assert c2 <= c1


@given(values=st.lists(finite, min_size=1, max_size=4), extra=finite.filter(lambda x: x > 0))
def test_sum_rollup_grows_with_any_quarter(values, extra):
    base = agregasi_triwulan(values, agregasi="jumlah")
    bumped = list(values)
    bumped[0] = bumped[0] + extra
    assert agregasi_triwulan(bumped, agregasi="jumlah") > base


@given(capaian=finite, other=finite)
def test_predikat_is_monotonic(capaian, other):
    order = {p.nama: i for i, p in enumerate(reversed(SKALA_BAKU))}
    lo, hi = sorted([capaian, other])
    assert order[predikat(lo).nama] <= order[predikat(hi).nama]


@pytest.mark.parametrize("value", [D("9E+999999999"), D("-1E+2000000"), D("1E-999999999")])
def test_bulatkan_never_raises_at_the_decimal_limits(value):
    b = bulatkan(value, 2)
    assert str(b) == (str(value) if value.adjusted() > 0 else "0.00")
