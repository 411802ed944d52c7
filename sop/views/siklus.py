"""A quarter of one office: its page, opening and reopening it, and the year and
kabupaten overviews."""

from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organisasi.access import (
    ensure_office,
    ensure_peran,
    peran_request,
    require_pegawai,
)
from organisasi.models import Peran, PerangkatDaerah
from organisasi.roles import is_admin_kabupaten

from .. import services
from ..exceptions import TransisiTidakTersedia
from ..forms import AlasanForm, SiklusBukaForm, tambah_galat
from ..models import Siklus
from ..selectors.langkah import aksi_boleh
from ..selectors.siklus import (
    kabupaten_overview,
    siklus_get,
    siklus_halaman,
    tahun_overview,
)
from ..selectors.siklus import siklus_detail as siklus_detail_read
from .langkah import GET_POST, ke_siklus, sudah_lewat, url_pk


@login_required
@require_pegawai
def ikhtisar(request):
    """The SOP menu entry: the kabupaten overview for its administrator, else this year of one's office."""
    if peran_request(request).pegawai is None:
        return redirect("sop:kabupaten")
    return redirect("sop:tahun", tahun=timezone.localdate().year)


@login_required
@require_pegawai
def tahun(request, tahun: int, pd: int | None = None):
    """The four quarters of an office in a year, each with the state of its two SOPs;
    the Kadin and Tim SAKIP can open the next quarter from here."""
    p = peran_request(request)
    if pd is None:
        if p.pegawai is None:
            return redirect("sop:kabupaten")
        kantor = p.pegawai.perangkat_daerah
    else:
        kantor = get_object_or_404(PerangkatDaerah, pk=pd)
        ensure_office(request, kantor.pk)
    if not 2000 <= tahun <= 2100:
        raise Http404
    ringkas = tahun_overview(pd=kantor, tahun=tahun)
    boleh_buka = (
        p.pegawai is not None
        and p.pegawai.perangkat_daerah_id == kantor.pk
        and (p.punya(Peran.KADIN) or p.punya(Peran.TIM_SAKIP))
    )
    belum = [r.triwulan for r in ringkas if r.siklus is None]
    form = (
        SiklusBukaForm(initial={"tahun": tahun, "triwulan": belum[0] if belum else 1})
        if boleh_buka
        else None
    )
    return render(
        request,
        "sop/tahun.html",
        {
            "kantor": kantor,
            "tahun": tahun,
            "ringkas": ringkas,
            "form": form,
            "boleh_buka": boleh_buka,
            "kantor_sendiri": pd is None,
            "tahun_lalu": tahun - 1,
            "tahun_depan": tahun + 1,
        },
    )


@login_required
@require_pegawai
def kabupaten(request):
    """For the kabupaten administrator: every office with its latest quarter and late steps."""
    if not is_admin_kabupaten(request.user):
        raise PermissionDenied
    admin = getattr(request.user, "admin_kabupaten", None)
    kab = admin.kabupaten if admin is not None else None
    tahun_ini = timezone.localdate().year
    kantor = [
        (
            k,
            reverse(
                "sop:tahun_kantor",
                args=[k.perangkat_daerah.pk, k.siklus.tahun if k.siklus else tahun_ini],
            ),
            reverse("sop:siklus_detail", args=[k.siklus.pk]) if k.siklus else "",
        )
        for k in kabupaten_overview(kabupaten=kab)
    ]
    return render(
        request,
        "sop/kabupaten.html",
        {"kabupaten": kab, "kantor": kantor, "tahun": tahun_ini},
    )


@login_required
@require_pegawai
@GET_POST
def siklus_buka(request):
    """Open a quarterly cycle of one's office (Kadin or Tim SAKIP); SOP A starts at step 1."""
    p = peran_request(request)
    if p.pegawai is None:
        raise PermissionDenied
    kantor = p.pegawai.perangkat_daerah
    ensure_peran(request, kantor.pk, Peran.KADIN, Peran.TIM_SAKIP)
    tahun_ini = timezone.localdate().year
    form = SiklusBukaForm(
        request.POST or None, initial={"tahun": tahun_ini, "triwulan": 1}
    )
    if request.method == "POST" and form.is_valid():
        try:
            siklus = services.siklus_open(
                pd=kantor, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            tambah_galat(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Siklus %(periode)s dibuka. Langkah pertama menunggu disposisi Kepala Dinas."
                )
                % {"periode": siklus.periode},
            )
            return ke_siklus(siklus)
    return render(
        request, "sop/siklus_buka.html", {"form": form, "kantor": kantor}, status=200
    )


@login_required
@require_pegawai
def siklus_detail(request, pk: int):
    """A quarter of one office: both SOPs as a timeline of their steps (who, state,
    started, finished, working time against the standard), the trail, the documents
    produced so far and the actions the current person may take — only those."""
    try:
        siklus = siklus_detail_read(pk=pk)
    except Siklus.DoesNotExist:
        raise Http404 from None
    ensure_office(request, siklus.perangkat_daerah_id)
    konteks = siklus_halaman(
        siklus=siklus, user=request.user, peran=peran_request(request)
    )
    boleh_buka_kembali = konteks.pop("boleh_buka_kembali")
    return render(
        request,
        "sop/siklus_detail.html",
        {
            **konteks,
            "url_pk": url_pk(siklus.perjanjian),
            "form_buka_kembali": as_crispy_form(AlasanForm())
            if boleh_buka_kembali
            else "",
        },
    )


@login_required
@require_pegawai
@GET_POST
def siklus_buka_kembali(request, pk: int):
    """The Kadin reopens a finished quarter with a written reason (SOP B measures again)."""
    siklus = siklus_get(pk=pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.KADIN)
    form = AlasanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.siklus_reopen(
                siklus=siklus, actor=request.user, alasan=form.cleaned_data["alasan"]
            )
        except TransisiTidakTersedia as exc:
            return sudah_lewat(request, siklus, exc)
        except ValidationError as exc:
            tambah_galat(form, exc)
        else:
            messages.success(
                request,
                _("Siklus dibuka kembali; Tim SAKIP menyusun pengukuran ulang."),
            )
            return ke_siklus(siklus)
    boleh, alasan = aksi_boleh(obj=siklus, action="reopen", user=request.user)
    return render(
        request,
        "sop/siklus_buka_kembali.html",
        {"siklus": siklus, "form": form, "boleh": boleh, "alasan_tidak": alasan},
    )
