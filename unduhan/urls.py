from django.urls import path

from . import views

app_name = "unduhan"

urlpatterns = [
    path("mulai/<slug:jenis>/", views.mulai, name="mulai"),
    path("<uuid:pk>/", views.status, name="status"),
    path("<uuid:pk>/berkas/", views.berkas, name="berkas"),
]
