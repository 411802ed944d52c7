"""The idle timeout (SESSION_COOKIE_AGE) kept without a session write on every request."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


class Jam:
    """A clock for Django's timezone.now() (sessions and this middleware read it)."""

    def __init__(self):
        self.sekarang = timezone.now()

    def maju(self, **kw):
        self.sekarang += timedelta(**kw)

    def __call__(self):
        return self.sekarang


@pytest.fixture
def jam():
    j = Jam()
    with mock.patch("django.utils.timezone.now", j):
        yield j


@pytest.fixture
def kadin(client, demo, jam):
    client.force_login(demo["kadin"].user)
    assert client.get(reverse("beranda")).status_code == 200
    return client


def _session_writes(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("beranda")).status_code == 200
    return sum(
        1
        for q in ctx.captured_queries
        if q["sql"].startswith(("UPDATE", "INSERT"))
        and Session._meta.db_table in q["sql"]
    )


def test_settings_keep_a_30_minute_idle_timeout_without_a_write_per_request():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert not settings.SESSION_SAVE_EVERY_REQUEST
    assert "umum.sesi.SentuhSesiMiddleware" in settings.MIDDLEWARE


def test_requests_within_a_minute_do_not_write_the_session_row(kadin, jam):
    for _ in range(3):
        jam.maju(seconds=15)
        assert _session_writes(kadin) == 0


def test_a_request_a_minute_after_the_last_write_writes_it_once(kadin, jam):
    jam.maju(seconds=61)
    assert _session_writes(kadin) == 1
    assert _session_writes(kadin) == 0


def test_a_request_after_31_idle_minutes_is_signed_out(kadin, jam):
    jam.maju(minutes=31)
    response = kadin.get(reverse("beranda"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_person_active_every_ten_minutes_stays_signed_in_past_half_an_hour(
    kadin, jam
):
    for _ in range(6):
        jam.maju(minutes=10)
        assert kadin.get(reverse("beranda")).status_code == 200


def test_the_session_expires_30_minutes_after_its_last_write(kadin, jam):
    jam.maju(minutes=5)
    kadin.get(reverse("beranda"))  # written: its expiry moves to now + 30 minutes
    jam.maju(minutes=29, seconds=59)
    assert kadin.get(reverse("beranda")).status_code == 200
    jam.maju(minutes=30, seconds=1)
    assert kadin.get(reverse("beranda")).status_code == 302


def test_an_anonymous_visitor_gets_no_session_row(client):
    assert client.get(reverse("login")).status_code == 200
    assert not Session.objects.exists()
