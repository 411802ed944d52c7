"""A real certificate's passphrase never goes into the database, so never into a backup
(issue 16, finding 9); the self-signed demo keeps its own, and says so."""

import pytest
from django.core.exceptions import ValidationError

from dokumen.models import SertifikatKantor
from dokumen.services import sertifikat_kantor_pasang
from dokumen.tests.conftest import PASSPHRASE

pytestmark = pytest.mark.django_db


def test_a_real_certificates_passphrase_is_refused_for_the_database(org, pkcs12_bytes):
    with pytest.raises(ValidationError, match="tidak disimpan di basis data"):
        sertifikat_kantor_pasang(
            pd=org.dpmptsp, pkcs12=pkcs12_bytes, passphrase=PASSPHRASE
        )
    assert not SertifikatKantor.objects.exists()


def test_the_admin_form_refuses_it_too(org):
    with pytest.raises(ValidationError) as exc:
        SertifikatKantor(
            perangkat_daerah=org.dpmptsp, passphrase="rahasia", self_signed=False
        ).clean()
    assert "passphrase" in exc.value.message_dict


def test_a_real_certificate_reads_its_passphrase_from_the_environment(
    org, pkcs12_bytes, monkeypatch
):
    monkeypatch.setenv("SAKIP_P12_UJI", PASSPHRASE)
    s = sertifikat_kantor_pasang(
        pd=org.dpmptsp, pkcs12=pkcs12_bytes, passphrase_env="SAKIP_P12_UJI"
    )
    assert s.passphrase == "" and s.passphrase_bytes() == PASSPHRASE.encode()


def test_the_demo_certificate_keeps_its_passphrase(org, pkcs12_bytes):
    s = sertifikat_kantor_pasang(
        pd=org.dpmptsp, pkcs12=pkcs12_bytes, passphrase=PASSPHRASE, self_signed=True
    )
    assert s.passphrase == PASSPHRASE
    s.clean()
