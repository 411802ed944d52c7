"""Where `cadangkan` and `pulihkan` take the archive passphrase from.

Never from the command line (other users see it in the process list): from a file
(`--berkas-sandi`, first line), from the environment variable CADANGAN_SANDI, or typed
at a terminal.
"""

import getpass
import os
import sys
from pathlib import Path

from django.core.management.base import CommandError


def tambah_argumen(parser) -> None:
    parser.add_argument(
        "--berkas-sandi", help="berkas berisi sandi cadangan (baris pertama)"
    )


def baca_sandi(berkas_sandi: str | None, *, ulangi: bool) -> str:
    if berkas_sandi:
        try:
            return (
                Path(berkas_sandi).read_text(encoding="utf-8").splitlines()[0].strip()
            )
        except (OSError, IndexError, UnicodeDecodeError) as exc:
            raise CommandError(
                f"Berkas sandi tidak dapat dibaca: {berkas_sandi} ({exc.__class__.__name__})."
            ) from None
    if os.environ.get("CADANGAN_SANDI"):
        return os.environ["CADANGAN_SANDI"]
    if sys.stdin.isatty():
        sandi = getpass.getpass("Sandi cadangan: ")
        if ulangi and getpass.getpass("Ulangi sandi cadangan: ") != sandi:
            raise CommandError("Kedua sandi tidak sama.")
        return sandi
    raise CommandError(
        "Sandi cadangan belum diberikan: isi variabel lingkungan CADANGAN_SANDI "
        "atau gunakan --berkas-sandi BERKAS."
    )
