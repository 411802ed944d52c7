"""The grid's plain Bootstrap field markup (`{% bidang %}`) gives what Django's widget templates give."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from kinerja.models import Indikator
from sop.forms import RealisasiForm
from sop.templatetags.sop_ui import _widget_html, bidang


def _form(data=None, files=None, nilai=None):
    return RealisasiForm(data, files, prefix="r12", indikator=Indikator(satuan="%"),
                         initial={"nilai": nilai, "catatan": "", "revisi": 0})


@pytest.mark.parametrize("data", [
    None,
    {"r12-nilai": "1.234,5", "r12-catatan": "ada <b>catatan</b>\nbaris dua", "r12-revisi": "0"},
    {"r12-nilai": "bukan angka", "r12-catatan": "", "r12-revisi": "0"},
])
@pytest.mark.parametrize("name", ["nilai", "catatan", "berkas"])
def test_widget_html_is_what_django_renders(data, name):
    form = _form(data, {} if data is not None else None, nilai=Decimal("81.32"))
    if data is not None:
        form.is_valid()
    bf = form[name]
    attrs = {"class": "form-control", "aria-describedby": "x"}
    assert str(_widget_html(bf, attrs)) == str(bf.as_widget(attrs=attrs))


def test_field_keeps_ids_and_value_and_shows_no_error_when_valid():
    html = str(bidang(_form(nilai=Decimal("81.32"))["nilai"]))
    assert '<label class="form-label" for="id_r12-nilai">Realisasi (%)</label>' in html
    assert 'name="r12-nilai" value="81,32"' in html and 'id="id_r12-nilai"' in html
    assert "is-invalid" not in html and "invalid-feedback" not in html


def test_error_is_beside_the_field_and_named_by_the_input():
    form = _form({"r12-nilai": "bukan angka", "r12-catatan": "", "r12-revisi": "0"}, {})
    assert not form.is_valid()
    html = str(bidang(form["nilai"]))
    assert 'class="form-control is-invalid"' in html and 'aria-invalid="true"' in html
    assert 'aria-describedby="id_r12-nilai_galat"' in html
    assert '<div id="id_r12-nilai_galat" class="invalid-feedback"><strong>' in html
    assert f"<strong>{escape(form.errors['nilai'][0])}</strong>" in html
    assert 'value="bukan angka"' in html


def test_file_field_has_its_help_text_described():
    form = _form({"r12-nilai": "", "r12-catatan": "", "r12-revisi": "0"},
                 {"r12-berkas": SimpleUploadedFile("a.exe", b"x")})
    form.is_valid()
    html = str(bidang(form["berkas"]))
    assert 'type="file" name="r12-berkas"' in html
    assert 'aria-describedby="id_r12-berkas_helptext"' in html
    assert '<div id="id_r12-berkas_helptext" class="form-text">PDF, PNG, JPEG atau XLSX.</div>' in html
