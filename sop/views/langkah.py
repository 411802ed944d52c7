"""What every SOP step page shares: the step as the sheet defines it, the answer to
"may I take it now", and the page of a step with a note and one button."""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kinerja.selectors import (
    TabelPengukuran,
    tabel_pengukuran,
    versi_tabel_pengukuran,
)
from organisasi.access import ensure_peran, peran_request

from .. import guards
from ..exceptions import TransisiTidakTersedia
from ..forms import CatatanForm, tambah_galat
from ..models import DraftPengukuran, KodeLangkah, Siklus, TugasPengumpulan
from ..selectors.langkah import (
    KODE_PENGUKURAN,
    aksi_boleh,
    langkah_get,
    langkah_list_for_sop,
    langkah_status,
)

GET_POST = require_http_methods(["GET", "POST"])


def url_pk(perjanjian) -> str:
    """The plan's page when the kinerja pages provide one."""
    try:
        return perjanjian.get_absolute_url()
    except NoReverseMatch:
        return ""


def ke_siklus(siklus: Siklus):
    return redirect("sop:siklus_detail", pk=siklus.pk)


def sudah_lewat(request, siklus: Siklus, exc: TransisiTidakTersedia):
    """Someone was first (second tab, double click): say so and show the quarter."""
    messages.warning(request, exc.messages[0])
    return ke_siklus(siklus)


def konteks_langkah(
    request,
    siklus: Siklus,
    kode: str,
    *,
    tugas: TugasPengumpulan | None = None,
    **extra,
) -> dict:
    """What every step page shows: the step as the sheet defines it (mutu baku), since
    when it waits and for whom, and the role the person acts in (Plt./Plh. included)."""
    p = peran_request(request)
    sop = siklus.sop_pengukuran if kode in KODE_PENGUKURAN else siklus.sop_pengumpulan
    semua_langkah = langkah_list_for_sop(
        sop=sop
    )  # the step and the number of steps, in one query
    langkah = next((row for row in semua_langkah if row.kode == kode), None)
    if langkah is None:
        langkah = langkah_get(
            siklus=siklus, kode=kode
        )  # raises LangkahSOP.DoesNotExist, as before
    return {
        "siklus": siklus,
        "sop": sop,
        "langkah": langkah,
        "kode": kode,
        "judul": KodeLangkah(kode).label,
        "jumlah_langkah": len(semua_langkah),
        "status": langkah_status(siklus=siklus, kode=kode, tugas=tugas),
        "selaku": p.label(langkah.pelaksana) if p.punya(langkah.pelaksana) else "",
        "bertindak": bool(p.sebagai.get(langkah.pelaksana)),
        "tugas": tugas,
        **extra,
    }


def langkah_sederhana(
    request,
    siklus: Siklus,
    *,
    kode: str,
    peran: str,
    obj,
    action: str,
    service,
    pesan_sukses: str,
    template: str,
    rencana=None,
    **extra,
):
    """A step whose page is a note and one button: the POST calls `service`; the page says
    whether the step is the person's to take now (`rencana`: the plan conditions' answer
    when the page has read it already)."""
    ensure_peran(request, siklus.perangkat_daerah_id, peran)
    form = CatatanForm(request.POST or None)
    if request.method == "POST":
        if obj is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                service(
                    proses=obj, actor=request.user, catatan=form.cleaned_data["catatan"]
                )
            except TransisiTidakTersedia as exc:
                return sudah_lewat(request, siklus, exc)
            except ValidationError as exc:
                tambah_galat(form, exc)
            else:
                messages.success(request, pesan_sukses)
                return ke_siklus(siklus)
    if obj is None:
        boleh, alasan = (
            False,
            _("SOP Pengukuran Kinerja belum dimulai untuk triwulan ini."),
        )
    else:
        # the plan conditions (PK/RA, IKU, IKI) read the plan once (`rencana`: already read by the page)
        with guards.rencana_sekali(obj, rencana):
            boleh, alasan = aksi_boleh(obj=obj, action=action, user=request.user)
    return render(
        request,
        template,
        konteks_langkah(
            request,
            siklus,
            kode,
            form=form,
            boleh=boleh,
            alasan_tidak=alasan,
            proses=obj,
            **extra,
        ),
    )


# How long a rendered measurement table stays in the cache (seconds). Its keys name the
# data it shows, so an entry is never stale; the timeout only bounds what the cache holds
# (and how long a deploy that changes the template and does not clear the cache shows the
# old markup).
TABEL_DETIK = 60 * 60


def tabel_html(tabel: TabelPengukuran) -> str:
    """The measurement table as `sop/_tabel_pengukuran.html` writes it (the pages' `tabel_html`)."""
    return render_to_string("sop/_tabel_pengukuran.html", {"tabel": tabel})


def tabel_html_langsung(*, siklus: Siklus, baris: tuple[list[tuple], ...]) -> str:
    """The quarter's live measurement table (the draft page), from Django's cache when the
    rows just read (`baris`, from `baris_for_siklus`) were rendered before in this
    language: the key's version is a digest of those rows
    (`kinerja.selectors.versi_tabel_pengukuran`), so no writer bumps it and none can be
    missed; changed data is another key. Built and rendered only on a miss."""
    perjanjian, triwulan = siklus.perjanjian, siklus.triwulan
    versi = versi_tabel_pengukuran(
        perjanjian=perjanjian, triwulan=triwulan, baris=baris
    )
    return cache.get_or_set(
        f"sop:tabel-pengukuran:{perjanjian.pk}:{triwulan}:{versi}:{get_language()}",
        lambda: tabel_html(
            tabel_pengukuran(perjanjian=perjanjian, triwulan=triwulan, baris=baris)
        ),
        TABEL_DETIK,
    )


def tabel_html_draft(draft: DraftPengukuran) -> str:
    """A stored draft's measurement table (the review and ratification pages), from Django's
    cache after its first render in a language. A draft's table is written once, when
    `pengukuran_draft_submit` stores it, and never changed, so the draft is the version:
    its id and submission time (an id reused after a restore has another time)."""
    return cache.get_or_set(
        f"sop:tabel-draft:{draft.pk}:{draft.dibuat_pada.timestamp()}:{get_language()}",
        lambda: tabel_html(TabelPengukuran.from_dict(draft.data)),
        TABEL_DETIK,
    )
