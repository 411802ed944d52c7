from decimal import Decimal as D

import pytest

from kinerja.validators import nama_aman, parse_angka


@pytest.mark.parametrize(
    "teks, expected",
    [
        ("1.234.567,89", D("1234567.89")),
        ("300.000", D("300000")),  # Indonesian thousands
        ("4,5", D("4.5")),
        ("4.5", D("4.5")),
        ("0.1234", D("0.1234")),
        ("1234.5", D("1234.5")),
        ("Rp 1.200.000", D("1200000")),
        ("85%", D("85")),
        ("-2,5", D("-2.5")),
        ("", None),
        ("   ", None),
        (None, None),
        (12, D("12")),
        (86.12, D("86.12")),
        (D("7.00"), D("7.00")),
    ],
)
def test_parse_angka(teks, expected):
    assert parse_angka(teks) == expected


@pytest.mark.parametrize(
    "teks",
    [
        "abc",
        "1,2,3",
        "1E+30",
        "NaN",
        "Infinity",
        "--1",
        "1.2.3,4,5",
        True,
        float("nan"),
    ],
)
def test_parse_angka_refuses_non_numbers(teks):
    with pytest.raises(ValueError):
        parse_angka(teks)


@pytest.mark.parametrize(
    "nama, ekstensi, expected",
    [
        ("Laporan TW I.PDF", "pdf", "Laporan TW I.pdf"),
        ("../../etc/passwd", "pdf", "passwd.pdf"),
        ("..\\..\\win.ini", "png", "win.png"),
        ("\x00\x1b[31mjahat.pdf", "pdf", "31mjahat.pdf"),
        ("", "jpg", "berkas.jpg"),
        ("....", "pdf", "berkas.pdf"),
        ("a" * 500 + ".pdf", "pdf", "a" * 150 + ".pdf"),
    ],
)
def test_nama_aman(nama, ekstensi, expected):
    assert nama_aman(nama, ekstensi) == expected
