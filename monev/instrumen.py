"""The evaluation instrument of the SOP AP, and what the runs can say about each question.

Wording: the criteria by which PermenPAN-RB Nomor 35 Tahun 2012 (Pedoman Penyusunan
SOP AP, Lampiran, Bab "Monitoring dan Evaluasi Penerapan SOP AP") has the application
of an SOP AP evaluated, kept as the regulation writes them. The monitoring form's
wording (Tabel 7, "Monitoring Pelaksanaan SOP AP") was checked against a copy of the
Lampiran (text-id.123dok.com, "monitoring-dan-evaluasi-penerapan-sop-ap", pages -53-
and -54-); the copies of the evaluation part reachable from here were incomplete, so
these seven criteria are written from the Lampiran as we know it and should be checked
against the official text when it is at hand (each is one row; the wording lives only
here).

Pre-filling (`saran_jawaban`): only where the measured runs speak to a question; the
others are left for the assessor, with the figures that may help him as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from umum.format import angka

from . import aturan

PERTANYAAN: list[tuple[str, object]] = [
    ("kinerja", gettext_lazy("Mampu mendorong peningkatan kinerja")),
    ("dipahami", gettext_lazy("Mudah dipahami")),
    ("dilaksanakan", gettext_lazy("Mudah dilaksanakan")),
    ("peran", gettext_lazy("Semua orang dapat menjalankan perannya masing-masing")),
    (
        "masalah",
        gettext_lazy("Mampu mengatasi permasalahan yang berkaitan dengan proses"),
    ),
    (
        "kebutuhan",
        gettext_lazy("Mampu menjawab kebutuhan peningkatan kinerja organisasi"),
    ),
    ("sinergi", gettext_lazy("Sinergi satu dengan lainnya")),
]


@dataclass(frozen=True)
class Isian:
    """What the runs say about one question: a suggested answer (None: no suggestion) and the evidence."""

    saran_ya: bool | None
    bukti: str


def _persen(n: int, dari: int) -> str:
    return f"{angka(Decimal(n * 100) / Decimal(dari), 2)} %" if dari else "—"


def isian(angka_langkah: list, *, ambang: int, siklus_selesai: int) -> dict[str, Isian]:
    """The pre-filled answer and evidence of each question from the figures per step
    (`selectors.angka.AngkaLangkah`) of one SOP over the period, and the number of
    quarters that ran the SOP to its end in the period."""
    jumlah = sum(a.jumlah for a in angka_langkah)
    tepat = sum(a.tepat_waktu for a in angka_langkah)
    kembali = sum(a.kembali for a in angka_langkah)
    # runs of the steps whose output can be sent back, and how many of them were
    dapat_kembali = [
        a
        for a in angka_langkah
        if a.kembali or a.kode in ("pengumpulan_data", "pengukuran")
    ]
    pelaksanaan_kembali = sum(a.jumlah for a in dapat_kembali)
    tanpa_kembali = max(pelaksanaan_kembali - kembali, 0)
    oleh_plt = sum(a.oleh_plt for a in angka_langkah)
    terlambat_plt = sum(a.terlambat_plt for a in angka_langkah)
    dilewati = max((a.dilewati for a in angka_langkah), default=0)
    berulang = [
        (a.nomor, r)
        for a in angka_langkah
        for r in aturan.alasan_berulang(a.alasan_kembali)
    ]
    lambat = [
        a
        for a in angka_langkah
        if a.jumlah and a.persen_tepat is not None and a.persen_tepat < ambang
    ]

    ringkas = _(
        "%(siklus)s siklus triwulan selesai sampai dokumen diarsipkan; %(persen)s pelaksanaan langkah "
        "selesai dalam standar waktu (%(tepat)s dari %(jumlah)s)."
    ) % {
        "siklus": siklus_selesai,
        "persen": _persen(tepat, jumlah),
        "tepat": tepat,
        "jumlah": jumlah,
    }
    lambat_teks = "; ".join(
        _("langkah %(no)s: %(persen)s tepat waktu")
        % {"no": a.nomor, "persen": f"{angka(a.persen_tepat, 2)} %"}
        for a in lambat
    )
    hasil = {
        "kinerja": Isian(None, ringkas),
        "dipahami": Isian(
            None,
            _(
                "Alasan pengembalian yang berulang menandakan bagian yang kurang dipahami: %(x)s."
            )
            % {
                "x": "; ".join(f"{_('langkah')} {no}: {r}" for no, r in berulang)
                or _("tidak ada")
            },
        ),
        "dilaksanakan": Isian(
            (Decimal(tanpa_kembali * 100) >= Decimal(ambang * pelaksanaan_kembali))
            if pelaksanaan_kembali
            else None,
            _(
                "%(persen)s pelaksanaan tanpa pengembalian (%(n)s dari %(m)s); ambang %(ambang)s %%."
            )
            % {
                "persen": _persen(tanpa_kembali, pelaksanaan_kembali),
                "n": tanpa_kembali,
                "m": pelaksanaan_kembali,
                "ambang": ambang,
            },
        ),
        "peran": Isian(
            (terlambat_plt == 0) if jumlah else None,
            _(
                "%(plt)s langkah diselesaikan oleh Plt./Plh.; %(lambat)s di antaranya melewati standar waktu."
            )
            % {"plt": oleh_plt, "lambat": terlambat_plt},
        ),
        "masalah": Isian(
            (not berulang and not dilewati) if jumlah else None,
            _(
                "%(k)s pengembalian, %(b)s alasan berulang; siklus dibuka kembali %(d)s kali."
            )
            % {"k": kembali, "b": len(berulang), "d": dilewati},
        ),
        "kebutuhan": Isian(
            None,
            ringkas
            + (
                " " + _("Di bawah ambang: %(x)s.") % {"x": lambat_teks}
                if lambat
                else ""
            ),
        ),
        "sinergi": Isian(None, ""),
    }
    return hasil
