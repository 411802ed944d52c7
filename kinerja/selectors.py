"""Reads of performance data for pages, PDFs, Excel and the SOP engine.

Every selector here runs a fixed number of queries, whatever the number of
sasaran, indicators or programmes (prefetch, then arithmetic in Python via
`kinerja.calculations`).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    FilteredRelation,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from organisasi.models import Pegawai, PerangkatDaerah

from . import calculations as calc
from .models import (
    IKI,
    TRIWULAN_ROMAWI,
    AnggaranTriwulan,
    Indikator,
    PerjanjianKinerja,
    Polaritas,
    Program,
    Realisasi,
    SasaranStrategis,
    SkalaPredikat,
    TargetTriwulan,
)

TRIWULAN = (1, 2, 3, 4)


# --- plans -------------------------------------------------------------------------------------


def pk_berlaku(*, pd: PerangkatDaerah | int, tahun: int) -> PerjanjianKinerja | None:
    """The valid (newest) version of an office's plan for `tahun`, or None.

    At most one version is valid (constraint `pk_satu_berlaku`), so the newest version first
    is order enough (the model's ordering sorts by the office's name through a join); the
    first party is not loaded: nobody reading this plan shows it (`pk.pihak_pertama` still
    reads it on demand)."""
    return (
        PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun, berlaku=True)
        .select_related("perangkat_daerah")
        .order_by("-versi")
        .first()
    )


def pk_list_for_pd(*, pd: PerangkatDaerah | int) -> QuerySet[PerjanjianKinerja]:
    """Every version of every year of an office, newest year and version first, with counts."""
    return (
        PerjanjianKinerja.objects.filter(perangkat_daerah=pd)
        .select_related("perangkat_daerah")
        .annotate(
            jumlah_sasaran=Count("sasaran", distinct=True),
            jumlah_indikator=Count("sasaran__indikator", distinct=True),
            jumlah_program=Count("program", distinct=True),
        )
        .order_by("-tahun", "-versi")
    )


def pk_versions(*, perjanjian: PerjanjianKinerja) -> QuerySet[PerjanjianKinerja]:
    """The revision history of the plan's year: every version, newest first."""
    return PerjanjianKinerja.objects.filter(
        perangkat_daerah_id=perjanjian.perangkat_daerah_id, tahun=perjanjian.tahun
    ).order_by("-versi")


def pk_rencana(*, perjanjian: PerjanjianKinerja) -> list[SasaranStrategis]:
    """Sasaran → indicators with their unit and four quarterly targets, for the plan page.

    Each indicator gets `target_per_tw`: a list of four `TargetTriwulan` (or None)
    in quarter order, and `target_cocok` (calculations.target_konsisten).
    """
    sasaran = list(
        perjanjian.sasaran.prefetch_related(
            Prefetch(
                "indikator",
                queryset=Indikator.objects.select_related(
                    "unit_penanggung_jawab"
                ).prefetch_related(
                    Prefetch(
                        "target_triwulan",
                        queryset=TargetTriwulan.objects.order_by("triwulan"),
                    )
                ),
            )
        )
    )
    for s in sasaran:
        for ind in s.indikator.all():
            by_tw = {t.triwulan: t for t in ind.target_triwulan.all()}
            ind.target_per_tw = [by_tw.get(tw) for tw in TRIWULAN]
            ind.target_cocok = calc.target_konsisten(
                target_tahunan=ind.target_tahunan,
                target_triwulan={
                    tw: (t.target if t else None) for tw, t in by_tw.items()
                },
                agregasi=ind.agregasi,
            )
    return sasaran


def program_list(*, perjanjian: PerjanjianKinerja) -> list[Program]:
    """Programmes with `anggaran_per_tw` (four Decimals in quarter order)."""
    programs = list(
        perjanjian.program.prefetch_related(
            Prefetch(
                "anggaran_triwulan",
                queryset=AnggaranTriwulan.objects.order_by("triwulan"),
            )
        )
    )
    for p in programs:
        by_tw = {a.triwulan: a.anggaran for a in p.anggaran_triwulan.all()}
        p.anggaran_per_tw = [by_tw.get(tw, Decimal(0)) for tw in TRIWULAN]
    return programs


# --- IKI tree ----------------------------------------------------------------------------------


