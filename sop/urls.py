from django.urls import path

from .views import arsip, pengukuran, pengumpulan, siklus

app_name = "sop"

urlpatterns = [
    path("", siklus.ikhtisar, name="ikhtisar"),
    path("tahun/<int:tahun>/", siklus.tahun, name="tahun"),
    path("kantor/<int:pd>/tahun/<int:tahun>/", siklus.tahun, name="tahun_kantor"),
    path("kabupaten/", siklus.kabupaten, name="kabupaten"),
    path("arsip/<int:tahun>/", arsip.arsip, name="arsip"),
    path("siklus/buka/", siklus.siklus_buka, name="siklus_buka"),
    path("siklus/<int:pk>/", siklus.siklus_detail, name="siklus_detail"),
    path("siklus/<int:pk>/buka-kembali/", siklus.siklus_buka_kembali, name="siklus_buka_kembali"),
    # SOP A — Pengumpulan Data Kinerja
    path("siklus/<int:pk>/disposisi-kadin/", pengumpulan.disposisi_kadin, name="disposisi_kadin"),
    path("siklus/<int:pk>/disposisi-kabid/", pengumpulan.disposisi_kabid, name="disposisi_kabid"),
    path("siklus/<int:pk>/pembagian-tugas/", pengumpulan.pembagian_tugas, name="pembagian_tugas"),
    path("tugas/<int:pk>/", pengumpulan.tugas_isi, name="tugas_isi"),
    path("tugas/<int:pk>/pemeriksaan/", pengumpulan.pemeriksaan, name="pemeriksaan"),
    path("siklus/<int:pk>/persiapan-pengukuran/", pengumpulan.persiapan_pengumpulan, name="persiapan_pengumpulan"),
    # SOP B — Pengukuran Kinerja
    path("siklus/<int:pk>/pengukuran/persiapan/", pengukuran.pengukuran_persiapan, name="pengukuran_persiapan"),
    path("siklus/<int:pk>/pengukuran/draft/", pengukuran.pengukuran_draft, name="pengukuran_draft"),
    path("siklus/<int:pk>/pengukuran/reviu/", pengukuran.pengukuran_reviu, name="pengukuran_reviu"),
    path("siklus/<int:pk>/pengukuran/pengesahan/", pengukuran.pengukuran_pengesahan, name="pengukuran_pengesahan"),
    path("siklus/<int:pk>/pengukuran/arsip/", pengukuran.pengukuran_arsip, name="pengukuran_arsip"),
    # files, only for the people of their office
    path("bukti/<int:pk>/unduh/", arsip.bukti_unduh, name="bukti_unduh"),
    path("dokumen/<int:pk>/unduh/", arsip.dokumen_unduh, name="dokumen_unduh"),
    path("draft/<int:pk>/pdf/", arsip.draft_pdf, name="draft_pdf"),
    path("disposisi/<int:pk>/pdf/", arsip.disposisi_pdf, name="disposisi_pdf"),
    path("siklus/<int:pk>/pembagian-tugas/pdf/", arsip.pembagian_pdf, name="pembagian_pdf"),
    path("lembar/<int:pk>/pdf/", arsip.lembar_pdf, name="lembar_pdf"),
]
