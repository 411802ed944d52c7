"""SOP timeliness: for every step of the two SOPs, how long it took over the chosen
period and offices against its time standard (the mutu baku "waktu" column).

The counts, the worst time and the number of runs over the standard are aggregated
in the database (one GROUP BY query); the median too on PostgreSQL
(PERCENTILE_CONT). Other databases have no median aggregate, so one more query
reads the sorted times and the median is taken in Python. Either way the number of
queries does not depend on the number of runs, steps or offices.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Max, Q
from django.utils.translation import gettext as _

from kinerja import calculations as calc
from sop import worktime
from sop.models import SOP, JamKerja, JenisSOP, LangkahBerjalan, LangkahSOP
from umum import format as fmt

from ._capaian import nilai_grafik


class Median(Aggregate):
    """PostgreSQL's continuous median (the mean of the two middle values for an even count)."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def median(values: Iterable[int]) -> Decimal | None:
    """The median as `statistics.median` defines it (mean of the two middle values); None for no values."""
    data = sorted(values)
    if not data:
        return None
    return Decimal(str(statistics.median(data)))


@dataclass(frozen=True)
class StatistikLangkah:
    """One step of an SOP over the chosen period: its finished runs and their working times."""

    jenis: str
    sop: str
    nomor: int
    kode: str
    kegiatan: str
    pelaksana: str
    standar: str
    standar_menit: int
    jumlah: int
    median_menit: Decimal | None
    terburuk_menit: int | None
    jumlah_lewat: int

    @property
    def persen_lewat(self) -> Decimal | None:
        """Share of the runs that took longer than their standard, in percent (None without runs)."""
        if not self.jumlah:
            return None
        return Decimal(self.jumlah_lewat) * 100 / Decimal(self.jumlah)

    @property
    def median_persen(self) -> Decimal | None:
        """The median as a percentage of the standard (100 = exactly the standard)."""
        if self.median_menit is None or not self.standar_menit:
            return None
        return self.median_menit * 100 / Decimal(self.standar_menit)

    @property
    def terburuk_persen(self) -> Decimal | None:
        if self.terburuk_menit is None or not self.standar_menit:
            return None
        return Decimal(self.terburuk_menit) * 100 / Decimal(self.standar_menit)

    @property
    def median_teks(self) -> str:
        return worktime.format_menit(
            None
            if self.median_menit is None
            else int(calc.bulatkan(self.median_menit, 0))
        )

    @property
    def terburuk_teks(self) -> str:
        return worktime.format_menit(self.terburuk_menit)

    @property
    def standar_teks(self) -> str:
        return worktime.format_menit(self.standar_menit)


def runs_selesai(
    *, tahun: int, triwulan_dari: int = 1, triwulan_sampai: int = 4, pd_ids=None
):
    """Finished step runs of the period (quarters `triwulan_dari` … `triwulan_sampai` of `tahun`)
    of the offices `pd_ids` (ids, or a queryset of them; None: every office)."""
    qs = LangkahBerjalan.objects.filter(
        selesai__isnull=False,
        menit_kerja__isnull=False,
        siklus__tahun=tahun,
        siklus__triwulan__gte=triwulan_dari,
        siklus__triwulan__lte=triwulan_sampai,
    )
    if pd_ids is not None:
        qs = qs.filter(siklus__perangkat_daerah_id__in=pd_ids)
    return qs


