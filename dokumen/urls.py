from django.urls import path

from . import views

app_name = "dokumen"

urlpatterns = [
    path("verifikasi/", views.verifikasi, name="verifikasi"),
    path("v/<slug:kode>/", views.verifikasi_kode, name="verifikasi_kode"),
    path("<id:pk>/unduh/", views.unduh, name="unduh"),
]
