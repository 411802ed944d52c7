import datetime

import pytest

from sop import worktime

JKT = worktime.JAKARTA


@pytest.fixture
def clock(monkeypatch):
    """Set the time the services see: `clock.set(datetime)`; unset means the real time."""
    from django.utils import timezone

    real_now = timezone.now

    class Clock:
        now = None

        def set(self, dt):
            self.now = dt

        def at(self, *args):
            self.now = datetime.datetime(*args, tzinfo=JKT)

    c = Clock()
    monkeypatch.setattr(timezone, "now", lambda: c.now or real_now())
    return c
