import copy
from pathlib import Path

import pytest

from dokumen.signing import buat_pkcs12_swatanda

UJI_TEMPLATES = Path(__file__).parent / "templates"
PASSPHRASE = "rahasia-demo-123"


@pytest.fixture(scope="session")
def pkcs12_bytes() -> bytes:
    """One self-signed certificate for the whole run (RSA key generation is slow)."""
    return buat_pkcs12_swatanda(
        common_name="DPMPTSP Kabupaten Lumajang (DEMO)",
        organisasi="Pemerintah Kabupaten Lumajang",
        passphrase=PASSPHRASE.encode(),
    )


@pytest.fixture
def org(db):
    """The demo organisation only (offices and people), independent of the SOP and kinerja demo data."""
    from organisasi.demo import load_organisasi

    return load_organisasi()


@pytest.fixture
def sertifikat(org, pkcs12_bytes):
    from dokumen.services import sertifikat_kantor_pasang

    return sertifikat_kantor_pasang(
        pd=org.dpmptsp, pkcs12=pkcs12_bytes, passphrase=PASSPHRASE, self_signed=True
    )


@pytest.fixture
def templat_uji(settings):
    """Adds the test-only templates (dokumen_uji/...) to the template search path."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], UJI_TEMPLATES]
    settings.TEMPLATES = templates


@pytest.fixture
def render_surat(templat_uji, org):
    """A renderer for dokumen_terbitkan: a small table document of the demo office."""
    from dokumen.pdf import blok_tanda_tangan, render_pdf

    def render(nomor, verify_url, qr_data_uri, *, ditandatangani):
        ttd = blok_tanda_tangan(pd=org.dpmptsp, pegawai=org["kadin"])
        return render_pdf(
            "dokumen_uji/surat.html",
            {
                "kantor": org.dpmptsp,
                "judul": "Surat Uji",
                "nomor": nomor,
                "verify_url": verify_url,
                "qr": qr_data_uri,
                "ditandatangani": ditandatangani,
                "ttd": ttd,
                "baris": [{"uraian": f"Uraian {i}", "nilai": i} for i in range(1, 6)],
            },
        )

    return render
