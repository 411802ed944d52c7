"""Shared fixtures for the whole suite."""

import pytest


@pytest.fixture(autouse=True)
def _fast_tests(settings, tmp_path):
    """Speed-ups and isolation for every test: a fast hasher, a private MEDIA_ROOT, an empty cache."""
    from django.core.cache import cache

    cache.clear()  # counts such as the verification page's rate limit must not leak between tests
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AXES_ENABLED = True


@pytest.fixture
def demo(db):
    """The demo kabupaten (DPMPTSP Lumajang and a second office), loaded once per test."""
    from sop.demo import load_demo

    return load_demo()
