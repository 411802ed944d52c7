from django.apps import AppConfig


class SopConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sop"
