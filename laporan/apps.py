from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaporanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "laporan"
    verbose_name = _("Laporan dan dasbor")

    def ready(self) -> None:
        from . import unduhan  # noqa: F401 - registers the LKjIP prepared downloads
