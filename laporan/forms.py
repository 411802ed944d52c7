"""The filters of the report pages (GET forms). A bad value shows an error beside its
field and the page falls back to the default for that field; never an error page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.models import TRIWULAN_ROMAWI
from organisasi.models import PerangkatDaerah

from .selectors.kabupaten import URUTAN

PILIHAN_TW = [(tw, f"TW {r}") for tw, r in TRIWULAN_ROMAWI.items()]


def _tahun_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Tahun"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )


def _tw_field(label, kosong: str | None = None) -> forms.TypedChoiceField:
    choices = ([("", kosong)] if kosong is not None else []) + PILIHAN_TW
    return forms.TypedChoiceField(
        label=label,
        required=False,
        choices=choices,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


def data_valid(form: forms.Form) -> dict:
    """The fields that passed validation (all of them when the form is valid)."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return {
        k: v
        for k, v in getattr(form, "cleaned_data", {}).items()
        if k not in form.errors
    }


class FilterDasbor(forms.Form):
    tahun = _tahun_field()
    tw = _tw_field(_("Sampai triwulan"), kosong=_("Terakhir berdata"))
    pd = forms.ModelChoiceField(
        label=_("Perangkat daerah"),
        required=False,
        queryset=PerangkatDaerah.objects.order_by("nama"),
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, pilih_kantor: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not pilih_kantor:
            del self.fields["pd"]


class FilterKetepatan(forms.Form):
    tahun = _tahun_field()
    dari = _tw_field(_("Dari triwulan"))
    sampai = _tw_field(_("Sampai triwulan"))
    pd = forms.ModelMultipleChoiceField(
        label=_("Perangkat daerah"),
        required=False,
        queryset=PerangkatDaerah.objects.order_by("nama"),
        help_text=_("Kosongkan untuk semua perangkat daerah."),
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 4}),
    )

    def __init__(self, *args, pilih_kantor: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not pilih_kantor:
            del self.fields["pd"]

    def clean(self):
        data = super().clean()
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and sampai and dari > sampai:
            self.add_error(
                "sampai", _("Triwulan akhir tidak boleh sebelum triwulan awal.")
            )
        return data


class FilterKabupaten(forms.Form):
    tahun = _tahun_field()
    tw = _tw_field(_("Triwulan"), kosong=_("Terakhir dibuka"))
    urut = forms.ChoiceField(
        label=_("Urutkan"),
        required=False,
        choices=[(k, k) for k in URUTAN] + [(f"-{k}", f"-{k}") for k in URUTAN],
        widget=forms.HiddenInput,
    )