@dataclass
class SimpulIKI:
    iki: IKI
    anak: list[SimpulIKI] = field(default_factory=list)
    tingkat: int = 0


@dataclass
class CabangIKU:
    indikator: Indikator
    anak: list[SimpulIKI] = field(default_factory=list)


def iki_tree(*, perjanjian: PerjanjianKinerja) -> list[CabangIKU]:
    """Each IKU of the plan with the IKI cascaded from it, as a tree (two queries).

    IKUs without IKI are included (empty `anak`) so gaps in the cascade show.
    """
    ikus = list(Indikator.objects.for_pk(perjanjian).iku().select_related("sasaran"))
    semua = list(
        IKI.objects.filter(perjanjian=perjanjian)
        .select_related("jabatan")
        .order_by("urutan", "pk")
    )
    simpul = {i.pk: SimpulIKI(iki=i) for i in semua}
    cabang = {ind.pk: CabangIKU(indikator=ind) for ind in ikus}
    for i in semua:
        if i.induk_iki_id and i.induk_iki_id in simpul:
            simpul[i.induk_iki_id].anak.append(simpul[i.pk])
        elif i.induk_indikator_id and i.induk_indikator_id in cabang:
            cabang[i.induk_indikator_id].anak.append(simpul[i.pk])

    def set_tingkat(nodes: list[SimpulIKI], depth: int) -> None:
        for n in nodes:
            n.tingkat = depth
            set_tingkat(n.anak, depth + 1)

    for c in cabang.values():
        set_tingkat(c.anak, 1)
    return list(cabang.values())


def iki_flat(
    *, perjanjian: PerjanjianKinerja
) -> list[tuple[CabangIKU, list[SimpulIKI]]]:
    """`iki_tree` flattened depth-first for templates: (IKU branch, its nodes in display order)."""

    def walk(nodes: list[SimpulIKI], urut: list[SimpulIKI]) -> list[SimpulIKI]:
        for n in nodes:
            urut.append(n)
            walk(n.anak, urut)
        return urut

    return [(c, walk(c.anak, [])) for c in iki_tree(perjanjian=perjanjian)]


# --- measurement table -------------------------------------------------------------------------


