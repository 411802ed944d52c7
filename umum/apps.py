from django.apps import AppConfig


class UmumConfig(AppConfig):
    """Shared helpers every app may use: Indonesian formatting and other HTML-free utilities.

    The bottom layer: it imports no other app of the project (import-linter holds this)."""

    name = "umum"
    verbose_name = "Umum"
