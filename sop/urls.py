from django.urls import path

from .views import arsip, pengukuran, pengumpulan, siklus

app_name = "sop"

urlpatterns = [
    path("", siklus.ikhtisar, name="ikhtisar"),
    path("tahun/<tahun:tahun>/", siklus.tahun, name="tahun"),
    path("kantor/<id:pd>/tahun/<tahun:tahun>/", siklus.tahun, name="tahun_kantor"),
    path("kabupaten/", siklus.kabupaten, name="kabupaten"),
    path("arsip/<tahun:tahun>/", arsip.arsip, name="arsip"),
    path("siklus/buka/", siklus.siklus_buka, name="siklus_buka"),
    path("siklus/<id:pk>/", siklus.siklus_detail, name="siklus_detail"),
    path(
        "siklus/<id:pk>/buka-kembali/",
        siklus.siklus_buka_kembali,
        name="siklus_buka_kembali",
    ),
    # SOP A — Pengumpulan Data Kinerja
    path(
        "siklus/<id:pk>/disposisi-kadin/",
        pengumpulan.disposisi_kadin,
        name="disposisi_kadin",
    ),
    path(
        "siklus/<id:pk>/disposisi-kabid/",
        pengumpulan.disposisi_kabid,
        name="disposisi_kabid",
    ),
    path(
        "siklus/<id:pk>/pembagian-tugas/",
        pengumpulan.pembagian_tugas,
        name="pembagian_tugas",
    ),
    path("tugas/<id:pk>/", pengumpulan.tugas_isi, name="tugas_isi"),
    path("tugas/<id:pk>/pemeriksaan/", pengumpulan.pemeriksaan, name="pemeriksaan"),
    path(
        "siklus/<id:pk>/persiapan-pengukuran/",
        pengumpulan.persiapan_pengumpulan,
        name="persiapan_pengumpulan",
    ),
    # SOP B — Pengukuran Kinerja
    path(
        "siklus/<id:pk>/pengukuran/persiapan/",
        pengukuran.pengukuran_persiapan,
        name="pengukuran_persiapan",
    ),
    path(
        "siklus/<id:pk>/pengukuran/draft/",
        pengukuran.pengukuran_draft,
        name="pengukuran_draft",
    ),
    path(
        "siklus/<id:pk>/pengukuran/reviu/",
        pengukuran.pengukuran_reviu,
        name="pengukuran_reviu",
    ),
    path(
        "siklus/<id:pk>/pengukuran/pengesahan/",
        pengukuran.pengukuran_pengesahan,
        name="pengukuran_pengesahan",
    ),
    path(
        "siklus/<id:pk>/pengukuran/arsip/",
        pengukuran.pengukuran_arsip,
        name="pengukuran_arsip",
    ),
    # files, only for the people of their office
    path("bukti/<id:pk>/unduh/", arsip.bukti_unduh, name="bukti_unduh"),
    path("dokumen/<id:pk>/unduh/", arsip.dokumen_unduh, name="dokumen_unduh"),
    path("draft/<id:pk>/pdf/", arsip.draft_pdf, name="draft_pdf"),
    path("disposisi/<id:pk>/pdf/", arsip.disposisi_pdf, name="disposisi_pdf"),
    path(
        "siklus/<id:pk>/pembagian-tugas/pdf/", arsip.pembagian_pdf, name="pembagian_pdf"
    ),
    path("lembar/<id:pk>/pdf/", arsip.lembar_pdf, name="lembar_pdf"),
]
