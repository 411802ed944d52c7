"""Forms of the SOP step pages. They validate what a person typed and keep it when
refused; the services behind them decide whether the step may be taken."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.forms import AngkaField, format_angka, tambah_galat  # noqa: F401  (re-exported for sop views)
from kinerja.models import Indikator, Triwulan
from organisasi.models import Pegawai
from umum.validators import tanggal_wajar


def pegawai_label(p: Pegawai) -> str:
    """A person as the recipient and member choices name him: name with titles, then position."""
    jabatan = p.jabatan.nama if p.jabatan_id else ""
    return f"{p.nama_lengkap} — {jabatan}" if jabatan else p.nama_lengkap


class PegawaiChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Pegawai) -> str:
        return pegawai_label(obj)


class SiklusBukaForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    triwulan = forms.TypedChoiceField(
        label=_("Triwulan"), choices=Triwulan.choices, coerce=int
    )


class DisposisiForm(forms.Form):
    """Steps 1 and 2 of SOP A: to whom, what, and the date of the disposition."""

    kepada = PegawaiChoiceField(
        label=_("Kepada"),
        queryset=Pegawai.objects.none(),
        empty_label=_("— pilih penerima —"),
        error_messages={
            "required": _("Pilih penerima disposisi."),
            "invalid_choice": _("Pilih penerima dari daftar."),
        },
    )
    isi = forms.CharField(
        label=_("Isi disposisi"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Isi disposisi wajib diisi.")},
        help_text=_(
            "Instruksi tertulis yang jelas: data apa yang dikumpulkan, oleh siapa, dan kapan."
        ),
    )
    tanggal = forms.DateField(
        label=_("Tanggal disposisi"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Isi tanggal disposisi."),
            "invalid": _("Tanggal tidak valid."),
        },
        validators=[tanggal_wajar],
    )

    def __init__(self, *args, penerima: Iterable[Pegawai], **kwargs):
        kwargs.setdefault("initial", {}).setdefault("tanggal", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["kepada"].queryset = Pegawai.objects.filter(
            pk__in=[p.pk for p in penerima]
        ).select_related("jabatan")

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if tanggal > timezone.localdate():
            raise ValidationError(_("Tanggal disposisi tidak boleh setelah hari ini."))
        return tanggal


class PembagianTugasForm(forms.Form):
    """Step 3 of SOP A: each indicator of the plan goes to one Tim Kerja member."""

    catatan = forms.CharField(
        label=_("Catatan pembagian tugas"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Catatan pembagian tugas wajib diisi.")},
        help_text=_(
            "Arahan untuk tim: sumber data, tenggat, hal yang perlu diperhatikan."
        ),
    )

    def __init__(
        self, *args, indikator: list[Indikator], anggota: list[Pegawai], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        self.anggota = {str(p.pk): p for p in anggota}
        pilihan = [("", _("— pilih anggota —"))] + [
            (str(p.pk), p.nama_lengkap) for p in anggota
        ]
        for ind in indikator:
            self.fields[f"ind_{ind.pk}"] = forms.ChoiceField(
                label=f"{ind.kode} {ind.nama}".strip(),
                choices=pilihan,
                error_messages={
                    "required": _("Pilih anggota Tim Kerja untuk indikator ini."),
                    "invalid_choice": _("Pilih anggota dari daftar."),
                },
            )
        for p in anggota:
            self.fields[f"catatan_{p.pk}"] = forms.CharField(
                label=_("Catatan untuk %(nama)s") % {"nama": p.nama_lengkap},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=2000,
            )

    def baris(self):
        """(indicator, its bound select) in plan order, for the template."""
        return [(ind, self[f"ind_{ind.pk}"]) for ind in self.indikator]

    def catatan_fields(self):
        return [self[f"catatan_{pk}"] for pk in self.anggota]

    def pembagian(self) -> dict[Pegawai, list[Indikator]]:
        out: dict[Pegawai, list[Indikator]] = {}
        for ind in self.indikator:
            out.setdefault(self.anggota[self.cleaned_data[f"ind_{ind.pk}"]], []).append(
                ind
            )
        return out

    def catatan_anggota(self) -> dict[Pegawai, str]:
        return {
            p: self.cleaned_data.get(f"catatan_{pk}", "")
            for pk, p in self.anggota.items()
        }


class RealisasiForm(forms.Form):
    """One row of a member's data entry grid (prefix `r<indicator id>`)."""

    # the same number field as the plan pages: Indonesian input, checked against the column's size
    nilai = AngkaField(label=_("Realisasi"), required=False)
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        max_length=4000,
    )
    revisi = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    berkas = forms.FileField(
        label=_("Unggah bukti dukung"),
        required=False,
        help_text=_("PDF, PNG, JPEG atau XLSX."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.png,.jpg,.jpeg,.xlsx", "class": "form-control"}
        ),
    )

    def __init__(self, *args, indikator: Indikator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        # the grid renders each field with Django's own widget (sop/_bidang.html), in Bootstrap's look
        self.fields["nilai"].widget.attrs["class"] = "form-control"
        self.fields["nilai"].label = _("Realisasi (%(satuan)s)") % {
            "satuan": indikator.satuan
        }

    @property
    def nilai_berubah(self) -> bool:
        return any(name in self.changed_data for name in ("nilai", "catatan"))


class PemeriksaanForm(forms.Form):
    """Step 5 of SOP A for one indicator (prefix `p<indicator id>`): accept, or return with a reason."""

    TERIMA = "terima"
    KEMBALIKAN = "kembalikan"

    keputusan = forms.ChoiceField(
        label=_("Hasil pemeriksaan"),
        widget=forms.RadioSelect,
        initial=TERIMA,
        choices=[
            (TERIMA, _("Lengkap, diterima")),
            (KEMBALIKAN, _("Dikembalikan untuk dilengkapi/diperbaiki")),
        ],
    )
    alasan = forms.CharField(
        label=_("Alasan dikembalikan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def clean(self):
        data = super().clean()
        if data.get("keputusan") == self.KEMBALIKAN and not data.get("alasan"):
            self.add_error("alasan", _("Tuliskan alasan pengembalian."))
        return data


class CatatanForm(forms.Form):
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class ReviuForm(forms.Form):
    """Step 3 of SOP B: the Kadin's notes; required when the draft goes back."""

    catatan = forms.CharField(
        label=_("Catatan reviu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Wajib diisi bila draft dikembalikan: apa yang harus diperbaiki."),
    )


class AlasanForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Alasan membuka kembali wajib diisi.")},
    )
