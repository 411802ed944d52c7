from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cadangan.archive import ArsipTidakSah, backup

from ._sandi import baca_sandi, tambah_argumen


class Command(BaseCommand):
    help = (
        "Menulis seluruh basis data dan berkas media ke satu arsip terenkripsi (sandi dari --berkas-sandi, "
        "CADANGAN_SANDI, atau diketik), mode 0600."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "arsip", nargs="?", help="Berkas tujuan (default: cadangan-<waktu>.sakip)"
        )
        tambah_argumen(parser)

    def handle(self, *args, arsip=None, berkas_sandi=None, **options):
        target = Path(arsip or f"cadangan-{timezone.localtime():%Y%m%d-%H%M%S}.sakip")
        sandi = baca_sandi(berkas_sandi, ulangi=True)
        try:
            ringkasan = backup(target, sandi=sandi)
        except ArsipTidakSah as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(
                f"Arsip tidak dapat ditulis ke {target}: {exc.strerror or exc}."
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Cadangan terenkripsi ditulis ke {target}: {ringkasan.total_rows} baris, {len(ringkasan.files)} berkas."
            )
        )
