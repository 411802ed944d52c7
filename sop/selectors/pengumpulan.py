"""SOP A (Pengumpulan Data Kinerja): a member's task and its data entry grid, one page
at a time, and the rows of the completeness check."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.shortcuts import get_object_or_404

from kinerja.models import BuktiDukung, Indikator, Realisasi, TargetTriwulan
from organisasi.models import Pegawai

from .. import guards
from ..models import PemeriksaanIndikator, Siklus, TugasPengumpulan


def tugas_get(*, pk: int, pembaca: Pegawai | None = None) -> TugasPengumpulan:
    """A task with what its pages (SOP A steps 4 and 5) show of it. Only SOP A is joined and
    not the member's position (its id is on the member): each join more made PostgreSQL
    plan this one-row query longer than it runs. When the reader (`pembaca`, already read
    with the request) is usually the member himself — the grid — the member is not joined
    but taken from the request when it is him (read on demand otherwise). 404 for an
    unknown id."""
    terkait = [
        "proses__siklus__perangkat_daerah",
        "proses__siklus__perjanjian",
        "proses__siklus__sop_pengumpulan",
        *([] if pembaca is not None else ["anggota"]),
    ]
    tugas = get_object_or_404(
        TugasPengumpulan.objects.select_related(*terkait).order_by(), pk=pk
    )
    if pembaca is not None and tugas.anggota_id == pembaca.pk:
        tugas.anggota = pembaca
    return tugas


@dataclass
class BarisTugas:
    """One indicator of a member's task, with what the grid and the check show beside it."""

    indikator: Indikator
    target: TargetTriwulan | None
    realisasi: Realisasi | None
    sebelumnya: Decimal | None
    bukti: list[BuktiDukung] = field(default_factory=list)
    pemeriksaan: PemeriksaanIndikator | None = (
        None  # the latest check of this indicator
    )

    @property
    def dikembalikan(self) -> bool:
        return self.pemeriksaan is not None and not self.pemeriksaan.diterima


# The grid shows this many indicators at a time: a task may hold the office's whole plan
# (60 indicators), and one page of 60 rows of fields was slow to render and to work through.
GRID_PER_HALAMAN = 10


URUTAN_INDIKATOR = ("sasaran__urutan", "sasaran_id", "urutan", "pk")  # plan order


def _pemeriksaan_terakhir(tugas: TugasPengumpulan) -> dict[int, PemeriksaanIndikator]:
    """The latest check of each indicator of the task, by indicator id (one query; the
    checker comes with it because the grid names him beside a returned indicator)."""
    periksa: dict[int, PemeriksaanIndikator] = {}
    for p in tugas.pemeriksaan.select_related("diperiksa_oleh").order_by(
        "putaran", "pk"
    ):
        periksa[p.indikator_id] = p
    return periksa


def tugas_baris(
    *,
    tugas: TugasPengumpulan,
    indikator_ids: list[int] | None = None,
    periksa: dict[int, PemeriksaanIndikator] | None = None,
) -> list[BarisTugas]:
    """The task's indicators in plan order (only `indikator_ids` when given: one page of the
    grid) with the quarter's target, the realisasi (and the previous quarter's value), its
    evidence and the latest check: 5 queries (4 when `periksa` is already loaded), each a
    plain list grouped here — no nested prefetch and no queryset per row."""
    tw = tugas.proses.siklus.triwulan
    if indikator_ids is None:
        indikator = list(
            tugas.indikator.select_related("sasaran").order_by(*URUTAN_INDIKATOR)
        )
    else:  # one page of the grid
        indikator = list(
            tugas.indikator.filter(pk__in=indikator_ids)
            .select_related("sasaran")
            .order_by(*URUTAN_INDIKATOR)
        )
    ids = [ind.pk for ind in indikator]
    # no ordering (.order_by()): the models' default one would join the plan just to sort rows grouped here
    target = {
        t.indikator_id: t
        for t in TargetTriwulan.objects.filter(
            indikator_id__in=ids, triwulan=tw
        ).order_by()
    }
    realisasi = {
        (r.indikator_id, r.triwulan): r
        for r in Realisasi.objects.filter(
            indikator_id__in=ids, triwulan__in=[tw, tw - 1]
        ).order_by()
    }
    bukti: dict[int, list[BuktiDukung]] = {}
    dengan_nilai = [r.pk for (_ind, w), r in realisasi.items() if w == tw]
    if dengan_nilai:
        for b in BuktiDukung.objects.filter(realisasi_id__in=dengan_nilai).order_by(
            "diunggah_pada", "pk"
        ):
            bukti.setdefault(b.realisasi_id, []).append(b)
    if periksa is None:
        periksa = _pemeriksaan_terakhir(tugas)
    rows = []
    for ind in indikator:
        r = realisasi.get((ind.pk, tw))
        prev = realisasi.get((ind.pk, tw - 1))
        rows.append(
            BarisTugas(
                indikator=ind,
                target=target.get(ind.pk),
                realisasi=r,
                sebelumnya=prev.nilai if prev else None,
                bukti=bukti.get(r.pk, []) if r else [],
                pemeriksaan=periksa.get(ind.pk),
            )
        )
    return rows


