from io import BytesIO

import pytest
from pypdf import PdfReader

from dokumen.pdf import render_pdf
from dokumen.signing import (
    SertifikatTidakDapatDipakai,
    baca_pkcs12,
    sign_pdf,
    verify_pdf,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf_polos(templat_uji, org):
    return render_pdf(
        "dokumen_uji/surat.html",
        {
            "kantor": org.dpmptsp,
            "judul": "Surat Uji",
            "baris": [{"uraian": "Satu", "nilai": 1}],
        },
    )


@pytest.fixture
def pdf_bertanda(pdf_polos, sertifikat):
    return sign_pdf(
        pdf_polos,
        sertifikat=sertifikat,
        reason="Uji",
        location="Lumajang",
        signer_name="ARI MURGONO",
    )


def test_signature_validates_and_covers_the_whole_file(pdf_bertanda):
    hasil = verify_pdf(pdf_bertanda)
    assert hasil.ada_tanda_tangan and hasil.intact and hasil.valid and hasil.trusted
    assert hasil.seluruh_dokumen
    assert hasil.sah
    assert hasil.signer_cn == "DPMPTSP Kabupaten Lumajang (DEMO)"
    assert hasil.signing_time is not None
    # still an ordinary PDF with its text
    assert (
        "Surat Uji" in PdfReader(BytesIO(pdf_bertanda)).pages[0].extract_text().title()
    )


def _signed_ranges(data: bytes) -> list[int]:
    """Offsets inside the signed byte ranges (everything except the /Contents hex string)."""
    reader = PdfReader(BytesIO(data))
    sig = (
        reader.trailer["/Root"]["/AcroForm"]["/Fields"][0]
        .get_object()["/V"]
        .get_object()
    )
    a, b, c, d = sig["/ByteRange"]
    return [a + b // 2, a + b - 200, c + 10, c + d // 2]


@pytest.mark.parametrize("posisi", range(4))
def test_changing_one_byte_breaks_validation(pdf_bertanda, posisi):
    offset = _signed_ranges(pdf_bertanda)[posisi]
    rusak = bytearray(pdf_bertanda)
    rusak[offset] = (rusak[offset] + 1) % 256 if rusak[offset] != 0x20 else 0x21
    hasil = verify_pdf(bytes(rusak))
    assert not hasil.sah
    assert not (hasil.intact and hasil.valid)


def test_changing_one_byte_of_the_signature_value_breaks_validation(pdf_bertanda):
    reader = PdfReader(BytesIO(pdf_bertanda))
    sig = (
        reader.trailer["/Root"]["/AcroForm"]["/Fields"][0]
        .get_object()["/V"]
        .get_object()
    )
    a, b, c, d = sig["/ByteRange"]
    # The signer's signature value, found in the CMS blob itself (its place in the /Contents hex
    # string differs from one signature to the next), and one hex digit in its middle changed.
    from asn1crypto import cms

    nilai = cms.ContentInfo.load(bytes(sig["/Contents"]), strict=False)["content"][
        "signer_infos"
    ][0]["signature"]
    hex_part = pdf_bertanda[a + b + 1 : c - 1].lower()
    mulai = hex_part.find(nilai.contents.hex().encode())
    assert mulai > 0
    offset = (
        a + b + 1 + mulai + len(nilai.contents)
    )  # the middle of the value's hex digits
    rusak = bytearray(pdf_bertanda)
    rusak[offset] = ord("a") if rusak[offset] not in b"aA" else ord("b")
    assert not verify_pdf(bytes(rusak)).sah


def test_unknown_certificate_is_not_trusted(pdf_bertanda):
    hasil = verify_pdf(pdf_bertanda, trust_roots=[])
    assert hasil.intact and not hasil.trusted and not hasil.sah


def test_unsigned_and_garbage_files_are_not_valid(pdf_polos):
    assert not verify_pdf(pdf_polos).ada_tanda_tangan
    assert not verify_pdf(pdf_polos).sah
    assert not verify_pdf(b"bukan pdf").sah


def test_wrong_passphrase_is_refused_in_indonesian(pkcs12_bytes):
    with pytest.raises(SertifikatTidakDapatDipakai, match="kata sandi salah"):
        baca_pkcs12(pkcs12_bytes, b"salah")


def test_signing_and_verifying_work_inside_a_running_event_loop(pdf_polos, sertifikat):
    """pyHanko's sync wrappers call asyncio.run(); under ASGI or Playwright a loop is already running."""
    import asyncio

    from dokumen.signing import sertifikat_terpercaya

    trust = sertifikat_terpercaya()

    async def main():
        signed = sign_pdf(
            pdf_polos,
            sertifikat=sertifikat,
            reason="Uji",
            location="Lumajang",
            signer_name="X",
        )
        return verify_pdf(signed, trust_roots=trust)

    assert asyncio.run(main()).sah
