from django.urls import path

from . import views

app_name = "monev"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("kabupaten/", views.kabupaten, name="kabupaten"),
    path("penilai/", views.penilai, name="penilai"),
    path("monitoring/baru/", views.monitoring_baru, name="monitoring_baru"),
    path("monitoring/<int:pk>/", views.monitoring, name="monitoring"),
    path(
        "monitoring/<int:pk>/terbitkan/",
        views.monitoring_terbitkan,
        name="monitoring_terbitkan",
    ),
    path("monitoring/<int:pk>/pdf/", views.monitoring_pdf, name="monitoring_pdf"),
    path("evaluasi/baru/", views.evaluasi_baru, name="evaluasi_baru"),
    path("evaluasi/<int:pk>/", views.evaluasi, name="evaluasi"),
    path(
        "evaluasi/<int:pk>/terbitkan/",
        views.evaluasi_terbitkan,
        name="evaluasi_terbitkan",
    ),
    path("evaluasi/<int:pk>/pdf/", views.evaluasi_pdf, name="evaluasi_pdf"),
]
