"""SOP B (Pengukuran Kinerja): preparation, the measurement draft, the Kadin's review
and ratification, the archive step."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from organisasi.access import ensure_peran, require_pegawai
from organisasi.models import Peran

from .. import guards, services
from ..exceptions import TransisiTidakTersedia
from ..forms import ReviuForm, tambah_galat
from ..models import KodeLangkah
from ..selectors.langkah import aksi_boleh
from ..selectors.pengukuran import (
    baris_for_siklus,
    draft_list,
    pengukuran_for_siklus,
    sertifikat_for_pd,
    siklus_with_pengukuran,
    syarat_list_for_persiapan,
)
from ..selectors.siklus import dokumen_berkas, siklus_get
from .langkah import (
    GET_POST,
    ke_siklus,
    konteks_langkah,
    langkah_sederhana,
    sudah_lewat,
    tabel_html_draft,
    tabel_html_langsung,
    url_pk,
)


@login_required
@require_pegawai
@GET_POST
def pengukuran_persiapan(request, pk: int):
    """SOP B step 1: Tim SAKIP confirms PK, Rencana Aksi, IKU, IKI and the data are ready."""
    siklus = siklus_get(pk=pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.TIM_SAKIP)
    b = pengukuran_for_siklus(siklus=siklus)
    syarat = syarat_list_for_persiapan(proses=b)
    return langkah_sederhana(
        request,
        siklus,
        kode=KodeLangkah.PERSIAPAN_DATA,
        peran=Peran.TIM_SAKIP,
        obj=b,
        action="prepare",
        service=services.pengukuran_prepare,
        template="sop/pengukuran_persiapan.html",
        pesan_sukses=_("Data kinerja siap diukur."),
        syarat=syarat,
        url_pk=url_pk(siklus.perjanjian),
    )


@login_required
@require_pegawai
@GET_POST
def pengukuran_draft(request, pk: int):
    """SOP B step 2: Tim SAKIP sees the computed measurement table and submits it as a draft."""
    siklus, b = siklus_with_pengukuran(pk=pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.TIM_SAKIP)
    drafts = draft_list(proses=b)
    baris = baris_for_siklus(siklus=siklus)
    return langkah_sederhana(
        request,
        siklus,
        kode=KodeLangkah.PENGUKURAN,
        peran=Peran.TIM_SAKIP,
        obj=b,
        action="submit_draft",
        service=services.pengukuran_draft_submit,
        template="sop/pengukuran_draft.html",
        pesan_sukses=_(
            "Draft dokumen pengukuran kinerja diajukan untuk direviu Kepala Dinas."
        ),
        # the plan conditions answer from the table's rows and the cycle's `ada_iki` (no query of their own)
        rencana=guards.rencana_dari_tabel(baris[1], siklus.iki_id is not None),
        tabel_html=tabel_html_langsung(siklus=siklus, baris=baris),
        drafts=drafts,
        dikembalikan=drafts[0]
        if drafts and drafts[0].hasil_reviu == "dikembalikan"
        else None,
    )


@login_required
@require_pegawai
@GET_POST
def pengukuran_reviu(request, pk: int):
    """SOP B step 3: the Kadin reviews the latest draft and returns it with notes, or passes it."""
    siklus = siklus_get(pk=pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.KADIN)
    b = pengukuran_for_siklus(siklus=siklus)
    form = ReviuForm(request.POST or None)
    if request.method == "POST":
        if b is None:
            raise PermissionDenied
        keputusan = request.POST.get("keputusan")
        if keputusan not in ("setujui", "kembalikan"):
            form.add_error(None, _("Pilih: setujui atau kembalikan draft."))
        elif form.is_valid():
            service = (
                services.pengukuran_draft_pass
                if keputusan == "setujui"
                else services.pengukuran_draft_return
            )
            try:
                service(
                    proses=b, actor=request.user, catatan=form.cleaned_data["catatan"]
                )
            except TransisiTidakTersedia as exc:
                return sudah_lewat(request, siklus, exc)
            except ValidationError as exc:
                tambah_galat(form, exc)
            else:
                if keputusan == "setujui":
                    messages.success(
                        request, _("Draft disetujui; menunggu pengesahan Anda.")
                    )
                else:
                    messages.success(
                        request,
                        _("Draft dikembalikan kepada Tim SAKIP untuk diperbaiki."),
                    )
                return ke_siklus(siklus)
    drafts = draft_list(proses=b, tabel_terbaru=True)
    draft = (
        drafts[0] if drafts else None
    )  # the revision under review; its stored table is what the Kadin reviews
    if b is None:
        boleh, alasan = (
            False,
            _("SOP Pengukuran Kinerja belum dimulai untuk triwulan ini."),
        )
    else:
        with guards.draft_terakhir_dari(
            b, drafts
        ):  # the review conditions read the drafts just read
            boleh, alasan = aksi_boleh(obj=b, action="pass_review", user=request.user)
    return render(
        request,
        "sop/pengukuran_reviu.html",
        konteks_langkah(
            request,
            siklus,
            KodeLangkah.REVIU,
            form=form,
            boleh=boleh,
            alasan_tidak=alasan,
            proses=b,
            draft=draft,
            tabel_html=tabel_html_draft(draft) if draft else "",
            drafts=drafts,
            form_html="",
        ),
    )


@login_required
@require_pegawai
@GET_POST
def pengukuran_pengesahan(request, pk: int):
    """SOP B step 4: the Kadin (or his Plt./Plh., printed as such) ratifies the passed draft."""
    siklus = siklus_get(pk=pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.KADIN)
    b = pengukuran_for_siklus(siklus=siklus)
    draft = b.draft_terakhir if b else None
    return langkah_sederhana(
        request,
        siklus,
        kode=KodeLangkah.PENGESAHAN,
        peran=Peran.KADIN,
        obj=b,
        action="ratify",
        service=services.pengukuran_ratify,
        template="sop/pengukuran_pengesahan.html",
        pesan_sukses=_(
            "Dokumen pengukuran kinerja disahkan; Tim SAKIP mengarsipkannya."
        ),
        draft=draft,
        tabel_html=tabel_html_draft(draft) if draft else "",
        sertifikat=sertifikat_for_pd(perangkat_daerah=siklus.perangkat_daerah),
    )


@login_required
@require_pegawai
@GET_POST
def pengukuran_arsip(request, pk: int):
    """SOP B step 5: Tim SAKIP archives the ratified document; the quarter is ready for the report."""
    siklus = siklus_get(pk=pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.TIM_SAKIP)
    b = pengukuran_for_siklus(siklus=siklus)
    dok = b.dokumen_terakhir if b else None
    return langkah_sederhana(
        request,
        siklus,
        kode=KodeLangkah.PENGARSIPAN,
        peran=Peran.TIM_SAKIP,
        obj=b,
        action="archive",
        service=services.pengukuran_archive,
        template="sop/pengukuran_arsip.html",
        pesan_sukses=_(
            "Dokumen pengukuran kinerja diarsipkan; triwulan ini siap untuk laporan kinerja."
        ),
        dok=dok,
        berkas=dokumen_berkas(dok=dok) if dok else None,
    )
