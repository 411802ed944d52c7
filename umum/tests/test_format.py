"""The one formatting module: the strings people read, ties included."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from umum import format as fmt

D = Decimal


@pytest.mark.parametrize(
    ("value", "desimal", "expected"),
    [
        (D("87.125"), 2, "87,13"),  # a tie rounds up, not to even
        (D("87.135"), 2, "87,14"),
        (D("99.995"), 2, "100,00"),
        (D("0.005"), 2, "0,01"),
        (D("-0.005"), 2, "-0,01"),  # half up is away from zero
        (D("-0.004"), 2, "0,00"),  # never "-0,00"
        (D("1234567.891"), 2, "1.234.567,89"),
        (D("1234567.891"), 0, "1.234.568"),
        (D("2.5"), 0, "3"),
        (D("3.5"), 0, "4"),
        (D("85"), 2, "85,00"),
        (D("5.0"), 1, "5,0"),
        (D("41.6666666666666666666666667"), 2, "41,67"),
        (D("81.66666666666666666666666667"), 2, "81,67"),
        (87.125, 2, "87,13"),  # a float rounds as written
        (1000, 0, "1.000"),
        (D("5.0"), None, "5"),  # no precision asked: as stored, without trailing zeros
        (D("2.50"), None, "2,5"),
        (D("1E+2"), None, "100"),
        (D("1234.5"), None, "1.234,5"),
        (None, 2, fmt.KOSONG),
        ("", 2, fmt.KOSONG),
        ("abc", 2, fmt.KOSONG),
        (D("NaN"), 2, fmt.KOSONG),
        (D("Infinity"), 2, fmt.KOSONG),
        (
            D("12345678901234567890123456789.5"),
            0,
            "12.345.678.901.234.567.890.123.456.790",
        ),
    ],
)
def test_angka(value, desimal, expected):
    assert fmt.angka(value, desimal) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("87.125"), "87,13 %"),
        (D("99.995"), "100,00 %"),
        (D("110"), "110,00 %"),
        (D("0"), "0,00 %"),
        (None, fmt.KOSONG),
    ],
)
def test_persen(value, expected):
    assert fmt.persen(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("1250000"), "Rp 1.250.000"),
        (D("1250000.50"), "Rp 1.250.001"),
        (0, "Rp 0"),
        (None, fmt.KOSONG),
    ],
)
def test_rupiah(value, expected):
    assert fmt.rupiah(value) == expected


def test_bulatkan_gives_numbers_with_the_places_asked():
    assert fmt.bulatkan(D("87.125"), 2) == D("87.13")
    assert fmt.bulatkan(D("87.125"), 2).as_tuple().exponent == -2
    assert fmt.bulatkan(D("-0.001"), 2) == D("0.00")
    assert str(fmt.bulatkan(D("-0.001"), 2)) == "0.00"
    assert fmt.bulatkan(None, 2) is None
    assert fmt.bulatkan(D("7.25"), None) == D("7.25")
    assert fmt.bulatkan(D("9E+999999999"), 2) == D(
        "9E+999999999"
    )  # at Decimal's limits: as is
    assert fmt.bulatkan(D("1E-999999999"), 2) == D("0.00")


def test_dates_are_indonesian_in_jakarta_time_whatever_the_interface_language():
    utc_evening = dt.datetime(
        2023, 4, 3, 20, 30, tzinfo=dt.timezone.utc
    )  # 04.04 03.30 WIB
    with translation.override("en"):
        assert fmt.tanggal(dt.date(2023, 4, 4)) == "04 April 2023"
        assert fmt.tanggal(dt.date(2023, 8, 17)) == "17 Agustus 2023"
        assert fmt.tanggal(utc_evening) == "04 April 2023"
        assert fmt.tanggal_waktu(utc_evening) == "04 April 2023 03.30"
    assert fmt.tanggal(None) == fmt.KOSONG


def test_template_filters_are_the_module():
    t = Template(
        "{% load format_id %}{{ a|angka:d }}|{{ a|angka }}|{{ p|persen }}|{{ r|rupiah }}|"
        "{{ n|atau_kosong }}|{{ z|atau_kosong }}|{% kosong %}|{{ t|tanggal }}"
    )
    out = t.render(
        Context(
            {
                "a": D("99.995"),
                "d": "2",
                "p": D("87.125"),
                "r": 1250000,
                "n": None,
                "z": 0,
                "t": dt.date(2026, 12, 4),
            }
        )
    )
    assert out == "100,00|99,995|87,13 %|Rp 1.250.000|—|0|—|04 Desember 2026"
