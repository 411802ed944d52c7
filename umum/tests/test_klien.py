"""The client address behind trusted proxies, and the sign-in lock-out that keys on it."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from organisasi.demo import DEMO_PASSWORD
from umum.klien import alamat_klien

PROKSI = "10.0.0.1"
PENYERANG = "203.0.113.5"
PEMILIK = "198.51.100.7"


@pytest.mark.parametrize(
    "jumlah, diteruskan, diharapkan",
    [
        (0, None, PROKSI),
        (
            0,
            PENYERANG,
            PROKSI,
        ),  # no trusted proxy: the header is the client's word, ignored
        (1, PENYERANG, PENYERANG),
        (
            1,
            f"{PEMILIK}, {PENYERANG}",
            PENYERANG,
        ),  # a forged left entry changes nothing
        (2, f"1.1.1.1, {PENYERANG}, 10.0.0.2", PENYERANG),
        (1, None, PROKSI),  # not through the proxy
        (2, PENYERANG, PROKSI),
        (1, "bukan-alamat", PROKSI),
    ],
)
def test_client_address_is_read_through_the_trusted_proxies_only(
    settings, jumlah, diteruskan, diharapkan
):
    settings.TRUSTED_PROXY_COUNT = jumlah
    meta = {"REMOTE_ADDR": PROKSI}
    if diteruskan is not None:
        meta["HTTP_X_FORWARDED_FOR"] = diteruskan
    assert alamat_klien(RequestFactory().get("/", **meta)) == diharapkan


@pytest.mark.django_db
def test_failures_through_the_proxy_lock_the_attacker_not_the_account(
    client, demo, settings
):
    """Five wrong passwords from address A through the proxy leave the owner at B signing in."""
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            url,
            {"username": "kadin", "password": "salah"},
            REMOTE_ADDR=PROKSI,
            HTTP_X_FORWARDED_FOR=PENYERANG,
        )
    terkunci = client.post(
        url,
        {"username": "kadin", "password": DEMO_PASSWORD},
        REMOTE_ADDR=PROKSI,
        HTTP_X_FORWARDED_FOR=f"{PEMILIK}, {PENYERANG}",
    )
    assert (
        terkunci.status_code == 429
    )  # the attacker stays locked, forged header or not

    client.cookies.clear()
    masuk = client.post(
        url,
        {"username": "kadin", "password": DEMO_PASSWORD},
        REMOTE_ADDR=PROKSI,
        HTTP_X_FORWARDED_FOR=PEMILIK,
    )
    assert masuk.status_code == 302
    assert masuk.url == reverse("beranda")
