"""Loaded by pytest (`-p sakip.pytest_env`) before Django starts: the test
environment is production-like (DEBUG off) but served over plain HTTP."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault(
    "SECRET_KEY", "test-only-secret-key-not-for-production-0123456789"
)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault(
    "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
)
os.environ.setdefault("EMAIL_URL", "memorymail://")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
