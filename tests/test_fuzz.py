"""Property-based fuzzing of the forms people type into, and of the data-entry page.

Whatever is typed — text, negative numbers, absurd magnitudes, empty, control
characters — a form either accepts a value its database column can hold or
refuses it with an Indonesian message; the page never answers 500.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.validators import DecimalValidator
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.forms import AngkaField, IndikatorForm, ProgramForm
from kinerja.models import NILAI, Indikator
from sop.forms import DisposisiForm, RealisasiForm

NUMBERISH = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789.,-+ eE", max_size=40),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers().map(str),
    st.floats().map(str),
    st.sampled_from(
        [
            "",
            " ",
            "1.234,56",
            "-5",
            "1e999999",
            "NaN",
            "Infinity",
            "9" * 30,
            "0,00001",
            "½",
            "١٢٣",
        ]
    ),
)
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

COLUMN = DecimalValidator(NILAI["max_digits"], NILAI["decimal_places"])


def _fits_column(value: Decimal) -> bool:
    try:
        COLUMN(value)
    except Exception:
        return False
    return True


@FUZZ
@given(text=NUMBERISH)
def test_angka_field_accepts_only_numbers_the_column_holds(text):
    field = AngkaField(required=False)
    try:
        value = field.clean(text)
    except (
        Exception
    ) as exc:  # only a ValidationError with an Indonesian message is allowed
        from django.core.exceptions import ValidationError

        assert isinstance(exc, ValidationError), repr(exc)
        assert all(m and not m.startswith("Enter") for m in exc.messages)
        return
    assert value is None or (value.is_finite() and _fits_column(value))


@pytest.mark.django_db
@FUZZ
@given(text=NUMBERISH)
def test_realisasi_form_never_raises_and_keeps_what_was_typed(text):
    indikator = Indikator(nama="Uji", satuan="%")
    form = RealisasiForm(
        data={"r-nilai": text, "r-catatan": "c", "r-revisi": "0"},
        prefix="r",
        indikator=indikator,
    )
    if form.is_valid():
        value = form.cleaned_data["nilai"]
        assert value is None or _fits_column(value)
    else:
        assert form["nilai"].value() == text
        assert form.errors["nilai"]


@pytest.mark.django_db
@FUZZ
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "kode",
                "nama",
                "satuan",
                "polaritas",
                "agregasi",
                "desimal",
                "target_tahunan",
                "target_tahunan_maks",
                "urutan",
                "target_tw1",
                "target_tw2",
                "target_tw3",
                "target_tw4",
                "target_maks_tw1",
                "sasaran",
                "unit_penanggung_jawab",
            ]
        ),
        NUMBERISH,
        max_size=16,
    )
)
def test_indikator_form_never_raises(data, demo_plan):
    form = IndikatorForm(data=data, perjanjian=demo_plan)
    if form.is_valid():
        for name in (
            "target_tahunan",
            "target_tw1",
            "target_tw2",
            "target_tw3",
            "target_tw4",
        ):
            value = form.cleaned_data.get(name)
            assert value is None or _fits_column(value)
    else:
        assert form.errors


@FUZZ
@given(anggaran=NUMBERISH, tw=NUMBERISH)
def test_program_form_refuses_negative_and_oversized_budgets(anggaran, tw):
    form = ProgramForm(
        data={"nama": "Program", "anggaran": anggaran, "anggaran_tw1": tw}
    )
    if form.is_valid():
        assert form.cleaned_data["anggaran"] >= 0
        DecimalValidator(18, 2)(form.cleaned_data["anggaran"])


@pytest.mark.django_db
@FUZZ
@given(isi=st.text(max_size=300), tanggal=st.text(max_size=20))
def test_disposisi_form_never_raises(isi, tanggal, demo):

    form = DisposisiForm(
        data={"isi": isi, "tanggal": tanggal, "kepada": "x"}, penerima=[demo["kabid"]]
    )
    form.is_valid()


@pytest.fixture
def demo_plan(demo):
    from django.utils import timezone

    from kinerja.selectors import pk_berlaku

    return pk_berlaku(pd=demo.dpmptsp, tahun=timezone.localdate().year)


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(values=st.lists(NUMBERISH, min_size=1, max_size=3))
def test_data_entry_page_never_answers_500(values, client, filling):
    tugas, indikator = filling
    client.force_login(tugas.anggota.user)
    data = {}
    for ind, text in zip(indikator, values, strict=False):
        data[f"r{ind.pk}-nilai"] = text
        data[f"r{ind.pk}-catatan"] = "fuzz"
    response = client.post(reverse("sop:tugas_isi", args=[tugas.pk]), data)
    assert response.status_code < 500


@pytest.fixture
def filling(demo):
    from sop.tests.factories import Quarter, make_plan

    make_plan(demo.dpmptsp, jabatan=demo["kabid"].jabatan)
    q = Quarter(demo).upto("fill")
    tugas = q.tugas("timkerja")
    return tugas, list(tugas.indikator.all())