def ketepatan_waktu(
    *, tahun: int, triwulan_dari: int = 1, triwulan_sampai: int = 4, pd_ids=None
) -> list[StatistikLangkah]:
    """Per step of the valid SOP sheets (SOP A then B, in sheet order): number of finished
    runs, median and worst working time, and how many took longer than their standard.

    Runs of an older sheet version count for the step with the same key (`kode`).
    `pd_ids` are ids or a queryset of them; None means every office. The standard shown is the valid sheet's, in
    working minutes of the office calendar; "over the standard" compares each run with
    the standard it ran under.
    """
    runs = runs_selesai(
        tahun=tahun,
        triwulan_dari=triwulan_dari,
        triwulan_sampai=triwulan_sampai,
        pd_ids=pd_ids,
    )
    pakai_median_db = connection.vendor == "postgresql"
    agregat = {
        "jumlah": Count("pk"),
        "terburuk": Max("menit_kerja"),
        "lewat": Count("pk", filter=Q(menit_kerja__gt=F("standar_menit"))),
    }
    if pakai_median_db:
        agregat["median"] = Median("menit_kerja")
    per_kode = {
        row["kode"]: row for row in runs.order_by().values("kode").annotate(**agregat)
    }
    if not pakai_median_db:
        waktu: dict[str, list[int]] = {}
        for kode, menit in runs.order_by("kode", "menit_kerja").values_list(
            "kode", "menit_kerja"
        ):
            waktu.setdefault(kode, []).append(menit)
        for kode, row in per_kode.items():
            row["median"] = median(waktu.get(kode, []))
    jam = JamKerja.aktif()
    kal = worktime.Kalender(
        mulai=jam.mulai, selesai=jam.selesai
    )  # only the day length matters here
    # only the columns shown (not the sheets' stored tables and long texts)
    langkah = (
        LangkahSOP.objects.filter(sop__in=SOP.objects.berlaku())
        .select_related("sop")
        .only(
            "nomor",
            "kode",
            "kegiatan",
            "pelaksana",
            "waktu_nilai",
            "waktu_satuan",
            "waktu_teks",
            "sop__id",
            "sop__jenis",
            "sop__nama",
        )
    )
    # the executors' labels translated once, not once per step
    pelaksana = {
        k: str(v) for k, v in LangkahSOP._meta.get_field("pelaksana").flatchoices
    }
    urutan_jenis = {JenisSOP.PENGUMPULAN: 0, JenisSOP.PENGUKURAN: 1}
    hasil = []
    for lk in sorted(
        langkah, key=lambda x: (urutan_jenis.get(x.sop.jenis, 9), x.nomor)
    ):
        row = per_kode.get(lk.kode, {})
        med = row.get("median")
        hasil.append(
            StatistikLangkah(
                jenis=lk.sop.jenis,
                sop=lk.sop.nama,
                nomor=lk.nomor,
                kode=lk.kode,
                kegiatan=lk.kegiatan,
                pelaksana=pelaksana.get(lk.pelaksana, lk.pelaksana),
                standar=lk.waktu,
                standar_menit=worktime.standar_menit(
                    lk.waktu_nilai, lk.waktu_satuan, kal
                ),
                jumlah=row.get("jumlah", 0),
                median_menit=None if med is None else Decimal(str(med)),
                terburuk_menit=row.get("terburuk"),
                jumlah_lewat=row.get("lewat", 0),
            )
        )
    return hasil


def grafik_ketepatan(statistik: list[StatistikLangkah]) -> dict[str, Any]:
    """Chart data: per step the median and the worst time as a percentage of the standard, JSON-ready."""
    huruf = {JenisSOP.PENGUMPULAN: "A", JenisSOP.PENGUKURAN: "B"}
    return {
        "label": [
            f"{huruf.get(s.jenis, '')}{s.nomor}. {_pendek(s.kegiatan)}"
            for s in statistik
        ],
        "median": [nilai_grafik(s.median_persen) for s in statistik],
        "terburuk": [nilai_grafik(s.terburuk_persen) for s in statistik],
        "teks_median": [
            _("median %(waktu)s dari standar %(standar)s (%(persen)s)")
            % {
                "waktu": s.median_teks or fmt.KOSONG,
                "standar": s.standar,
                "persen": fmt.persen(s.median_persen),
            }
            for s in statistik
        ],
        "teks_terburuk": [
            _("terburuk %(waktu)s; %(persen)s dari %(n)s kali melewati standar")
            % {
                "waktu": s.terburuk_teks or fmt.KOSONG,
                "persen": fmt.persen(s.persen_lewat),
                "n": s.jumlah,
            }
            for s in statistik
        ],
        "judul_median": _("Median (% standar)"),
        "judul_terburuk": _("Terburuk (% standar)"),
        "judul_standar": _("Standar (100%)"),
    }


def _pendek(teks: str, batas: int = 48) -> str:
    teks = " ".join(teks.split())
    return teks if len(teks) <= batas else teks[: batas - 1].rstrip() + "…"
