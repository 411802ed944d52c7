"""Every write of the SOP engine. Views call these; nothing else moves a process.

All are keyword-only and atomic; they raise PermissionDenied (wrong role, wrong
office, not the addressee), `sop.exceptions.TransisiTidakTersedia` (not at this
step: second click, second tab, someone was first), `KelengkapanBelumLengkap`
(a required input is missing — `.kurang` names them) or ValidationError (bad input,
with field names as keys where there is a field).
"""

from ._engine import check_allowed, missing_inputs, run_transition
from .kalender import harilibur_seed, sop_revise
from .pengukuran import (
    pengukuran_archive,
    pengukuran_draft_pass,
    pengukuran_draft_return,
    pengukuran_draft_submit,
    pengukuran_prepare,
    pengukuran_ratify,
)
from .pengumpulan import (
    GalatBaris,
    IsianBaris,
    pengumpulan_dispose_kabid,
    pengumpulan_dispose_kadin,
    pengumpulan_prepare,
    pengumpulan_split_tasks,
    tugas_bukti_add,
    tugas_check,
    tugas_grid_save,
    tugas_realisasi_save,
    tugas_submit,
)
from .siklus import siklus_open, siklus_reopen

__all__ = [
    "GalatBaris",
    "IsianBaris",
    "check_allowed",
    "harilibur_seed",
    "missing_inputs",
    "pengukuran_archive",
    "pengukuran_draft_pass",
    "pengukuran_draft_return",
    "pengukuran_draft_submit",
    "pengukuran_prepare",
    "pengukuran_ratify",
    "pengumpulan_dispose_kabid",
    "pengumpulan_dispose_kadin",
    "pengumpulan_prepare",
    "pengumpulan_split_tasks",
    "run_transition",
    "siklus_open",
    "siklus_reopen",
    "sop_revise",
    "tugas_bukti_add",
    "tugas_check",
    "tugas_grid_save",
    "tugas_realisasi_save",
    "tugas_submit",
]
