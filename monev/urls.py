from django.urls import path

from . import views

app_name = "monev"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("kabupaten/", views.kabupaten, name="kabupaten"),
    path("penilai/", views.penilai, name="penilai"),
    path("monitoring/baru/", views.monitoring_baru, name="monitoring_baru"),
    path("monitoring/<id:pk>/", views.monitoring, name="monitoring"),
    path(
        "monitoring/<id:pk>/terbitkan/",
        views.monitoring_terbitkan,
        name="monitoring_terbitkan",
    ),
    path("monitoring/<id:pk>/pdf/", views.monitoring_pdf, name="monitoring_pdf"),
    path("evaluasi/baru/", views.evaluasi_baru, name="evaluasi_baru"),
    path("evaluasi/<id:pk>/", views.evaluasi, name="evaluasi"),
    path(
        "evaluasi/<id:pk>/terbitkan/",
        views.evaluasi_terbitkan,
        name="evaluasi_terbitkan",
    ),
    path("evaluasi/<id:pk>/pdf/", views.evaluasi_pdf, name="evaluasi_pdf"),
]