def _s(value: Any) -> Any:
    """JSON-friendly copy: Decimals as strings, recursively."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _s(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_s(v) for v in value]
    return value


def _d(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


@dataclass
class BarisIndikator:
    """One indicator in the measurement table of a quarter (or of the year when `triwulan` is None)."""

    id: int
    kode: str
    nama: str
    satuan: str
    is_iku: bool
    polaritas: str
    agregasi: str
    desimal: int
    unit: str
    # the quarter's target, or the year's when the table is for the year
    target: Decimal | None
    target_maks: Decimal | None
    target_tahunan: Decimal | None
    target_tahunan_maks: Decimal | None
    # the quarter's realisasi, or the year's roll-up
    realisasi: Decimal | None
    capaian: Decimal | None
    # realisasi TW I … TW n rolled up, and its capaian against the year's target (quarter tables only)
    realisasi_ytd: Decimal | None
    capaian_ytd: Decimal | None
    predikat: str | None
    warna: str | None
    realisasi_per_tw: dict[int, Decimal | None]
    catatan: str = ""
    realisasi_id: int | None = None
    revisi: int = 0
    jumlah_bukti: int = 0
    diisi_oleh: str = ""
    # worse than the previous quarter in the indicator's direction (a note is then required)
    lebih_buruk: bool = False

    @property
    def terisi(self) -> bool:
        return self.realisasi is not None

    @property
    def polaritas_label(self) -> str:
        return (
            str(Polaritas(self.polaritas).label)
            if self.polaritas in Polaritas.values
            else self.polaritas
        )


@dataclass
class GrupSasaran:
    id: int
    kode: str
    uraian: str
    indikator: list[BarisIndikator] = field(default_factory=list)


@dataclass
class BarisAnggaran:
    """One programme: the quarter's (or year's) budget, its realisation and absorption, plus year-to-date figures."""

    id: int
    kode: str
    nama: str
    anggaran: Decimal
    realisasi: Decimal | None
    serapan: Decimal | None
    anggaran_tahunan: Decimal
    realisasi_ytd: Decimal | None
    serapan_ytd: Decimal | None


@dataclass
class TabelPengukuran:
    perjanjian_id: int
    perangkat_daerah: str
    tahun: int
    versi: int
    triwulan: int | None
    sasaran: list[GrupSasaran]
    anggaran: list[BarisAnggaran]
    total_anggaran: Decimal
    total_realisasi_anggaran: Decimal | None
    serapan_total: Decimal | None
    total_anggaran_tahunan: Decimal
    total_realisasi_anggaran_ytd: Decimal | None
    serapan_total_ytd: Decimal | None
    # mean capaian of the indicators that have one, with its predikat
    rata_rata_capaian: Decimal | None
    predikat: str | None
    warna: str | None

    @property
    def judul_periode(self) -> str:
        return (
            f"Triwulan {TRIWULAN_ROMAWI[self.triwulan]}" if self.triwulan else "Tahunan"
        )

    @property
    def baris(self) -> list[BarisIndikator]:
        return [b for g in self.sasaran for b in g.indikator]

    @property
    def jumlah_indikator(self) -> int:
        return len(self.baris)

    @property
    def jumlah_terisi(self) -> int:
        return sum(1 for b in self.baris if b.terisi)

    def as_dict(self) -> dict[str, Any]:
        """JSON-serialisable snapshot (Decimals as strings, quarter keys as strings); see `from_dict`."""
        return _s(asdict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TabelPengukuran:
        """Rebuild a table from `as_dict()` output (e.g. a snapshot stored in a draft).

        How each field is read back is worked out once per class at import (`_CARA_BACA`),
        not per row: the review and ratification pages rebuild a sixty-row snapshot per request."""
        return _bangun(cls, data)


def _cara_baca(klass: type) -> list[tuple[str, Any]]:
    """(field name, converter or None) of each field of a table dataclass."""
    cara = []
    for f in fields(klass):
        if f.name == "realisasi_per_tw":
            ubah = _per_tw_dari_dict
        elif f.name == "indikator":
            ubah = _daftar(BarisIndikator)
        elif f.name == "sasaran":
            ubah = _daftar(GrupSasaran)
        elif f.name == "anggaran" and issubclass(klass, TabelPengukuran):
            ubah = _daftar(BarisAnggaran)
        elif str(f.type).startswith("Decimal"):
            ubah = _d
        else:
            ubah = None
        cara.append((f.name, ubah))
    return cara


def _bangun(klass: type, raw: dict[str, Any]) -> Any:
    get = raw.get
    return klass(
        **{
            nama: (ubah(get(nama)) if ubah else get(nama))
            for nama, ubah in _CARA_BACA[klass]
        }
    )


def _daftar(klass: type):
    def baca(v: list[dict[str, Any]] | None) -> list:
        return [_bangun(klass, x) for x in v or []]

    return baca


def _per_tw_dari_dict(v: dict[str, Any] | None) -> dict[int, Decimal | None]:
    return {int(k): _d(x) for k, x in (v or {}).items()}


# How each table dataclass reads its fields back from `as_dict()`: a table of the code,
# written once at import (the review pages rebuild a sixty-row snapshot per request).
_CARA_BACA = {
    klass: _cara_baca(klass)
    for klass in (BarisIndikator, GrupSasaran, BarisAnggaran, TabelPengukuran)
}


def skala_predikat() -> list[calc.Predikat]:
    """The installation's predikat scale (table SkalaPredikat), or the Permendagri 86/2017 default when empty."""
    rows = [
        calc.Predikat(r.batas_bawah, r.nama, r.warna)
        for r in SkalaPredikat.objects.all()
    ]
    return rows or list(calc.SKALA_BAKU)


def _baris_skala() -> list[tuple]:
    """The scale as the table reads it: the model's order (highest bound first), plain rows."""
    return list(SkalaPredikat.objects.values_list("batas_bawah", "nama", "warna"))


def _skala_tabel(rows: list[tuple] | None = None) -> list[calc.Predikat]:
    """`skala_predikat()` read as plain rows; `rows`: those rows when already read."""
    return [
        calc.Predikat(*row) for row in (_baris_skala() if rows is None else rows)
    ] or list(calc.SKALA_BAKU)


