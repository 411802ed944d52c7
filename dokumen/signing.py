"""PAdES signatures on issued PDFs (pyHanko), and their verification.

Signing uses the office's PKCS#12 file (`SertifikatKantor`). Verification trusts
the certificates this installation has signed with: the offices' configured
certificates and the certificates recorded on archived documents. A self-signed
demo certificate is therefore "trusted" here, and only here.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from io import BytesIO

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .models import SertifikatKantor

logger = logging.getLogger(__name__)

NAMA_FIELD_TANDA_TANGAN = "TandaTanganElektronik"


class SertifikatTidakDapatDipakai(Exception):
    """The office's PKCS#12 file cannot be opened (wrong passphrase, damaged file, expired)."""


# --- certificates -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InfoSertifikat:
    pem: str
    subjek: str
    berlaku_sampai: datetime.datetime


def buat_pkcs12_swatanda(
    *,
    common_name: str,
    organisasi: str,
    passphrase: bytes,
    email: str = "",
    masa_berlaku_hari: int = 3 * 365,
) -> bytes:
    """A new RSA-2048 key and a self-signed certificate for it, as PKCS#12 bytes.

    For demonstrations only: nobody outside this installation trusts it.
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisasi[:64]),
        x509.NameAttribute(
            NameOID.ORGANIZATIONAL_UNIT_NAME, "SERTIFIKAT DEMO SWA-TANDA"
        ),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
    ]
    if email:
        attrs.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
    name = x509.Name(attrs)
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=masa_berlaku_hari))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        name=common_name.encode("utf-8"),
        key=key,
        cert=cert,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase),
    )


def baca_pkcs12(data: bytes, passphrase: bytes | None) -> InfoSertifikat:
    """The certificate inside a PKCS#12 file; raises SertifikatTidakDapatDipakai when it cannot be opened."""
    try:
        _key, cert, _cas = pkcs12.load_key_and_certificates(data, passphrase)
    except (ValueError, TypeError) as exc:
        raise SertifikatTidakDapatDipakai(
            _("Berkas PKCS#12 tidak dapat dibuka: kata sandi salah atau berkas rusak.")
        ) from exc
    if cert is None or _key is None:
        raise SertifikatTidakDapatDipakai(
            _("Berkas PKCS#12 harus berisi sertifikat dan kunci privat.")
        )
    cn = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return InfoSertifikat(
        pem=cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
        subjek=cn[0].value if cn else cert.subject.rfc4514_string(),
        berlaku_sampai=cert.not_valid_after_utc,
    )


def _asn1_cert(pem_text: str) -> asn1_x509.Certificate:
    _type, _headers, der = asn1_pem.unarmor(pem_text.encode("ascii"))
    return asn1_x509.Certificate.load(der)


def sertifikat_terpercaya() -> list[asn1_x509.Certificate]:
    """Certificates this installation signs with: configured offices' and those recorded on the archive."""
    from .models import DokumenResmi

    pems = set(
        SertifikatKantor.objects.exclude(sertifikat_pem="").values_list(
            "sertifikat_pem", flat=True
        )
    )
    pems |= set(
        DokumenResmi.objects.exclude(sertifikat_pem="")
        .values_list("sertifikat_pem", flat=True)
        .distinct()
    )
    certs = []
    for pem_text in sorted(pems):
        try:
            certs.append(_asn1_cert(pem_text))
        except (
            Exception
        ):  # a damaged stored PEM must not break verification of other documents
            logger.warning("Sertifikat tersimpan tidak dapat dibaca; dilewati.")
    return certs


