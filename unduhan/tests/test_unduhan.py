"""Prepared downloads: the page that starts one answers at once, a worker makes the file,
and only the person who asked for it (while he still may) gets it."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from unduhan import services
from unduhan.models import UnduhanSiap

# committed for real, as a worker in another process sees it (db_worker closes its connection)
pytestmark = pytest.mark.django_db(transaction=True)

DIBUAT: list[dict] = []
BOLEH = {"aktif": True}


def _buat(parameter, lapor):
    DIBUAT.append(parameter)
    lapor(50)
    if parameter.get("gagal"):
        raise RuntimeError("rusak")
    return b"%PDF-1.4 contoh", f"laporan-{parameter['tahun']}.pdf", "application/pdf"


services.daftarkan(
    services.Pembuat(
        jenis="uji",
        buat=_buat,
        boleh=lambda request, parameter: (
            BOLEH["aktif"] and request.user.username != "tamu"
        ),
        judul=lambda parameter: f"Laporan uji {parameter.get('tahun', '')}",
    )
)


@pytest.fixture(autouse=True)
def _bersih():
    DIBUAT.clear()
    BOLEH["aktif"] = True


@pytest.fixture
def pemilik(client):
    user = get_user_model().objects.create_user("pemilik", password="x-Kata-Sandi-123")
    client.force_login(user)
    return user


def _mulai(client, **data):
    return client.post(reverse("unduhan:mulai", args=["uji"]), data)


def _worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_starting_answers_at_once_and_queues_a_task(client, pemilik):
    response = _mulai(client, tahun="2026")
    u = UnduhanSiap.objects.get()
    assert response.status_code == 302 and response.url == u.get_absolute_url()
    assert DIBUAT == []  # nothing made in the request
    assert u.status == UnduhanSiap.Status.MENUNGGU and u.pemilik == pemilik
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    page = client.get(u.get_absolute_url())
    assert page.status_code == 200
    assert b'http-equiv="refresh"' in page.content and b"<progress" in page.content
    assert (
        client.get(reverse("unduhan:berkas", args=[u.pk])).status_code == 404
    )  # not ready


def test_the_worker_makes_the_file_and_its_owner_downloads_it(client, pemilik):
    _mulai(client, tahun="2026")
    _worker()
    u = UnduhanSiap.objects.get()
    assert DIBUAT == [{"tahun": "2026"}]
    assert u.status == UnduhanSiap.Status.SELESAI and u.kemajuan == 100
    page = client.get(u.get_absolute_url())
    assert b'http-equiv="refresh"' not in page.content
    assert reverse("unduhan:berkas", args=[u.pk]).encode() in page.content
    response = client.get(reverse("unduhan:berkas", args=[u.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 contoh"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="laporan-2026.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"


def test_nobody_else_sees_the_status_or_the_file(client, pemilik):
    _mulai(client, tahun="2026")
    _worker()
    u = UnduhanSiap.objects.get()
    lain = get_user_model().objects.create_user("lain", password="x-Kata-Sandi-123")
    client.force_login(lain)
    assert client.get(u.get_absolute_url()).status_code == 404
    assert client.get(reverse("unduhan:berkas", args=[u.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("unduhan:berkas", args=[u.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_file_is_refused_once_the_right_is_gone(client, pemilik):
    _mulai(client, tahun="2026")
    _worker()
    u = UnduhanSiap.objects.get()
    BOLEH["aktif"] = False
    assert client.get(reverse("unduhan:berkas", args=[u.pk])).status_code == 404


def test_a_person_without_the_right_cannot_start_one(client):
    client.force_login(
        get_user_model().objects.create_user("tamu", password="x-Kata-Sandi-123")
    )
    response = _mulai(client, tahun="2026")
    assert response.status_code == 403
    assert not UnduhanSiap.objects.exists() and not DBTaskResult.objects.exists()


def test_an_unknown_kind_is_404_and_get_is_refused(client, pemilik):
    assert client.post(reverse("unduhan:mulai", args=["tidak-ada"])).status_code == 404
    assert client.get(reverse("unduhan:mulai", args=["uji"])).status_code == 405


def test_a_failed_task_says_so_and_serves_nothing(client, pemilik):
    _mulai(client, tahun="2026", gagal="1")
    _worker()
    u = UnduhanSiap.objects.get()
    assert u.status == UnduhanSiap.Status.GAGAL and u.pesan
    assert client.get(reverse("unduhan:berkas", args=[u.pk])).status_code == 404
    assert u.pesan.encode() in client.get(u.get_absolute_url()).content
