"""Background tasks (Django's Tasks framework through its backport, django-tasks; the
database backend of django-tasks-db, run by `manage.py db_worker`)."""

from django_tasks import task

from . import services


@task()
def siapkan_unduhan(unduhan_id: str) -> None:
    services.unduhan_jalankan(unduhan_id=unduhan_id)
