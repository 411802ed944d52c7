import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from organisasi.demo import DEMO_PASSWORD
from organisasi.models import Pegawai

pytestmark = pytest.mark.django_db


def test_anonymous_home_redirects_to_sign_in(client):
    response = client.get(reverse("beranda"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_kadin_signs_in_and_is_greeted_with_name_position_and_office(client, demo):
    response = client.post(
        reverse("login"), {"username": "kadin", "password": DEMO_PASSWORD}, follow=True
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "ARI MURGONO, S.STP., M.Si." in body
    assert "Kepala Dinas Penanaman Modal" in body
    assert "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu" in body


def test_wrong_password_is_refused_in_indonesian(client, demo):
    response = client.post(reverse("login"), {"username": "kadin", "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau sandi salah" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_ends_the_session(client, demo):
    client.force_login(demo["kadin"].user)
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("beranda")).status_code == 302


def test_repeated_failures_lock_the_account(client, demo, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "kadin", "password": "salah"})
    response = client.post(
        reverse("login"), {"username": "kadin", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 429
    assert "terkunci" in response.content.decode()


def test_office_staff_admin_lists_only_their_own_office(client, demo):
    kadin = demo["kadin"].user
    kadin.is_staff = True
    kadin.save()
    kadin.user_permissions.add(Permission.objects.get(codename="view_pegawai"))
    client.force_login(kadin)
    body = client.get(reverse("admin:organisasi_pegawai_changelist")).content.decode()
    assert "RINA WULANDARI" in body
    assert "HERU WIBOWO" not in body
    other = Pegawai.objects.get(nip=demo["kadin.kominfo"].nip)
    assert (
        client.get(
            reverse("admin:organisasi_pegawai_change", args=[other.pk])
        ).status_code
        == 302
    )


def test_admin_kabupaten_admin_lists_every_office(client, demo, django_user_model):
    admin = django_user_model.objects.get(username="adminkab")
    admin.is_staff = True
    admin.save()
    admin.user_permissions.add(Permission.objects.get(codename="view_pegawai"))
    client.force_login(admin)
    body = client.get(reverse("admin:organisasi_pegawai_changelist")).content.decode()
    assert "RINA WULANDARI" in body and "HERU WIBOWO" in body
