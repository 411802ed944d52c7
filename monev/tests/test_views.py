"""The monitoring pages: who sees what, the assessor's round trip, bad input."""

import datetime

import pytest
from django.urls import reverse

from monev import services
from monev.models import Monitoring, StatusForm
from sop.models import JenisSOP

pytestmark = pytest.mark.django_db


@pytest.fixture
def draf(demo):
    return services.monitoring_draft(
        pd=demo.dpmptsp,
        jenis=JenisSOP.PENGUKURAN,
        actor=demo["sekretaris"].user,
        mulai=datetime.date(2025, 1, 1),
        selesai=datetime.date(2025, 6, 30),
    )


def _login(client, demo, who):
    client.force_login(demo[who].user)
    return client


def test_anonymous_is_sent_to_sign_in(client, draf):
    for url in (
        reverse("monev:beranda"),
        reverse("monev:monitoring", args=[draf.pk]),
        reverse("monev:monitoring_pdf", args=[draf.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "who", ["kadin.kominfo", "timsakip.kominfo", "timkerja.kominfo"]
)
def test_another_office_never_sees_the_form(client, demo, draf, who):
    _login(client, demo, who)
    for name in ("monev:monitoring", "monev:monitoring_pdf"):
        assert client.get(reverse(name, args=[draf.pk])).status_code == 404
    for name in ("monev:monitoring", "monev:monitoring_terbitkan"):
        assert client.post(reverse(name, args=[draf.pk]), {}).status_code == 404
    page = client.get(reverse("monev:beranda"))
    assert page.status_code == 200 and "Penanaman Modal" not in page.content.decode()


@pytest.mark.parametrize("who", ["kadin", "kasubbag", "timkerja", "timsakip"])
def test_staff_of_the_office_read_but_do_not_assess(client, demo, draf, who):
    _login(client, demo, who)
    page = client.get(reverse("monev:monitoring", args=[draf.pk]))
    assert page.status_code == 200 and 'name="terbitkan"' not in page.content.decode()
    assert (
        client.post(reverse("monev:monitoring", args=[draf.pk]), {}).status_code == 403
    )
    assert (
        client.post(reverse("monev:monitoring_terbitkan", args=[draf.pk])).status_code
        == 403
    )
    assert (
        client.post(
            reverse("monev:monitoring_baru"), {"jenis": "pengumpulan"}
        ).status_code
        == 403
    )
    assert Monitoring.objects.count() == 1


def _isi(draf, penilaian="baik", tindakan=""):
    data = {}
    for lk in draf.langkah.all():
        data[f"{lk.kode}-penilaian"] = penilaian
        data[f"{lk.kode}-catatan"] = "Tidak ada pelaksanaan dalam periode."
        data[f"{lk.kode}-tindakan"] = tindakan
    return data


def test_the_assessor_drafts_assesses_issues_and_downloads(client, demo):
    _login(client, demo, "sekretaris")
    page = client.get(reverse("monev:beranda"))
    assert "Susun monitoring" in page.content.decode()
    response = client.post(
        reverse("monev:monitoring_baru"),
        {"jenis": "pengukuran", "mulai": "2025-01-01", "selesai": "2025-06-30"},
    )
    m = Monitoring.objects.get()
    assert response.status_code == 302 and response.url == m.get_absolute_url()
    draft_pdf = client.get(reverse("monev:monitoring_pdf", args=[m.pk]))
    assert (
        draft_pdf.status_code == 200 and draft_pdf["Content-Type"] == "application/pdf"
    )
    # "tidak berjalan dengan baik" without an action: refused with a message, nothing saved
    refused = client.post(m.get_absolute_url(), _isi(m, "tidak"))
    assert (
        refused.status_code == 400
        and "tuliskan tindakan yang harus diambil" in refused.content.decode()
    )
    assert not m.langkah.filter(baik__isnull=False).exists()
    done = client.post(m.get_absolute_url(), {**_isi(m), "terbitkan": "1"})
    assert done.status_code == 302
    m.refresh_from_db()
    assert m.status == StatusForm.DITERBITKAN and m.dokumen is not None
    unduh = client.get(reverse("monev:monitoring_pdf", args=[m.pk]))
    assert unduh.status_code == 200 and b"".join(unduh.streaming_content).startswith(
        b"%PDF"
    )
    page = client.get(m.get_absolute_url()).content.decode()
    assert m.dokumen.nomor in page and 'name="terbitkan"' not in page
    assert client.post(m.get_absolute_url(), _isi(m)).status_code == 403


@pytest.mark.parametrize(
    "data",
    [
        {"jenis": "pengukuran", "mulai": "2025-07-01", "selesai": "2025-01-01"},
        {"jenis": "pengukuran", "mulai": "kemarin"},
        {"jenis": "bukan-sop"},
        {"jenis": "pengukuran", "mulai": "2025-01-01", "selesai": "2099-01-01"},
    ],
)
def test_bad_input_gets_an_indonesian_message(client, demo, data):
    _login(client, demo, "sekretaris")
    response = client.post(reverse("monev:monitoring_baru"), data, follow=True)
    assert response.status_code == 200
    assert not Monitoring.objects.exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_the_kadin_names_an_assessor(client, demo):
    _login(client, demo, "kadin")
    assert (
        client.post(
            reverse("monev:penilai"), {"pegawai": demo["kasubbag"].pk}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("monev:penilai"), {"pegawai": demo["kadin.kominfo"].pk}, follow=True
        ).status_code
        == 200
    )
    _login(client, demo, "sekretaris")
    assert (
        client.post(
            reverse("monev:penilai"), {"pegawai": demo["timkerja"].pk}
        ).status_code
        == 403
    )
    _login(client, demo, "kasubbag")
    assert "Susun monitoring" in client.get(reverse("monev:beranda")).content.decode()


def test_the_evaluation_round_trip_and_its_walls(client, demo):
    _login(client, demo, "sekretaris")
    response = client.post(
        reverse("monev:evaluasi_baru"),
        {"jenis": "pengumpulan", "mulai": "2025-01-01", "selesai": "2025-06-30"},
    )
    from monev.models import Evaluasi

    ev = Evaluasi.objects.get()
    assert response.status_code == 302 and response.url == ev.get_absolute_url()
    assert client.get(reverse("monev:evaluasi_pdf", args=[ev.pk])).status_code == 200
    data = {}
    for j in ev.jawaban.all():
        data[f"{j.kode}-jawaban"] = "ya"
        data[f"{j.kode}-catatan"] = ""
    assert (
        client.post(ev.get_absolute_url(), {**data, "terbitkan": "1"}).status_code
        == 302
    )
    ev.refresh_from_db()
    assert ev.diterbitkan
    _login(client, demo, "timkerja")
    assert client.get(ev.get_absolute_url()).status_code == 200
    assert client.post(ev.get_absolute_url(), data).status_code == 403
    _login(client, demo, "kadin.kominfo")
    for name in ("monev:evaluasi", "monev:evaluasi_pdf"):
        assert client.get(reverse(name, args=[ev.pk])).status_code == 404


def test_the_admin_lists_the_forms_read_only(admin_client, draf):
    assert (
        admin_client.get(reverse("admin:monev_monitoring_changelist")).status_code
        == 200
    )
    page = admin_client.get(reverse("admin:monev_monitoring_change", args=[draf.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client.get(reverse("admin:monev_monitoring_add")).status_code == 403
