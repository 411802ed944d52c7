from django import forms
from django.utils.translation import gettext_lazy as _

MAKS_BERKAS = 20 * 1024 * 1024


class VerifikasiForm(forms.Form):
    """Either a document number with the verification code printed on it, or a PDF file."""

    nomor = forms.CharField(
        label=_("Nomor dokumen"),
        max_length=80,
        required=False,
        help_text=_("Seperti tertulis pada dokumen, mis. 050/007/427.59/2026."),
    )
    kode = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=200,
        required=False,
        help_text=_(
            "Bagian akhir alamat yang tercetak di bawah kode QR dokumen, mis. 7hk3m9pqrs."
        ),
    )
    berkas = forms.FileField(
        label=_("atau unggah berkas PDF"),
        required=False,
        help_text=_("Berkas PDF yang ingin diperiksa, paling besar 20 MB."),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data.get("berkas")
        if berkas and berkas.size > MAKS_BERKAS:
            raise forms.ValidationError(_("Berkas terlalu besar (paling besar 20 MB)."))
        return berkas

    def clean_kode(self):
        # The whole printed address pasted in is forgiven: its last part is the code.
        kode = self.cleaned_data.get("kode", "").strip().rstrip("/")
        return kode.rsplit("/", 1)[-1][:16]

    def clean(self):
        data = super().clean()
        if self.errors or data.get("berkas"):
            return data
        if not data.get("nomor"):
            raise forms.ValidationError(_("Isi nomor dokumen atau unggah berkas PDF."))
        if not data.get("kode"):
            self.add_error(
                "kode",
                _(
                    "Isi juga kode verifikasi yang tercetak pada dokumen (bagian akhir alamat di bawah kode QR)."
                ),
            )
        return data
