"""Read-only admin of the monitoring and evaluation forms: they are written through the
pages (services check the assessor and keep the trail), never edited here."""

from django.contrib import admin

from .models import (
    Evaluasi,
    EvaluasiJawaban,
    JejakMonev,
    Monitoring,
    MonitoringLangkah,
    PenunjukanPenilai,
)


class HanyaBaca(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MonitoringLangkahInline(admin.TabularInline):
    model = MonitoringLangkah
    fields = [
        "nomor",
        "kegiatan",
        "jumlah",
        "tepat_waktu",
        "kembali",
        "saran_baik",
        "baik",
        "catatan",
        "tindakan",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EvaluasiJawabanInline(admin.TabularInline):
    model = EvaluasiJawaban
    fields = ["nomor", "pertanyaan", "saran_ya", "ya", "catatan", "bukti"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Monitoring)
class MonitoringAdmin(HanyaBaca):
    list_display = [
        "perangkat_daerah",
        "jenis",
        "mulai",
        "selesai",
        "status",
        "dokumen",
    ]
    list_filter = ["status", "jenis", "perangkat_daerah"]
    inlines = [MonitoringLangkahInline]


@admin.register(Evaluasi)
class EvaluasiAdmin(HanyaBaca):
    list_display = [
        "perangkat_daerah",
        "jenis",
        "mulai",
        "selesai",
        "status",
        "dokumen",
    ]
    list_filter = ["status", "jenis", "perangkat_daerah"]
    inlines = [EvaluasiJawabanInline]


@admin.register(PenunjukanPenilai)
class PenunjukanPenilaiAdmin(HanyaBaca):
    list_display = [
        "perangkat_daerah",
        "pegawai",
        "ditunjuk_oleh",
        "ditunjuk_pada",
        "dicabut_pada",
    ]


@admin.register(JejakMonev)
class JejakMonevAdmin(HanyaBaca):
    list_display = [
        "waktu",
        "perangkat_daerah",
        "aksi",
        "aktor_nama",
        "monitoring",
        "evaluasi",
    ]
    list_filter = ["aksi", "perangkat_daerah"]
