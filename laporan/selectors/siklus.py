"""The state of one quarter's two SOPs, step by step, for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.kueri import KueriSiap
from sop import worktime
from sop.models import (
    KODE_PER_JENIS, JenisSOP, LangkahBerjalan, LangkahSOP, ProsesPengukuran, ProsesPengumpulan, Siklus,
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
        return {StatusLangkah.SELESAI: _("Selesai"), StatusLangkah.BERJALAN: _("Berjalan")}.get(self.status, _("Belum"))


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


# What `status_siklus_baris` reads of a cycle (in the model's field order: `Model.from_db`
# takes a subset of the columns in that order), its two sheets and its two processes.
KOLOM_SIKLUS = ("id", "perangkat_daerah_id", "tahun", "triwulan", "sop_pengumpulan_id", "sop_pengukuran_id", "status")
KOLOM_BARIS = (*KOLOM_SIKLUS, "sop_pengumpulan__nama", "sop_pengumpulan__nomor", "sop_pengukuran__nama",
               "sop_pengukuran__nomor", "pengumpulan__status", "pengukuran__status")


@dataclass(frozen=True)
class _Lembar:
    """The sheet columns the dashboard shows (name and number)."""

    pk: int
    nama: str
    nomor: str


def siklus_baris_qs(qs):
    """The cycles of `qs` as a values query of `KOLOM_BARIS` (the sheets' name and number and
    the processes' status, None before a process starts): cheaper to build than the same read
    as `select_related(...).only(...)` instances."""
    return qs.order_by().values_list(*KOLOM_BARIS)


def siklus_baris(qs) -> dict[int, tuple]:
    """The cycles of `qs` per quarter as rows of `siklus_baris_qs`."""
    return {row[3]: row for row in siklus_baris_qs(qs)}


def status_siklus_baris(row: tuple, db: str = "default") -> StatusSiklus:
    """Both SOPs of a cycle read as a row of `siklus_baris`, with every step of their sheets
    (`StatusSiklus.siklus` is the cycle with its own columns of `KOLOM_SIKLUS`). Two queries,
    plus the working calendar when a step is still open."""
    n = len(KOLOM_SIKLUS)
    siklus = Siklus.from_db(db, KOLOM_SIKLUS, row[:n])
    nama_a, nomor_a, nama_b, nomor_b, status_a, status_b = row[n:]
    return _status_siklus(
        siklus, sheet_a=_Lembar(siklus.sop_pengumpulan_id, nama_a, nomor_a),
        sheet_b=_Lembar(siklus.sop_pengukuran_id, nama_b, nomor_b), status_a=status_a, status_b=status_b,
    )


def _kolom(model, *nama: str) -> tuple[str, ...]:
    """The primary key and `nama` in the model's field order (`Model.from_db` takes them so)."""
    return tuple(f.attname for f in model._meta.concrete_fields if f.primary_key or f.attname in nama)


# Only the columns shown or compared (not the sheets' long texts, not the runs' people), as
# deferred instances (what `.only()` gave), by queries the ORM builds and compiles once per
# process (`KueriSiap`; building them cost more CPU than running them).
KOLOM_LANGKAH = _kolom(LangkahSOP, "sop_id", "nomor", "kode", "kegiatan", "pelaksana", "waktu_nilai", "waktu_satuan",
                       "waktu_teks")
KOLOM_RUN = _kolom(LangkahBerjalan, "kode", "mulai", "selesai", "menit_kerja", "standar_menit", "terlambat")
_KUERI_LANGKAH = KueriSiap(
    lambda sop_a, sop_b: LangkahSOP.objects.filter(sop_id__in=[sop_a, sop_b]).order_by("sop_id", "nomor")
    .values_list(*KOLOM_LANGKAH), 2)
_KUERI_RUN = KueriSiap(
    lambda siklus_id: LangkahBerjalan.objects.filter(siklus_id=siklus_id).order_by("mulai", "pk")
    .values_list(*KOLOM_RUN), 1)


def _label_status(model) -> dict[str, str]:
    """What `get_status_display()` gives for each status of `model`, translated once."""
    return {k: str(v) for k, v in model._meta.get_field("status").flatchoices}


def _status_siklus(siklus: Siklus, *, sheet_a, sheet_b, status_a: str | None, status_b: str | None) -> StatusSiklus:
    """Both SOPs of `siklus`: its sheets (`pk`, `nama`, `nomor`) and its processes' status
    (None: the process has not started)."""
    sheet_ids = [siklus.sop_pengumpulan_id, siklus.sop_pengukuran_id]
    db = LangkahSOP.objects.db
    langkah_sop = [LangkahSOP.from_db(db, KOLOM_LANGKAH, row) for row in _KUERI_LANGKAH.baris(*sheet_ids, using=db)]
    db = LangkahBerjalan.objects.db
    runs = [LangkahBerjalan.from_db(db, KOLOM_RUN, row) for row in _KUERI_RUN.baris(siklus.pk, using=db)]
    kal = kalender_kerja() if any(r.selesai is None for r in runs) else None
    now = timezone.now()
    by_kode: dict[str, list[LangkahBerjalan]] = {}
    for r in runs:
        by_kode.setdefault(r.kode, []).append(r)
    # the executors' labels, translated once (get_pelaksana_display() per step cost ~0.15 ms each)
    pelaksana = {k: str(v) for k, v in LangkahSOP._meta.get_field("pelaksana").flatchoices}
    hasil = []
    for jenis, sheet, status_proses, label in (
        (JenisSOP.PENGUMPULAN, sheet_a, status_a, _label_status(ProsesPengumpulan)),
        (JenisSOP.PENGUKURAN, sheet_b, status_b, _label_status(ProsesPengukuran)),
    ):
        langkah = []
        urutan = {k: i for i, k in enumerate(KODE_PER_JENIS[jenis])}
        for lk in sorted((x for x in langkah_sop if x.sop_id == sheet.pk), key=lambda x: (x.nomor, urutan.get(x.kode, 0))):
            rows = by_kode.get(lk.kode, [])
            terbuka = [r for r in rows if r.selesai is None]
            menit_list = [r.menit_kerja for r in rows if r.selesai is not None and r.menit_kerja is not None]
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
            langkah.append(LangkahKuartal(
                nomor=lk.nomor, kode=lk.kode, kegiatan=lk.kegiatan, pelaksana=pelaksana.get(lk.pelaksana, lk.pelaksana),
                standar=lk.waktu, standar_menit=rows[-1].standar_menit if rows else None, status=status,
                jumlah=len(rows), menit=max(menit_list) if menit_list else None, terlambat=terlambat,
            ))
        hasil.append(StatusSOP(
            jenis=jenis, nama=sheet.nama, nomor=sheet.nomor,
            status=status_proses if status_proses is not None else "",
            status_label=label.get(status_proses, status_proses) if status_proses is not None else _("Belum dimulai"),
            langkah=langkah,
        ))
    return StatusSiklus(siklus=siklus, status_label=str(siklus.get_status_display()), sop=hasil)
