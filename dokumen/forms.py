from django import forms
from django.utils.translation import gettext_lazy as _

MAKS_BERKAS = 20 * 1024 * 1024


class VerifikasiForm(forms.Form):
    """Either a document number or a PDF file; at least one."""

    nomor = forms.CharField(
        label=_("Nomor dokumen"), max_length=80, required=False,
        help_text=_("Seperti tertulis pada dokumen, mis. 050/007/427.59/2026."),
    )
    berkas = forms.FileField(
        label=_("atau unggah berkas PDF"), required=False,
        help_text=_("Berkas PDF yang ingin diperiksa, paling besar 20 MB."),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data.get("berkas")
        if berkas and berkas.size > MAKS_BERKAS:
            raise forms.ValidationError(_("Berkas terlalu besar (paling besar 20 MB)."))
        return berkas

    def clean(self):
        data = super().clean()
        if not data.get("nomor") and not data.get("berkas") and not self.errors:
            raise forms.ValidationError(_("Isi nomor dokumen atau unggah berkas PDF."))
        return data
