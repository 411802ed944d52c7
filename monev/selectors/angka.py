"""The figures of the monitoring form, per step of an SOP sheet, from the office's runs.

Read straight from the SOP models (not from the `sop` selectors): every completed
occurrence of a step (`LangkahBerjalan`) carries its working time and the standard it
was measured against; returns are the completeness checks that sent data back
(`PemeriksaanIndikator`, SOP A) and the reviews that sent the draft back
(`DraftPengukuran`, SOP B); reopenings and acting officials are in the trail (`Jejak`).

Where each figure is counted:

- a run counts in the period when it was *completed* in it (open steps are not judged);
- a return counts on the step whose output went back (step 4 of SOP A "collect the
  data", step 2 of SOP B "measure and draft"), on the day it was sent back;
- a reopening skips the steps before the one SOP B starts again at (read from the
  next step opened after it): each of those counts one "dilewati".

Counts, on-time counts, the worst time and the grouped reasons are aggregated by the
database; only the median is taken in Python from the working times (neither SQLite
nor Django's documented aggregates compute one).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Lower, Trim

from organisasi.models import PerangkatDaerah
from sop import worktime
from sop.models import (
    DraftPengukuran,
    Jejak,
    JenisSOP,
    KodeLangkah,
    LangkahBerjalan,
    LangkahSOP,
    PemeriksaanIndikator,
)

from .. import aturan

# The step whose output a return sends back, per source of returns.
KEMBALI_PEMERIKSAAN = KodeLangkah.PENGUMPULAN_DATA
KEMBALI_REVIU = KodeLangkah.PENGUKURAN
PLT = ("Plt.", "Plh.")


@dataclass
class AngkaLangkah:
    """The measured figures of one step in one period (what the form freezes)."""

    nomor: int
    kode: str
    kegiatan: str
    standar_menit: int
    standar_teks: str
    jumlah: int = 0
    tepat_waktu: int = 0
    median_menit: Decimal | None = None
    maks_menit: int | None = None
    kembali: int = 0
    alasan_kembali: list[dict] = field(default_factory=list)
    dilewati: int = 0
    oleh_plt: int = 0
    terlambat_plt: int = 0

    @property
    def persen_tepat(self) -> Decimal | None:
        return aturan.persen_tepat(self.tepat_waktu, self.jumlah)


def rentang(
    mulai: datetime.date, selesai: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """The period as aware datetimes in office time: from 00.00 of `mulai` up to (not
    including) 00.00 of the day after `selesai`."""
    awal = datetime.datetime.combine(mulai, datetime.time(0), tzinfo=worktime.JAKARTA)
    akhir = datetime.datetime.combine(
        selesai + datetime.timedelta(days=1), datetime.time(0), tzinfo=worktime.JAKARTA
    )
    return awal, akhir


def langkah_lembar(jenis: str) -> list[LangkahSOP]:
    """The steps of the sheet version in force for `jenis`, in order."""
    return list(
        LangkahSOP.objects.filter(sop__jenis=jenis, sop__berlaku=True)
        .select_related("sop")
        .order_by("nomor")
    )


def _alasan(rows) -> dict[str, list[dict]]:
    """{kode: [{"alasan", "jumlah"}]} from rows of (kode, return id, reason as written, key)."""
    kejadian: dict[str, Counter] = defaultdict(Counter)
    tulisan: dict[tuple[str, str], str] = {}
    for kode, _kembali, teks, kunci in rows:
        kejadian[kode][kunci] += 1
        tulisan.setdefault((kode, kunci), teks.strip())
    return {
        kode: [
            {"alasan": tulisan[(kode, k)], "jumlah": n}
            for k, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        for kode, c in kejadian.items()
    }


def angka_langkah(
    *,
    pd: PerangkatDaerah | int,
    jenis: str,
    mulai: datetime.date,
    selesai: datetime.date,
) -> list[AngkaLangkah]:
    """The figures of every step of the sheet in force for `jenis`, for office `pd`,
    over the days `mulai`..`selesai` (both included). Seven queries whatever the
    number of runs."""
    pd_id = getattr(pd, "pk", pd)
    awal, akhir = rentang(mulai, selesai)
    langkah = langkah_lembar(jenis)
    kalender = kalender_jam_kerja()
    hasil = {
        lk.kode: AngkaLangkah(
            nomor=lk.nomor,
            kode=lk.kode,
            kegiatan=lk.kegiatan,
            standar_menit=worktime.standar_menit(
                lk.waktu_nilai, lk.waktu_satuan, kalender
            ),
            standar_teks=lk.waktu,
        )
        for lk in langkah
    }
    kode = list(hasil)
    selesai_q = LangkahBerjalan.objects.filter(
        siklus__perangkat_daerah_id=pd_id,
        kode__in=kode,
        selesai__gte=awal,
        selesai__lt=akhir,
    )
    for row in selesai_q.values("kode").annotate(
        jumlah=Count("pk"),
        tepat=Count("pk", filter=Q(terlambat=False)),
        maks=Max("menit_kerja"),
    ):
        a = hasil[row["kode"]]
        a.jumlah, a.tepat_waktu, a.maks_menit = row["jumlah"], row["tepat"], row["maks"]
    menit: dict[str, list[int]] = defaultdict(list)
    for k, m in selesai_q.values_list("kode", "menit_kerja"):
        if m is not None:
            menit[k].append(m)
    for k, nilai in menit.items():
        hasil[k].median_menit = aturan.median(nilai)

    if jenis == JenisSOP.PENGUMPULAN and KEMBALI_PEMERIKSAAN in hasil:
        rows = (
            PemeriksaanIndikator.objects.filter(
                tugas__proses__siklus__perangkat_daerah_id=pd_id,
                diterima=False,
                diperiksa_pada__gte=awal,
                diperiksa_pada__lt=akhir,
            )
            .values_list("tugas_id", "putaran", "alasan", Lower(Trim("alasan")))
            .order_by("tugas_id", "putaran", "pk")
        )
        kembali = set()
        per_kembali: set[tuple] = set()
        baris = []
        for tugas_id, putaran, teks, kunci in rows:
            kembali.add((tugas_id, putaran))
            if (
                tugas_id,
                putaran,
                kunci,
            ) not in per_kembali:  # a reason counts once per return
                per_kembali.add((tugas_id, putaran, kunci))
                baris.append((KEMBALI_PEMERIKSAAN, (tugas_id, putaran), teks, kunci))
        hasil[KEMBALI_PEMERIKSAAN].kembali = len(kembali)
        hasil[KEMBALI_PEMERIKSAAN].alasan_kembali = _alasan(baris).get(
            KEMBALI_PEMERIKSAAN, []
        )
    if jenis == JenisSOP.PENGUKURAN and KEMBALI_REVIU in hasil:
        rows = (
            DraftPengukuran.objects.filter(
                proses__siklus__perangkat_daerah_id=pd_id,
                hasil_reviu=DraftPengukuran.Hasil.DIKEMBALIKAN,
                direviu_pada__gte=awal,
                direviu_pada__lt=akhir,
            )
            .values_list("pk", "catatan_reviu", Lower(Trim("catatan_reviu")))
            .order_by("pk")
        )
        baris = [(KEMBALI_REVIU, pk, teks, kunci) for pk, teks, kunci in rows]
        hasil[KEMBALI_REVIU].kembali = len(baris)
        hasil[KEMBALI_REVIU].alasan_kembali = _alasan(baris).get(KEMBALI_REVIU, [])
        _dilewati(hasil, pd_id=pd_id, awal=awal, akhir=akhir)

    plt = Q(aktor_label__startswith=PLT[0]) | Q(aktor_label__startswith=PLT[1])
    for row in (
        Jejak.objects.filter(
            siklus__perangkat_daerah_id=pd_id,
            langkah_kode__in=kode,
            waktu__gte=awal,
            waktu__lt=akhir,
        )
        .filter(plt)
        .values("langkah_kode")
        .annotate(n=Count("pk"), telat=Count("pk", filter=Q(terlambat=True)))
    ):
        hasil[row["langkah_kode"]].oleh_plt = row["n"]
        hasil[row["langkah_kode"]].terlambat_plt = row["telat"]
    return [hasil[lk.kode] for lk in langkah]


def _dilewati(hasil: dict[str, AngkaLangkah], *, pd_id: int, awal, akhir) -> None:
    """Count, per step of SOP B, the reopenings that skipped it (see the module docstring)."""
    berikut = (
        LangkahBerjalan.objects.filter(
            siklus_id=OuterRef("siklus_id"), mulai__gte=OuterRef("waktu")
        )
        .order_by("mulai", "pk")
        .values("kode")[:1]
    )
    nomor = {a.kode: a.nomor for a in hasil.values()}
    for masuk in (
        Jejak.objects.filter(
            siklus__perangkat_daerah_id=pd_id,
            proses=Jejak.Proses.PENGUKURAN,
            transisi="reopen",
            waktu__gte=awal,
            waktu__lt=akhir,
        )
        .annotate(masuk=Subquery(berikut))
        .values_list("masuk", flat=True)
    ):
        batas = nomor.get(masuk)
        if batas is None:
            continue
        for a in hasil.values():
            if a.nomor < batas:
                a.dilewati += 1


def kalender_jam_kerja() -> worktime.Kalender:
    """The office's working hours (the day length turns "2 hari" into minutes); holidays
    do not matter for that, so only the week row is read."""
    from sop.models import JamKerja

    jam = JamKerja.aktif()
    return worktime.Kalender(
        mulai=jam.mulai, selesai=jam.selesai, hari_kerja=jam.hari_kerja
    )


def siklus_selesai(
    *,
    pd: PerangkatDaerah | int,
    jenis: str,
    mulai: datetime.date,
    selesai: datetime.date,
) -> int:
    """How many quarters of office `pd` ran SOP `jenis` to its end in the period."""
    from sop.models import ProsesPengukuran, ProsesPengumpulan

    awal, akhir = rentang(mulai, selesai)
    model = ProsesPengumpulan if jenis == JenisSOP.PENGUMPULAN else ProsesPengukuran
    return model.objects.filter(
        siklus__perangkat_daerah_id=getattr(pd, "pk", pd),
        selesai_pada__gte=awal,
        selesai_pada__lt=akhir,
    ).count()