def _sync(func, *args, **kwargs):
    """Call one of pyHanko's synchronous wrappers. They use asyncio.run(), which fails
    inside a running event loop (an ASGI worker, Playwright's sync API): then run the
    call in a helper thread that has no loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return func(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(func, *args, **kwargs).result()


# --- signing ----------------------------------------------------------------------------------------------


def _signer_for(sertifikat: SertifikatKantor) -> signers.SimpleSigner:
    data = sertifikat.pkcs12_bytes()
    passphrase = sertifikat.passphrase_bytes()
    baca_pkcs12(data, passphrase)  # clear Indonesian error first
    signer = signers.SimpleSigner.load_pkcs12_data(
        data, other_certs=[], passphrase=passphrase
    )
    if signer is None:
        raise SertifikatTidakDapatDipakai(_("Berkas PKCS#12 tidak dapat dibuka."))
    return signer


def sign_pdf(
    pdf: bytes,
    *,
    sertifikat: SertifikatKantor,
    reason: str,
    location: str,
    signer_name: str,
) -> bytes:
    """`pdf` with a PAdES (B-B) signature of the office's certificate covering the whole file."""
    signer = _signer_for(sertifikat)
    meta = signers.PdfSignatureMetadata(
        field_name=NAMA_FIELD_TANDA_TANGAN,
        reason=reason,
        location=location,
        name=signer_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    try:
        out = _sync(signers.PdfSigner(meta, signer=signer).sign_pdf, writer)
    except SigningError as exc:
        raise SertifikatTidakDapatDipakai(
            _("Penandatanganan gagal: %(alasan)s") % {"alasan": exc}
        ) from exc
    return out.getvalue()


# --- verification -----------------------------------------------------------------------------------------


@dataclass
class VerificationResult:
    """What a PDF's embedded signature says. `sah` is the one-word answer."""

    ada_tanda_tangan: bool = False
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    seluruh_dokumen: bool = False
    signer_cn: str = ""
    signing_time: datetime.datetime | None = None
    pesan: list[str] = field(default_factory=list)

    @property
    def sah(self) -> bool:
        return (
            self.ada_tanda_tangan
            and self.intact
            and self.valid
            and self.trusted
            and self.seluruh_dokumen
        )


def verify_pdf(
    data: bytes, *, trust_roots: list[asn1_x509.Certificate] | None = None
) -> VerificationResult:
    """Check the last embedded signature of `data`.

    intact: the signed bytes hash to the signed digest; valid: the cryptographic
    signature checks out and the signer's certificate chains to a trust root;
    seluruh_dokumen: the signature covers the entire file with nothing added after it.
    Never raises on bad input: a damaged or unsigned file gives a result with `sah` False.
    """
    result = VerificationResult()
    if trust_roots is None:
        trust_roots = sertifikat_terpercaya()
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        embedded = reader.embedded_signatures
    except Exception:
        result.pesan.append(_("Berkas bukan PDF yang dapat dibaca."))
        return result
    if not embedded:
        result.pesan.append(_("Berkas tidak memuat tanda tangan elektronik."))
        return result
    result.ada_tanda_tangan = True
    sig = embedded[-1]
    try:
        vc = ValidationContext(
            trust_roots=trust_roots, allow_fetching=False, revocation_mode="soft-fail"
        )
        status = _sync(validate_pdf_signature, sig, vc)
    except Exception as exc:
        logger.info("Validasi tanda tangan gagal: %s", exc)
        result.pesan.append(
            _("Tanda tangan elektronik rusak atau tidak dapat diperiksa.")
        )
        return result
    result.intact = bool(status.intact)
    result.valid = bool(status.valid)
    result.trusted = bool(status.trusted)
    result.seluruh_dokumen = (
        status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        and status.modification_level
        in (
            None,
            ModificationLevel.NONE,
        )
    )
    try:
        result.signer_cn = status.signing_cert.subject.native.get("common_name", "")
    except Exception:
        result.signer_cn = ""
    result.signing_time = status.signer_reported_dt
    if not result.intact:
        result.pesan.append(_("Isi dokumen telah berubah setelah ditandatangani."))
    elif not result.valid:
        result.pesan.append(_("Tanda tangan elektronik tidak sah."))
    elif not result.trusted:
        result.pesan.append(
            _("Sertifikat penanda tangan tidak dikenal oleh aplikasi ini.")
        )
    if result.intact and not result.seluruh_dokumen:
        result.pesan.append(_("Tanda tangan tidak mencakup seluruh dokumen."))
    return result
