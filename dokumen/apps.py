from django.apps import AppConfig


class DokumenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dokumen"
