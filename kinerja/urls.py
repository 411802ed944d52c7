from django.urls import path

from . import views

app_name = "kinerja"

urlpatterns = [
    path("", views.pk_list, name="pk_list"),
    path("pk/baru/", views.pk_create, name="pk_create"),
    path("pk/<int:pk>/", views.pk_detail, name="pk_detail"),
    path("pk/<int:pk>/ubah/", views.pk_edit, name="pk_edit"),
    path("pk/<int:pk>/kunci/", views.pk_lock, name="pk_lock"),
    path("pk/<int:pk>/revisi/", views.pk_revise, name="pk_revise"),
    path("pk/<int:pk>/pengukuran/", views.pengukuran, name="pengukuran"),
    path("pk/<int:pk>/pengukuran.xlsx", views.pengukuran_export, name="pengukuran_export"),
    path("pk/<int:pk>/ekspor.xlsx", views.pk_export, name="pk_export"),
    path("pk/<int:pk>/sasaran/baru/", views.sasaran_create, name="sasaran_create"),
    path("pk/<int:pk>/indikator/baru/", views.indikator_create, name="indikator_create"),
    path("pk/<int:pk>/program/baru/", views.program_create, name="program_create"),
    path("pk/<int:pk>/iki/baru/", views.iki_create, name="iki_create"),
    path("sasaran/<int:id>/ubah/", views.sasaran_edit, name="sasaran_edit"),
    path("sasaran/<int:id>/hapus/", views.sasaran_delete, name="sasaran_delete"),
    path("indikator/<int:id>/ubah/", views.indikator_edit, name="indikator_edit"),
    path("indikator/<int:id>/hapus/", views.indikator_delete, name="indikator_delete"),
    path("program/<int:id>/ubah/", views.program_edit, name="program_edit"),
    path("program/<int:id>/hapus/", views.program_delete, name="program_delete"),
    path("iki/<int:id>/ubah/", views.iki_edit, name="iki_edit"),
    path("iki/<int:id>/hapus/", views.iki_delete, name="iki_delete"),
    path("templat.xlsx", views.templat, name="templat"),
    path("impor/", views.impor, name="impor"),
    path("impor/simpan/", views.impor_simpan, name="impor_simpan"),
]
