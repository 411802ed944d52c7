"""Forms of the monitoring and evaluation pages (Indonesian labels and messages)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from organisasi.models import Pegawai
from sop.models import JenisSOP


class PeriodeForm(forms.Form):
    """Draft a new form: which SOP, which period (empty: the last six months)."""

    jenis = forms.ChoiceField(label=_("SOP"), choices=JenisSOP.choices)
    mulai = forms.DateField(
        label=_("Periode mulai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Kosongkan untuk enam bulan terakhir."),
    )
    selesai = forms.DateField(
        label=_("Periode selesai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if mulai and selesai and selesai < mulai:
            self.add_error(
                "selesai",
                _("Tanggal akhir periode tidak boleh sebelum tanggal awalnya."),
            )
        return data


PENILAIAN = [
    ("baik", _("Berjalan dengan baik")),
    ("tidak", _("Tidak berjalan dengan baik")),
]


class PenilaianLangkahForm(forms.Form):
    """The assessment of one step (the form is prefixed with the step's code)."""

    penilaian = forms.ChoiceField(
        label=_("Penilaian"),
        choices=PENILAIAN,
        widget=forms.RadioSelect,
        required=False,
    )
    catatan = forms.CharField(
        label=_("Catatan hasil penilaian"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    tindakan = forms.CharField(
        label=_("Tindakan yang harus diambil"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def isi(self) -> dict:
        p = self.cleaned_data.get("penilaian")
        return {
            "baik": None if not p else p == "baik",
            "catatan": self.cleaned_data["catatan"],
            "tindakan": self.cleaned_data["tindakan"],
        }


class PenilaiForm(forms.Form):
    """The Kadin names the assessor among his office's active staff."""

    pegawai = forms.ModelChoiceField(
        label=_("Penilai SOP"),
        queryset=Pegawai.objects.none(),
        error_messages={"invalid_choice": _("Pilih pegawai perangkat daerah ini.")},
    )

    def __init__(self, *args, pd_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].queryset = Pegawai.objects.filter(
            perangkat_daerah_id=pd_id, aktif=True
        ).order_by("nama")


JAWABAN = [("ya", _("Ya")), ("tidak", _("Tidak"))]


class JawabanForm(forms.Form):
    """The answer to one evaluation question (the form is prefixed with its code)."""

    jawaban = forms.ChoiceField(
        label=_("Jawaban"), choices=JAWABAN, widget=forms.RadioSelect, required=False
    )
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def isi(self) -> dict:
        j = self.cleaned_data.get("jawaban")
        return {
            "ya": None if not j else j == "ya",
            "catatan": self.cleaned_data["catatan"],
        }


class PeriodeKabupatenForm(forms.Form):
    """The period of the kabupaten view (empty: the last six months)."""

    mulai = forms.DateField(
        label=_("Periode mulai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    selesai = forms.DateField(
        label=_("Periode selesai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
