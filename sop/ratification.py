"""The ratification hook (SOP B step 4), for the documents module.

`sop.services.pengukuran_ratify` creates the `DokumenPengukuran` record (who
ratified, as what — e.g. "Plt. Kepala Dinas" —, when, and which draft revision),
then calls :func:`build_final_document` inside the same transaction. Today it
records nothing more: the ratification itself is the record. The documents
module replaces the body with: render the measurement document PDF from
`dokumen.draft.data` (+ the sheet and the office), sign it, and set
`dokumen.berkas` and `dokumen.sha256` (then `dokumen.save(update_fields=[...])`).
An exception raised here rolls the ratification back.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from .models import DokumenPengukuran


def build_final_document(dokumen: DokumenPengukuran, actor: User) -> None:
    """Produce the signed file of a just-ratified measurement document: numbered,
    signed with the office certificate when configured, archived as a
    `dokumen.models.DokumenResmi`; `dokumen.berkas`/`sha256` point to it
    (`sop.pdf.terbitkan_pengesahan`)."""
    from .pdf import terbitkan_pengesahan

    terbitkan_pengesahan(dokumen, actor)
