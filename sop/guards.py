"""Guards of the SOP state machines: who may take a step, and which inputs it needs.

Two kinds of callables are attached to every django-fsm transition:

- **permission** (``permission=``): role *and* office of the acting user, and for
  steps addressed to one person (a disposition's recipient, a Tim Kerja member) that
  person or whoever holds his position as Plt./Plh. today;
- **kelengkapan** (``conditions=``): the required inputs of the step's mutu baku.
  Each is a :class:`Syarat` — callable like any django-fsm condition, and able to
  say in Indonesian *what* is missing (``Syarat.kurang(obj) -> list[str]``), which
  ``sop.services.missing_inputs`` collects for the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.models import TRIWULAN_ROMAWI, Indikator, PerjanjianKinerja, TargetTriwulan
from organisasi.models import Pegawai, PelaksanaTugas, Peran, today
from organisasi.roles import PeranPegawai, peran_user

# ---------------------------------------------------------------- permissions


def peran_di_kantor(obj: Any, user: User | AnonymousUser) -> PeranPegawai | None:
    """The user's roles when he belongs to the office `obj` belongs to, else None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    p = peran_user(user)
    if p.pegawai is None or p.pegawai.perangkat_daerah_id != obj.pd_id:
        return None
    return p


def acts_for(pegawai: Pegawai, target: Pegawai | None) -> bool:
    """True when `pegawai` is `target`, or holds `target`'s position as Plt./Plh. today."""
    if target is None:
        return False
    if pegawai.pk == target.pk:
        return True
    if not target.jabatan_id:
        return False
    return (
        PelaksanaTugas.objects.berlaku_pada(today())
        .filter(pegawai=pegawai, jabatan_id=target.jabatan_id)
        .exists()
    )


class Boleh:
    """Permission callable: the user holds `peran` in the object's office, and, when
    `penerima` is given, is that person (or acting for him)."""

    def __init__(
        self, peran: str, penerima: Callable[[Any], Pegawai | None] | None = None
    ) -> None:
        self.peran = peran
        self.penerima = penerima

    def __call__(self, obj: Any, user: User) -> bool:
        p = peran_di_kantor(obj, user)
        if p is None or not p.punya(self.peran):
            return False
        if self.penerima is None:
            return True
        return acts_for(p.pegawai, self.penerima(obj))

    def __repr__(self) -> str:
        return f"Boleh({self.peran})"


# ---------------------------------------------------------------- kelengkapan


class Syarat:
    """A required input of a step. ``kurang(obj)`` lists what is missing (Indonesian);
    calling it answers django-fsm's question "are the conditions met?"."""

    def __init__(self, nama: str, check: Callable[[Any], list[str]]) -> None:
        self.nama = nama
        self.check = check
        self.__name__ = f"syarat_{nama}"

    def kurang(self, obj: Any) -> list[str]:
        return list(self.check(obj))

    def __call__(self, obj: Any) -> bool:
        return not self.kurang(obj)

    def __repr__(self) -> str:
        return f"Syarat({self.nama})"


def periode(tahun: int, triwulan: int) -> str:
    return _("Triwulan %(tw)s %(tahun)s") % {
        "tw": TRIWULAN_ROMAWI[triwulan],
        "tahun": tahun,
    }


def kurang_perjanjian(perjanjian: PerjanjianKinerja | None, tahun: int) -> list[str]:
    if perjanjian is None:
        return [_("Perjanjian Kinerja tahun %(tahun)s") % {"tahun": tahun}]
    if not Indikator.objects.for_pk(perjanjian).exists():
        return [
            _("Indikator kinerja pada Perjanjian Kinerja tahun %(tahun)s")
            % {"tahun": tahun}
        ]
    return []


