"""The Excel import refuses a file past its limit before reading it whole (issue 16, finding 3)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_import_file_past_the_limit_is_refused_unread(client, demo, settings):
    settings.UNGGAHAN_BATAS = {**settings.UNGGAHAN_BATAS, "kinerja:impor": (1000, 1)}
    client.force_login(demo["timsakip"].user)
    r = client.post(
        reverse("kinerja:impor"),
        {"tahun": 2030, "berkas": SimpleUploadedFile("pk.xlsx", b"PK" * 3000)},
    )
    teks = r.content.decode()
    assert r.status_code == 200
    assert "Berkas terlalu besar; ukuran maksimum 1000" in teks
    assert "bukan file Excel" not in teks  # its content was never looked at
