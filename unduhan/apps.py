from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnduhanConfig(AppConfig):
    """Prepared downloads: a file made by a background task while the page answers at once,
    shown with its progress and served only to the person who asked for it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "unduhan"
    verbose_name = _("Unduhan")