def _indikator_tanpa_target(
    perjanjian: PerjanjianKinerja, triwulan: int
) -> tuple[bool, list[str]]:
    """Whether the plan has indicators, and the names (at most five, in plan order) of those
    without a target for the quarter — one query (NOT EXISTS, which PostgreSQL runs as an
    anti-join; a NOT IN subquery cost ~7 ms on a kabupaten-sized database)."""
    from django.db.models import Exists, OuterRef

    ada_target = TargetTriwulan.objects.filter(
        indikator=OuterRef("pk"), triwulan=triwulan, target__isnull=False
    )
    urutan = Indikator._meta.ordering
    rows = list(
        Indikator.objects.for_pk(perjanjian)
        .annotate(ada_target=Exists(ada_target))
        .order_by("ada_target", *urutan)
        .values_list("nama", "ada_target")[:5]
    )
    return bool(rows), [nama for nama, ada in rows if not ada]


def _pesan_rencana_aksi(triwulan: int, tanpa: list[str]) -> list[str]:
    """What is missing, named, when indicators lack the quarter's target."""
    if not tanpa:
        return []
    return [
        _("Rencana Aksi Triwulan %(tw)s (target triwulan belum ada untuk: %(nama)s)")
        % {"tw": TRIWULAN_ROMAWI[triwulan], "nama": "; ".join(tanpa)}
    ]


def kurang_rencana_aksi(
    perjanjian: PerjanjianKinerja | None, triwulan: int
) -> list[str]:
    """Rencana Aksi of the quarter: every indicator of the PK has a target for it."""
    if perjanjian is None:
        return [_("Rencana Aksi Triwulan %(tw)s") % {"tw": TRIWULAN_ROMAWI[triwulan]}]
    return _pesan_rencana_aksi(
        triwulan, _indikator_tanpa_target(perjanjian, triwulan)[1]
    )


_RENCANA_MEMO = "_rencana_sekali"


@contextmanager
def rencana_sekali(obj: Any, rencana: _Rencana | None = None) -> Iterator[None]:
    """Within the block the plan conditions of `obj` (PK_RA, IKU, IKI: a measurement
    process's preparation and draft) read the plan once, together, instead of three
    queries, and a page asking whether the step may be taken and what is missing reads
    it once. The answer ends with the block (the outermost one when nested). `rencana`:
    the answer when the page has already read it (`rencana_dari_tabel`), for no query."""
    if hasattr(obj, _RENCANA_MEMO):
        yield
        return
    setattr(obj, _RENCANA_MEMO, {} if rencana is None else {"rencana": rencana})
    try:
        yield
    finally:
        delattr(obj, _RENCANA_MEMO)


@dataclass(frozen=True)
class _Rencana:
    """What the plan conditions ask about a plan: whether it has indicators, those without
    the quarter's target (at most five), whether one is an IKU and whether it has IKI
    (None: not read, the plan has no indicator row to carry it)."""

    ada_indikator: bool
    tanpa_target: list[str]
    ada_iku: bool
    ada_iki: bool | None


def _qs_rencana(perjanjian: PerjanjianKinerja | int, triwulan: int):
    """The one query of `_rencana_baca`: the plan's indicators, those without the quarter's
    target first (at most five), each with the plan's IKU and IKI existence."""
    from django.db.models import Exists, OuterRef

    from kinerja.models import IKI

    ada_target = TargetTriwulan.objects.filter(
        indikator=OuterRef("pk"), triwulan=triwulan, target__isnull=False
    )
    return (
        Indikator.objects.for_pk(perjanjian)
        .annotate(
            ada_target=Exists(ada_target),
            ada_iku=Exists(Indikator.objects.for_pk(perjanjian).iku()),
            ada_iki=Exists(IKI.objects.filter(perjanjian=perjanjian)),
        )
        .order_by("ada_target", *Indikator._meta.ordering)
        .values_list("nama", "ada_target", "ada_iku", "ada_iki")[:5]
    )


def _rencana_baca(perjanjian: PerjanjianKinerja, triwulan: int) -> _Rencana:
    """`_indikator_tanpa_target` with the plan's IKU and IKI existence on its rows: one query."""
    rows = list(_qs_rencana(perjanjian, triwulan))
    if not rows:
        return _Rencana(False, [], False, None)
    return _Rencana(
        True,
        [nama for nama, ada, _iku, _iki in rows if not ada],
        rows[0][2],
        rows[0][3],
    )


