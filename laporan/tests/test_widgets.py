"""The Python-rendered selects of the report filters give byte for byte Django's own markup."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from laporan.forms import FilterDasbor, FilterKabupaten, FilterKetepatan
from laporan.widgets import Angka, Pilihan, PilihanBanyak, Tersembunyi

PILIHAN = [("", "Semua"), (1, "TW I"), (2, 'A & B <"x">'), (3, mark_safe("<b>aman</b>"))]
BERGRUP = [("Grup <1>", [(1, "satu"), (2, "dua")]), (3, "tiga"), ("Grup 2", [(4, "empat")])]


@pytest.mark.parametrize("choices", [PILIHAN, BERGRUP, []])
@pytest.mark.parametrize("value", [None, "", 2, "3", [1, 3], ["4", 2]])
@pytest.mark.parametrize("attrs", [{}, {"class": "form-select", "size": 4, "required": True, "disabled": False,
                                       "data-x": 'a"b'}])
def test_same_markup_as_django(choices, value, attrs):
    for cepat, asli in ((Pilihan, forms.Select), (PilihanBanyak, forms.SelectMultiple)):
        a = cepat(attrs=attrs, choices=choices).render("pd", value, attrs={"id": "id_pd"})
        b = asli(attrs=attrs, choices=choices).render("pd", value, attrs={"id": "id_pd"})
        assert a == b


@pytest.mark.django_db
@pytest.mark.parametrize("form_class, data", [
    (FilterKetepatan, {"tahun": "2025", "dari": "1", "sampai": "3"}),
    (FilterDasbor, {"tahun": "2025", "tw": "2"}),
    (FilterKabupaten, {"tahun": "x", "tw": "9"}),
])
def test_filter_fields_render_as_with_djangos_widgets(demo, form_class, data):
    """Every field of the filters (the office list with offices selected too) renders as it did."""
    pd = [str(p.pk) for p in demo.dpmptsp.__class__.objects.order_by("pk")[:2]]
    for bound in ({**data, "pd": pd[0] if form_class is FilterDasbor else pd}, None):
        form = form_class(bound, **({} if form_class is FilterKabupaten else {"pilih_kantor": True}))
        for name, field in form.fields.items():
            w = field.widget
            if isinstance(w, (Angka, Tersembunyi)):
                asli = (forms.NumberInput if isinstance(w, Angka) else forms.HiddenInput)(attrs=w.attrs)
            else:
                asli = (forms.SelectMultiple if isinstance(w, PilihanBanyak) else forms.Select)(attrs=w.attrs)
                asli.choices = w.choices
            bf = form[name]
            assert bf.as_widget() == bf.as_widget(widget=asli)


@pytest.mark.parametrize("value", [None, "", 2026, "2026", "20<26 \"x\"", mark_safe("<b>"), 0, -1.5])
@pytest.mark.parametrize("attrs", [{}, {"class": "form-control", "min": 2000, "required": True, "disabled": False,
                                       "data-x": 'a"b'}])
def test_inputs_same_markup_as_django(value, attrs):
    for cepat, asli in ((Angka, forms.NumberInput), (Tersembunyi, forms.HiddenInput)):
        for localize in (False, True):
            a, b = cepat(attrs=attrs), asli(attrs=attrs)
            a.is_localized = b.is_localized = localize
            assert a.render("tahun", value, attrs={"id": "id_tahun"}) == b.render("tahun", value, attrs={"id": "id_tahun"})
