"""The kabupaten overview: every office's quarter at a glance, for the administrator."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Max, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja import calculations as calc
from kinerja.models import Indikator
from kinerja.selectors import skala_predikat
from organisasi.models import PerangkatDaerah
from sop.models import LangkahBerjalan, ProsesPengukuran, ProsesPengumpulan, Siklus
from sop.selectors.kalender import kalender_kerja, lewat_standar

from ._capaian import TRIWULAN, rata_rata

# Steps of each SOP already behind a process in a given state (SOP A has 6 steps, SOP B 5).
LANGKAH_SELESAI_A = {
    ProsesPengumpulan.Status.DISPOSISI_KADIN: 0,
    ProsesPengumpulan.Status.DISPOSISI_KABID: 1,
    ProsesPengumpulan.Status.PEMBAGIAN_TUGAS: 2,
    ProsesPengumpulan.Status.PENGUMPULAN: 3,
    ProsesPengumpulan.Status.PERSIAPAN: 5,
    ProsesPengumpulan.Status.SELESAI: 6,
}
LANGKAH_SELESAI_B = {
    ProsesPengukuran.Status.PERSIAPAN: 0,
    ProsesPengukuran.Status.PENGUKURAN: 1,
    ProsesPengukuran.Status.REVIU: 2,
    ProsesPengukuran.Status.PENGESAHAN: 3,
    ProsesPengukuran.Status.PENGARSIPAN: 4,
    ProsesPengukuran.Status.DIARSIPKAN: 5,
}
JUMLAH_LANGKAH = 11

URUTAN = ("nama", "tahap", "capaian", "terlambat")


@dataclass(frozen=True)
class BarisKantor:
    pd: PerangkatDaerah
    siklus: Siklus | None
    status_pengumpulan: str
    status_pengukuran: str
    tahap: int | None
    jumlah_iku: int
    jumlah_berdata: int
    rata_rata_capaian: Decimal | None
    predikat: calc.Predikat | None
    # IKUs per predikat band, in scale order: (band, count)
    sebaran: list[tuple[calc.Predikat, int]]
    terlambat_selesai: int
    terlambat_berjalan: int

    @property
    def terlambat(self) -> int:
        return self.terlambat_selesai + self.terlambat_berjalan

    @property
    def ada_pk(self) -> bool:
        return self.jumlah_iku > 0


def tahap_status(status_a: str | None, status_b: str | None) -> int:
    """How many of the quarter's eleven SOP steps are behind a cycle whose processes are
    in these states (None: the process has not started)."""
    return LANGKAH_SELESAI_A.get(status_a, 0) + LANGKAH_SELESAI_B.get(status_b, 0)


def triwulan_terakhir(*, tahun: int, kabupaten: str | None = None) -> int:
    """The latest quarter of `tahun` in which any office has opened a cycle (TW I when none)."""
    qs = Siklus.objects.filter(tahun=tahun)
    if kabupaten:
        qs = qs.filter(perangkat_daerah__kabupaten=kabupaten)
    return qs.aggregate(tw=Max("triwulan"))["tw"] or 1


def _kunci(urut: str):
    def nilai(b: BarisKantor):
        return {
            "nama": b.pd.nama.lower(),
            "tahap": b.tahap,
            "capaian": b.rata_rata_capaian,
            "terlambat": b.terlambat,
        }[urut]

    return nilai


def urutkan(baris: list[BarisKantor], urut: str) -> list[BarisKantor]:
    """Sort by `urut` (one of URUTAN, "-" in front for descending); rows without a value go last
    either way, ties by office name. An unknown key sorts by name."""
    turun = urut.startswith("-")
    kunci = urut.lstrip("-")
    if kunci not in URUTAN:
        kunci, turun = "nama", False
    ambil = _kunci(kunci)
    per_nama = sorted(baris, key=lambda b: b.pd.nama.lower())
    ada = [b for b in per_nama if ambil(b) is not None]
    kosong = [b for b in per_nama if ambil(b) is None]
    return sorted(ada, key=ambil, reverse=turun) + kosong


def _label_status(model) -> dict[str, str]:
    """The display label of each status of `model` (what `get_status_display()` gives),
    translated once per page instead of once per office."""
    return {k: str(v) for k, v in model.Status.choices}


def _urutan_iku(row: tuple) -> tuple:
    """A row of `_qs_iku` by Indikator.Meta.ordering: sasaran's place, sasaran, place, id."""
    return (*row[-3:], row[0])