_KOLOM_INDIKATOR = {
    "pk": "indikator__pk",
    "kode": "indikator__kode",
    "nama": "indikator__nama",
    "satuan": "indikator__satuan",
    "is_iku": "indikator__is_iku",
    "polaritas": "indikator__polaritas",
    "agregasi": "indikator__agregasi",
    "desimal": "indikator__desimal",
    "target_tahunan": "indikator__target_tahunan",
    "target_tahunan_maks": "indikator__target_tahunan_maks",
    "unit": "indikator__unit_penanggung_jawab__nama",
}


_KOLOM_TARGET_TW = {
    "target": "target_tw__target",
    "target_maks": "target_tw__target_maks",
}


def _qs_sasaran_dan_indikator(
    perjanjian: PerjanjianKinerja | int, triwulan: int | None
) -> QuerySet:
    """The one query of `_sasaran_dan_indikator`: sasaran LEFT JOIN indikator (a sasaran
    without indicators still heads its group) LEFT JOIN the quarter's target row."""
    kolom = dict(_KOLOM_INDIKATOR)
    qs = SasaranStrategis.objects.filter(perjanjian=perjanjian)
    if triwulan is not None:
        qs = qs.annotate(
            target_tw=FilteredRelation(
                "indikator__target_triwulan",
                condition=Q(indikator__target_triwulan__triwulan=triwulan),
            )
        )
        kolom.update(_KOLOM_TARGET_TW)
    return qs.order_by(
        "urutan", "pk", "indikator__urutan", "indikator__pk"
    ).values_list("pk", "kode", "uraian", *kolom.values())


def _baris_sasaran(perjanjian: PerjanjianKinerja, triwulan: int | None) -> list[tuple]:
    """The rows of `_qs_sasaran_dan_indikator` for the year (None) or one quarter."""
    return list(_qs_sasaran_dan_indikator(perjanjian.pk, triwulan))


def _sasaran_dan_indikator(
    perjanjian: PerjanjianKinerja, triwulan: int | None, rows: list[tuple] | None = None
) -> list[tuple[tuple, list[dict]]]:
    """The plan's sasaran (id, kode, uraian) in order, each with its indicators as plain rows:
    the columns the table reads, the unit's name and, for a quarter, that quarter's target
    (`target`, `target_maks`; None without a Rencana Aksi row). One query
    (`_qs_sasaran_dan_indikator`); `rows`: its rows when already read."""
    kolom = dict(_KOLOM_INDIKATOR)
    if triwulan is not None:
        kolom.update(_KOLOM_TARGET_TW)
    if rows is None:
        rows = _baris_sasaran(perjanjian, triwulan)
    grup: dict[int, tuple[tuple, list[dict]]] = {}
    nama_kolom = list(kolom)
    for s_pk, s_kode, s_uraian, *ind in rows:
        _sasaran, indikator = grup.setdefault(s_pk, ((s_pk, s_kode, s_uraian), []))
        if ind[0] is not None:
            indikator.append(dict(zip(nama_kolom, ind, strict=True)))
    return list(grup.values())


_KOLOM_REALISASI = (
    "pk",
    "indikator_id",
    "triwulan",
    "nilai",
    "catatan",
    "revisi",
    "diisi_oleh_id",
    "diisi_oleh__gelar_depan",
    "diisi_oleh__nama",
    "diisi_oleh__gelar_belakang",
)


def _qs_realisasi_pk(perjanjian: PerjanjianKinerja | int) -> QuerySet:
    """Every realisasi of the plan's indicators (the `_KOLOM_REALISASI`, then `n_bukti`)."""
    return (
        Realisasi.objects.filter(indikator__sasaran__perjanjian=perjanjian)
        .order_by()
        .values_list(*_KOLOM_REALISASI)
        .annotate(n_bukti=Count("bukti"))
    )


