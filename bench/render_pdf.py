"""Benchmark: render the Dokumen Pengukuran Kinerja of a 100-indicator office.

    .venv/bin/python bench/render_pdf.py [--indikator 100] [--ulang 5]

Builds a throw-away test database (SQLite in memory unless DATABASE_URL is set),
loads the demo organisation and a plan of N indicators with two quarters of
realisasi, renders once to warm up (font loading), then times each render:
the table selector, the HTML and the PDF together. Prints the figures; asserts
nothing (the issue asks for "well under two seconds").
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
os.environ.setdefault("DEBUG", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indikator", type=int, default=100)
    parser.add_argument("--ulang", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    nama_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from io import BytesIO

        from pypdf import PdfReader

        from kinerja.pdf import render_pengukuran
        from kinerja.tests.data_pdf import buat_pk_contoh
        from organisasi.demo import load_organisasi

        org = load_organisasi()
        pk = buat_pk_contoh(
            org.dpmptsp,
            jumlah_indikator=args.indikator,
            per_sasaran=10,
            program=5,
            pihak_pertama=org["kadin"],
        )
        t0 = time.perf_counter()
        pdf = render_pengukuran(perjanjian=pk, triwulan=2, draft=False)
        pertama = time.perf_counter() - t0
        waktu, cpu = [], []
        for _ in range(args.ulang):
            t0, c0 = time.perf_counter(), time.process_time()
            pdf = render_pengukuran(perjanjian=pk, triwulan=2, draft=False)
            waktu.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        halaman = len(PdfReader(BytesIO(pdf)).pages)
        print(
            f"Dokumen Pengukuran Kinerja, {args.indikator} indikator, {halaman} halaman, {len(pdf) / 1024:.0f} KiB"
        )
        print(f"  render pertama (memuat font): {pertama:.3f} s")
        print(
            f"  render berikutnya ({args.ulang}x): median {statistics.median(waktu):.3f} s, "
            f"min {min(waktu):.3f} s, maks {max(waktu):.3f} s"
        )
        print(
            f"  waktu CPU proses: median {statistics.median(cpu):.3f} s "
            f"(beban mesin saat ini: {os.getloadavg()[0]:.1f} pada {os.cpu_count()} CPU)"
        )
    finally:
        connection.creation.destroy_test_db(nama_db, verbosity=0)


if __name__ == "__main__":
    main()
