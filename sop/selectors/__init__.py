"""Reads that feed the SOP pages, one module per subject. Nothing here writes; every
change goes through `sop.services`.

- `kalender`: the working calendar and lateness against it;
- `langkah`: a step's page, state and time, who may take it now, a quarter's actions;
- `inbox`: the steps waiting for a person;
- `siklus`: a quarter's page (timeline, trail, tasks, documents), the year and
  kabupaten overviews;
- `pengumpulan`: SOP A, a member's task and its data entry grid, the completeness check;
- `pengukuran`: SOP B, the measurement process, live table, drafts and documents.
"""
