from django.urls import path

from . import views

app_name = "laporan"

urlpatterns = [
    path("dasbor/", views.dasbor, name="dasbor"),
    path("ketepatan-waktu/", views.ketepatan, name="ketepatan"),
    path("kabupaten/", views.kabupaten, name="kabupaten"),
    path("lkjip/<id:pd>/<tahun:tahun>/pdf/", views.lkjip_pdf, name="lkjip_pdf"),
    path("lkjip/<id:pd>/<tahun:tahun>/docx/", views.lkjip_docx, name="lkjip_docx"),
]
