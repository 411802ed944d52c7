"""The whole demo: organisation, the year's performance plan, and the two SOP sheets.

Each part is idempotent, so `python manage.py muat_demo` can run on every start.
"""

from __future__ import annotations

from django.db import transaction

from kinerja.demo import load_kinerja
from organisasi.demo import DemoOrganisasi, load_organisasi
from sop.sheets import load_sop_sheets


@transaction.atomic
def load_demo() -> DemoOrganisasi:
    org = load_organisasi()
    load_kinerja(org)  # the current year's plan with TW I–II realisasi
    load_sop_sheets()  # both SOP sheets, word for word
    return org
