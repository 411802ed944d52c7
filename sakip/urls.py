from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from dokumen import views as dokumen_views
from organisasi.forms import MasukForm
from umum.converters import IdConverter, TahunConverter

from . import views

# Bounded ids and years for every app's routes (umum/converters.py): registered before the
# include()s below import the apps' URL confs.
register_converter(IdConverter, "id")
register_converter(TahunConverter, "tahun")

admin.site.site_header = "SAKIP-SOP — Administrasi"
admin.site.site_title = "SAKIP-SOP"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=MasukForm
        ),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("kinerja/", include("kinerja.urls")),
    path("sop/", include("sop.urls")),
    path("dokumen/", include("dokumen.urls")),
    path("laporan/", include("laporan.urls")),
    path("unduhan/", include("unduhan.urls")),
    path("monev/", include("monev.urls")),
    # Short public verification URL printed under the QR code of signed documents.
    path("v/<slug:kode>/", dokumen_views.verifikasi_kode, name="verifikasi_pendek"),
    path("admin/", admin.site.urls),
]

if settings.BENCH_FLOOR:  # `make bench` only: the floor every page is compared with
    from bench.views import floor

    urlpatterns.append(path("bench/floor/", floor, name="bench_floor"))
