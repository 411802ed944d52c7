"""Render printed documents to PDF files, for batch printing.

    manage.py cetak_dokumen pengukuran --pd DPMPTSP --tahun 2026 --triwulan 2 [--draft] [--arsip]
    manage.py cetak_dokumen pengukuran --pd DPMPTSP --tahun 2026            (the year's document)
    manage.py cetak_dokumen disposisi --pd DPMPTSP --tahun 2026 --triwulan 2
    manage.py cetak_dokumen pembagian_tugas --pd DPMPTSP --tahun 2026 --triwulan 2
    manage.py cetak_dokumen sop [--jenis pengumpulan|pengukuran]
    manage.py cetak_dokumen semua --pd DPMPTSP --tahun 2026 --triwulan 2
    options: --pd may be repeated, or --semua-pd for every office; --folder (default ./cetak)
             or --keluar FILE.pdf when exactly one document results.

`--arsip` writes the archived (ratified, possibly signed) measurement document
instead of rendering the live data; the newest revision of the period.
Files are named <office>_<year>[_tw<n>]_<kind>.pdf.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dokumen.models import DokumenResmi, Jenis
from kinerja.models import PerjanjianKinerja
from kinerja.pdf import render_pengukuran
from organisasi.models import PerangkatDaerah

from ...models import SOP, KodeLangkah, Siklus
from ...pdf import render_disposisi, render_pembagian_tugas, render_sop

JENIS = ["pengukuran", "disposisi", "pembagian_tugas", "sop", "semua"]


class Command(BaseCommand):
    help = "Mencetak dokumen (pengukuran kinerja, lembar disposisi, catatan pembagian tugas, lembar SOP) ke berkas PDF."

    def add_arguments(self, parser):
        parser.add_argument("jenis", choices=JENIS)
        parser.add_argument(
            "--pd",
            action="append",
            default=[],
            help="Singkatan perangkat daerah (boleh berulang).",
        )
        parser.add_argument(
            "--semua-pd", action="store_true", help="Semua perangkat daerah."
        )
        parser.add_argument("--tahun", type=int)
        parser.add_argument("--triwulan", type=int, choices=[1, 2, 3, 4])
        parser.add_argument(
            "--jenis-sop", dest="jenis_sop", choices=["pengumpulan", "pengukuran"]
        )
        parser.add_argument(
            "--draft", action="store_true", help="Cetak dengan tanda air DRAFT."
        )
        parser.add_argument(
            "--arsip",
            action="store_true",
            help="Ambil dokumen pengukuran yang telah disahkan dari arsip.",
        )
        parser.add_argument(
            "--folder", default="cetak", help="Folder tujuan (dibuat bila belum ada)."
        )
        parser.add_argument(
            "--keluar", help="Nama berkas tujuan bila hanya satu dokumen."
        )

    def handle(self, *args, **o):
        hasil: list[tuple[str, bytes]] = []
        jenis = o["jenis"]
        if jenis == "sop":
            hasil += self._sop(o["jenis_sop"])
        else:
            if o["tahun"] is None:
                raise CommandError("--tahun wajib diisi.")
            for pd in self._kantor(o):
                if jenis in ("pengukuran", "semua"):
                    hasil += self._pengukuran(pd, o)
                if jenis in ("disposisi", "semua"):
                    hasil += self._disposisi(pd, o)
                if jenis in ("pembagian_tugas", "semua"):
                    hasil += self._pembagian(pd, o)
        if not hasil:
            raise CommandError("Tidak ada dokumen untuk dicetak pada pilihan ini.")
        if o["keluar"]:
            if len(hasil) != 1:
                raise CommandError(
                    f"--keluar hanya untuk satu dokumen; ada {len(hasil)}. Gunakan --folder."
                )
            tujuan = [Path(o["keluar"])]
        else:
            folder = Path(o["folder"])
            folder.mkdir(parents=True, exist_ok=True)
            tujuan = [folder / nama for nama, _pdf in hasil]
        for path, (_nama, pdf) in zip(tujuan, hasil, strict=False):
            path.write_bytes(pdf)
            self.stdout.write(f"{path} ({len(pdf) // 1024} KiB)")
        self.stdout.write(self.style.SUCCESS(f"{len(hasil)} dokumen dicetak."))

    # --- selection ------------------------------------------------------------------------------------

    def _kantor(self, o) -> list[PerangkatDaerah]:
        if o["semua_pd"]:
            return list(PerangkatDaerah.objects.order_by("kabupaten", "singkatan"))
        if not o["pd"]:
            raise CommandError("Pilih --pd SINGKATAN atau --semua-pd.")
        kantor = []
        for singkatan in o["pd"]:
            found = list(
                PerangkatDaerah.objects.filter(singkatan__iexact=singkatan)[:2]
            )
            if len(found) != 1:
                raise CommandError(
                    f"Perangkat daerah '{singkatan}' tidak ditemukan atau tidak unik."
                )
            kantor.append(found[0])
        return kantor

    @staticmethod
    def _nama(pd: PerangkatDaerah, tahun: int, triwulan: int | None, jenis: str) -> str:
        tw = f"_tw{triwulan}" if triwulan else ""
        return f"{pd.singkatan.lower()}_{tahun}{tw}_{jenis}.pdf"

    def _siklus(self, pd: PerangkatDaerah, o) -> Siklus | None:
        if o["triwulan"] is None:
            raise CommandError(
                "--triwulan wajib diisi untuk disposisi dan pembagian tugas."
            )
        return (
            Siklus.objects.filter(
                perangkat_daerah=pd, tahun=o["tahun"], triwulan=o["triwulan"]
            )
            .select_related("pengumpulan")
            .first()
        )

    # --- documents ------------------------------------------------------------------------------------

    def _pengukuran(self, pd: PerangkatDaerah, o) -> list[tuple[str, bytes]]:
        tahun, triwulan = o["tahun"], o["triwulan"]
        nama = self._nama(
            pd, tahun, triwulan, "pengukuran" + ("_draft" if o["draft"] else "")
        )
        if o["arsip"]:
            jenis = Jenis.PENGUKURAN_TRIWULAN if triwulan else Jenis.PENGUKURAN_TAHUNAN
            dok = (
                DokumenResmi.objects.filter(
                    perangkat_daerah=pd, tahun=tahun, triwulan=triwulan, jenis=jenis
                )
                .order_by("-revisi", "-dibuat_pada")
                .first()
            )
            if dok is None:
                self.stderr.write(
                    f"{pd}: belum ada dokumen pengukuran yang disahkan untuk periode ini."
                )
                return []
            with dok.berkas.open("rb") as fh:
                return [
                    (self._nama(pd, tahun, triwulan, "pengukuran_disahkan"), fh.read())
                ]
        pk = PerjanjianKinerja.objects.filter(
            perangkat_daerah=pd, tahun=tahun, berlaku=True
        ).first()
        if pk is None:
            self.stderr.write(f"{pd}: tidak ada perjanjian kinerja tahun {tahun}.")
            return []
        return [
            (
                nama,
                render_pengukuran(perjanjian=pk, triwulan=triwulan, draft=o["draft"]),
            )
        ]

    def _disposisi(self, pd: PerangkatDaerah, o) -> list[tuple[str, bytes]]:
        siklus = self._siklus(pd, o)
        if siklus is None or not hasattr(siklus, "pengumpulan"):
            self.stderr.write(f"{pd}: siklus triwulan ini belum dibuka.")
            return []
        hasil = []
        for nomor, kode in (
            (1, KodeLangkah.DISPOSISI_KADIN),
            (2, KodeLangkah.DISPOSISI_KABID),
        ):
            d = (
                siklus.pengumpulan.disposisi.filter(langkah=kode)
                .order_by("-pk")
                .first()
            )
            if d is not None:
                hasil.append(
                    (
                        self._nama(
                            pd, o["tahun"], o["triwulan"], f"disposisi_langkah{nomor}"
                        ),
                        render_disposisi(disposisi=d),
                    )
                )
        if not hasil:
            self.stderr.write(f"{pd}: belum ada disposisi pada siklus ini.")
        return hasil

    def _pembagian(self, pd: PerangkatDaerah, o) -> list[tuple[str, bytes]]:
        siklus = self._siklus(pd, o)
        if (
            siklus is None
            or not hasattr(siklus, "pengumpulan")
            or not siklus.pengumpulan.tugas.exists()
        ):
            self.stderr.write(f"{pd}: belum ada pembagian tugas pada siklus ini.")
            return []
        return [
            (
                self._nama(pd, o["tahun"], o["triwulan"], "pembagian_tugas"),
                render_pembagian_tugas(proses=siklus.pengumpulan),
            )
        ]

    def _sop(self, jenis_sop: str | None) -> list[tuple[str, bytes]]:
        qs = SOP.objects.berlaku().prefetch_related("langkah")
        if jenis_sop:
            qs = qs.filter(jenis=jenis_sop)
        return [
            (f"sop_{sop.jenis}_v{sop.versi}.pdf", render_sop(sop=sop)) for sop in qs
        ]