def _realisasi_per_indikator(
    indikator_ids: list[int],
    *,
    perjanjian: PerjanjianKinerja | None = None,
    baris: list[tuple] | None = None,
) -> dict[int, dict[int, dict[str, Any]]]:
    """indicator → quarter → its realisasi as a plain row, with the number of bukti dukung
    (`n_bukti`) and the full name of whoever entered it (`diisi_oleh`). With `perjanjian`
    (whose indicators `indikator_ids` are, all of them) the rows are read by the plan
    (`_qs_realisasi_pk`) instead of by the list of ids (`baris`: that query's rows when
    already read)."""
    hasil: dict[int, dict[int, dict[str, Any]]] = {pk: {} for pk in indikator_ids}
    if perjanjian is not None:
        nama_kolom = (*_KOLOM_REALISASI, "n_bukti")
        if baris is None:
            baris = list(_qs_realisasi_pk(perjanjian.pk))
        rows = [dict(zip(nama_kolom, r, strict=True)) for r in baris]
    else:
        rows = (
            Realisasi.objects.filter(indikator_id__in=indikator_ids)
            .order_by()
            .values(*_KOLOM_REALISASI)
            .annotate(n_bukti=Count("bukti"))
        )
    nama: dict[int | None, str] = {None: ""}
    for row in rows:
        pegawai_id = row["diisi_oleh_id"]
        if pegawai_id not in nama:
            nama[pegawai_id] = _nama_lengkap(row)
        row["diisi_oleh"] = nama[pegawai_id]
        hasil[row["indikator_id"]][row["triwulan"]] = row
    return hasil


def _nama_lengkap(row: dict[str, Any]) -> str:
    """`Pegawai.nama_lengkap` (degrees included) of the person a realisasi row names; built once
    per person, as a handful of people fill a whole office's table."""
    return Pegawai(
        gelar_depan=row["diisi_oleh__gelar_depan"],
        nama=row["diisi_oleh__nama"],
        gelar_belakang=row["diisi_oleh__gelar_belakang"],
    ).nama_lengkap


def _baris_indikator(
    ind: dict[str, Any],
    real: dict[int, dict[str, Any]],
    triwulan: int | None,
    skala: list[calc.Predikat],
) -> BarisIndikator:
    """One indicator's row of the table (see `tabel_pengukuran`)."""
    per_tw = {tw: (real[tw]["nilai"] if tw in real else None) for tw in TRIWULAN}
    polaritas, agregasi = ind["polaritas"], ind["agregasi"]
    target_tahunan, target_tahunan_maks = (
        ind["target_tahunan"],
        ind["target_tahunan_maks"],
    )
    if triwulan is None:
        target, target_maks = target_tahunan, target_tahunan_maks
        nilai = calc.agregasi_triwulan(per_tw, agregasi=agregasi, sampai=4)
        capaian = calc.capaian_persen(
            target=target, realisasi=nilai, polaritas=polaritas, target_maks=target_maks
        )
        nilai_ytd = capaian_ytd = None
        r = None
        lebih_buruk = False
    else:
        target, target_maks = ind["target"], ind["target_maks"]
        nilai = per_tw[triwulan]
        capaian = calc.capaian_triwulan(
            target=target, realisasi=nilai, polaritas=polaritas, target_maks=target_maks
        )
        nilai_ytd = calc.agregasi_triwulan(per_tw, agregasi=agregasi, sampai=triwulan)
        capaian_ytd = calc.capaian_persen(
            target=target_tahunan,
            realisasi=nilai_ytd,
            polaritas=polaritas,
            target_maks=target_tahunan_maks,
        )
        r = real.get(triwulan)
        lebih_buruk = triwulan > 1 and calc.is_worse(
            per_tw[triwulan - 1],
            nilai,
            polaritas,
            target=target if target is not None else target_tahunan,
            target_maks=target_maks if target is not None else target_tahunan_maks,
        )
    p = calc.predikat(capaian, skala)
    return BarisIndikator(
        id=ind["pk"],
        kode=ind["kode"],
        nama=ind["nama"],
        satuan=ind["satuan"],
        is_iku=ind["is_iku"],
        polaritas=polaritas,
        agregasi=agregasi,
        desimal=ind["desimal"],
        unit=ind["unit"] or "",
        target=target,
        target_maks=target_maks,
        target_tahunan=target_tahunan,
        target_tahunan_maks=target_tahunan_maks,
        realisasi=nilai,
        capaian=capaian,
        realisasi_ytd=nilai_ytd,
        capaian_ytd=capaian_ytd,
        predikat=p.nama if p else None,
        warna=p.warna if p else None,
        realisasi_per_tw=per_tw,
        catatan=r["catatan"] if r else "",
        realisasi_id=r["pk"] if r else None,
        revisi=r["revisi"] if r else 0,
        jumlah_bukti=r["n_bukti"] if r else 0,
        diisi_oleh=r["diisi_oleh"] if r else "",
        lebih_buruk=lebih_buruk,
    )


