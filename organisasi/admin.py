"""Admin for master data. Office staff with admin access see only their own office."""

from django.contrib import admin

from .models import (
    AdminKabupaten,
    Jabatan,
    Pegawai,
    PelaksanaTugas,
    PerangkatDaerah,
    Tim,
    Unit,
)
from .roles import is_admin_kabupaten, pegawai_of


class OfficeScopedAdmin(admin.ModelAdmin):
    """Limits the change list and lookups to the signed-in person's office.

    `office_path` is the ORM path from the model to its PerangkatDaerah.
    """

    office_path = "perangkat_daerah"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if is_admin_kabupaten(request.user):
            return qs
        pegawai = pegawai_of(request.user)
        if pegawai is None:
            return qs.none()
        return qs.filter(**{self.office_path: pegawai.perangkat_daerah_id})


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(OfficeScopedAdmin):
    office_path = "pk"
    list_display = ["singkatan", "nama", "kabupaten"]
    search_fields = ["nama", "singkatan"]


@admin.register(Unit)
class UnitAdmin(OfficeScopedAdmin):
    list_display = ["nama", "jenis", "perangkat_daerah"]
    list_filter = ["jenis"]


@admin.register(Jabatan)
class JabatanAdmin(OfficeScopedAdmin):
    list_display = ["nama", "tingkat", "unit", "perangkat_daerah"]
    list_filter = ["tingkat"]


@admin.register(Pegawai)
class PegawaiAdmin(OfficeScopedAdmin):
    list_display = [
        "nama_lengkap",
        "nip_tercetak",
        "jabatan",
        "perangkat_daerah",
        "aktif",
    ]
    search_fields = ["nama", "nip"]
    list_select_related = ["jabatan", "perangkat_daerah"]
    raw_id_fields = ["user"]


@admin.register(Tim)
class TimAdmin(OfficeScopedAdmin):
    list_display = ["nama", "jenis", "perangkat_daerah"]
    filter_horizontal = ["anggota"]


@admin.register(PelaksanaTugas)
class PelaksanaTugasAdmin(OfficeScopedAdmin):
    office_path = "pegawai__perangkat_daerah"
    list_display = ["pegawai", "jenis", "jabatan", "mulai", "selesai"]


@admin.register(AdminKabupaten)
class AdminKabupatenAdmin(admin.ModelAdmin):
    list_display = ["user", "kabupaten"]

    def has_module_permission(self, request):
        return request.user.is_superuser
