"""One quarter of DPMPTSP run through both SOPs at known times (Jakarta office hours,
07.30–16.00, Monday 14 July 2025 onwards, no holiday in that fortnight), with the
working minutes each step takes written beside it.

SOP A (Pengumpulan Data Kinerja), standard in brackets:
  1 disposisi Kadin (5 menit): 3 → on time
  2 disposisi Kabid (5 menit): 17 → late
  3 pembagian tugas (15 menit): 10 → on time
  4 pengumpulan data (2 hari = 1020): timkerja 120, 60, 60 (returned twice, same reason);
    timkerja2 180 → 4 runs on time, median 90, worst 180, 2 returns, one recurring reason
  5 pemeriksaan (8 jam = 480): 120, 30, 30 (timkerja), 300 (timkerja2 across the night)
    → 4 runs on time, median 75, worst 300
  6 persiapan (15 menit): 60 → late
SOP B (Pengukuran Kinerja):
  1 persiapan data (4 jam): 60 → on time; skipped once by the reopening
  2 pengukuran (8 jam): 60, 30, 30, then 60 after the reopening; returned twice with the
    same note → recurring
  3 reviu (4 jam): 30 × 4 → on time
  4 pengesahan (15 menit): 10, then 30 after the reopening → 50 %
  5 pengarsipan (15 menit): 10, 5 → on time
"""

from __future__ import annotations

from sop import services
from sop.tests.factories import Quarter, make_plan, u

ALASAN = "Bukti dukung belum diunggah"
CATATAN_REVIU = "Periksa kembali capaian indikator 2."


def run_quarter(demo, clock) -> Quarter:
    make_plan(demo.dpmptsp, jabatan=demo["kabid"].jabatan)
    q = Quarter(demo)
    clock.at(2025, 7, 14, 8, 0)
    q.open()
    clock.at(2025, 7, 14, 8, 3)
    q.dispose_kadin()
    clock.at(2025, 7, 14, 8, 20)
    q.dispose_kabid()
    clock.at(2025, 7, 14, 8, 30)
    q.split_tasks()
    clock.at(2025, 7, 14, 10, 30)
    q.fill("timkerja")
    q.submit("timkerja")
    clock.at(2025, 7, 14, 11, 30)
    q.fill("timkerja2")
    q.submit("timkerja2")
    pertama = q.tugas("timkerja").indikator.order_by("pk").first()
    clock.at(2025, 7, 14, 12, 30)
    q.check("timkerja", dikembalikan={pertama.pk: ALASAN})
    clock.at(2025, 7, 14, 13, 30)
    q.submit("timkerja")
    clock.at(2025, 7, 14, 14, 0)
    q.check("timkerja", dikembalikan={pertama.pk: "  bukti dukung BELUM diunggah "})
    clock.at(2025, 7, 14, 15, 0)
    q.submit("timkerja")
    clock.at(2025, 7, 14, 15, 30)
    q.check("timkerja")
    clock.at(2025, 7, 15, 8, 0)
    q.check("timkerja2")
    clock.at(2025, 7, 15, 9, 0)
    q.prepare_a()
    clock.at(2025, 7, 15, 10, 0)
    q.prepare_b()
    clock.at(2025, 7, 15, 11, 0)
    q.submit_draft()
    clock.at(2025, 7, 15, 11, 30)
    q.return_draft(catatan=CATATAN_REVIU)
    clock.at(2025, 7, 15, 12, 0)
    q.submit_draft()
    clock.at(2025, 7, 15, 12, 30)
    q.return_draft(catatan=CATATAN_REVIU)
    clock.at(2025, 7, 15, 13, 0)
    q.submit_draft()
    clock.at(2025, 7, 15, 13, 30)
    q.pass_review()
    clock.at(2025, 7, 15, 13, 40)
    q.ratify()
    clock.at(2025, 7, 15, 13, 50)
    q.archive()
    clock.at(2025, 7, 16, 8, 0)
    services.siklus_reopen(
        siklus=q.refresh(),
        actor=u(demo, "kadin"),
        alasan="Realisasi indikator 3 salah ketik.",
    )
    clock.at(2025, 7, 16, 9, 0)
    q.submit_draft()
    clock.at(2025, 7, 16, 9, 30)
    q.pass_review()
    clock.at(2025, 7, 16, 10, 0)
    q.ratify()
    clock.at(2025, 7, 16, 10, 5)
    q.archive()
    clock.set(None)
    return q
