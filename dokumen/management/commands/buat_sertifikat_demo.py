"""Create a self-signed demo certificate for an office and install it for signing.

    python manage.py buat_sertifikat_demo --pd DPMPTSP [--kabupaten Lumajang] [--kode-naskah 427.59] [--ganti]

The certificate is self-signed: this application recognises it, nobody else does.
Its passphrase is random and kept in the database record (acceptable for a demo
only; a real certificate's passphrase belongs in an environment variable, see
SertifikatKantor.passphrase_env).
"""

import secrets

from django.core.management.base import BaseCommand, CommandError

from dokumen.models import PengaturanNaskah, SertifikatKantor
from dokumen.services import sertifikat_kantor_pasang
from dokumen.signing import buat_pkcs12_swatanda
from organisasi.models import PerangkatDaerah


class Command(BaseCommand):
    help = "Membuat sertifikat swa-tanda (DEMO) untuk satu perangkat daerah dan memasangnya untuk tanda tangan elektronik."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pd", required=True, help="Singkatan perangkat daerah, mis. DPMPTSP."
        )
        parser.add_argument(
            "--kabupaten",
            default=None,
            help="Nama kabupaten bila singkatan dipakai di beberapa kabupaten.",
        )
        parser.add_argument(
            "--kode-naskah",
            default=None,
            help="Kode naskah kantor untuk penomoran, mis. 427.59.",
        )
        parser.add_argument(
            "--ganti", action="store_true", help="Ganti sertifikat yang sudah ada."
        )

    def handle(self, *args, pd, kabupaten, kode_naskah, ganti, **options):
        qs = PerangkatDaerah.objects.filter(singkatan__iexact=pd)
        if kabupaten:
            qs = qs.filter(kabupaten__iexact=kabupaten)
        kantor = list(qs[:2])
        if not kantor:
            raise CommandError(f"Perangkat daerah '{pd}' tidak ditemukan.")
        if len(kantor) > 1:
            raise CommandError(
                f"Singkatan '{pd}' dipakai lebih dari satu kabupaten; tambahkan --kabupaten."
            )
        kantor = kantor[0]
        if kode_naskah:
            PengaturanNaskah.objects.update_or_create(
                perangkat_daerah=kantor, defaults={"kode_naskah": kode_naskah}
            )
        if (
            SertifikatKantor.objects.filter(perangkat_daerah=kantor).exists()
            and not ganti
        ):
            self.stdout.write(
                f"{kantor}: sertifikat sudah terpasang (pakai --ganti untuk menggantinya)."
            )
            return
        passphrase = secrets.token_urlsafe(18)
        data = buat_pkcs12_swatanda(
            common_name=f"{kantor.singkatan} Kabupaten {kantor.kabupaten} (DEMO)",
            organisasi=f"Pemerintah Kabupaten {kantor.kabupaten}",
            email=kantor.email,
            passphrase=passphrase.encode("utf-8"),
        )
        sertifikat = sertifikat_kantor_pasang(
            pd=kantor,
            pkcs12=data,
            passphrase=passphrase,
            self_signed=True,
            catatan="Sertifikat swa-tanda untuk DEMO, dibuat oleh perintah buat_sertifikat_demo. "
            "Tidak diterbitkan oleh penyelenggara sertifikasi elektronik.",
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{kantor}: sertifikat DEMO swa-tanda '{sertifikat.subjek}' terpasang, "
                f"berlaku sampai {sertifikat.berlaku_sampai:%d-%m-%Y}."
            )
        )
