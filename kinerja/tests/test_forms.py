"""Numbers in the plan and entry forms go through the one formatting module (umum.format)."""

from decimal import Decimal as D

import pytest
from django.utils import translation

from kinerja.forms import AngkaField, format_angka


@pytest.mark.parametrize(
    "value, text",
    [
        (None, ""),  # an empty input, not the printed empty mark
        (D("1234.5000"), "1.234,5"),
        (D("87.125"), "87,125"),  # a stored value is shown as stored, never rounded
        (D("1250000.50"), "1.250.000,5"),
        (D("100.0000"), "100"),
        (D("1E+2"), "100"),
        (D("-0.5"), "-0,5"),
        (D("0"), "0"),
    ],
)
@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_format_angka_writes_indonesian_numbers_in_every_interface_language(value, text, bahasa):
    with translation.override(bahasa):
        assert format_angka(value) == text


@pytest.mark.parametrize("value", [D("1250000.5"), D("87.125"), D("-3"), D("0.0001")])
def test_a_number_shown_in_a_field_reads_back_as_the_same_number(value):
    field = AngkaField(required=False)
    assert field.clean(field.prepare_value(value)) == value
