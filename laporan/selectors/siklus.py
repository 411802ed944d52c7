"""The state of one quarter's two SOPs, step by step, for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from sop import worktime
from sop.models import (
    KODE_PER_JENIS,
    JenisSOP,
    LangkahBerjalan,
    LangkahSOP,
    ProsesPengukuran,
    ProsesPengumpulan,
    Siklus,
)
from sop.selectors.kalender import kalender_kerja


class StatusLangkah:
    SELESAI = "selesai"
    BERJALAN = "berjalan"
    BELUM = "belum"


@dataclass(frozen=True)
class LangkahKuartal:
    """One step of an SOP sheet in this quarter: done, running or not reached; its
    runs (rounds, one per Tim Kerja task) and the longest working time against the standard."""

    nomor: int
    kode: str
    kegiatan: str
    pelaksana: str
    standar: str
    standar_menit: int | None
    status: str
    jumlah: int
    menit: int | None
    terlambat: bool

    @property
    def menit_teks(self) -> str:
        return worktime.format_menit(self.menit)

    @property
    def status_label(self) -> str:
        return {
            StatusLangkah.SELESAI: _("Selesai"),
            StatusLangkah.BERJALAN: _("Berjalan"),
        }.get(self.status, _("Belum"))


@dataclass(frozen=True)
class StatusSOP:
    jenis: str
    nama: str
    nomor: str
    status: str
    status_label: str
    langkah: list[LangkahKuartal]

    @property
    def jumlah_selesai(self) -> int:
        return sum(1 for lk in self.langkah if lk.status == StatusLangkah.SELESAI)

    @property
    def jumlah_langkah(self) -> int:
        return len(self.langkah)

    @property
    def jumlah_terlambat(self) -> int:
        return sum(1 for lk in self.langkah if lk.terlambat)


@dataclass(frozen=True)
class StatusSiklus:
    siklus: Siklus
    status_label: str
    sop: list[StatusSOP]

    @property
    def jumlah_terlambat(self) -> int:
        return sum(s.jumlah_terlambat for s in self.sop)


def siklus_kuartal(qs):
    """The cycles of `qs` with their two sheets and two processes, only the columns
    `status_siklus` and the dashboard read (not the sheets' stored tables, not the
    processes' other columns), in no particular order (the default one joins the offices)."""
    return (
        qs.order_by()
        .select_related(
            "pengumpulan", "pengukuran", "sop_pengumpulan", "sop_pengukuran"
        )
        .only(
            "id",
            "perangkat_daerah_id",
            "tahun",
            "triwulan",
            "status",
            "sop_pengumpulan__id",
            "sop_pengumpulan__nama",
            "sop_pengumpulan__nomor",
            "sop_pengukuran__id",
            "sop_pengukuran__nama",
            "sop_pengukuran__nomor",
            "pengumpulan__id",
            "pengumpulan__siklus_id",
            "pengumpulan__status",
            "pengukuran__id",
            "pengukuran__siklus_id",
            "pengukuran__status",
        )
    )


def _label_status(model) -> dict[str, str]:
    """What `get_status_display()` gives for each status of `model`, translated once."""
    return {k: str(v) for k, v in model._meta.get_field("status").flatchoices}


def status_siklus(siklus: Siklus) -> StatusSiklus:
    """Both SOPs of `siklus` (read by `siklus_kuartal`: its sheets and processes selected)
    with every step of their sheets. Two queries, plus the working calendar when a step
    is still open."""
    sheet_ids = [siklus.sop_pengumpulan_id, siklus.sop_pengukuran_id]
    # only the columns shown or compared (not the sheets' long texts, not the runs' people)
    langkah_sop = list(
        LangkahSOP.objects.filter(sop_id__in=sheet_ids)
        .order_by("sop_id", "nomor")
        .only(
            "sop_id",
            "nomor",
            "kode",
            "kegiatan",
            "pelaksana",
            "waktu_nilai",
            "waktu_satuan",
            "waktu_teks",
        )
    )
    runs = list(
        LangkahBerjalan.objects.filter(siklus=siklus)
        .order_by("mulai", "pk")
        .only("kode", "mulai", "selesai", "menit_kerja", "standar_menit", "terlambat")
    )
    kal = kalender_kerja() if any(r.selesai is None for r in runs) else None
    now = timezone.now()
    by_kode: dict[str, list[LangkahBerjalan]] = {}
    for r in runs:
        by_kode.setdefault(r.kode, []).append(r)
    # the executors' labels, translated once per page rather than once per step
    pelaksana = {
        k: str(v) for k, v in LangkahSOP._meta.get_field("pelaksana").flatchoices
    }
    hasil = []
    for jenis, sheet, proses, label in (
        (
            JenisSOP.PENGUMPULAN,
            siklus.sop_pengumpulan,
            getattr(siklus, "pengumpulan", None),
            _label_status(ProsesPengumpulan),
        ),
        (
            JenisSOP.PENGUKURAN,
            siklus.sop_pengukuran,
            getattr(siklus, "pengukuran", None),
            _label_status(ProsesPengukuran),
        ),
    ):
        langkah = []
        urutan = {k: i for i, k in enumerate(KODE_PER_JENIS[jenis])}
        for lk in sorted(
            (x for x in langkah_sop if x.sop_id == sheet.pk),
            key=lambda x: (x.nomor, urutan.get(x.kode, 0)),
        ):
            rows = by_kode.get(lk.kode, [])
            terbuka = [r for r in rows if r.selesai is None]
            menit_list = [
                r.menit_kerja
                for r in rows
                if r.selesai is not None and r.menit_kerja is not None
            ]
            terlambat = any(r.terlambat for r in rows if r.selesai is not None)
            for r in terbuka:
                berjalan = worktime.menit_kerja(r.mulai, now, kal)
                menit_list.append(berjalan)
                terlambat = terlambat or berjalan > r.standar_menit
            if terbuka:
                status = StatusLangkah.BERJALAN
            elif rows:
                status = StatusLangkah.SELESAI
            else:
                status = StatusLangkah.BELUM
            langkah.append(
                LangkahKuartal(
                    nomor=lk.nomor,
                    kode=lk.kode,
                    kegiatan=lk.kegiatan,
                    pelaksana=pelaksana.get(lk.pelaksana, lk.pelaksana),
                    standar=lk.waktu,
                    standar_menit=rows[-1].standar_menit if rows else None,
                    status=status,
                    jumlah=len(rows),
                    menit=max(menit_list) if menit_list else None,
                    terlambat=terlambat,
                )
            )
        hasil.append(
            StatusSOP(
                jenis=jenis,
                nama=sheet.nama,
                nomor=sheet.nomor,
                status=proses.status if proses else "",
                status_label=label.get(proses.status, proses.status)
                if proses
                else _("Belum dimulai"),
                langkah=langkah,
            )
        )
    return StatusSiklus(
        siklus=siklus, status_label=str(siklus.get_status_display()), sop=hasil
    )
