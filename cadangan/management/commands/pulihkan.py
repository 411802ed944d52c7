from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cadangan.archive import ArsipTidakSah, restore

from ._sandi import baca_sandi, tambah_argumen


class Command(BaseCommand):
    help = "Memulihkan arsip dari `cadangkan` ke instalasi kosong (jalankan `migrate` dahulu)."

    def add_arguments(self, parser):
        parser.add_argument("arsip")
        tambah_argumen(parser)

    def handle(self, *args, arsip, berkas_sandi=None, **options):
        sandi = baca_sandi(berkas_sandi, ulangi=False)
        try:
            ringkasan = restore(Path(arsip), sandi=sandi)
        except ArsipTidakSah as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Dipulihkan: {ringkasan.total_rows} baris, {len(ringkasan.files)} berkas."
            )
        )
