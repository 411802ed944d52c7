"""The whole demo: organisation, the year's performance plan, and the two SOP sheets.

Each part is idempotent, so `python manage.py muat_demo` can run on every start.
"""

from __future__ import annotations

from django.db import transaction

from organisasi.demo import DemoOrganisasi, load_organisasi


@transaction.atomic
def load_demo() -> DemoOrganisasi:
    org = load_organisasi()
    # kinerja: the year's plan with two quarters of realisasi (kinerja/demo.py)
    try:
        from kinerja.demo import load_kinerja
    except ImportError:  # not written yet
        pass
    else:
        load_kinerja(org)
    # sop: the two SOP sheets, word for word (sop/sheets.py)
    try:
        from sop.sheets import load_sop_sheets
    except ImportError:  # not written yet
        pass
    else:
        load_sop_sheets()
    return org