def rencana_dari_tabel(rows_sasaran: list[tuple], ada_iki: bool) -> _Rencana:
    """`_rencana_baca(perjanjian, triwulan)` from rows a page has read anyway: the rows of the
    quarter's measurement table's sasaran query (`kinerja.selectors._baris_sasaran` for that
    plan and quarter: its sasaran LEFT JOIN their indicators, in Indikator's order, with the
    quarter's target row, one at most per indicator) and whether the plan has IKI. The same
    answer (tested): the indicators, the names of those without the quarter's target (the
    first five in plan order) and whether one is an IKU."""
    from kinerja.selectors import _KOLOM_INDIKATOR

    kolom = list(_KOLOM_INDIKATOR)
    i_pk, i_nama, i_iku = (3 + kolom.index(k) for k in ("pk", "nama", "is_iku"))
    i_target = 3 + len(kolom)  # then the quarter's target (`_KOLOM_TARGET_TW`)
    indikator = [r for r in rows_sasaran if r[i_pk] is not None]
    if not indikator:
        return _Rencana(False, [], False, None)
    return _Rencana(
        True,
        [r[i_nama] for r in indikator if r[i_target] is None][:5],
        any(r[i_iku] for r in indikator),
        bool(ada_iki),
    )


def _rencana(obj: Any) -> _Rencana | None:
    """The plan as read once inside `rencana_sekali(obj)`; None outside it or without a plan."""
    memo = getattr(obj, _RENCANA_MEMO, None)
    s = obj.siklus
    if memo is None or s.perjanjian is None:
        return None
    if "rencana" not in memo:
        memo["rencana"] = _rencana_baca(s.perjanjian, s.triwulan)
    return memo["rencana"]


def _pk_ra(obj: Any) -> list[str]:
    """`kurang_perjanjian` + `kurang_rencana_aksi` of the cycle, with one query when the plan
    has indicators (the usual case): the Rencana Aksi query also tells that they exist."""
    s = obj.siklus
    if s.perjanjian is None:
        return kurang_perjanjian(None, s.tahun) + kurang_rencana_aksi(None, s.triwulan)
    r = _rencana(obj)
    ada_indikator, tanpa = (
        (r.ada_indikator, r.tanpa_target)
        if r
        else _indikator_tanpa_target(s.perjanjian, s.triwulan)
    )
    if not ada_indikator:
        return kurang_perjanjian(s.perjanjian, s.tahun)
    return _pesan_rencana_aksi(s.triwulan, tanpa)


def _iku(obj: Any) -> list[str]:
    pk = obj.siklus.perjanjian
    r = _rencana(obj)
    if pk is None or not (
        r.ada_iku if r else Indikator.objects.for_pk(pk).iku().exists()
    ):
        return [_("IKU (Indikator Kinerja Utama) pada Perjanjian Kinerja")]
    return []


def _iki(obj: Any) -> list[str]:
    pk = obj.siklus.perjanjian
    r = _rencana(obj)
    ada = r.ada_iki if r is not None and r.ada_iki is not None else None
    if pk is None or not (ada if ada is not None else pk.iki.exists()):
        return [_("IKI (Indikator Kinerja Individu) pada Perjanjian Kinerja")]
    return []


def _disposisi_kadin(obj: Any) -> list[str]:
    return [] if obj.disposisi_kadin else [_("Disposisi Kepala Dinas")]


def _disposisi_kabid(obj: Any) -> list[str]:
    return [] if obj.disposisi_kabid else [_("Disposisi Kabid/Sekretaris")]


def _catatan_pembagian(obj: Any) -> list[str]:
    # obj is a TugasPengumpulan: its own catatan and indicators are the task split
    if not obj.proses.catatan_pembagian.strip() and not obj.catatan.strip():
        return [_("Catatan pembagian tugas")]
    return []


_DRAF_MEMO = "_draf_data_sekali"


@contextmanager
def draf_data_sekali(obj: Any, baris: list[tuple] | None = None) -> Iterator[None]:
    """Within the block `_draf_data(obj)` reads the draft once: a page asks whether a task
    may be handed in and then what it lacks, and django-fsm and `missing_inputs` would each
    read the whole draft again. `baris` are the task's indicators as the page has already
    read them — (nama, nilai_tw, ada_bukti) in plan order, see `draf_data_anotasi` — and
    then the draft is not read at all. The answer ends with the block (the outermost one
    when nested), so it never outlives a change made after it."""
    if hasattr(obj, _DRAF_MEMO):
        yield
        return
    setattr(
        obj, _DRAF_MEMO, {} if baris is None else {"kurang": _kurang_draf_data(baris)}
    )
    try:
        yield
    finally:
        delattr(obj, _DRAF_MEMO)


