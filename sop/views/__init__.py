"""SOP pages, one module per subject: `siklus` (a quarter, the year and kabupaten
overviews), `pengumpulan` (SOP A's steps), `pengukuran` (SOP B's steps), `arsip` (files,
prints and the archive); `langkah` holds what every step page shares.

Every step page follows the same rules: anonymous → sign-in; another office's
people → 404 (nothing of the office is revealed); the wrong role → 403; the right
role sees the step, and the form only when the step is his to take now (else the
reason). A view reads through `sop.selectors`, and each POST calls one `sop.services`
function — the only writers; a refused form keeps what was typed, with the error
beside its field.
"""
