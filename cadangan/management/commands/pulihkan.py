from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cadangan.archive import ArsipTidakSah, restore


class Command(BaseCommand):
    help = "Memulihkan arsip dari `cadangkan` ke instalasi kosong (jalankan `migrate` dahulu)."

    def add_arguments(self, parser):
        parser.add_argument("arsip")

    def handle(self, *args, arsip, **options):
        try:
            ringkasan = restore(Path(arsip))
        except ArsipTidakSah as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Dipulihkan: {ringkasan.total_rows} baris, {len(ringkasan.files)} berkas."
        ))
