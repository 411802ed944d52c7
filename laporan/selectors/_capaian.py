"""Per-indicator arithmetic shared by the dashboard, the kabupaten overview and the
LKjIP: quarterly and year-to-date capaian of prefetched indicators, computed with
`kinerja.calculations` only (no maths of our own)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from kinerja import calculations as calc
from kinerja.models import TRIWULAN_ROMAWI, Indikator, Realisasi, TargetTriwulan
from umum.format import bulatkan

TRIWULAN = (1, 2, 3, 4)
# Bars without a capaian (no data yet) are drawn in this grey.
WARNA_KOSONG = "#adb5bd"
# Where `indikator_prefetch` puts the prefetched rows.
ATTR_TARGET = "target_tw_prefetch"
ATTR_REALISASI = "realisasi_tw_prefetch"


def label_tw(tw: int) -> str:
    """The quarter label: `TW II`."""
    return _("TW %(tw)s") % {"tw": TRIWULAN_ROMAWI[tw]}


def label_sd(tw: int) -> str:
    """The year-to-date label: `s.d. TW II`."""
    return _("s.d. TW %(tw)s") % {"tw": TRIWULAN_ROMAWI[tw]}


def indikator_prefetch(
    queryset: QuerySet[Indikator] | None = None,
) -> QuerySet[Indikator]:
    """Indicators with their quarterly targets and realisasi prefetched (two extra queries in all),
    as plain lists (`to_attr`, no queryset per indicator); read them with `targets_of`/`realisasi_of`."""
    qs = queryset if queryset is not None else Indikator.objects.all()
    return qs.prefetch_related(
        Prefetch(
            "target_triwulan",
            queryset=TargetTriwulan.objects.order_by("triwulan"),
            to_attr=ATTR_TARGET,
        ),
        Prefetch(
            "realisasi",
            queryset=Realisasi.objects.order_by("triwulan"),
            to_attr=ATTR_REALISASI,
        ),
    )


def targets_of(ind: Indikator) -> list[TargetTriwulan]:
    """The indicator's quarterly targets in quarter order: the prefetched list, else a query."""
    daftar = getattr(ind, ATTR_TARGET, None)
    return (
        daftar if daftar is not None else list(ind.target_triwulan.order_by("triwulan"))
    )


def realisasi_of(ind: Indikator) -> list[Realisasi]:
    """The indicator's realisasi in quarter order: the prefetched list, else a query."""
    daftar = getattr(ind, ATTR_REALISASI, None)
    return daftar if daftar is not None else list(ind.realisasi.order_by("triwulan"))


@dataclass(frozen=True)
class Nilai:
    """One bar of a chart: one quarter, or the year to date, of one indicator."""

    label: str
    target: Decimal | None
    target_maks: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None
    predikat: str | None
    warna: str

    @property
    def ada(self) -> bool:
        return self.capaian is not None


@dataclass
class CapaianIndikator:
    """An indicator's four quarters (own target each) and its year to date up to `sampai`
    (realisasi rolled up by the indicator's `agregasi`, against the year's target)."""

    id: int
    kode: str
    nama: str
    satuan: str
    is_iku: bool
    polaritas: str
    agregasi: str
    desimal: int
    target_tahunan: Decimal | None
    target_tahunan_maks: Decimal | None
    sampai: int
    triwulan: list[Nilai]
    kumulatif: Nilai
    realisasi_per_tw: dict[int, Decimal | None]
    catatan: dict[int, str] = field(default_factory=dict)

    @property
    def batang(self) -> list[Nilai]:
        """The five bars of the chart: TW I … TW IV, then the year to date."""
        return [*self.triwulan, self.kumulatif]

    @property
    def judul(self) -> str:
        return f"{self.kode} {self.nama}".strip()


def _nilai(
    label: str, target, target_maks, realisasi, capaian, skala: list[calc.Predikat]
) -> Nilai:
    """One bar, coloured by the predikat of its capaian on `skala`."""
    p = calc.predikat(capaian, skala)
    return Nilai(
        label=label,
        target=target,
        target_maks=target_maks,
        realisasi=realisasi,
        capaian=capaian,
        predikat=p.nama if p else None,
        warna=p.warna if p else WARNA_KOSONG,
    )


