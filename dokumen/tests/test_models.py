import pytest
from django.core.files.base import ContentFile

from dokumen.models import (
    KODE_ALFABET,
    DokumenResmi,
    DokumenTidakDapatDiubah,
    buat_kode_verifikasi,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dokumen(org):
    d = DokumenResmi(
        nomor="050/001/DPMPTSP/2026",
        tahun_nomor=2026,
        urut=1,
        jenis=DokumenResmi.Jenis.SOP,
        perangkat_daerah=org.dpmptsp,
        tahun=2026,
        sha256="a" * 64,
        ukuran=3,
    )
    d.berkas.save("x.pdf", ContentFile(b"abc"), save=False)
    d.save()
    return d


def test_verification_codes_are_short_random_and_unambiguous():
    kode = {buat_kode_verifikasi() for _ in range(200)}
    assert len(kode) == 200
    assert all(len(k) == 10 and set(k) <= set(KODE_ALFABET) for k in kode)
    assert not set("01lio") & set(KODE_ALFABET)


def test_saved_document_refuses_changes_to_file_and_hash(dokumen):
    dokumen.sha256 = "b" * 64
    with pytest.raises(DokumenTidakDapatDiubah):
        dokumen.save()
    dokumen.refresh_from_db()
    assert dokumen.sha256 == "a" * 64


def test_saved_document_refuses_even_an_unchanged_save(dokumen):
    with pytest.raises(DokumenTidakDapatDiubah):
        dokumen.save(update_fields=["judul"])


def test_queryset_update_and_delete_are_refused(dokumen):
    with pytest.raises(DokumenTidakDapatDiubah):
        DokumenResmi.objects.filter(pk=dokumen.pk).update(sha256="c" * 64)
    with pytest.raises(DokumenTidakDapatDiubah):
        DokumenResmi.objects.all().delete()
    assert DokumenResmi.objects.get(pk=dokumen.pk).sha256 == "a" * 64


def test_delete_is_refused_and_the_file_stays(dokumen):
    with pytest.raises(DokumenTidakDapatDiubah):
        dokumen.delete()
    assert DokumenResmi.objects.filter(pk=dokumen.pk).exists()
    with dokumen.berkas.open("rb") as fh:
        assert fh.read() == b"abc"
