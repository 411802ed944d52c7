import hashlib
import re
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from dokumen.models import DokumenResmi, PengaturanNaskah
from dokumen.services import dokumen_terbitkan, sertifikat_kantor_pasang
from dokumen.signing import verify_pdf

pytestmark = pytest.mark.django_db


def _teks(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)


def _terbitkan(org, render, **kw):
    args = dict(
        jenis=DokumenResmi.Jenis.PENGUKURAN_TRIWULAN,
        pd=org.dpmptsp,
        tahun=2026,
        triwulan=2,
        render=render,
        penandatangan=org["kadin"],
        label_jabatan="Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        actor=org["timsakip"].user,
    )
    args.update(kw)
    return dokumen_terbitkan(**args)


def test_with_a_certificate_the_document_is_signed_numbered_and_archived(
    org, sertifikat, render_surat, settings
):
    settings.SITE_URL = "https://sakip.lumajangkab.go.id"
    PengaturanNaskah.objects.create(perangkat_daerah=org.dpmptsp, kode_naskah="427.59")
    dok = _terbitkan(org, render_surat)
    assert re.fullmatch(r"050/001/427\.59/20\d\d", dok.nomor)
    with dok.berkas.open("rb") as fh:
        data = fh.read()
    assert hashlib.sha256(data).hexdigest() == dok.sha256 and dok.ukuran == len(data)
    assert dok.ditandatangani and dok.ditandatangani_pada and dok.sertifikat_self_signed
    assert dok.penandatangan_nama == "ARI MURGONO, S.STP., M.Si."
    assert dok.penandatangan_nip == "19780216 199703 1 001"
    assert dok.dibuat_oleh == org["timsakip"].user
    hasil = verify_pdf(data)
    assert hasil.sah
    teks = _teks(data)
    assert dok.nomor in teks
    assert f"https://sakip.lumajangkab.go.id/v/{dok.kode}/" in "".join(teks.split())
    assert "Ditandatangani secara elektronik" in " ".join(teks.split())
    assert "TIDAK DITANDATANGANI" not in teks


def test_without_a_certificate_the_document_is_archived_unsigned_with_the_mark(
    org, render_surat
):
    dok = _terbitkan(org, render_surat)
    assert not dok.ditandatangani and dok.ditandatangani_pada is None
    assert dok.nomor.startswith("050/001/DPMPTSP/")
    with dok.berkas.open("rb") as fh:
        data = fh.read()
    assert not verify_pdf(data).ada_tanda_tangan
    assert "TIDAK DITANDATANGANI SECARA ELEKTRONIK" in _teks(data)


def test_numbers_run_per_office_and_year(org, render_surat):
    a = _terbitkan(org, render_surat)
    b = _terbitkan(org, render_surat, jenis=DokumenResmi.Jenis.SOP, triwulan=None)
    c = _terbitkan(
        org, render_surat, pd=org.kominfo, penandatangan=org["kadin.kominfo"]
    )
    assert a.urut == 1 and b.urut == 2 and c.urut == 1
    assert b.nomor.startswith("060/002/DPMPTSP/") and c.nomor.startswith(
        "050/001/DISKOMINFO/"
    )
    assert len({a.kode, b.kode, c.kode}) == 3


def test_a_correction_is_a_new_revision_and_the_old_document_stays(org, render_surat):
    lama = _terbitkan(org, render_surat)
    baru = _terbitkan(org, render_surat, supersedes=lama)
    assert baru.revisi == 1 and baru.menggantikan == lama and baru.nomor != lama.nomor
    lama.refresh_from_db()
    assert lama.diganti and lama.pengganti == baru
    with lama.berkas.open("rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == lama.sha256
    with pytest.raises(ValidationError, match="sudah direvisi"):
        _terbitkan(org, render_surat, supersedes=lama)
    with pytest.raises(ValidationError):
        _terbitkan(org, render_surat, supersedes=baru, jenis=DokumenResmi.Jenis.SOP)


def test_role_label_is_recorded_as_the_position_title(org, render_surat):
    dok = _terbitkan(org, render_surat, label_jabatan="Kepala Dinas")
    assert (
        dok.penandatangan_jabatan
        == "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"
    )
    assert dok.penandatangan_label == ""


def test_acting_label_is_recorded(org, render_surat):
    dok = _terbitkan(
        org,
        render_surat,
        penandatangan=org["sekretaris"],
        label_jabatan="Plt. Kepala Dinas",
    )
    assert (
        dok.penandatangan_label == "Plt."
        and dok.penandatangan_jabatan == "Kepala Dinas"
    )


def test_installing_a_certificate_with_a_wrong_passphrase_is_refused(org, pkcs12_bytes):
    with pytest.raises(ValidationError, match="kata sandi salah"):
        sertifikat_kantor_pasang(
            pd=org.dpmptsp, pkcs12=pkcs12_bytes, passphrase="salah", self_signed=True
        )


def test_passphrase_from_an_environment_variable(
    org, pkcs12_bytes, monkeypatch, render_surat
):
    from dokumen.tests.conftest import PASSPHRASE

    monkeypatch.setenv("SAKIP_P12_UJI", PASSPHRASE)
    s = sertifikat_kantor_pasang(
        pd=org.dpmptsp, pkcs12=pkcs12_bytes, passphrase_env="SAKIP_P12_UJI"
    )
    assert s.passphrase == "" and s.subjek == "DPMPTSP Kabupaten Lumajang (DEMO)"
    assert _terbitkan(org, render_surat).ditandatangani
