import os

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from .models import DokumenResmi, PengaturanNaskah, SertifikatKantor
from .signing import SertifikatTidakDapatDipakai, baca_pkcs12


class SertifikatKantorForm(forms.ModelForm):
    """Uploading a .p12 checks that it opens with the given passphrase before it is kept."""

    class Meta:
        model = SertifikatKantor
        fields = [
            "perangkat_daerah",
            "berkas",
            "passphrase",
            "passphrase_env",
            "self_signed",
            "aktif",
            "catatan",
        ]
        widgets = {"passphrase": forms.PasswordInput(render_value=True)}

    def clean(self):
        data = super().clean()
        berkas = data.get("berkas")
        if berkas and hasattr(berkas, "read") and not self.errors:
            env_name = data.get("passphrase_env")
            raw = os.environ.get(env_name, "") if env_name else data.get("passphrase")
            berkas.seek(0)
            try:
                self._info = baca_pkcs12(
                    berkas.read(), raw.encode("utf-8") if raw else None
                )
            except SertifikatTidakDapatDipakai as exc:
                raise ValidationError({"berkas": str(exc)}) from exc
            berkas.seek(0)
        return data

    def save(self, commit=True):
        obj = super().save(commit=False)
        info = getattr(self, "_info", None)
        if info:
            obj.sertifikat_pem, obj.subjek, obj.berlaku_sampai = (
                info.pem,
                info.subjek,
                info.berlaku_sampai,
            )
        if commit:
            obj.save()
        return obj


@admin.register(SertifikatKantor)
class SertifikatKantorAdmin(admin.ModelAdmin):
    form = SertifikatKantorForm
    list_display = [
        "perangkat_daerah",
        "subjek",
        "self_signed",
        "aktif",
        "berlaku_sampai",
    ]
    list_filter = ["self_signed", "aktif"]
    readonly_fields = ["subjek", "berlaku_sampai", "dibuat_pada"]


@admin.register(PengaturanNaskah)
class PengaturanNaskahAdmin(admin.ModelAdmin):
    list_display = ["perangkat_daerah", "kode_naskah"]


@admin.register(DokumenResmi)
class DokumenResmiAdmin(admin.ModelAdmin):
    """The archive is read-only: documents are issued by the application, never edited or deleted."""

    list_display = [
        "nomor",
        "jenis",
        "perangkat_daerah",
        "tahun",
        "triwulan",
        "revisi",
        "ditandatangani",
        "dibuat_pada",
    ]
    list_filter = ["jenis", "ditandatangani", "tahun", "perangkat_daerah"]
    search_fields = ["nomor", "kode", "judul", "sha256"]
    exclude = ["berkas", "sertifikat_pem"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
