"""Deployment settings, security headers, CSRF, sessions and the no-inline-script rule."""

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organisasi.demo import DEMO_PASSWORD

BASE = Path(settings.BASE_DIR)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k
            not in {
                "SECURE_SSL_REDIRECT",
                "SESSION_COOKIE_SECURE",
                "CSRF_COOKIE_SECURE",
                "SECURE_HSTS_SECONDS",
                "STATICFILES_BACKEND",
                "DEBUG",
                "DJANGO_ALLOW_ASYNC_UNSAFE",
            }
        },
        "DEBUG": "0",
        "SECRET_KEY": "k7#Vq2!xLm9@pR4$tW8^zN1&bH6*cJ3(eF5)gD0_aS-yU+iO=Zr7Pq",
        "ALLOWED_HOSTS": "sakip.lumajangkab.go.id",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DJANGO_SECRET_KEY", "DEBUG"}
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY belum diatur" in result.stderr


@pytest.mark.django_db
def test_pages_carry_security_headers(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


@pytest.mark.django_db
def test_sign_in_form_refuses_a_post_without_csrf_token(demo):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("login"), {"username": "kadin", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_session_idle_past_its_age_is_signed_out(client, demo):
    client.force_login(demo["kadin"].user)
    assert client.get(reverse("beranda")).status_code == 200
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("beranda"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE_ATTR = re.compile(r"\sstyle\s*=", re.I)
HANDLER_ATTR = re.compile(r"\son[a-z]+\s*=", re.I)
EXTERNAL_URL = re.compile(r"""(?:src|href)\s*=\s*["']https?://""", re.I)


def _page_templates():
    for path in BASE.rglob("*.html"):
        rel = path.relative_to(BASE).as_posix()
        if (
            rel.startswith(
                (".venv/", "staticfiles/", "test-artifacts/", "node_modules/")
            )
            or "/pdf/" in rel
        ):
            continue  # PDF templates are printed by WeasyPrint, never served as pages
        yield rel, path.read_text()


def test_page_templates_have_no_inline_script_style_or_handlers():
    offenders = []
    for rel, text in _page_templates():
        for name, pattern in [
            ("inline <script>", INLINE_SCRIPT),
            ("style=", INLINE_STYLE_ATTR),
            ("on*= handler", HANDLER_ATTR),
            ("external URL", EXTERNAL_URL),
        ]:
            if pattern.search(text):
                offenders.append(f"{rel}: {name}")
    assert offenders == []


def test_media_can_live_in_private_s3_compatible_storage(tmp_path):
    """With MEDIA_STORAGE=s3 the default storage is private object storage (no app-server disk)."""
    env = {
        **os.environ,
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": "sakip-media",
        "S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "DATABASE_URL": f"sqlite:///{tmp_path / 's3.sqlite3'}",
    }
    code = (
        "import django; django.setup(); from django.core.files.storage import default_storage as s; "
        "b = s.bucket_name; print(type(s._wrapped).__name__, b, s.default_acl, s.querystring_auth)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE,
        capture_output=True,
        text=True,
        timeout=120,
        env={**env, "DJANGO_SETTINGS_MODULE": "sakip.settings"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "sakip-media", "private", "True"]
