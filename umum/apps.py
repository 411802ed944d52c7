from django.apps import AppConfig


class UmumConfig(AppConfig):
    """Shared helpers every app may use: Indonesian formatting and other HTML-free utilities.

    The bottom layer: it imports no other app of the project (import-linter holds this)."""

    name = "umum"
    verbose_name = "Umum"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from umum.sesi import tandai_sentuhan_saat_masuk

        user_logged_in.connect(
            tandai_sentuhan_saat_masuk, dispatch_uid="umum.sesi.masuk"
        )
