"""Forms of the plan pages (Tim SAKIP). Numbers are typed the Indonesian way.

Forms only parse and check the shape of the input; the rules live in the
services, whose ValidationErrors are put beside the field they name
(`tambah_galat`). A refused form is re-rendered with what was typed.
"""

from __future__ import annotations

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisasi.models import Jabatan, Pegawai, PerangkatDaerah, Unit
from umum.format import angka

from .models import IKI, NILAI, TRIWULAN_ROMAWI, Agregasi, Indikator, PerjanjianKinerja, Polaritas, SasaranStrategis
from .validators import parse_angka

TRIWULAN = (1, 2, 3, 4)
RUPIAH = dict(max_digits=18, decimal_places=2)


def tambah_galat(form: forms.Form, exc: ValidationError) -> None:
    """A service's ValidationError on the form: beside the named field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def format_angka(value: Decimal | None) -> str:
    """`1.234,5`: a stored number as an Indonesian reads and types it, without trailing zeros
    (`umum.format.angka` without rounding: a form field shows the value as stored); empty
    for no value, as an input shows it."""
    return "" if value is None else angka(value)


class AngkaField(forms.CharField):
    """A number typed as `1.250.000,50`, `87,5` or `87.5`; checked against the column's size.

    Bad text, a negative where `min_value` forbids it, and a number with more
    digits than the column holds are refused with an Indonesian message; the
    typed text stays in the field.
    """

    default_error_messages = {
        "invalid": _("Masukkan angka, mis. 87,5 atau 1.250.000."),
        "min_value": _("Tidak boleh kurang dari %(limit_value)s."),
    }

    def __init__(self, *, max_digits: int = NILAI["max_digits"], decimal_places: int = NILAI["decimal_places"],
                 min_value: Decimal | None = None, **kwargs):
        self.max_digits, self.decimal_places, self.min_value = max_digits, decimal_places, min_value
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off",
                                                           "maxlength": "60"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 60:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return parse_angka(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        DecimalValidator(self.max_digits, self.decimal_places)(value)
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(self.error_messages["min_value"], code="min_value",
                                  params={"limit_value": format_angka(self.min_value)})

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_angka(value)
        return value


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout) if layout else None
    return helper


class PerjanjianForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    tanggal = forms.DateField(label=_("Tanggal penandatanganan"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    pihak_pertama = forms.ModelChoiceField(label=_("Pihak pertama (Kepala Dinas)"), queryset=Pegawai.objects.none(),
                                           required=False)
    pihak_kedua_nama = forms.CharField(label=_("Nama pihak kedua"), max_length=150, required=False)
    pihak_kedua_jabatan = forms.CharField(label=_("Jabatan pihak kedua"), max_length=150, initial="Bupati")

    def __init__(self, *args, pd: PerangkatDaerah, edit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pihak_pertama"].queryset = Pegawai.objects.for_pd(pd).aktif().select_related("jabatan")
        if edit:
            del self.fields["tahun"]
        else:
            self.fields["tahun"].initial = timezone.localdate().year + 1
        self.helper = _helper()


class SasaranForm(forms.Form):
    kode = forms.CharField(label=_("Kode"), max_length=20, required=False)
    uraian = forms.CharField(label=_("Sasaran strategis"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    urutan = forms.IntegerField(label=_("Urutan"), min_value=0, max_value=32767, required=False,
                                help_text=_("Kosongkan untuk menaruh di akhir."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class IndikatorForm(forms.Form):
    """An indicator with its yearly target and the four quarterly targets (Rencana Aksi)."""

    sasaran = forms.ModelChoiceField(label=_("Sasaran strategis"), queryset=SasaranStrategis.objects.none())
    kode = forms.CharField(label=_("Kode"), max_length=20, required=False)
    nama = forms.CharField(label=_("Indikator kinerja"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    satuan = forms.CharField(label=_("Satuan"), max_length=50, help_text=_("Mis. %, orang, hari, Rupiah, indeks."))
    is_iku = forms.BooleanField(label=_("Indikator Kinerja Utama (IKU)"), required=False)
    polaritas = forms.ChoiceField(label=_("Arah"), choices=Polaritas.choices)
    agregasi = forms.ChoiceField(label=_("Agregasi tahunan"), choices=Agregasi.choices, initial=Agregasi.TERAKHIR,
                                 help_text=_("Cara triwulan dijumlahkan menjadi nilai tahunan; juga cara membaca target triwulan."))
    desimal = forms.IntegerField(label=_("Jumlah desimal"), min_value=0, max_value=4, initial=2)
    unit_penanggung_jawab = forms.ModelChoiceField(label=_("Unit penanggung jawab"), queryset=Unit.objects.none(),
                                                   required=False)
    target_tahunan = AngkaField(label=_("Target tahunan"), required=False)
    target_tahunan_maks = AngkaField(label=_("Batas atas target tahunan"), required=False,
                                     help_text=_("Hanya untuk arah 'dalam rentang'."))
    urutan = forms.IntegerField(label=_("Urutan"), min_value=0, max_value=32767, required=False)

    def __init__(self, *args, perjanjian: PerjanjianKinerja, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sasaran"].queryset = perjanjian.sasaran.all()
        self.fields["unit_penanggung_jawab"].queryset = Unit.objects.filter(perangkat_daerah=perjanjian.perangkat_daerah_id)
        rows = []
        for tw in TRIWULAN:
            r = TRIWULAN_ROMAWI[tw]
            self.fields[f"target_tw{tw}"] = AngkaField(label=_("Target TW %(tw)s") % {"tw": r}, required=False)
            self.fields[f"target_maks_tw{tw}"] = AngkaField(label=_("Batas atas TW %(tw)s") % {"tw": r}, required=False)
            self.fields[f"rencana_aksi_tw{tw}"] = forms.CharField(
                label=_("Rencana aksi TW %(tw)s") % {"tw": r}, required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            rows.append(Row(Column(f"target_tw{tw}", css_class="col-md-3"), Column(f"target_maks_tw{tw}", css_class="col-md-3"),
                            Column(f"rencana_aksi_tw{tw}", css_class="col-md-6")))
        self.helper = _helper(
            "sasaran", Row(Column("kode", css_class="col-md-3"), Column("satuan", css_class="col-md-3"),
                           Column("desimal", css_class="col-md-3"), Column("urutan", css_class="col-md-3")),
            "nama", "is_iku",
            Row(Column("polaritas", css_class="col-md-4"), Column("agregasi", css_class="col-md-4"),
                Column("unit_penanggung_jawab", css_class="col-md-4")),
            Row(Column("target_tahunan", css_class="col-md-6"), Column("target_tahunan_maks", css_class="col-md-6")),
            Fieldset(_("Rencana aksi: target per triwulan"), *rows),
        )

    @staticmethod
    def initial_dari(indikator: Indikator) -> dict:
        data = {f: getattr(indikator, f) for f in ("sasaran", "kode", "nama", "satuan", "is_iku", "polaritas", "agregasi",
                                                    "desimal", "unit_penanggung_jawab", "target_tahunan",
                                                    "target_tahunan_maks", "urutan")}
        for t in indikator.target_triwulan.all():
            data[f"target_tw{t.triwulan}"] = t.target
            data[f"target_maks_tw{t.triwulan}"] = t.target_maks
            data[f"rencana_aksi_tw{t.triwulan}"] = t.rencana_aksi
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return dict(
            kode=d["kode"], nama=d["nama"], satuan=d["satuan"], is_iku=d["is_iku"], polaritas=d["polaritas"],
            agregasi=d["agregasi"], desimal=d["desimal"], unit_penanggung_jawab=d["unit_penanggung_jawab"],
            target_tahunan=d["target_tahunan"], target_tahunan_maks=d["target_tahunan_maks"], urutan=d["urutan"],
            target_triwulan={
                tw: {"target": d[f"target_tw{tw}"], "target_maks": d[f"target_maks_tw{tw}"],
                     "rencana_aksi": d[f"rencana_aksi_tw{tw}"]}
                for tw in TRIWULAN
            },
        )


class ProgramForm(forms.Form):
    kode = forms.CharField(label=_("Kode"), max_length=30, required=False, help_text=_("Mis. 2.18.04"))
    nama = forms.CharField(label=_("Program/kegiatan"), max_length=300)
    anggaran = AngkaField(label=_("Anggaran tahunan (Rp)"), min_value=Decimal(0), **RUPIAH,
                          help_text=_("Anggaran per triwulan: kosongkan semua, atau isi sehingga jumlahnya sama "
                                      "dengan anggaran tahunan."))
    urutan = forms.IntegerField(label=_("Urutan"), min_value=0, max_value=32767, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cols = []
        for tw in TRIWULAN:
            self.fields[f"anggaran_tw{tw}"] = AngkaField(
                label=_("Anggaran TW %(tw)s (Rp)") % {"tw": TRIWULAN_ROMAWI[tw]}, required=False,
                min_value=Decimal(0), **RUPIAH,
            )
            cols.append(Column(f"anggaran_tw{tw}", css_class="col-md-3"))
        self.helper = _helper(
            Row(Column("kode", css_class="col-md-3"), Column("nama", css_class="col-md-9")),
            Row(Column("anggaran", css_class="col-md-6"), Column("urutan", css_class="col-md-6")),
            Fieldset(_("Rencana aksi: anggaran per triwulan"), Row(*cols)),
        )

    @staticmethod
    def initial_dari(program) -> dict:
        data = {"kode": program.kode, "nama": program.nama, "anggaran": program.anggaran, "urutan": program.urutan}
        for a in program.anggaran_triwulan.all():
            data[f"anggaran_tw{a.triwulan}"] = a.anggaran
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return dict(kode=d["kode"], nama=d["nama"], anggaran=d["anggaran"], urutan=d["urutan"],
                    anggaran_triwulan={tw: d[f"anggaran_tw{tw}"] for tw in TRIWULAN})


class IKIForm(forms.Form):
    """An IKI with one parent: `iku:<id>` (an IKU of the plan) or `iki:<id>` (a higher IKI)."""

    jabatan = forms.ModelChoiceField(label=_("Jabatan"), queryset=Jabatan.objects.none())
    induk = forms.ChoiceField(label=_("Diturunkan dari"))
    nama = forms.CharField(label=_("Indikator kinerja individu"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    satuan = forms.CharField(label=_("Satuan"), max_length=50)
    polaritas = forms.ChoiceField(label=_("Arah"), choices=[c for c in Polaritas.choices if c[0] != Polaritas.RENTANG])
    target_tahunan = AngkaField(label=_("Target tahunan"), required=False)

    def __init__(self, *args, perjanjian: PerjanjianKinerja, iki: IKI | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.perjanjian = perjanjian
        self.fields["jabatan"].queryset = Jabatan.objects.filter(perangkat_daerah=perjanjian.perangkat_daerah_id).exclude(
            tingkat=Jabatan.Tingkat.PELAKSANA)
        iku = Indikator.objects.for_pk(perjanjian).iku()
        ikis = IKI.objects.filter(perjanjian=perjanjian).select_related("jabatan")
        if iki is not None:
            ikis = ikis.exclude(pk=iki.pk)
        self._iku = {str(i.pk): i for i in iku}
        self._iki = {str(i.pk): i for i in ikis}
        self.fields["induk"].choices = [
            ("", "---------"),
            (_("IKU"), [(f"iku:{k}", f"{i.kode} {i.nama}".strip()) for k, i in self._iku.items()]),
            (_("IKI"), [(f"iki:{k}", f"{i.jabatan.nama}: {i.nama}") for k, i in self._iki.items()]),
        ]
        cols = []
        for tw in TRIWULAN:
            self.fields[f"target_tw{tw}"] = AngkaField(label=_("Target TW %(tw)s") % {"tw": TRIWULAN_ROMAWI[tw]},
                                                       required=False)
            cols.append(Column(f"target_tw{tw}", css_class="col-md-3"))
        self.helper = _helper("jabatan", "induk", "nama", Row(Column("satuan", css_class="col-md-4"),
                                                            Column("polaritas", css_class="col-md-4"),
                                                            Column("target_tahunan", css_class="col-md-4")),
                              Fieldset(_("Target per triwulan"), Row(*cols)))

    @staticmethod
    def initial_dari(iki: IKI) -> dict:
        data = {"jabatan": iki.jabatan, "nama": iki.nama, "satuan": iki.satuan, "polaritas": iki.polaritas,
                "target_tahunan": iki.target_tahunan,
                "induk": f"iku:{iki.induk_indikator_id}" if iki.induk_indikator_id else f"iki:{iki.induk_iki_id}"}
        for tw in TRIWULAN:
            data[f"target_tw{tw}"] = getattr(iki, f"target_tw{tw}")
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        jenis, _sep, pk = d["induk"].partition(":")
        return dict(
            jabatan=d["jabatan"], nama=d["nama"], satuan=d["satuan"], polaritas=d["polaritas"],
            induk_indikator=self._iku.get(pk) if jenis == "iku" else None,
            induk_iki=self._iki.get(pk) if jenis == "iki" else None,
            target_tahunan=d["target_tahunan"], target_triwulan={tw: d[f"target_tw{tw}"] for tw in TRIWULAN},
        )


class RevisiForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan revisi"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    tanggal = forms.DateField(label=_("Tanggal revisi"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tanggal"].initial = timezone.localdate()
        self.helper = _helper()


MAX_IMPOR_BYTES = 2 * 1024 * 1024


class ImporForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    berkas = forms.FileField(label=_("Berkas Excel (.xlsx)"),
                             widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
                             help_text=_("Gunakan templat dari aplikasi. Maksimum 2 MB."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].initial = timezone.localdate().year + 1
        self.helper = _helper()

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > MAX_IMPOR_BYTES:
            raise ValidationError(_("Berkas terlalu besar; maksimum 2 MB."))
        return berkas