def draf_data_anotasi(triwulan: int) -> dict[str, Any]:
    """The annotations of a task's indicators that `_draf_data` checks: the quarter's
    realisasi value (`nilai_tw`) and whether any bukti dukung is attached (`ada_bukti`)."""
    from django.db.models import Exists, OuterRef, Subquery

    from kinerja.models import BuktiDukung, Realisasi

    return {
        "nilai_tw": Subquery(
            Realisasi.objects.filter(indikator=OuterRef("pk"), triwulan=triwulan)
            .order_by()
            .values("nilai")[:1]
        ),  # (no ordering: Realisasi's default one would join the plan into the subquery)
        "ada_bukti": Exists(
            BuktiDukung.objects.filter(
                realisasi__indikator=OuterRef("pk"), realisasi__triwulan=triwulan
            )
        ),
    }


def _draf_data_baca(obj: Any) -> list[str]:
    """What `_draf_data` answers, read in one query: each indicator of the task in plan
    order with its realisasi value of the quarter and whether any bukti dukung is attached."""
    tw = obj.proses.siklus.triwulan
    return _kurang_draf_data(
        list(
            obj.indikator.annotate(**draf_data_anotasi(tw)).values_list(
                "nama", "nilai_tw", "ada_bukti"
            )
        )
    )


def _kurang_draf_data(indikator: list[tuple]) -> list[str]:
    """The missing inputs named from the task's (nama, nilai_tw, ada_bukti) rows in plan order."""
    if not indikator:
        return [_("Indikator yang ditugaskan")]
    realisasi, bukti = (
        _("Realisasi: %(nama)s"),
        _("Bukti dukung: %(nama)s"),
    )  # translated once, not per row
    kurang: list[str] = []
    for nama, nilai, ada_bukti in indikator:
        if nilai is None:
            kurang.append(realisasi % {"nama": nama})
        if not ada_bukti:
            kurang.append(bukti % {"nama": nama})
    return kurang


def _draf_data(obj: Any) -> list[str]:
    """The member's draft: a realisasi value and at least one bukti dukung for each indicator
    (read once inside `draf_data_sekali(obj)`)."""
    memo = getattr(obj, _DRAF_MEMO, None)
    if memo is None:
        return _draf_data_baca(obj)
    if "kurang" not in memo:
        memo["kurang"] = _draf_data_baca(obj)
    return list(memo["kurang"])


def _semua_tugas_diterima(obj: Any) -> list[str]:
    tugas = list(obj.tugas.all())
    if not tugas:
        return [_("Catatan pembagian tugas")]
    belum = [str(t.anggota) for t in tugas if t.status != "diterima"]
    if belum:
        return [
            _("Data kinerja yang sudah diperiksa lengkap (belum: %(nama)s)")
            % {"nama": ", ".join(belum)}
        ]
    return []


def _data_kinerja_b(obj: Any) -> list[str]:
    pengumpulan = getattr(obj.siklus, "pengumpulan", None)
    if pengumpulan is None or pengumpulan.status != "selesai":
        return [_("Data kinerja (SOP Pengumpulan Data Kinerja belum selesai)")]
    return []


_REVIU_MEMO = "_reviu_draft_terakhir"


@contextmanager
def draft_terakhir_dari(obj: Any, drafts_terbaru_dulu: list) -> Iterator[None]:
    """Within the block the review conditions of the measurement process `obj` answer from
    its draft revisions the page has just read (newest first) instead of asking the
    database once per condition (django-fsm checks both review transitions). The answer
    ends with the block, so it never outlives a change made after it."""
    if hasattr(obj, _REVIU_MEMO):
        yield
        return
    terbaru = drafts_terbaru_dulu[0] if drafts_terbaru_dulu else None
    setattr(
        obj,
        _REVIU_MEMO,
        (terbaru is not None, (terbaru.hasil_reviu or "") if terbaru else ""),
    )
    try:
        yield
    finally:
        delattr(obj, _REVIU_MEMO)


