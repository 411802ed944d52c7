import pytest
from django.core.management import CommandError, call_command

from dokumen.models import PengaturanNaskah, SertifikatKantor
from dokumen.signing import baca_pkcs12

pytestmark = pytest.mark.django_db


def test_buat_sertifikat_demo_installs_a_labelled_self_signed_certificate(org):
    call_command("buat_sertifikat_demo", "--pd", "dpmptsp", "--kode-naskah", "427.59")
    s = SertifikatKantor.objects.get(perangkat_daerah=org.dpmptsp)
    assert (
        s.self_signed
        and s.aktif
        and "DEMO" in s.subjek
        and "swa-tanda" in s.catatan.lower()
    )
    info = baca_pkcs12(s.pkcs12_bytes(), s.passphrase_bytes())
    assert info.pem == s.sertifikat_pem
    assert (
        PengaturanNaskah.objects.get(perangkat_daerah=org.dpmptsp).kode_naskah
        == "427.59"
    )
    # idempotent unless --ganti
    call_command("buat_sertifikat_demo", "--pd", "DPMPTSP")
    assert SertifikatKantor.objects.get(pk=s.pk).sertifikat_pem == s.sertifikat_pem
    call_command("buat_sertifikat_demo", "--pd", "DPMPTSP", "--ganti")
    assert SertifikatKantor.objects.get(pk=s.pk).sertifikat_pem != s.sertifikat_pem


def test_unknown_office_is_an_error(org):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("buat_sertifikat_demo", "--pd", "TIDAKADA")
