"""Admin for performance data, scoped to the signed-in person's office.

The pages under /kinerja/ are the normal way to change a plan (they apply the
frozen-year rule through the services); the admin is for inspection and repair.
"""

from django.contrib import admin

from organisasi.admin import OfficeScopedAdmin

from .models import (
    IKI,
    AnggaranTriwulan,
    BuktiDukung,
    Indikator,
    JejakRencana,
    PerjanjianKinerja,
    Program,
    Realisasi,
    RealisasiAnggaran,
    SasaranStrategis,
    SkalaPredikat,
    TargetTriwulan,
)


class TargetTriwulanInline(admin.TabularInline):
    model = TargetTriwulan
    extra = 0
    max_num = 4


class AnggaranTriwulanInline(admin.TabularInline):
    model = AnggaranTriwulan
    extra = 0
    max_num = 4


class BuktiDukungInline(admin.TabularInline):
    model = BuktiDukung
    extra = 0
    fields = ["nama_asli", "jenis_konten", "ukuran", "keterangan", "diunggah_oleh", "diunggah_pada"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # uploads go through kinerja.services.bukti_add (content checks)


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(OfficeScopedAdmin):
    office_path = "perangkat_daerah"
    list_display = ["perangkat_daerah", "tahun", "versi", "berlaku", "dikunci_pada"]
    list_filter = ["tahun", "berlaku"]
    list_select_related = ["perangkat_daerah"]
    raw_id_fields = ["pihak_pertama"]


@admin.register(SasaranStrategis)
class SasaranStrategisAdmin(OfficeScopedAdmin):
    office_path = "perjanjian__perangkat_daerah"
    list_display = ["kode", "uraian", "perjanjian", "urutan"]
    list_select_related = ["perjanjian__perangkat_daerah"]
    search_fields = ["uraian", "kode"]


@admin.register(Indikator)
class IndikatorAdmin(OfficeScopedAdmin):
    office_path = "sasaran__perjanjian__perangkat_daerah"
    list_display = ["kode", "nama", "satuan", "is_iku", "polaritas", "agregasi", "target_tahunan"]
    list_filter = ["is_iku", "polaritas", "agregasi", "sasaran__perjanjian__tahun"]
    list_select_related = ["sasaran__perjanjian"]
    search_fields = ["nama", "kode"]
    raw_id_fields = ["sasaran", "unit_penanggung_jawab"]
    inlines = [TargetTriwulanInline]


@admin.register(Program)
class ProgramAdmin(OfficeScopedAdmin):
    office_path = "perjanjian__perangkat_daerah"
    list_display = ["kode", "nama", "anggaran", "perjanjian"]
    list_select_related = ["perjanjian__perangkat_daerah"]
    search_fields = ["nama", "kode"]
    inlines = [AnggaranTriwulanInline]


@admin.register(IKI)
class IKIAdmin(OfficeScopedAdmin):
    office_path = "perjanjian__perangkat_daerah"
    list_display = ["nama", "jabatan", "induk_indikator", "induk_iki", "target_tahunan"]
    list_select_related = ["jabatan", "induk_indikator", "induk_iki"]
    raw_id_fields = ["perjanjian", "jabatan", "induk_indikator", "induk_iki"]


@admin.register(Realisasi)
class RealisasiAdmin(OfficeScopedAdmin):
    office_path = "indikator__sasaran__perjanjian__perangkat_daerah"
    list_display = ["indikator", "triwulan", "nilai", "diisi_oleh", "diisi_pada", "revisi"]
    list_filter = ["triwulan", "indikator__sasaran__perjanjian__tahun"]
    list_select_related = ["indikator", "diisi_oleh"]
    raw_id_fields = ["indikator", "diisi_oleh"]
    readonly_fields = ["revisi"]
    inlines = [BuktiDukungInline]


@admin.register(RealisasiAnggaran)
class RealisasiAnggaranAdmin(OfficeScopedAdmin):
    office_path = "program__perjanjian__perangkat_daerah"
    list_display = ["program", "triwulan", "nilai", "diisi_oleh", "diisi_pada"]
    list_filter = ["triwulan"]
    list_select_related = ["program", "diisi_oleh"]
    raw_id_fields = ["program", "diisi_oleh"]


@admin.register(BuktiDukung)
class BuktiDukungAdmin(OfficeScopedAdmin):
    office_path = "realisasi__indikator__sasaran__perjanjian__perangkat_daerah"
    list_display = ["nama_asli", "realisasi", "jenis_konten", "ukuran", "diunggah_oleh", "diunggah_pada"]
    list_select_related = ["realisasi__indikator", "diunggah_oleh"]
    readonly_fields = ["berkas", "nama_asli", "jenis_konten", "ukuran", "diunggah_oleh", "diunggah_pada"]

    def has_add_permission(self, request):
        return False  # uploads go through kinerja.services.bukti_add (content checks)


@admin.register(SkalaPredikat)
class SkalaPredikatAdmin(admin.ModelAdmin):
    """The installation-wide predikat scale: only the kabupaten's superuser changes it."""

    list_display = ["batas_bawah", "nama", "warna"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(JejakRencana)
class JejakRencanaAdmin(OfficeScopedAdmin):
    """The plan's trail: read only (the services append it; nobody edits or deletes it)."""

    office_path = "perjanjian__perangkat_daerah"
    list_display = ["waktu", "perjanjian", "entitas", "entitas_id", "aksi", "aktor_nama"]
    list_filter = ["entitas", "aksi"]
    list_select_related = ["perjanjian__perangkat_daerah"]
    readonly_fields = ["perjanjian", "waktu", "aktor", "aktor_nama", "entitas", "entitas_id", "aksi", "sebelum", "sesudah"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
