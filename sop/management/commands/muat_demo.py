from django.core.management.base import BaseCommand

from organisasi.demo import DEMO_PASSWORD
from sop.demo import load_demo


class Command(BaseCommand):
    help = (
        "Memuat data demo DPMPTSP Kabupaten Lumajang (aman dijalankan berulang kali)."
    )

    def handle(self, *args, **options):
        org = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo siap: {org.dpmptsp.nama}. Pengguna: {', '.join(sorted(org.pegawai))}, adminkab; "
                f"kata sandi: {DEMO_PASSWORD}"
            )
        )