def baris_tabel_pengukuran(
    *, perjanjian: PerjanjianKinerja, triwulan: int | None
) -> tuple[list[tuple], ...]:
    """The rows `tabel_pengukuran` builds the table from, as its four queries give them (the
    predikat scale, the sasaran with their indicators, the realisasi, the budget): the table
    is a pure function of them, the plan's office name, year and version, and the quarter."""
    if triwulan is not None and triwulan not in TRIWULAN:
        raise ValueError("triwulan must be 1–4 or None")
    return (
        _baris_skala(),
        _baris_sasaran(perjanjian, triwulan),
        list(_qs_realisasi_pk(perjanjian.pk)),
        _baris_anggaran_rows(perjanjian, triwulan),
    )


def versi_tabel_pengukuran(
    *,
    perjanjian: PerjanjianKinerja,
    triwulan: int | None,
    baris: tuple[list[tuple], ...],
) -> str:
    """A digest of everything `tabel_pengukuran` builds the table from: the rows of its four
    queries as read (`baris_tabel_pengukuran`; a Decimal's repr keeps 1.0 and 1.00 apart,
    which print differently), the plan's id, office name, year and version, and the quarter.
    Equal digests, equal tables. A cache keyed by it cannot serve a table older than the
    rows just read, whoever wrote them (the data entry grid, the completeness check, plan
    and target edits, corrections, the admin, imports, a restore): no writer has to bump a
    version, and there is none to forget."""
    teks = repr(
        (
            perjanjian.pk,
            str(perjanjian.perangkat_daerah.nama),
            perjanjian.tahun,
            perjanjian.versi,
            triwulan,
            baris,
        )
    )
    return hashlib.sha256(teks.encode()).hexdigest()


def tabel_pengukuran(
    *,
    perjanjian: PerjanjianKinerja,
    triwulan: int | None,
    baris: tuple[list[tuple], ...] | None = None,
) -> TabelPengukuran:
    """The measurement table of one quarter (`triwulan` 1–4) or of the whole year (None).

    Quarter: target, realisasi and capaian of the quarter itself, plus the
    year-to-date roll-up and its capaian against the year's target. Year: the
    year's target against the four quarters rolled up by each indicator's
    `agregasi`. Runs a constant number of queries (six; five when the plan's office
    is already loaded), each reading plain rows (`values_list`) of only the columns the
    table needs (no model instances, no default-ordering joins): this runs on every
    measurement page, PDF and export. `baris`: those queries' rows when already read
    (`baris_tabel_pengukuran`).
    """
    if triwulan is not None and triwulan not in TRIWULAN:
        raise ValueError("triwulan must be 1–4 or None")
    if baris is None:
        baris = baris_tabel_pengukuran(perjanjian=perjanjian, triwulan=triwulan)
    rows_skala, rows_sasaran, rows_realisasi, rows_anggaran = baris
    skala = _skala_tabel(rows_skala)
    sasaran = _sasaran_dan_indikator(perjanjian, triwulan, rows_sasaran)
    realisasi = _realisasi_per_indikator(
        [ind["pk"] for _s, rows in sasaran for ind in rows],
        perjanjian=perjanjian,
        baris=rows_realisasi,
    )
    grup: list[GrupSasaran] = []
    capaian_semua: list[Decimal] = []
    for (pk, kode, uraian), rows in sasaran:
        g = GrupSasaran(id=pk, kode=kode, uraian=uraian)
        for ind in rows:
            b = _baris_indikator(ind, realisasi[ind["pk"]], triwulan, skala)
            if b.capaian is not None:
                capaian_semua.append(b.capaian)
            g.indikator.append(b)
        grup.append(g)

    baris_anggaran = _baris_anggaran(perjanjian, triwulan, rows_anggaran)
    total_anggaran = sum((b.anggaran for b in baris_anggaran), Decimal(0))
    total_tahunan = sum((b.anggaran_tahunan for b in baris_anggaran), Decimal(0))
    realisasi_ada = [b.realisasi for b in baris_anggaran if b.realisasi is not None]
    total_realisasi = sum(realisasi_ada, Decimal(0)) if realisasi_ada else None
    ytd_ada = [b.realisasi_ytd for b in baris_anggaran if b.realisasi_ytd is not None]
    total_ytd = sum(ytd_ada, Decimal(0)) if ytd_ada else None
    rata = (
        sum(capaian_semua, Decimal(0)) / len(capaian_semua) if capaian_semua else None
    )
    p = calc.predikat(rata, skala)
    return TabelPengukuran(
        perjanjian_id=perjanjian.pk,
        perangkat_daerah=str(perjanjian.perangkat_daerah.nama),
        tahun=perjanjian.tahun,
        versi=perjanjian.versi,
        triwulan=triwulan,
        sasaran=grup,
        anggaran=baris_anggaran,
        total_anggaran=total_anggaran,
        total_realisasi_anggaran=total_realisasi,
        serapan_total=calc.serapan_anggaran(total_anggaran, total_realisasi),
        total_anggaran_tahunan=total_tahunan,
        total_realisasi_anggaran_ytd=total_ytd,
        serapan_total_ytd=calc.serapan_anggaran(total_tahunan, total_ytd),
        rata_rata_capaian=rata,
        predikat=p.nama if p else None,
        warna=p.warna if p else None,
    )