def hitung_kumulatif(
    *,
    target_tahunan: Decimal | None,
    target_tahunan_maks: Decimal | None,
    polaritas: str,
    agregasi: str,
    realisasi: dict[int, Decimal | None],
    sampai: int,
    skala: list[calc.Predikat],
) -> Nilai:
    """An indicator's year to date up to `sampai`: its quarterly `realisasi` rolled up by
    `agregasi`, against the year's target (the last bar of `hitung_indikator`)."""
    nilai_sd = calc.agregasi_triwulan(realisasi, agregasi=agregasi, sampai=sampai)
    capaian_sd = calc.capaian_kumulatif(
        target_tahunan=target_tahunan,
        realisasi=realisasi,
        polaritas=polaritas,
        agregasi=agregasi,
        sampai=sampai,
        target_tahunan_maks=target_tahunan_maks,
    )
    return _nilai(
        label_sd(sampai),
        target_tahunan,
        target_tahunan_maks,
        nilai_sd,
        capaian_sd,
        skala,
    )


def hitung_indikator(
    ind: Indikator, *, sampai: int, skala: Iterable[calc.Predikat]
) -> CapaianIndikator:
    """The capaian of a prefetched indicator (see `indikator_prefetch`) per quarter and up to `sampai`."""
    targets = {t.triwulan: t for t in targets_of(ind)}
    real = {r.triwulan: r for r in realisasi_of(ind)}
    return _hitung(
        ind.pk,
        ind.kode,
        ind.nama,
        ind.satuan,
        ind.is_iku,
        ind.polaritas,
        ind.agregasi,
        ind.desimal,
        ind.target_tahunan,
        ind.target_tahunan_maks,
        target={tw: (targets[tw].target if tw in targets else None) for tw in TRIWULAN},
        target_maks={
            tw: (targets[tw].target_maks if tw in targets else None) for tw in TRIWULAN
        },
        per_tw={tw: (real[tw].nilai if tw in real else None) for tw in TRIWULAN},
        catatan={tw: r.catatan for tw, r in real.items() if r.catatan.strip()},
        sampai=sampai,
        skala=skala,
    )


def _hitung(
    id_,
    kode,
    nama,
    satuan,
    is_iku,
    polaritas,
    agregasi,
    desimal,
    target_tahunan,
    target_tahunan_maks,
    *,
    target: dict,
    target_maks: dict,
    per_tw: dict,
    catatan: dict,
    sampai: int,
    skala: Iterable[calc.Predikat],
) -> CapaianIndikator:
    """An indicator's quarters and year to date from its values per quarter (None where there is no row)."""
    skala = list(skala)
    kuartal = []
    for tw in TRIWULAN:
        capaian = calc.capaian_triwulan(
            target=target[tw],
            realisasi=per_tw[tw],
            polaritas=polaritas,
            target_maks=target_maks[tw],
        )
        kuartal.append(
            _nilai(
                label_tw(tw), target[tw], target_maks[tw], per_tw[tw], capaian, skala
            )
        )
    return CapaianIndikator(
        id=id_,
        kode=kode,
        nama=nama,
        satuan=satuan,
        is_iku=is_iku,
        polaritas=polaritas,
        agregasi=agregasi,
        desimal=desimal,
        target_tahunan=target_tahunan,
        target_tahunan_maks=target_tahunan_maks,
        sampai=sampai,
        triwulan=kuartal,
        kumulatif=hitung_kumulatif(
            target_tahunan=target_tahunan,
            target_tahunan_maks=target_tahunan_maks,
            polaritas=polaritas,
            agregasi=agregasi,
            realisasi=per_tw,
            sampai=sampai,
            skala=skala,
        ),
        realisasi_per_tw=per_tw,
        catatan=catatan,
    )


