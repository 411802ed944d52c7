from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmark tooling only: no models, no URLs unless BENCH_FLOOR is on."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "bench"
    verbose_name = "Benchmark"
