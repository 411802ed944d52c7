import pytest
from django.core.exceptions import ValidationError

from organisasi.nip import format_nip, nip_errors, validate_nip


@pytest.mark.parametrize(
    "raw", ["197802161997031001", "19780216 199703 1 001", " 19780216199703 1001 "]
)
def test_valid_nip_passes_with_or_without_spaces(raw):
    validate_nip(raw)


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ("12345", "18 angka"),
        ("1978021619970310AB", "18 angka"),
        ("197802301997031001", "tanggal lahir"),
        ("197802161997131001", "bulan pengangkatan"),
        ("197802161985031001", "usia 15"),
        ("197802161997033001", "1 (laki-laki) atau 2"),
        ("197802161997031000", "000"),
    ],
)
def test_invalid_nip_gets_an_indonesian_message(raw, fragment):
    with pytest.raises(ValidationError) as exc:
        validate_nip(raw)
    assert any(fragment in m for m in exc.value.messages)


def test_nip_is_printed_in_four_groups():
    assert format_nip("197802161997031001") == "19780216 199703 1 001"
    assert format_nip("bukan nip") == "bukan nip"


def test_valid_nip_has_no_errors():
    assert nip_errors("198207152006042004") == []