def _reviu_draft_terakhir(obj: Any) -> tuple[bool, str]:
    """(whether a draft exists, its review result) for the latest draft revision; reads
    that one column, not the draft's stored measurement table (or nothing inside
    `draft_terakhir_dari`)."""
    memo = getattr(obj, _REVIU_MEMO, None)
    if memo is not None:
        return memo
    row = obj.draft.order_by("-revisi").values_list("hasil_reviu", flat=True)[:1]
    row = list(row)
    return (bool(row), (row[0] or "") if row else "")


def _draft_menunggu_reviu(obj: Any) -> list[str]:
    ada, hasil = _reviu_draft_terakhir(obj)
    if not ada or hasil:
        return [_("Draft dokumen pengukuran kinerja")]
    return []


def _draft_lolos(obj: Any) -> list[str]:
    ada, hasil = _reviu_draft_terakhir(obj)
    if not ada or hasil != "lolos":
        return [_("Draft dokumen pengukuran kinerja yang sudah direviu")]
    return []


def _dokumen(obj: Any) -> list[str]:
    dok = obj.dokumen_terakhir
    if dok is None or dok.diarsipkan_pada is not None:
        return [_("Dokumen pengukuran kinerja yang sudah disahkan")]
    return []


def _diarsipkan(siklus: Any) -> list[str]:
    pengukuran = getattr(siklus, "pengukuran", None)
    if pengukuran is None or pengukuran.status != "diarsipkan":
        return [_("Dokumen pengukuran kinerja yang diarsipkan")]
    return []


PK_RA = Syarat(gettext_lazy("Perjanjian kinerja dan Rencana aksi"), _pk_ra)
IKU = Syarat(gettext_lazy("IKU"), _iku)
IKI = Syarat(gettext_lazy("IKI"), _iki)
DISPOSISI_KADIN = Syarat(gettext_lazy("Disposisi"), _disposisi_kadin)
DISPOSISI_KABID = Syarat(gettext_lazy("Disposisi"), _disposisi_kabid)
CATATAN_PEMBAGIAN = Syarat(gettext_lazy("Catatan pembagian tugas"), _catatan_pembagian)
DRAF_DATA = Syarat(gettext_lazy("Draf data kinerja"), _draf_data)
DATA_DITERIMA = Syarat(gettext_lazy("Data kinerja"), _semua_tugas_diterima)
DATA_KINERJA_B = Syarat(gettext_lazy("Data kinerja"), _data_kinerja_b)
DRAFT_REVIU = Syarat(
    gettext_lazy("Draft dokumen pengukuran kinerja"), _draft_menunggu_reviu
)
DRAFT_LOLOS = Syarat(gettext_lazy("Draft dokumen pengukuran kinerja"), _draft_lolos)
DOKUMEN = Syarat(gettext_lazy("Dokumen pengukuran kinerja"), _dokumen)
PENGUKURAN_DIARSIPKAN = Syarat(gettext_lazy("Dokumen pengukuran kinerja"), _diarsipkan)
# SOP B's preparation (step 1) and draft (step 2) need the plan and SOP A's data.
SYARAT_PENGUKURAN = [PK_RA, IKU, IKI, DATA_KINERJA_B]

# Role shortcuts
KADIN = Boleh(Peran.KADIN)
TIM_SAKIP = Boleh(Peran.TIM_SAKIP)
KABID_PENERIMA = Boleh(
    Peran.KABID, lambda p: p.disposisi_kadin.kepada if p.disposisi_kadin else None
)
KASUBBAG_PENERIMA = Boleh(
    Peran.KASUBBAG, lambda p: p.disposisi_kabid.kepada if p.disposisi_kabid else None
)
TUGAS_ANGGOTA = Boleh(Peran.TIM_KERJA, lambda t: t.anggota)
TUGAS_PEMERIKSA = Boleh(
    Peran.KASUBBAG,
    lambda t: t.proses.disposisi_kabid.kepada if t.proses.disposisi_kabid else None,
)
