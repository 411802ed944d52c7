"""Passwords are stored with Argon2id at OWASP's parameters; older hashes still sign in
and are upgraded at that sign-in (umum/hashers.py)."""

import pytest
from django.contrib.auth.hashers import (
    PBKDF2PasswordHasher,
    identify_hasher,
    make_password,
)
from django.contrib.auth.models import User
from django.urls import reverse

from umum.hashers import Argon2idHasher

PASSWORD = "Sandi-Uji-2026!"


@pytest.fixture
def production_hashers(settings):
    """The hashers of sakip/settings.py (the suite otherwise uses a fast MD5 one)."""
    settings.PASSWORD_HASHERS = _configured()


def _configured() -> list[str]:
    """As the settings module wrote them (the `settings` fixture changes only the live settings)."""
    import sakip.settings

    return list(sakip.settings.PASSWORD_HASHERS)


def test_settings_put_argon2id_first_and_keep_pbkdf2_for_old_hashes():
    hashers = _configured()
    assert hashers[0] == "umum.hashers.Argon2idHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in hashers[1:]


def test_new_passwords_are_argon2id_with_owasp_parameters(production_hashers):
    encoded = make_password(PASSWORD)
    assert encoded.startswith("argon2$argon2id$")
    params = Argon2idHasher().decode(encoded)
    assert (params["memory_cost"], params["time_cost"], params["parallelism"]) == (
        19 * 1024,
        2,
        1,
    )


@pytest.mark.django_db
def test_a_pbkdf2_password_signs_in_and_is_rehashed_with_argon2id(
    client, production_hashers
):
    user = User.objects.create(
        username="lama", password=PBKDF2PasswordHasher().encode(PASSWORD, "garam" * 3)
    )
    assert identify_hasher(user.password).algorithm == "pbkdf2_sha256"

    response = client.post(reverse("login"), {"username": "lama", "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_a_wrong_password_does_not_touch_the_stored_hash(client, production_hashers):
    old = PBKDF2PasswordHasher().encode(PASSWORD, "garam" * 3)
    user = User.objects.create(username="lama", password=old)

    response = client.post(
        reverse("login"), {"username": "lama", "password": "bukan-sandinya"}
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.password == old