def _capaian_iku(rows, *, sampai: int, skala: list[calc.Predikat]) -> dict[int, list]:
    """Year-to-date capaian (up to quarter `sampai`) of every IKU of the rows of `_qs_iku` (the
    offices' valid plans of a year), per office: `{pd_id: [(capaian, predikat name), …]}`.

    One query (`_qs_iku`), a row per IKU with its four quarters' realisasi side by side. The
    roll-up and the capaian are then `kinerja.calculations`' own, as everywhere else.
    """
    hasil: dict[int, list] = {}
    # in the model's order (Indikator.Meta.ordering, sorted here: by the database it cost ~1 ms
    # of a ~3 ms query); the office mean adds the capaian up in this order, as before
    for _pk, pd_id, target, target_maks, polaritas, agregasi, *nilai in sorted(
        rows, key=_urutan_iku
    ):
        realisasi = dict(zip(TRIWULAN, nilai[:4], strict=True))
        capaian = calc.capaian_kumulatif(
            target_tahunan=target,
            target_tahunan_maks=target_maks,
            polaritas=polaritas,
            agregasi=agregasi,
            realisasi=realisasi,
            sampai=sampai,
        )
        band = calc.predikat(capaian, skala)
        hasil.setdefault(pd_id, []).append((capaian, band.nama if band else None))
    return hasil


def _qs_langkah(qs):
    """The steps of `qs` that are open, or finished over the standard (an open step matches the
    first test already), as values for `_langkah_terlambat`."""
    return (
        qs.filter(Q(selesai__isnull=True) | Q(menit_kerja__gt=F("standar_menit")))
        .order_by()
        .values_list("siklus_id", "selesai", "mulai", "standar_menit")
    )


def _langkah_terlambat(
    siklus_pd: dict[int, int],
) -> tuple[dict[int, int], dict[int, int]]:
    """Late steps of the cycles (`{cycle id: its office id}`) per office: `(finished over the
    standard, open past it now)`.

    One query for both: the finished steps over the standard and every open step (whether an
    open one is late depends on working time now, so Python decides, with `lewat_standar`).
    """
    langkah = _qs_langkah(LangkahBerjalan.objects.filter(siklus_id__in=list(siklus_pd)))
    selesai_lewat: dict[int, int] = {}
    terbuka = []
    for siklus_id, selesai, mulai, standar in langkah:
        pd_id = siklus_pd[siklus_id]
        if selesai is None:
            terbuka.append((pd_id, mulai, standar))
        else:
            selesai_lewat[pd_id] = selesai_lewat.get(pd_id, 0) + 1
    berjalan_lewat: dict[int, int] = {}
    if terbuka:
        kal = kalender_kerja()
        now = timezone.now()
        for pd_id, mulai, standar in terbuka:
            if lewat_standar(mulai, standar, now, kal):
                berjalan_lewat[pd_id] = berjalan_lewat.get(pd_id, 0) + 1
    return selesai_lewat, berjalan_lewat


def ringkasan_kabupaten(
    *, tahun: int, triwulan: int, kabupaten: str | None = None, urut: str = "nama"
) -> list[BarisKantor]:
    """Every office (of `kabupaten`, or all) in quarter `triwulan` of `tahun`: the state of
    its cycle, the year-to-date capaian of its IKUs (mean, predikat, spread over the
    bands) and its late steps (finished over the standard, and open past it now).

    A constant number of queries, whatever the number of offices or indicators.
    """
    return _ringkasan(tahun=tahun, triwulan=triwulan, kabupaten=kabupaten, urut=urut)[1]


def ringkasan_terakhir(
    *, tahun: int, kabupaten: str | None = None, urut: str = "nama"
) -> tuple[int, list[BarisKantor]]:
    """`ringkasan_kabupaten` of `triwulan_terakhir` and that quarter: the quarter is found by the
    query that reads the cycles (one query fewer than asking `triwulan_terakhir` first)."""
    return _ringkasan(tahun=tahun, triwulan=None, kabupaten=kabupaten, urut=urut)


def _siklus(
    kantor: dict, tahun: int, triwulan: int | None
) -> tuple[int, dict[int, Siklus]]:
    """The offices' cycles of quarter `triwulan` of `tahun` per office, and that quarter.
    Without `triwulan`: the latest quarter in which any of the offices opened a cycle (the
    `triwulan_terakhir` of the same offices, TW I when none), found by a subquery of the
    same query. Each cycle carries its processes' status as `status_a` and `status_b`
    (None before a process starts)."""
    qs = Siklus.objects.filter(**kantor, tahun=tahun)
    if triwulan is None:
        terakhir = qs.order_by("-triwulan").values("triwulan")[:1]
        pilihan = qs.filter(triwulan=Subquery(terakhir))
    else:
        pilihan = qs.filter(triwulan=triwulan)
    siklus = {
        s.perangkat_daerah_id: s
        for s in pilihan.order_by()
        .only("id", "perangkat_daerah_id", "tahun", "triwulan", "status")
        .annotate(status_a=F("pengumpulan__status"), status_b=F("pengukuran__status"))
    }
    if triwulan is None:
        # none read: no office opened a cycle this year
        triwulan = next(iter(siklus.values())).triwulan if siklus else 1
    return triwulan, siklus


