from django.urls import path

from . import views

app_name = "kinerja"

urlpatterns = [
    path("", views.pk_list, name="pk_list"),
    path("pk/baru/", views.pk_create, name="pk_create"),
    path("pk/<id:pk>/", views.pk_detail, name="pk_detail"),
    path("pk/<id:pk>/ubah/", views.pk_edit, name="pk_edit"),
    path("pk/<id:pk>/kunci/", views.pk_lock, name="pk_lock"),
    path("pk/<id:pk>/revisi/", views.pk_revise, name="pk_revise"),
    path("pk/<id:pk>/pengukuran/", views.pengukuran, name="pengukuran"),
    path(
        "pk/<id:pk>/pengukuran.xlsx", views.pengukuran_export, name="pengukuran_export"
    ),
    path("pk/<id:pk>/ekspor.xlsx", views.pk_export, name="pk_export"),
    path("pk/<id:pk>/sasaran/baru/", views.sasaran_create, name="sasaran_create"),
    path("pk/<id:pk>/indikator/baru/", views.indikator_create, name="indikator_create"),
    path("pk/<id:pk>/program/baru/", views.program_create, name="program_create"),
    path("pk/<id:pk>/iki/baru/", views.iki_create, name="iki_create"),
    path("sasaran/<id:id>/ubah/", views.sasaran_edit, name="sasaran_edit"),
    path("sasaran/<id:id>/hapus/", views.sasaran_delete, name="sasaran_delete"),
    path("indikator/<id:id>/ubah/", views.indikator_edit, name="indikator_edit"),
    path("indikator/<id:id>/hapus/", views.indikator_delete, name="indikator_delete"),
    path("program/<id:id>/ubah/", views.program_edit, name="program_edit"),
    path("program/<id:id>/hapus/", views.program_delete, name="program_delete"),
    path("iki/<id:id>/ubah/", views.iki_edit, name="iki_edit"),
    path("iki/<id:id>/hapus/", views.iki_delete, name="iki_delete"),
    path("templat.xlsx", views.templat, name="templat"),
    path("impor/", views.impor, name="impor"),
    path("impor/simpan/", views.impor_simpan, name="impor_simpan"),
]
