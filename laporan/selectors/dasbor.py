"""The office dashboard: IKU capaian per quarter and year to date, budget absorption
per programme, and the state of the quarter's two SOPs.

`dasbor_kantor` runs a constant number of queries whatever the number of sasaran,
indicators or programmes: everything is prefetched, then computed in Python with
`kinerja.calculations`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from kinerja import calculations as calc
from kinerja.models import (
    AnggaranTriwulan,
    Indikator,
    PerjanjianKinerja,
    Program,
    RealisasiAnggaran,
)
from kinerja.selectors import skala_predikat
from organisasi.models import PerangkatDaerah, today
from sop.models import Siklus
from umum import format as fmt

from ._capaian import (
    TRIWULAN,
    CapaianIndikator,
    hitung_baris,
    iku_per_triwulan,
    label_sd,
    label_tw,
    nilai_grafik,
    rata_rata,
    triwulan_terakhir_baris,
)
from .siklus import StatusSiklus, siklus_kuartal, status_siklus


@dataclass(frozen=True)
class BarisProgram:
    """One programme: the year's budget, the plan and the realisation per quarter and
    up to quarter `sampai`, and the absorption (`calculations.serapan_anggaran`)."""

    id: int
    kode: str
    nama: str
    anggaran: Decimal
    rencana_per_tw: dict[int, Decimal]
    realisasi_per_tw: dict[int, Decimal | None]
    sampai: int
    # the quarter `sampai` itself: its planned budget, what was spent, the absorption
    rencana_tw: Decimal
    realisasi_tw: Decimal | None
    serapan_tw: Decimal | None
    # quarters 1 … sampai against the year's budget
    rencana_sd: Decimal
    realisasi_sd: Decimal | None
    rencana_sd_persen: Decimal | None
    serapan_sd: Decimal | None


def baris_program(prog, *, sampai: int) -> BarisProgram:
    """Budget figures of a programme with `anggaran_triwulan` and `realisasi` prefetched."""
    rencana = {tw: Decimal(0) for tw in TRIWULAN}
    rencana.update({a.triwulan: a.anggaran for a in prog.anggaran_triwulan.all()})
    real: dict[int, Decimal | None] = {tw: None for tw in TRIWULAN}
    real.update({r.triwulan: r.nilai for r in prog.realisasi.all()})
    return _baris_program(
        prog.pk, prog.kode, prog.nama, prog.anggaran, rencana, real, sampai=sampai
    )


def baris_program_dari(row: dict[str, Any], *, sampai: int) -> BarisProgram:
    """Budget figures of a programme read by `program_anggaran` (a missing plan is 0, a missing
    realisation None, as in `baris_program`)."""
    rencana = {
        tw: Decimal(0) if row[f"a{tw}"] is None else row[f"a{tw}"] for tw in TRIWULAN
    }
    real = {tw: row[f"r{tw}"] for tw in TRIWULAN}
    return _baris_program(
        row["id"],
        row["kode"],
        row["nama"],
        row["anggaran"],
        rencana,
        real,
        sampai=sampai,
    )


def _baris_program(
    id_,
    kode,
    nama,
    anggaran,
    rencana: dict[int, Decimal],
    real: dict[int, Decimal | None],
    *,
    sampai: int,
) -> BarisProgram:
    rencana_sd = sum((rencana[tw] for tw in TRIWULAN if tw <= sampai), Decimal(0))
    ada = [real[tw] for tw in TRIWULAN if tw <= sampai and real[tw] is not None]
    realisasi_sd = sum(ada, Decimal(0)) if ada else None
    return BarisProgram(
        id=id_,
        kode=kode,
        nama=nama,
        anggaran=anggaran,
        rencana_per_tw=rencana,
        realisasi_per_tw=real,
        sampai=sampai,
        rencana_tw=rencana[sampai],
        realisasi_tw=real[sampai],
        serapan_tw=calc.serapan_anggaran(rencana[sampai], real[sampai]),
        rencana_sd=rencana_sd,
        realisasi_sd=realisasi_sd,
        rencana_sd_persen=calc.serapan_anggaran(anggaran, rencana_sd),
        serapan_sd=calc.serapan_anggaran(anggaran, realisasi_sd),
    )


def program_anggaran(perjanjian: PerjanjianKinerja) -> list[dict[str, Any]]:
    """The plan's programmes in their order, each with its planned budget (`a1`…`a4`) and
    realisation (`r1`…`r4`) per quarter side by side (None where the quarter has no row):
    one query instead of three (`program_prefetch`).

    The query joins both quarterly tables flat (at most 4 × 4 rows a programme; a programme
    has at most one row of each a quarter) and Python sets them side by side: `MAX(CASE …)`
    per column costs more to build in the ORM than the rows cost to read."""
    rows = (
        Program.objects.filter(perjanjian=perjanjian)
        .order_by("urutan", "pk")
        .values_list(
            "id",
            "kode",
            "nama",
            "anggaran",
            "anggaran_triwulan__triwulan",
            "anggaran_triwulan__anggaran",
            "realisasi__triwulan",
            "realisasi__nilai",
        )
    )
    hasil: dict[int, dict[str, Any]] = {}
    for id_, kode, nama, anggaran, a_tw, a_nilai, r_tw, r_nilai in rows:
        prog = hasil.get(id_)
        if prog is None:
            prog = hasil[id_] = {
                "id": id_,
                "kode": kode,
                "nama": nama,
                "anggaran": anggaran,
            }
            for tw in TRIWULAN:
                prog[f"a{tw}"] = prog[f"r{tw}"] = None
        if a_tw is not None:
            prog[f"a{a_tw}"] = a_nilai
        if r_tw is not None:
            prog[f"r{r_tw}"] = r_nilai
    return list(hasil.values())


def program_prefetch(perjanjian: PerjanjianKinerja):
    return perjanjian.program.prefetch_related(
        Prefetch(
            "anggaran_triwulan", queryset=AnggaranTriwulan.objects.order_by("triwulan")
        ),
        Prefetch("realisasi", queryset=RealisasiAnggaran.objects.order_by("triwulan")),
    )


@dataclass
class Dasbor:
    pd: PerangkatDaerah
    tahun: int
    sampai: int
    perjanjian: PerjanjianKinerja | None
    # the rows read (`iku_per_triwulan`, `program_anggaran`); `iku` and `program` are the
    # figures computed from them, on first use
    iku_baris: list[dict[str, Any]]
    program_baris: list[dict[str, Any]]
    skala: list[calc.Predikat]
    siklus: StatusSiklus | None
    tahun_tersedia: list[int]

    @cached_property
    def iku(self) -> list[CapaianIndikator]:
        return [
            hitung_baris(r, sampai=self.sampai, skala=self.skala)
            for r in self.iku_baris
        ]

    @cached_property
    def program(self) -> list[BarisProgram]:
        return [baris_program_dari(p, sampai=self.sampai) for p in self.program_baris]

    @cached_property
    def versi(self) -> str:
        """A digest of everything the capaian and budget figures are computed from: the
        office, year, quarter and plan, every IKU and programme row read (each number as
        stored: 1.0 and 1.00 print differently) and the predikat scale. The page keeps
        those sections in Django's cache under it (`{% cache %}`): changed data is another
        key, so a kept section is never stale, and a kept section needs no computing."""
        bahan = (
            self.pd.pk,
            self.tahun,
            self.sampai,
            self.perjanjian.pk if self.perjanjian else None,
            self.iku_baris,
            self.program_baris,
            self.skala,
        )
        return hashlib.sha256(repr(bahan).encode()).hexdigest()

    @property
    def label_sd(self) -> str:
        return label_sd(self.sampai)

    @property
    def label_tw(self) -> str:
        return label_tw(self.sampai)

    @property
    def rata_rata_capaian(self) -> Decimal | None:
        """Mean year-to-date capaian of the IKUs that have one."""
        return rata_rata(i.kumulatif.capaian for i in self.iku)

    @property
    def predikat(self) -> calc.Predikat | None:
        return calc.predikat(self.rata_rata_capaian, self.skala)

    @property
    def total_anggaran(self) -> Decimal:
        return sum((p.anggaran for p in self.program), Decimal(0))

    @property
    def total_rencana_sd(self) -> Decimal:
        return sum((p.rencana_sd for p in self.program), Decimal(0))

    @property
    def total_realisasi_sd(self) -> Decimal | None:
        ada = [p.realisasi_sd for p in self.program if p.realisasi_sd is not None]
        return sum(ada, Decimal(0)) if ada else None

    @property
    def total_serapan_sd(self) -> Decimal | None:
        return calc.serapan_anggaran(self.total_anggaran, self.total_realisasi_sd)

    def grafik_capaian(self) -> list[dict[str, Any]]:
        """Chart data of each IKU (five bars: TW I … TW IV, year to date), JSON-ready."""
        out = []
        teks = _teks_batang()
        judul_capaian, judul_garis = _("Capaian"), _("Target 100%")
        for i in self.iku:
            batang = i.batang
            out.append(
                {
                    "id": f"iku-{i.id}",
                    "judul": i.judul,
                    "label": [b.label for b in batang],
                    "capaian": [nilai_grafik(b.capaian) for b in batang],
                    "warna": [b.warna for b in batang],
                    "keterangan": [_keterangan_batang(b, i, teks) for b in batang],
                    "judul_capaian": judul_capaian,
                    "judul_garis": judul_garis,
                }
            )
        return out

    def grafik_serapan(self) -> dict[str, Any]:
        """Chart data of the budget absorption per programme up to quarter `sampai`, JSON-ready."""
        return {
            "label": [p.nama for p in self.program],
            "rencana": [nilai_grafik(p.rencana_sd_persen) for p in self.program],
            "realisasi": [nilai_grafik(p.serapan_sd) for p in self.program],
            "teks_rencana": [
                f"{fmt.rupiah(p.rencana_sd)} ({fmt.persen(p.rencana_sd_persen)})"
                for p in self.program
            ],
            "teks_realisasi": [
                f"{fmt.rupiah(p.realisasi_sd)} ({fmt.persen(p.serapan_sd)})"
                for p in self.program
            ],
            "judul_rencana": _("Rencana %(periode)s")
            % {"periode": label_sd(self.sampai)},
            "judul_realisasi": _("Realisasi %(periode)s")
            % {"periode": label_sd(self.sampai)},
        }


def _teks_batang() -> dict[str, str]:
    """The tooltip texts, translated once per chart set rather than once per bar."""
    return {
        "kosong": _("belum ada data"),
        "tak_terhitung": _("tidak dapat dihitung"),
        "isi": _(
            "%(capaian)s (%(predikat)s) — realisasi %(realisasi)s dari target %(target)s %(satuan)s"
        ),
    }


def _keterangan_batang(
    b, i: CapaianIndikator, teks: dict[str, str] | None = None
) -> str:
    """A bar's tooltip: capaian, predikat, realisasi against target (or why there is no capaian)."""
    teks = teks or _teks_batang()
    if b.capaian is None:
        return teks["kosong"] if b.realisasi is None else teks["tak_terhitung"]
    return teks["isi"] % {
        "capaian": fmt.persen(b.capaian),
        "predikat": b.predikat,
        "realisasi": fmt.angka(b.realisasi, i.desimal),
        "target": fmt.angka(b.target, i.desimal),
        "satuan": i.satuan,
    }