@dataclass(frozen=True)
class IndikatorDikembalikan:
    """A returned indicator of the task and the grid page it is on."""

    pk: int
    label: str
    halaman: int


@dataclass
class HalamanTugas:
    """One page of a member's data entry grid: its rows, where the page lies in the task,
    and every indicator the checker returned (each with its page, so none is missed)."""

    baris: list[BarisTugas]
    nomor: int
    jumlah_halaman: int
    jumlah: int  # indicators in the task
    awal: int  # position of the page's first indicator in the task, from 1
    dikembalikan: list[IndikatorDikembalikan] = field(default_factory=list)
    # with `draf`: every indicator's (nama, nilai_tw, ada_bukti), plan order (guards.draf_data_sekali)
    draf: list[tuple] | None = None

    @property
    def akhir(self) -> int:
        return self.awal + len(self.baris) - 1

    @property
    def sebelumnya(self) -> int | None:
        return self.nomor - 1 if self.nomor > 1 else None

    @property
    def berikutnya(self) -> int | None:
        return self.nomor + 1 if self.nomor < self.jumlah_halaman else None

    @property
    def daftar_halaman(self) -> range:
        return range(1, self.jumlah_halaman + 1)


def nomor_halaman(teks, jumlah_halaman: int) -> int:
    """`?hal=` as a page that exists: missing or garbage text and numbers below 1 give
    page 1, a number past the end gives the last page — never an error."""
    try:
        nomor = int(teks)
    except (TypeError, ValueError):
        return 1
    return min(max(nomor, 1), max(jumlah_halaman, 1))


def tugas_halaman(
    *,
    tugas: TugasPengumpulan,
    hal: str | None = None,
    per_halaman: int = GRID_PER_HALAMAN,
    draf: bool = False,
) -> HalamanTugas:
    """Page `hal` of the task's grid (see `nomor_halaman`): the rows of its indicators only
    (`tugas_baris`), plus the task's size and its returned indicators across all pages.
    With `draf` the query listing the task's indicators also reads what handing in checks
    (`HalamanTugas.draf`), so the page does not read the draft again for it."""
    qs = Indikator.objects.filter(tugas_pengumpulan=tugas).order_by(*URUTAN_INDIKATOR)
    if draf:
        rows = qs.annotate(
            **guards.draf_data_anotasi(tugas.proses.siklus.triwulan)
        ).values_list("pk", "kode", "nama", "nilai_tw", "ada_bukti")
        urutan = [(pk, kode, nama) for pk, kode, nama, _nilai, _bukti in rows]
        isi_draf = [(nama, nilai, bukti) for _pk, _kode, nama, nilai, bukti in rows]
    else:
        urutan = list(qs.values_list("pk", "kode", "nama"))
        isi_draf = None
    jumlah_halaman = max(1, -(-len(urutan) // per_halaman))
    nomor = nomor_halaman(hal, jumlah_halaman)
    mulai = (nomor - 1) * per_halaman
    periksa = _pemeriksaan_terakhir(tugas)
    dikembalikan = [
        IndikatorDikembalikan(pk, f"{kode} {nama}".strip(), i // per_halaman + 1)
        for i, (pk, kode, nama) in enumerate(urutan)
        if pk in periksa and not periksa[pk].diterima
    ]
    ids = [pk for pk, _kode, _nama in urutan[mulai : mulai + per_halaman]]
    baris = tugas_baris(tugas=tugas, indikator_ids=ids, periksa=periksa) if ids else []
    return HalamanTugas(
        baris=baris,
        nomor=nomor,
        jumlah_halaman=jumlah_halaman,
        jumlah=len(urutan),
        awal=mulai + 1,
        dikembalikan=dikembalikan,
        draf=isi_draf,
    )


def pemeriksaan_list_for_tugas(
    *, tugas: TugasPengumpulan
) -> list[PemeriksaanIndikator]:
    """Every check of the task's indicators, round by round, with indicator and checker."""
    return list(
        tugas.pemeriksaan.select_related("indikator", "diperiksa_oleh").order_by(
            "putaran", "pk"
        )
    )


def indikator_list_for_pembagian(*, siklus: Siklus) -> list[Indikator]:
    """The indicators of the cycle's plan to split among the Tim Kerja, in plan order."""
    return list(
        Indikator.objects.for_pk(siklus.perjanjian)
        .select_related("sasaran", "unit_penanggung_jawab")
        .order_by(*URUTAN_INDIKATOR)
    )


def tugas_list_with_indikator(*, siklus: Siklus) -> list[TugasPengumpulan]:
    """The collection's tasks with their member and indicators (none before SOP A starts)."""
    a = getattr(siklus, "pengumpulan", None)
    if a is None:
        return []
    return list(
        a.tugas.select_related("anggota").prefetch_related("indikator").order_by("pk")
    )
