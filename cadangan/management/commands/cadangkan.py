from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from cadangan.archive import backup


class Command(BaseCommand):
    help = "Menulis seluruh basis data dan berkas media ke satu arsip .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("arsip", nargs="?", help="Berkas tujuan (default: cadangan-<waktu>.tar.gz)")

    def handle(self, *args, arsip=None, **options):
        target = Path(arsip or f"cadangan-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz")
        ringkasan = backup(target)
        self.stdout.write(self.style.SUCCESS(
            f"Cadangan ditulis ke {target}: {ringkasan.total_rows} baris, {len(ringkasan.files)} berkas."
        ))
