"""Report pages: the office dashboard, SOP timeliness, the kabupaten overview and the
LKjIP draft downloads. Staff see their own office (another office's id gives 404);
the kabupaten administrator sees every office."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from dokumen.unduhan import dokumen_pribadi
from kinerja.models import TRIWULAN_ROMAWI
from organisasi.access import ensure_office, office_of, require_pegawai
from organisasi.models import PerangkatDaerah, today
from organisasi.roles import is_admin_kabupaten

from . import selectors
from .docx import lkjip_docx as buat_docx
from .forms import FilterDasbor, FilterKabupaten, FilterKetepatan, data_valid
from .pdf import lkjip_pdf as buat_pdf


def _kabupaten_admin(request: HttpRequest) -> str | None:
    """The kabupaten the administrator looks after (None: a superuser sees every kabupaten)."""
    admin = getattr(request.user, "admin_kabupaten", None)
    return admin.kabupaten if admin is not None else None


def _kantor_admin(request: HttpRequest) -> list[PerangkatDaerah]:
    qs = PerangkatDaerah.objects.order_by("nama")
    kab = _kabupaten_admin(request)
    return list(qs.filter(kabupaten=kab) if kab else qs)


def _kantor_sendiri(request: HttpRequest) -> PerangkatDaerah:
    """The staff member's own office; any `pd` in the query naming another office is a 404."""
    pd = office_of(request)
    if pd is None:
        raise PermissionDenied
    if any(v != str(pd.pk) for v in request.GET.getlist("pd")):
        raise Http404
    return pd


def _tampilkan_bawaan(form, **nilai) -> None:
    """Show the values actually used for the fields the request left out (a refused value
    stays visible with its error)."""
    kosong = {k: v for k, v in nilai.items() if not form.data.get(k)}
    if not kosong:
        return
    if form.is_bound:
        form.data = form.data.copy()
        for k, v in kosong.items():
            form.data[k] = v
    else:
        form.initial.update(kosong)


@login_required
@require_pegawai
def dasbor(request: HttpRequest) -> HttpResponse:
    """An office's year: IKU capaian per quarter and year to date, budget absorption, this quarter's SOPs."""
    admin = is_admin_kabupaten(request.user)
    form = FilterDasbor(request.GET or None, pilih_kantor=admin)
    data = data_valid(form)
    if admin:
        kantor = _kantor_admin(request)
        pd = data.get("pd") or (kantor[0] if kantor else None)
        if pd is None:
            return render(
                request, "laporan/dasbor.html", {"form": form, "dasbor": None}
            )
        form.fields["pd"].queryset = PerangkatDaerah.objects.filter(
            pk__in=[p.pk for p in kantor] + [pd.pk]
        )
    else:
        pd = _kantor_sendiri(request)
    ensure_office(request, pd.pk)
    dasbor = selectors.dasbor_kantor(
        pd=pd, tahun=data.get("tahun"), triwulan=data.get("tw")
    )
    if "tahun" not in form.errors:
        _tampilkan_bawaan(form, tahun=dasbor.tahun)
    return render(
        request,
        "laporan/dasbor.html",
        {
            "form": form,
            "dasbor": dasbor,
            "admin": admin,
        },
    )


@login_required
@require_pegawai
def ketepatan(request: HttpRequest) -> HttpResponse:
    """SOP timeliness per step over a period and a set of offices: median, worst, share over the standard."""
    admin = is_admin_kabupaten(request.user)
    form = FilterKetepatan(request.GET or None, pilih_kantor=admin)
    data = data_valid(form)
    if admin:
        terpilih = list(data.get("pd") or [])
        kab = _kabupaten_admin(request)
        if terpilih:
            pd_ids = [p.pk for p in terpilih]
        elif kab:
            # the kabupaten's offices, as a subquery of the statistics' queries
            pd_ids = PerangkatDaerah.objects.filter(kabupaten=kab).values("pk")
        else:
            pd_ids = None
        kantor = terpilih
    else:
        pd = _kantor_sendiri(request)
        pd_ids, kantor = [pd.pk], [pd]
    tahun = data.get("tahun") or today().year
    dari = data.get("dari") or 1
    sampai = data.get("sampai") or 4
    if dari > sampai:
        dari, sampai = 1, 4
    if not form.errors:
        _tampilkan_bawaan(form, tahun=tahun, dari=dari, sampai=sampai)
    statistik = selectors.ketepatan_waktu(
        tahun=tahun, triwulan_dari=dari, triwulan_sampai=sampai, pd_ids=pd_ids
    )
    return render(
        request,
        "laporan/ketepatan.html",
        {
            "form": form,
            "statistik": statistik,
            "tahun": tahun,
            "dari": dari,
            "sampai": sampai,
            "dari_romawi": TRIWULAN_ROMAWI[dari],
            "sampai_romawi": TRIWULAN_ROMAWI[sampai],
            "kantor": kantor,
            "admin": admin,
            "grafik": selectors.ketepatan.grafik_ketepatan(statistik),
        },
    )


@login_required
def kabupaten(request: HttpRequest) -> HttpResponse:
    """For the kabupaten administrator: every office's quarter, sortable; one click into its dashboard."""
    if not is_admin_kabupaten(request.user):
        raise PermissionDenied
    form = FilterKabupaten(request.GET or None)
    data = data_valid(form)
    kab = _kabupaten_admin(request)
    tahun = data.get("tahun") or today().year
    tw = data.get("tw")
    urut = data.get("urut") or "nama"
    if "tahun" not in form.errors:
        _tampilkan_bawaan(form, tahun=tahun)
    if tw:
        baris = selectors.ringkasan_kabupaten(
            tahun=tahun, triwulan=tw, kabupaten=kab, urut=urut
        )
    else:
        # the latest quarter with a cycle comes with the cycles' query
        tw, baris = selectors.kabupaten.ringkasan_terakhir(
            tahun=tahun, kabupaten=kab, urut=urut
        )
    return render(
        request,
        "laporan/kabupaten.html",
        {
            "form": form,
            "baris": baris,
            "tahun": tahun,
            "tw": tw,
            "tw_romawi": TRIWULAN_ROMAWI[tw],
            "urut": urut,
            "kolom": selectors.kabupaten.kolom_urut(urut),
        },
    )


def _lkjip(request: HttpRequest, pd_id: int, tahun: int):
    pd = get_object_or_404(PerangkatDaerah, pk=pd_id)
    ensure_office(request, pd.pk)
    data = selectors.lkjip_data(pd=pd, tahun=tahun)
    if data is None:
        raise Http404
    return data


def _nama_berkas(data, ext: str) -> str:
    return (
        f"LKjIP-{data.tahun}-Bab-III-{slugify(data.pd.singkatan) or data.pd.pk}.{ext}"
    )


@login_required
@require_pegawai
def lkjip_pdf(request: HttpRequest, pd: int, tahun: int) -> HttpResponse:
    """The LKjIP draft, Bab III, as a PDF (marked DRAFT)."""
    data = _lkjip(request, pd, tahun)
    return dokumen_pribadi(
        buat_pdf(data), nama=_nama_berkas(data, "pdf"), content_type="application/pdf"
    )


@login_required
@require_pegawai
def lkjip_docx(request: HttpRequest, pd: int, tahun: int) -> HttpResponse:
    """The LKjIP draft, Bab III, as an editable Word document for Tim SAKIP to complete."""
    data = _lkjip(request, pd, tahun)
    return dokumen_pribadi(
        buat_docx(data),
        nama=_nama_berkas(data, "docx"),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
