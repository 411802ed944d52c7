"""Admin: the SOP sheets and the working calendar are editable; processes are
read-only here (they move only through the services); the trail cannot be added,
changed or deleted."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import (
    SOP,
    Disposisi,
    DokumenPengukuran,
    DraftPengukuran,
    HariLibur,
    JamKerja,
    Jejak,
    LangkahBerjalan,
    LangkahSOP,
    PemeriksaanIndikator,
    ProsesPengukuran,
    ProsesPengumpulan,
    Siklus,
    TugasPengumpulan,
)
from .services import sop_revise


class ReadOnlyAdmin(admin.ModelAdmin):
    """List and view only."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LangkahSOPInline(admin.TabularInline):
    model = LangkahSOP
    extra = 0
    fields = [
        "nomor",
        "kode",
        "kegiatan",
        "pelaksana",
        "kelengkapan",
        "waktu_nilai",
        "waktu_satuan",
        "waktu_teks",
        "output",
        "keterangan",
    ]
    readonly_fields = ["kode"]

    def has_add_permission(self, request, obj=None):
        return False  # the steps are bound to the state machine by their kode

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.berlaku


@admin.register(SOP)
class SOPAdmin(admin.ModelAdmin):
    list_display = [
        "nama",
        "nomor",
        "versi",
        "berlaku",
        "tanggal_pengesahan",
        "disahkan_nama",
    ]
    list_filter = ["jenis", "berlaku"]
    inlines = [LangkahSOPInline]
    readonly_fields = ["jenis", "versi", "berlaku", "dibuat_pada"]
    actions = ["buat_revisi"]

    def has_change_permission(self, request, obj=None):
        # an old version is history: cycles that ran with it point at it
        if obj is not None and not obj.berlaku:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Buat revisi (versi baru) dari lembar SOP terpilih"))
    def buat_revisi(self, request, queryset):
        for sop in queryset:
            baru = sop_revise(sop=sop, catatan_revisi=str(_("Dibuat dari admin")))
            self.message_user(
                request,
                _("Versi %(v)s dari %(nama)s dibuat dan berlaku; versi lama disimpan.")
                % {"v": baru.versi, "nama": baru.nama},
                messages.SUCCESS,
            )


@admin.register(JamKerja)
class JamKerjaAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "senin",
        "selasa",
        "rabu",
        "kamis",
        "jumat",
        "sabtu",
        "minggu",
    ]

    def has_add_permission(self, request):
        return not JamKerja.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HariLibur)
class HariLiburAdmin(admin.ModelAdmin):
    list_display = ["tanggal", "nama", "sumber"]
    list_filter = ["sumber"]
    date_hierarchy = "tanggal"
    search_fields = ["nama"]


@admin.register(Jejak)
class JejakAdmin(ReadOnlyAdmin):
    list_display = [
        "waktu",
        "siklus",
        "proses",
        "transisi_label",
        "aktor_label",
        "aktor_nama",
        "menit_kerja",
        "standar_teks",
        "terlambat",
    ]
    list_filter = ["proses", "terlambat"]
    list_select_related = ["siklus__perangkat_daerah"]

    def get_actions(self, request):
        return {}  # no bulk delete


class TugasInline(admin.TabularInline):
    model = TugasPengumpulan
    extra = 0
    fields = ["anggota", "status", "putaran", "diserahkan_pada"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Siklus)
class SiklusAdmin(ReadOnlyAdmin):
    list_display = ["perangkat_daerah", "tahun", "triwulan", "status", "dibuka_pada"]
    list_filter = ["tahun", "triwulan", "status", "perangkat_daerah"]
    list_select_related = ["perangkat_daerah"]


@admin.register(ProsesPengumpulan)
class ProsesPengumpulanAdmin(ReadOnlyAdmin):
    list_display = ["siklus", "status", "dimulai_pada", "selesai_pada"]
    inlines = [TugasInline]


@admin.register(ProsesPengukuran)
class ProsesPengukuranAdmin(ReadOnlyAdmin):
    list_display = ["siklus", "status", "dimulai_pada", "selesai_pada"]


for model, cols in [
    (Disposisi, ["proses", "dari_label", "kepada", "tanggal"]),
    (
        PemeriksaanIndikator,
        ["tugas", "indikator", "putaran", "diterima", "diperiksa_pada"],
    ),
    (DraftPengukuran, ["proses", "revisi", "hasil_reviu", "dibuat_pada"]),
    (
        DokumenPengukuran,
        [
            "proses",
            "versi",
            "disahkan_sebagai",
            "disahkan_nama",
            "disahkan_pada",
            "diarsipkan_pada",
        ],
    ),
    (
        LangkahBerjalan,
        [
            "siklus",
            "kode",
            "putaran",
            "menunggu_peran",
            "mulai",
            "selesai",
            "menit_kerja",
            "terlambat",
        ],
    ),
]:
    admin.site.register(
        model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), {"list_display": cols})
    )
