"""The public verification page tells the holder of a document whether it is genuine,
and nothing to anyone who only guesses numbers (issue 16, finding 2)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dokumen.models import DokumenResmi
from dokumen.services import dokumen_terbitkan

pytestmark = pytest.mark.django_db

NIP_PENUH = "19780216 199703 1 001"


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


def test_a_number_alone_finds_nothing(client, dok):
    """Numbers are sequential: by themselves they must not open the archive."""
    r = client.post(reverse("dokumen:verifikasi"), {"nomor": dok.nomor})
    teks = r.content.decode()
    assert r.status_code == 200
    assert "Isi juga kode verifikasi" in teks
    assert "ARI MURGONO" not in teks and "Dokumen asli" not in teks


def test_a_number_with_a_wrong_code_is_unknown(client, dok):
    r = client.post(
        reverse("dokumen:verifikasi"), {"nomor": dok.nomor, "kode": "2345678abc"}
    )
    teks = r.content.decode()
    assert "Dokumen tidak dikenal atau telah diubah" in teks
    assert "ARI MURGONO" not in teks


def test_the_printed_address_pasted_as_code_is_accepted(client, dok, settings):
    r = client.post(
        reverse("dokumen:verifikasi"),
        {"nomor": dok.nomor, "kode": f"{settings.SITE_URL}/v/{dok.kode}/"},
    )
    assert "Dokumen asli dan tidak berubah" in r.content.decode()


@pytest.mark.parametrize("cara", ["qr", "nomor_kode", "berkas"])
def test_the_page_shows_the_minimum_with_the_nip_masked(client, dok, cara):
    if cara == "qr":
        r = client.get(f"/v/{dok.kode}/")
    elif cara == "nomor_kode":
        r = client.post(
            reverse("dokumen:verifikasi"), {"nomor": dok.nomor, "kode": dok.kode}
        )
    else:
        with dok.berkas.open("rb") as fh:
            r = client.post(
                reverse("dokumen:verifikasi"),
                {"berkas": SimpleUploadedFile("d.pdf", fh.read())},
            )
    teks = r.content.decode()
    assert dok.penandatangan_nip == NIP_PENUH
    assert "Dokumen asli dan tidak berubah" in teks
    assert "ARI MURGONO, S.STP., M.Si." in teks and "Kepala Dinas" in teks
    assert "Triwulan 2" in teks and "Uji" in teks
    assert "•••••••• •••••• • 001" in teks
    for bocor in ("19780216", "199703", NIP_PENUH, dok.sha256):
        assert bocor not in teks


def test_anonymous_lookups_are_rate_limited_per_address(client, dok, settings):
    settings.VERIFIKASI_BATAS_ANONIM = 3
    url = reverse("dokumen:verifikasi")
    for _ in range(3):
        assert (
            client.post(url, {"nomor": dok.nomor, "kode": "salah99999"}).status_code
            == 200
        )
    r = client.post(url, {"nomor": dok.nomor, "kode": dok.kode})
    assert r.status_code == 429
    assert int(r["Retry-After"]) == settings.VERIFIKASI_JENDELA_DETIK
    teks = r.content.decode()
    assert "terlalu banyak dokumen diperiksa" in teks and "ARI MURGONO" not in teks
    assert client.get(f"/v/{dok.kode}/").status_code == 429  # the QR route counts too
    assert client.get(url).status_code == 200  # the empty form is no lookup
    # Another address is not affected, nor is a signed-in person at the same address.
    assert client.get(f"/v/{dok.kode}/", REMOTE_ADDR="198.51.100.7").status_code == 200
    client.force_login(dok.dibuat_oleh)
    assert client.get(f"/v/{dok.kode}/").status_code == 200


def test_rate_limit_keys_on_the_client_behind_the_trusted_proxy(client, dok, settings):
    settings.VERIFIKASI_BATAS_ANONIM = 1
    settings.TRUSTED_PROXY_COUNT = 1
    assert (
        client.get(f"/v/{dok.kode}/", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code
        == 200
    )
    assert (
        client.get(f"/v/{dok.kode}/", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code
        == 429
    )
    assert (
        client.get(f"/v/{dok.kode}/", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code
        == 200
    )