def _qs_anggaran(perjanjian: PerjanjianKinerja | int, triwulan: int | None) -> QuerySet:
    """The one query of `_baris_anggaran` (pk, kode, nama, anggaran, rencana, r1–r4)."""
    qs = Program.objects.filter(perjanjian=perjanjian)
    if triwulan is not None:
        qs = qs.annotate(
            rencana_tw=FilteredRelation(
                "anggaran_triwulan", condition=Q(anggaran_triwulan__triwulan=triwulan)
            )
        )
        rencana_tw = F("rencana_tw__anggaran")
    else:
        rencana_tw = Value(None, output_field=DecimalField())
    per_tw = {
        f"r{tw}": Max(
            Case(
                When(realisasi__triwulan=tw, then="realisasi__nilai"),
                output_field=DecimalField(max_digits=18, decimal_places=2),
            )
        )
        for tw in (1, 2, 3, 4)
    }
    return (
        qs.order_by("urutan", "pk")
        .annotate(rencana=rencana_tw)
        .values_list("pk", "kode", "nama", "anggaran", "rencana")
        .annotate(**per_tw)
        .values_list("pk", "kode", "nama", "anggaran", "rencana", *per_tw)
    )


def _baris_anggaran_rows(
    perjanjian: PerjanjianKinerja, triwulan: int | None
) -> list[tuple]:
    """The rows of `_qs_anggaran` for the year (None) or one quarter (with its planned budget)."""
    return list(_qs_anggaran(perjanjian.pk, triwulan))


def _baris_anggaran(
    perjanjian: PerjanjianKinerja, triwulan: int | None, rows: list[tuple] | None = None
) -> list[BarisAnggaran]:
    """The programmes' budget rows, in programme order: the programmes with the quarter's
    planned budget (LEFT JOIN of its Rencana Aksi row) and their four quarters' realisations
    side by side (MAX(CASE) per quarter; at most one row per quarter) — one query
    (`_qs_anggaran`); `rows`: its rows when already read."""
    if rows is None:
        rows = _baris_anggaran_rows(perjanjian, triwulan)
    programs = []
    real: dict[int, dict[int, Decimal]] = {}
    for pk, kode, nama, anggaran, rencana, *nilai in rows:
        programs.append((pk, kode, nama, anggaran, rencana))
        real[pk] = {
            tw: v for tw, v in zip((1, 2, 3, 4), nilai, strict=True) if v is not None
        }  # quarters with a row, in order
    sampai = triwulan or 4
    hasil = []
    for pk, kode, nama, anggaran_tahunan, rencana in programs:
        ytd_vals = [v for tw, v in real[pk].items() if tw <= sampai]
        ytd = sum(ytd_vals, Decimal(0)) if ytd_vals else None
        if triwulan is None:
            anggaran, realisasi = anggaran_tahunan, ytd
        else:
            anggaran = rencana if rencana is not None else Decimal(0)
            realisasi = real[pk].get(triwulan)
        hasil.append(
            BarisAnggaran(
                id=pk,
                kode=kode,
                nama=nama,
                anggaran=anggaran,
                realisasi=realisasi,
                serapan=calc.serapan_anggaran(anggaran, realisasi),
                anggaran_tahunan=anggaran_tahunan,
                realisasi_ytd=ytd,
                serapan_ytd=calc.serapan_anggaran(anggaran_tahunan, ytd),
            )
        )
    return hasil
