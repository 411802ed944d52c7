"""The whole demo: organisation, the year's performance plan, and the two SOP sheets.

Each part is idempotent, so `python manage.py muat_demo` can run on every start.
"""

from __future__ import annotations

from django.db import transaction

from organisasi.demo import DemoOrganisasi, load_organisasi


@transaction.atomic
def load_demo() -> DemoOrganisasi:
    org = load_organisasi()
    return org
