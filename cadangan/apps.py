from django.apps import AppConfig


class CadanganConfig(AppConfig):
    """Backup and restore of the whole installation (database rows and media files)."""

    name = "cadangan"
    verbose_name = "Cadangan"