# The indicator's own columns `iku_per_triwulan` reads, in `_hitung`'s order.
KOLOM_INDIKATOR = (
    "id",
    "kode",
    "nama",
    "satuan",
    "is_iku",
    "polaritas",
    "agregasi",
    "desimal",
    "target_tahunan",
    "target_tahunan_maks",
)


def iku_per_triwulan(queryset: QuerySet[Indikator]) -> list[dict]:
    """The indicators of `queryset` in the model's order, each as one row with its quarterly
    target, target maks, realisasi and note side by side (`t1`, `m1`, `r1`, `c1` … `c4`; None
    where the quarter has no row): one query instead of three (`indikator_prefetch`). Read the
    rows with `hitung_baris` and `triwulan_terakhir_baris`.

    The query joins both quarterly tables flat (at most 4 × 4 rows an indicator; an indicator
    has at most one target and one realisasi row a quarter) and Python sets them side by side:
    a `MAX(CASE …)` per column costs more to build in the ORM than the rows cost to read.
    """
    rows = queryset.order_by(*Indikator._meta.ordering).values_list(
        *KOLOM_INDIKATOR,
        "target_triwulan__triwulan",
        "target_triwulan__target",
        "target_triwulan__target_maks",
        "realisasi__triwulan",
        "realisasi__nilai",
        "realisasi__catatan",
    )
    n = len(KOLOM_INDIKATOR)
    hasil: dict[int, dict] = {}
    for row in rows:
        baris = hasil.get(row[0])
        if baris is None:
            baris = hasil[row[0]] = dict(zip(KOLOM_INDIKATOR, row[:n], strict=True))
            for tw in TRIWULAN:
                baris[f"t{tw}"] = baris[f"m{tw}"] = baris[f"r{tw}"] = baris[
                    f"c{tw}"
                ] = None
        t_tw, target, target_maks, r_tw, nilai, catatan = row[n:]
        if t_tw is not None:
            baris[f"t{t_tw}"], baris[f"m{t_tw}"] = target, target_maks
        if r_tw is not None:
            baris[f"r{r_tw}"], baris[f"c{r_tw}"] = nilai, catatan
    return list(hasil.values())


def hitung_baris(
    row: dict, *, sampai: int, skala: Iterable[calc.Predikat]
) -> CapaianIndikator:
    """`hitung_indikator` of a row of `iku_per_triwulan` (the same figures)."""
    return _hitung(
        *(row[k] for k in KOLOM_INDIKATOR),
        target={tw: row[f"t{tw}"] for tw in TRIWULAN},
        target_maks={tw: row[f"m{tw}"] for tw in TRIWULAN},
        per_tw={tw: row[f"r{tw}"] for tw in TRIWULAN},
        catatan={
            tw: row[f"c{tw}"]
            for tw in TRIWULAN
            if row[f"c{tw}"] is not None and row[f"c{tw}"].strip()
        },
        sampai=sampai,
        skala=skala,
    )


def triwulan_terakhir_baris(rows: Iterable[dict]) -> int | None:
    """`triwulan_terakhir_berdata` of rows of `iku_per_triwulan`."""
    tws = [tw for row in rows for tw in TRIWULAN if row[f"r{tw}"] is not None]
    return max(tws) if tws else None


def triwulan_terakhir_berdata(indikator: Iterable[Indikator]) -> int | None:
    """The latest quarter in which any of the prefetched indicators has a realisasi value."""
    tws = [
        r.triwulan
        for ind in indikator
        for r in realisasi_of(ind)
        if r.nilai is not None
    ]
    return max(tws) if tws else None


def nilai_grafik(value: Decimal | None) -> float | None:
    """A percentage for the browser charts: rounded as the tables print it (`umum.format`,
    two decimals half up), as a JSON number; None stays None (no bar)."""
    v = bulatkan(value, 2)
    return None if v is None else float(v)


def rata_rata(values: Iterable[Decimal | None]) -> Decimal | None:
    """Mean of the values that exist (None when none does): the office's capaian summary."""
    ada = [v for v in values if v is not None]
    return sum(ada, Decimal(0)) / len(ada) if ada else None
