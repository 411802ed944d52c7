"""The grid's plain Bootstrap field markup (`{% bidang %}`) gives what Django's widget templates give."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

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


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("value", [Decimal("0"), Decimal("-0.00"), Decimal("1234567.890"), Decimal("0.0001"),
                                   Decimal("-1234.5"), Decimal("1E+5"), Decimal("100.00"), 12, 1.5])
def test_angka_writes_what_format_angka_writes(lang, value):
    """The grid's `|angka` (Indonesian numbers written in Python) gives Django's text."""
    from django.utils import translation

    from sop.forms import format_angka
    from sop.templatetags.sop_ui import angka

    with translation.override(lang):
        assert angka(value) == format_angka(Decimal(str(value)))


def test_daftar_bukti_links_each_file_with_its_size(db):
    from django.template.loader import render_to_string
    from django.urls import reverse

    from kinerja.models import BuktiDukung
    from sop.templatetags.sop_ui import daftar_bukti

    bukti = [BuktiDukung(pk=5, nama_asli="rekap <final>.pdf", ukuran=123456), BuktiDukung(pk=1234, nama_asli="x.pdf",
                                                                                         ukuran=10)]
    html = str(daftar_bukti(bukti))
    assert f'<a href="{reverse("sop:bukti_unduh", args=[1234])}">x.pdf</a>' in html
    assert "rekap &lt;final&gt;.pdf" in html and "(120,6\xa0KB)" in html and html.count("<li>") == 2
    assert str(daftar_bukti([])) == '<p class="small text-muted mb-2">Belum ada bukti dukung.</p>'
    # the shared partial is the same list
    assert render_to_string("sop/_bukti_list.html", {"bukti": bukti}).strip() == html


@pytest.mark.parametrize("value", ['a <b> & "c" \'d\'', "", mark_safe("<i>aman</i>"), gettext_lazy("Catatan"),
                                   12, None, Decimal("1.5"), "<", SimpleUploadedFile.__name__])
def test_escape_is_conditional_escape(value):
    from django.utils.html import conditional_escape

    from sop.templatetags.sop_ui import escape as cepat

    assert cepat(value) == conditional_escape(value) and str(cepat(value)) == str(conditional_escape(value))