def tahun_tersedia(*, pd: PerangkatDaerah | int) -> list[int]:
    """The years for which the office has a valid plan, newest first."""
    return list(
        PerjanjianKinerja.objects.filter(perangkat_daerah=pd, berlaku=True)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .distinct()
    )


def pk_per_tahun(*, pd: PerangkatDaerah) -> dict[int, PerjanjianKinerja]:
    """The office's valid plan of each year, newest year first: one query for both the years
    on offer (`tahun_tersedia`) and the year's plan (`pk_berlaku`; an office has at most one
    valid plan a year, a database constraint). Each plan carries the office passed in."""
    hasil = {}
    for pk in PerjanjianKinerja.objects.filter(
        perangkat_daerah=pd, berlaku=True
    ).order_by("-tahun", "-versi"):
        if pk.tahun not in hasil:
            pk.perangkat_daerah = pd
            hasil[pk.tahun] = pk
    return hasil


def tahun_bawaan(tersedia: list[int]) -> int:
    """This year when it has a plan, else the newest year with one, else this year."""
    sekarang = today().year
    if sekarang in tersedia or not tersedia:
        return sekarang
    return tersedia[0]


def dasbor_kantor(
    *, pd: PerangkatDaerah, tahun: int | None = None, triwulan: int | None = None
) -> Dasbor:
    """Everything the office dashboard shows for `tahun`, up to quarter `triwulan`.

    Without `tahun`: see `tahun_bawaan`. Without `triwulan` the dashboard runs up to
    the latest quarter that has data: realisasi of an IKU or a programme, or an opened
    SOP cycle (TW I when nothing yet).
    """
    if triwulan is not None and triwulan not in TRIWULAN:
        raise ValueError("triwulan must be 1–4 or None")
    per_tahun = pk_per_tahun(pd=pd)
    tersedia = list(per_tahun)
    if tahun is None:
        tahun = tahun_bawaan(tersedia)
    skala = skala_predikat()
    perjanjian = per_tahun.get(tahun)
    siklus_tahun = {
        s.triwulan: s
        for s in siklus_kuartal(Siklus.objects.filter(perangkat_daerah=pd, tahun=tahun))
    }
    iku_rows: list[dict] = []
    programs = []
    if perjanjian is not None:
        iku_rows = iku_per_triwulan(Indikator.objects.for_pk(perjanjian.pk).iku())
        programs = program_anggaran(perjanjian)
    if triwulan is None:
        kandidat = [triwulan_terakhir_baris(iku_rows) or 0, *siklus_tahun.keys()]
        # a programme's realisation is never NULL: a value is a row
        kandidat += [tw for p in programs for tw in TRIWULAN if p[f"r{tw}"] is not None]
        triwulan = max(kandidat) or 1
    siklus = siklus_tahun.get(triwulan)
    return Dasbor(
        pd=pd,
        tahun=tahun,
        sampai=triwulan,
        perjanjian=perjanjian,
        iku_baris=iku_rows,
        program_baris=programs,
        skala=skala,
        siklus=status_siklus(siklus) if siklus else None,
        tahun_tersedia=tersedia,
    )
