"""Every write to performance data. Keyword-only, atomic, Indonesian errors.

Every plan service (pk_*, sasaran_*, indikator_*, program_*, iki_*) takes the `actor`
(the signed-in login), refuses with PermissionDenied anyone but the office's Tim SAKIP
(the Kadin may also lock the plan, as opening a cycle does), and appends one
`JejakRencana` row: who, when, which part, and its values before and after.

The frozen-year rule lives here: every change to a plan (sasaran, indicators,
targets, programmes, budgets, IKI) goes through `_pastikan_dapat_diubah`, which
refuses plans that are locked (`dikunci_pada` set, see `pk_lock`) or no longer
the valid version. A locked plan changes only through `pk_revise`.

Revisions (`pk_revise`) copy the whole plan into version + 1 and mark the old one
no longer valid. Realisasi are keyed to indicators, so the new version's
indicators get *copies* of the realisasi (values, notes, who/when, and the
evidence rows pointing at the same stored files) and budget realisations that
exist at the time of the revision; the old version keeps its own rows untouched,
so a quarter measured with the old version (its cycle points to that version)
still shows exactly what was measured. The new version starts unlocked so the
change can be made; `pk_lock` locks it again (idempotent — the SOP engine calls it
whenever a quarterly cycle opens, and Tim SAKIP can lock it from the PK page).
"""

from .perjanjian import pk_create, pk_lock, pk_revise, pk_update
from .realisasi import bukti_add, bukti_delete, realisasi_anggaran_save, realisasi_save
from .rencana import (
    _cek_indikator,
    _cek_program,
    iki_create,
    iki_delete,
    iki_update,
    indikator_create,
    indikator_delete,
    indikator_update,
    program_create,
    program_delete,
    program_update,
    sasaran_create,
    sasaran_delete,
    sasaran_update,
)
from .umum import KonflikRevisi, TargetTW

__all__ = [
    "KonflikRevisi", "TargetTW",
    "pk_create", "pk_update", "pk_lock", "pk_revise",
    "sasaran_create", "sasaran_update", "sasaran_delete",
    "indikator_create", "indikator_update", "indikator_delete",
    "program_create", "program_update", "program_delete",
    "iki_create", "iki_update", "iki_delete",
    "realisasi_save", "bukti_add", "bukti_delete", "realisasi_anggaran_save",
]