def _qs_iku(kantor: dict, tahun: int):
    """Every IKU of the offices' valid plans of `tahun`, one row each with its four quarters'
    realisasi side by side (`tw1` … `tw4`: a quarter has at most one row, so the maximum is
    the stored value itself; None without a row), for `_capaian_iku`."""
    return (
        Indikator.objects.filter(
            **kantor,
            sasaran__perjanjian__tahun=tahun,
            sasaran__perjanjian__berlaku=True,
            is_iku=True,
        )
        # unordered: `_capaian_iku` sorts the IKUs by the last three columns and the id, the
        # model's order (sasaran__urutan, sasaran_id, urutan, pk)
        .order_by()
        .values("pk")
        .annotate(
            **{
                f"tw{tw}": Max("realisasi__nilai", filter=Q(realisasi__triwulan=tw))
                for tw in TRIWULAN
            }
        )
        .values_list(
            "pk",
            "sasaran__perjanjian__perangkat_daerah_id",
            "target_tahunan",
            "target_tahunan_maks",
            "polaritas",
            "agregasi",
            *(f"tw{tw}" for tw in TRIWULAN),
            "sasaran__urutan",
            "sasaran_id",
            "urutan",
        )
    )


def _ringkasan(
    *, tahun: int, triwulan: int | None, kabupaten: str | None, urut: str
) -> tuple[int, list[BarisKantor]]:
    def kantor(awalan: str = "") -> dict:
        """The offices of the kabupaten (every office without one), named through `awalan`."""
        return {f"{awalan}kabupaten": kabupaten} if kabupaten else {}

    pds = list(PerangkatDaerah.objects.filter(**kantor()).order_by("nama"))
    skala = skala_predikat()
    triwulan, siklus = _siklus(kantor("perangkat_daerah__"), tahun, triwulan)
    capaian = _capaian_iku(
        _qs_iku(kantor("sasaran__perjanjian__perangkat_daerah__"), tahun),
        sampai=triwulan,
        skala=skala,
    )
    # the steps of the cycles read (no cycle: nothing to read)
    selesai_lewat, berjalan_lewat = (
        _langkah_terlambat({s.pk: s.perangkat_daerah_id for s in siklus.values()})
        if siklus
        else ({}, {})
    )
    label_a = _label_status(ProsesPengumpulan)
    label_b = _label_status(ProsesPengukuran)
    baris = []
    for pd in pds:
        s = siklus.get(pd.pk)
        nilai = capaian.get(pd.pk, [])
        rata = rata_rata(c for c, _p in nilai)
        sebaran = [
            (band, sum(1 for _c, p in nilai if p == band.nama)) for band in skala
        ]
        a = s.status_a if s else None
        b = s.status_b if s else None
        baris.append(
            BarisKantor(
                pd=pd,
                siklus=s,
                status_pengumpulan=label_a.get(a, a) if a else "",
                status_pengukuran=label_b.get(b, b) if b else "",
                tahap=tahap_status(a, b) if s else None,
                jumlah_iku=len(nilai),
                jumlah_berdata=sum(1 for c, _p in nilai if c is not None),
                rata_rata_capaian=rata,
                predikat=calc.predikat(rata, skala),
                sebaran=sebaran,
                terlambat_selesai=selesai_lewat.get(pd.pk, 0),
                terlambat_berjalan=berjalan_lewat.get(pd.pk, 0),
            )
        )
    return triwulan, urutkan(baris, urut)


def kolom_urut(urut: str) -> list[dict[str, str]]:
    """The sortable column headers: each with the sort key a click sets (toggling the
    direction of the current column) and its `aria-sort` state."""
    label = {
        "nama": _("Perangkat daerah"),
        "tahap": _("Tahap siklus"),
        "capaian": _("Capaian IKU"),
        "terlambat": _("Langkah terlambat"),
    }
    aktif, turun = urut.lstrip("-"), urut.startswith("-")
    if aktif not in URUTAN:
        aktif, turun = "nama", False
    kolom = []
    for k in URUTAN:
        if k == aktif:
            kolom.append(
                {
                    "kunci": k,
                    "label": label[k],
                    "urut": k if turun else f"-{k}",
                    "aria": "descending" if turun else "ascending",
                }
            )
        else:
            # numbers read best largest first, names A–Z
            kolom.append(
                {
                    "kunci": k,
                    "label": label[k],
                    "urut": k if k == "nama" else f"-{k}",
                    "aria": "none",
                }
            )
    return kolom
