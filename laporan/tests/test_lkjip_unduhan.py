"""The LKjIP draft as a prepared download: the dashboard starts it, the page answers at
once, the background task makes the file, and only its owner in the office gets it."""

import io

import docx
import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from unduhan.models import UnduhanSiap
from unduhan.tasks import siapkan_unduhan

pytestmark = pytest.mark.django_db


def _mulai(client, jenis, pd, tahun, capture):
    with capture(execute=True):
        return client.post(
            reverse("unduhan:mulai", args=[jenis]), {"pd": pd, "tahun": tahun}
        )


@pytest.mark.parametrize(
    ("jenis", "ext", "awal"),
    [("lkjip-pdf", "pdf", b"%PDF"), ("lkjip-docx", "docx", b"PK")],
)
def test_the_dashboard_starts_a_prepared_lkjip_and_its_owner_gets_it(
    client, demo, rencana, django_capture_on_commit_callbacks, jenis, ext, awal
):
    client.force_login(demo["timsakip"].user)
    dashboard = client.get(reverse("laporan:dasbor")).content.decode()
    assert reverse("unduhan:mulai", args=[jenis]) in dashboard
    response = _mulai(
        client,
        jenis,
        demo.dpmptsp.pk,
        rencana.tahun,
        django_capture_on_commit_callbacks,
    )
    u = UnduhanSiap.objects.get()
    assert response.status_code == 302 and response.url == u.get_absolute_url()
    assert u.status == UnduhanSiap.Status.MENUNGGU  # nothing rendered in the request
    assert DBTaskResult.objects.count() == 1
    siapkan_unduhan.call(str(u.pk))  # what the worker runs
    u.refresh_from_db()
    assert u.status == UnduhanSiap.Status.SELESAI
    berkas = client.get(reverse("unduhan:berkas", args=[u.pk]))
    data = b"".join(berkas.streaming_content)
    assert berkas.status_code == 200 and data.startswith(awal)
    assert (
        f'filename="LKjIP-{rencana.tahun}-Bab-III-dpmptsp.{ext}"'
        in berkas["Content-Disposition"]
    )
    if ext == "docx":
        assert docx.Document(io.BytesIO(data)).paragraphs
    client.force_login(demo["kadin"].user)  # same office, but not his download
    assert client.get(reverse("unduhan:berkas", args=[u.pk])).status_code == 404


def test_another_office_cannot_start_one(
    client, demo, rencana, django_capture_on_commit_callbacks
):
    client.force_login(demo["kadin.kominfo"].user)
    response = _mulai(
        client,
        "lkjip-pdf",
        demo.dpmptsp.pk,
        rencana.tahun,
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 403
    assert not UnduhanSiap.objects.exists() and not DBTaskResult.objects.exists()


def test_bad_parameters_are_refused(
    client, demo, rencana, django_capture_on_commit_callbacks
):
    client.force_login(demo["timsakip"].user)
    for pd, tahun in [
        ("x", rencana.tahun),
        (demo.dpmptsp.pk, "dua ribu"),
        (demo.dpmptsp.pk, 1),
    ]:
        response = _mulai(
            client, "lkjip-pdf", pd, tahun, django_capture_on_commit_callbacks
        )
        assert response.status_code == 403
    assert not UnduhanSiap.objects.exists()
