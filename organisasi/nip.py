"""NIP (Nomor Induk Pegawai): 18 digits, printed `19780216 199703 1 001`.

Layout: birth date (YYYYMMDD), appointment (YYYYMM), sex (1 male, 2 female),
serial (3 digits).
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def normalise_nip(value: str) -> str:
    return "".join(ch for ch in str(value) if not ch.isspace())


def nip_errors(value: str) -> list[str]:
    """Every reason why `value` is not a valid NIP, in Indonesian; empty when valid."""
    nip = normalise_nip(value)
    if not nip.isdigit() or len(nip) != 18:
        return [
            _(
                "NIP harus terdiri dari 18 angka (boleh ditulis dengan spasi, mis. 19780216 199703 1 001)."
            )
        ]
    errors = []
    try:
        lahir = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        lahir = None
        errors.append(_("8 angka pertama NIP harus tanggal lahir yang sah (TTTTBBHH)."))
    tahun_angkat, bulan_angkat = int(nip[8:12]), int(nip[12:14])
    if not 1 <= bulan_angkat <= 12:
        errors.append(_("Angka ke-13 dan ke-14 NIP harus bulan pengangkatan (01–12)."))
    elif lahir and tahun_angkat < lahir.year + 15:
        errors.append(
            _("Tahun pengangkatan pada NIP tidak mungkin sebelum usia 15 tahun.")
        )
    if nip[14] not in "12":
        errors.append(_("Angka ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan)."))
    if nip[15:] == "000":
        errors.append(_("Nomor urut NIP (3 angka terakhir) tidak boleh 000."))
    return errors


def validate_nip(value: str) -> None:
    errors = nip_errors(value)
    if errors:
        raise ValidationError(errors, code="nip_tidak_sah")


def format_nip(value: str) -> str:
    """`197802161997031001` → `19780216 199703 1 001`; anything else unchanged."""
    nip = normalise_nip(value)
    if len(nip) != 18 or not nip.isdigit():
        return str(value)
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"
