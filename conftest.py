"""Shared fixtures for the whole suite.

The demo kabupaten (`demo`) is built once and shared: it is loaded inside an
outer transaction, every test that asks for it runs in its own transaction
nested in that one (pytest-django's `db`, savepoints) and is rolled back at its
end, and the outer transaction is rolled back as soon as the next test does not
ask for the demo. Tests that do not ask for it never see its rows; tests that
need committed data (`transactional_db`, `live_server`) load it themselves.
"""

import copy
from contextlib import ExitStack

import pytest

# The settings every test runs with (see `_fast_tests`); the shared demo is loaded with them too.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Fixtures and django_db marker arguments that make a test commit its data.
COMMITTING_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}
COMMITTING_MARKER_ARGS = ("transaction", "reset_sequences", "serialized_rollback")


@pytest.fixture(autouse=True)
def _fast_tests(settings, tmp_path):
    """Speed-ups and isolation for every test: a fast hasher, a private MEDIA_ROOT.

    Caches (e.g. the verification page's rate-limit counts) are emptied by `_empty_cache`."""
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AXES_ENABLED = True


@pytest.fixture(autouse=True)
def _empty_cache(django_db_blocker):
    """Each test starts with empty Django caches (the database rolls back; a cache would not)."""
    from django.core.cache import caches

    yield
    with django_db_blocker.unblock():
        for cache in caches.all(initialized_only=True):
            cache.clear()


def uses_shared_demo(item: pytest.Item) -> bool:
    """Whether `item` asks for the demo and runs inside a transaction that is rolled back."""
    names = set(getattr(item, "fixturenames", ()))
    if "demo" not in names or names & COMMITTING_FIXTURES:
        return False
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.args[:1] == (True,)
        or any(marker.kwargs.get(a) for a in COMMITTING_MARKER_ARGS)
    ):
        return False
    return True


class SharedDemo:
    """The demo loaded once into an open outer transaction, until `close()` rolls it back."""

    def __init__(self, django_db_blocker):
        self.blocker = django_db_blocker
        self.outer: ExitStack | None = None
        self.org = None  # DemoOrganisasi as loaded; tests get deep copies

    def open(self) -> None:
        from django.db import transaction
        from django.test import override_settings

        from sop.demo import load_demo

        with (
            self.blocker.unblock(),
            override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS),
        ):
            outer = ExitStack()
            outer.enter_context(transaction.atomic())
            try:
                self.org = load_demo()
            except BaseException:
                transaction.set_rollback(True)
                outer.close()
                raise
            self.outer = outer

    def close(self) -> None:
        from django.db import transaction

        if self.outer is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.outer.close()
        self.outer = None
        self.org = None

    def want(self, wanted: bool) -> None:
        if wanted and self.outer is None:
            self.open()
        elif not wanted:
            self.close()


SHARED_DEMO = pytest.StashKey[SharedDemo]()


@pytest.fixture(scope="session")
def shared_demo(request, django_db_setup, django_db_blocker):
    """The session's SharedDemo; `pytest_runtest_teardown` opens and closes it between tests."""
    shared = SharedDemo(django_db_blocker)
    request.config.stash[SHARED_DEMO] = shared
    yield shared
    shared.close()
    del request.config.stash[SHARED_DEMO]


@pytest.fixture
def demo(request, shared_demo, db):
    """The demo kabupaten (DPMPTSP Lumajang and a second office).

    Fresh Python objects for each test (a deep copy of what the loader returned,
    related objects included), over rows shared by the tests that run in a rolled
    back transaction; loaded afresh for the others and for the first test of a run.
    """
    if shared_demo.org is not None and uses_shared_demo(request.node):
        return copy.deepcopy(shared_demo.org)
    from sop.demo import load_demo

    return load_demo()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests that share the demo one after another, where the first of them
    stands (pytest-django has already put the database tests first), so it loads once."""
    shared = [item for item in items if uses_shared_demo(item)]
    if not shared:
        return
    first = items.index(shared[0])
    others = [item for item in items if not uses_shared_demo(item)]
    items[:] = others[:first] + shared + others[first:]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Once a test's own transaction is gone, load or drop the shared demo for the next one."""
    try:
        return (yield)
    finally:
        shared = item.config.stash.get(SHARED_DEMO, None)
        if shared is not None:
            shared.want(nextitem is not None and uses_shared_demo(nextitem))
