import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dokumen.models import DokumenResmi
from dokumen.services import dokumen_terbitkan

pytestmark = pytest.mark.django_db


@pytest.fixture
def dok(org, sertifikat, render_surat):
    return dokumen_terbitkan(
        jenis=DokumenResmi.Jenis.PENGUKURAN_TRIWULAN,
        pd=org.dpmptsp,
        tahun=2026,
        triwulan=2,
        render=render_surat,
        penandatangan=org["kadin"],
        label_jabatan="Kepala Dinas",
        actor=org["timsakip"].user,
        judul="Uji",
    )


def _isi(dok) -> bytes:
    with dok.berkas.open("rb") as fh:
        return fh.read()


def test_verification_by_number_and_code_finds_the_document_without_login(client, dok):
    r = client.post(
        reverse("dokumen:verifikasi"), {"nomor": dok.nomor, "kode": dok.kode}
    )
    teks = r.content.decode()
    assert r.status_code == 200
    assert "Dokumen asli dan tidak berubah" in teks
    assert "ARI MURGONO, S.STP., M.Si." in teks
    assert "Sah, mencakup seluruh dokumen" in teks
    assert "Sertifikat swa-tanda (demo)" in teks


def test_verification_by_unknown_number_says_unknown(client, dok):
    r = client.post(
        reverse("dokumen:verifikasi"),
        {"nomor": "050/999/427.59/2026", "kode": dok.kode},
    )
    assert r.status_code == 200
    assert "Dokumen tidak dikenal atau telah diubah" in r.content.decode()
    assert "Dokumen asli" not in r.content.decode()


def test_verification_of_the_identical_file_says_authentic(client, dok):
    berkas = SimpleUploadedFile("dok.pdf", _isi(dok), content_type="application/pdf")
    r = client.post(reverse("dokumen:verifikasi"), {"berkas": berkas})
    teks = r.content.decode()
    assert "Dokumen asli dan tidak berubah" in teks
    assert "sama persis" in teks
    assert dok.nomor in teks


def test_verification_of_a_file_with_one_byte_changed_says_changed(client, dok):
    data = bytearray(_isi(dok))
    data[len(data) // 3] ^= 0x01
    r = client.post(
        reverse("dokumen:verifikasi"),
        {"berkas": SimpleUploadedFile("dok.pdf", bytes(data))},
    )
    teks = r.content.decode()
    assert "Dokumen tidak dikenal atau telah diubah" in teks
    assert "Dokumen asli" not in teks


def test_verification_of_garbage_upload_and_empty_form_never_fail(client, dok):
    r = client.post(
        reverse("dokumen:verifikasi"),
        {"berkas": SimpleUploadedFile("x.pdf", b"%PDF-rusak")},
    )
    assert r.status_code == 200 and "tidak dikenal" in r.content.decode()
    r = client.post(reverse("dokumen:verifikasi"), {})
    assert (
        r.status_code == 200
        and "Isi nomor dokumen atau unggah berkas PDF." in r.content.decode()
    )
    assert client.get(reverse("dokumen:verifikasi")).status_code == 200


def test_short_url_from_the_qr_code(client, dok):
    assert reverse("verifikasi_pendek", args=[dok.kode]) == f"/v/{dok.kode}/"
    for url in (f"/v/{dok.kode}/", reverse("dokumen:verifikasi_kode", args=[dok.kode])):
        r = client.get(url)
        assert r.status_code == 200
        assert "Dokumen asli dan tidak berubah" in r.content.decode()
    r = client.get("/v/tidakada99/")
    assert r.status_code == 404 and "tidak dikenal" in r.content.decode()


def test_superseded_document_points_to_its_revision(client, dok, org, render_surat):
    baru = dokumen_terbitkan(
        jenis=dok.jenis,
        pd=org.dpmptsp,
        tahun=2026,
        triwulan=2,
        render=render_surat,
        penandatangan=org["kadin"],
        label_jabatan="Kepala Dinas",
        actor=None,
        supersedes=dok,
    )
    teks = client.get(f"/v/{dok.kode}/").content.decode()
    assert f"telah diganti oleh revisi bernomor {baru.nomor}" in teks


def test_tampered_archive_file_is_reported(client, dok):
    path = dok.berkas.path
    data = bytearray(open(path, "rb").read())
    data[100] ^= 0x01
    open(path, "wb").write(bytes(data))
    teks = client.get(f"/v/{dok.kode}/").content.decode()
    assert "Dokumen tidak dikenal atau telah diubah" in teks


def test_download_requires_login_and_the_same_office(client, dok, org):
    url = reverse("dokumen:unduh", args=[dok.pk])
    r = client.get(url)
    assert r.status_code == 302 and "/masuk/" in r["Location"]
    client.force_login(org["kadin.kominfo"].user)
    assert client.get(url).status_code == 404
    client.force_login(org["timkerja"].user)
    r = client.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content) == _isi(dok)


def test_kabupaten_admin_may_download(client, dok):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="adminkab"))
    assert client.get(reverse("dokumen:unduh", args=[dok.pk])).status_code == 200


def test_archive_files_are_not_under_a_public_url(client, dok):
    from django.conf import settings

    assert client.get(settings.MEDIA_URL + dok.berkas.name).status_code == 404
