"""SOP B — Pengukuran Kinerja: the services behind its five steps."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisasi.models import Peran
from organisasi.roles import pegawai_of

from ..models import (
    DokumenPengukuran,
    DraftPengukuran,
    KodeLangkah,
    ProsesPengukuran,
    Siklus,
)
from . import _kinerja
from ._engine import actor_label, check_allowed, fire, lock, open_step, require_text


@transaction.atomic
def pengukuran_prepare(
    *, proses: ProsesPengukuran, actor: User, catatan: str = ""
) -> ProsesPengukuran:
    """Step 1: Tim SAKIP confirms PK, Rencana Aksi, IKU, IKI and the accepted data are
    ready (each is checked; a missing one is named)."""
    p = lock(proses)
    tr = check_allowed(p, "prepare", actor)
    p.catatan_persiapan = catatan.strip()
    fire(
        p,
        tr,
        actor,
        catatan=p.catatan_persiapan,
        output=_("Perjanjian kinerja, Rencana aksi, IKU, IKI dan Data Kinerja siap"),
    )
    open_step(
        siklus=p.siklus, kode=KodeLangkah.PENGUKURAN, peran=Peran.TIM_SAKIP, putaran=1
    )
    return p


@transaction.atomic
def pengukuran_draft_submit(
    *, proses: ProsesPengukuran, actor: User, catatan: str = ""
) -> DraftPengukuran:
    """Step 2: Tim SAKIP measures and submits the draft for the Kadin's review. The
    measurement table (`kinerja.selectors.tabel_pengukuran`) is frozen into a new
    draft revision; earlier revisions stay."""
    p = lock(proses)
    tr = check_allowed(p, "submit_draft", actor)
    s = p.siklus
    revisi = (
        p.draft.order_by("-revisi").values_list("revisi", flat=True).first() or 0
    ) + 1
    draft = DraftPengukuran.objects.create(
        proses=p,
        revisi=revisi,
        data=_kinerja.tabel_pengukuran(perjanjian=s.perjanjian, triwulan=s.triwulan),
        catatan=catatan.strip(),
        dibuat_oleh=pegawai_of(actor),
        dibuat_pada=timezone.now(),
    )
    fire(
        p,
        tr,
        actor,
        catatan=draft.catatan,
        output=_("Draft dokumen pengukuran kinerja revisi %(r)s") % {"r": revisi},
        output_obj=draft,
    )
    open_step(siklus=s, kode=KodeLangkah.REVIU, peran=Peran.KADIN, putaran=revisi)
    return draft


def _review(
    *, proses: ProsesPengukuran, actor: User, lolos: bool, catatan: str
) -> DraftPengukuran:
    p = lock(proses)
    tr = check_allowed(p, "pass_review" if lolos else "return_draft", actor)
    if not lolos:
        catatan = require_text(
            catatan, "catatan", _("Tuliskan catatan reviu: apa yang harus diperbaiki.")
        )
    draft = DraftPengukuran.objects.select_for_update().get(pk=p.draft_terakhir.pk)
    catatan = catatan.strip()
    # the review is written after the transition: its condition reads "draft not yet reviewed"
    if lolos:
        fire(
            p,
            tr,
            actor,
            catatan=catatan,
            output=_("Draft revisi %(r)s disetujui") % {"r": draft.revisi},
            output_obj=draft,
        )
    else:
        fire(
            p,
            tr,
            actor,
            catatan=catatan,
            output=_("Draft revisi %(r)s dikembalikan untuk diperbaiki")
            % {"r": draft.revisi},
            output_obj=draft,
        )
    draft.hasil_reviu = (
        DraftPengukuran.Hasil.LOLOS if lolos else DraftPengukuran.Hasil.DIKEMBALIKAN
    )
    draft.catatan_reviu = catatan
    draft.direviu_oleh = pegawai_of(actor)
    draft.direviu_pada = timezone.now()
    draft.save(
        update_fields=["hasil_reviu", "catatan_reviu", "direviu_oleh", "direviu_pada"]
    )
    if lolos:
        open_step(siklus=p.siklus, kode=KodeLangkah.PENGESAHAN, peran=Peran.KADIN)
    else:
        open_step(
            siklus=p.siklus,
            kode=KodeLangkah.PENGUKURAN,
            peran=Peran.TIM_SAKIP,
            putaran=draft.revisi + 1,
        )
    return draft


@transaction.atomic
def pengukuran_draft_return(
    *, proses: ProsesPengukuran, actor: User, catatan: str
) -> DraftPengukuran:
    """Step 3: the Kadin returns the latest draft with notes (required); SOP B goes
    back to step 2 for a new revision."""
    return _review(proses=proses, actor=actor, lolos=False, catatan=catatan)


@transaction.atomic
def pengukuran_draft_pass(
    *, proses: ProsesPengukuran, actor: User, catatan: str = ""
) -> DraftPengukuran:
    """Step 3: the Kadin passes the latest draft; it waits for his ratification."""
    return _review(proses=proses, actor=actor, lolos=True, catatan=catatan)


@transaction.atomic
def pengukuran_ratify(
    *, proses: ProsesPengukuran, actor: User, catatan: str = ""
) -> DokumenPengukuran:
    """Step 4: the Kadin (or Plt./Plh. Kadin, printed as such) ratifies the passed draft.

    Creates the DokumenPengukuran record, then calls
    `sop.ratification.build_final_document(dokumen, actor)` in the same transaction
    (the documents module renders and signs the PDF there)."""
    from .. import ratification

    p = lock(proses)
    tr = check_allowed(p, "ratify", actor)
    pegawai = pegawai_of(actor)
    versi = (
        p.dokumen.order_by("-versi").values_list("versi", flat=True).first() or 0
    ) + 1
    dok = DokumenPengukuran.objects.create(
        proses=p,
        draft=p.draft_terakhir,
        versi=versi,
        disahkan_oleh=pegawai,
        disahkan_sebagai=actor_label(actor, Peran.KADIN),
        disahkan_nama=pegawai.nama_lengkap,
        disahkan_nip=pegawai.nip,
        disahkan_pada=timezone.now(),
    )
    fire(
        p,
        tr,
        actor,
        catatan=catatan.strip(),
        output=_("Dokumen pengukuran kinerja versi %(v)s disahkan") % {"v": versi},
        output_obj=dok,
    )
    ratification.build_final_document(dok, actor)
    open_step(siklus=p.siklus, kode=KodeLangkah.PENGARSIPAN, peran=Peran.TIM_SAKIP)
    return dok


@transaction.atomic
def pengukuran_archive(
    *, proses: ProsesPengukuran, actor: User, catatan: str = ""
) -> Siklus:
    """Step 5: Tim SAKIP archives the ratified document; SOP B is done and the quarter
    is ready for the performance report (`Siklus.status == "siap_laporan"`)."""
    p = lock(proses)
    tr = check_allowed(p, "archive", actor)
    now = timezone.now()
    dok = DokumenPengukuran.objects.select_for_update().get(pk=p.dokumen_terakhir.pk)
    p.selesai_pada = now
    fire(
        p,
        tr,
        actor,
        catatan=catatan.strip(),
        output=_("Dokumen pengukuran kinerja versi %(v)s diarsipkan")
        % {"v": dok.versi},
        output_obj=dok,
    )
    dok.diarsipkan_oleh = pegawai_of(actor)
    dok.diarsipkan_pada = now
    dok.save(update_fields=["diarsipkan_oleh", "diarsipkan_pada"])
    s = lock(p.siklus)
    tr_s = check_allowed(s, "mark_ready", actor)
    fire(s, tr_s, actor, output=_("Siap untuk penyusunan laporan kinerja"))
    return s
