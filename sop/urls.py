from django.urls import path

from . import views

app_name = "sop"

urlpatterns = [
    path("", views.ikhtisar, name="ikhtisar"),
    path("tahun/<tahun:tahun>/", views.tahun, name="tahun"),
    path("kantor/<id:pd>/tahun/<tahun:tahun>/", views.tahun, name="tahun_kantor"),
    path("kabupaten/", views.kabupaten, name="kabupaten"),
    path("arsip/<tahun:tahun>/", views.arsip, name="arsip"),
    path("siklus/buka/", views.siklus_buka, name="siklus_buka"),
    path("siklus/<id:pk>/", views.siklus_detail, name="siklus_detail"),
    path("siklus/<id:pk>/buka-kembali/", views.siklus_buka_kembali, name="siklus_buka_kembali"),
    # SOP A — Pengumpulan Data Kinerja
    path("siklus/<id:pk>/disposisi-kadin/", views.disposisi_kadin, name="disposisi_kadin"),
    path("siklus/<id:pk>/disposisi-kabid/", views.disposisi_kabid, name="disposisi_kabid"),
    path("siklus/<id:pk>/pembagian-tugas/", views.pembagian_tugas, name="pembagian_tugas"),
    path("tugas/<id:pk>/", views.tugas_isi, name="tugas_isi"),
    path("tugas/<id:pk>/pemeriksaan/", views.pemeriksaan, name="pemeriksaan"),
    path("siklus/<id:pk>/persiapan-pengukuran/", views.persiapan_pengumpulan, name="persiapan_pengumpulan"),
    # SOP B — Pengukuran Kinerja
    path("siklus/<id:pk>/pengukuran/persiapan/", views.pengukuran_persiapan, name="pengukuran_persiapan"),
    path("siklus/<id:pk>/pengukuran/draft/", views.pengukuran_draft, name="pengukuran_draft"),
    path("siklus/<id:pk>/pengukuran/reviu/", views.pengukuran_reviu, name="pengukuran_reviu"),
    path("siklus/<id:pk>/pengukuran/pengesahan/", views.pengukuran_pengesahan, name="pengukuran_pengesahan"),
    path("siklus/<id:pk>/pengukuran/arsip/", views.pengukuran_arsip, name="pengukuran_arsip"),
    # files, only for the people of their office
    path("bukti/<id:pk>/unduh/", views.bukti_unduh, name="bukti_unduh"),
    path("dokumen/<id:pk>/unduh/", views.dokumen_unduh, name="dokumen_unduh"),
    path("draft/<id:pk>/pdf/", views.draft_pdf, name="draft_pdf"),
    path("disposisi/<id:pk>/pdf/", views.disposisi_pdf, name="disposisi_pdf"),
    path("siklus/<id:pk>/pembagian-tugas/pdf/", views.pembagian_pdf, name="pembagian_pdf"),
    path("lembar/<id:pk>/pdf/", views.lembar_pdf, name="lembar_pdf"),
]
