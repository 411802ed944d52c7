import pytest

from sop.tests.factories import Quarter, make_plan


@pytest.fixture
def plan(demo):
    """The DPMPTSP performance plan of the test year (PK, IKU, Rencana Aksi, IKI)."""
    return make_plan(demo.dpmptsp, jabatan=demo["kabid"].jabatan)


@pytest.fixture
def quarter(demo, plan):
    return Quarter(demo)


@pytest.fixture
def clock(monkeypatch):
    """Set the time the engine sees: `clock.set(datetime)`; unset means the real time."""
    from django.utils import timezone

    real_now = timezone.now

    class Clock:
        now = None

        def set(self, dt):
            self.now = dt

    c = Clock()
    monkeypatch.setattr(timezone, "now", lambda: c.now or real_now())
    return c
