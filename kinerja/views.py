"""Plan pages (Perjanjian Kinerja, Rencana Aksi, IKI) for the office's staff.

Access: anonymous → sign-in; another office's plan → 404; every member of the
office (and the kabupaten administrator) reads; only the office's Tim SAKIP
changes (403 for other roles). Each POST calls one `kinerja.services` function;
a refused form is shown again with what was typed and the error beside its field.
"""

from __future__ import annotations

import base64
import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dokumen.unduhan import dokumen_pribadi
from organisasi.access import (
    ensure_office,
    ensure_peran,
    office_of,
    peran_request,
    require_pegawai,
)
from organisasi.models import Peran, PerangkatDaerah
from organisasi.roles import is_admin_kabupaten
from umum.uploads import tandai_berkas_terlalu_besar

from . import excel, selectors, services
from .forms import (
    IKIForm,
    ImporForm,
    IndikatorForm,
    PerjanjianForm,
    ProgramForm,
    RevisiForm,
    SasaranForm,
    tambah_galat,
)
from .models import (
    IKI,
    TRIWULAN_ROMAWI,
    Indikator,
    PerjanjianKinerja,
    Program,
    SasaranStrategis,
)

GET_POST = require_http_methods(["GET", "POST"])
SESI_IMPOR = "kinerja_impor"


# --- helpers -------------------------------------------------------------------------------------


def _pk(pk: int) -> PerjanjianKinerja:
    return get_object_or_404(
        PerjanjianKinerja.objects.select_related("perangkat_daerah", "pihak_pertama"),
        pk=pk,
    )


def _boleh_ubah(request, pd_id: int) -> bool:
    p = peran_request(request)
    return (
        p.pegawai is not None
        and p.pegawai.perangkat_daerah_id == pd_id
        and p.punya(Peran.TIM_SAKIP)
    )


def _tim_sakip(request, pd_id: int):
    """Only the office's Tim SAKIP: another office → 404, another role → 403."""
    return ensure_peran(request, pd_id, Peran.TIM_SAKIP)


def _xlsx(data: bytes, nama: str) -> HttpResponse:
    return dokumen_pribadi(
        data, nama=f"{nama}.xlsx", content_type=excel.XLSX_CONTENT_TYPE
    )


def _form_page(
    request,
    form,
    *,
    judul: str,
    perjanjian: PerjanjianKinerja,
    kembali: str,
    enctype: bool = False,
):
    return render(
        request,
        "kinerja/form.html",
        {
            "form": form,
            "judul": judul,
            "pk": perjanjian,
            "kembali": kembali,
            "multipart": enctype,
        },
    )


def _ke_pk(perjanjian: PerjanjianKinerja, anchor: str = ""):
    return redirect(
        reverse("kinerja:pk_detail", args=[perjanjian.pk])
        + (f"#{anchor}" if anchor else "")
    )


def _triwulan(request) -> int | None:
    raw = request.GET.get("triwulan", "")
    if raw in ("", "tahun"):
        return None
    if raw in ("1", "2", "3", "4"):
        return int(raw)
    raise Http404


# --- lists and detail ----------------------------------------------------------------------------


@login_required
@require_pegawai
@require_GET
def pk_list(request):
    """The office's plans, every year and version; the kabupaten admin picks an office (`?pd=`)."""
    pd = office_of(request)
    kantor_list = None
    if is_admin_kabupaten(request.user) and (pd is None or request.GET.get("pd")):
        kantor_list = PerangkatDaerah.objects.order_by("nama")
        pd_id = request.GET.get("pd", "")
        pd = get_object_or_404(PerangkatDaerah, pk=pd_id) if pd_id.isdigit() else None
    if pd is None:
        return render(
            request,
            "kinerja/pk_list.html",
            {"kantor_list": kantor_list, "pd": None, "per_tahun": []},
        )
    per_tahun: dict[int, list[PerjanjianKinerja]] = {}
    for pk in selectors.pk_list_for_pd(pd=pd):
        per_tahun.setdefault(pk.tahun, []).append(pk)
    return render(
        request,
        "kinerja/pk_list.html",
        {
            "pd": pd,
            "per_tahun": sorted(per_tahun.items(), reverse=True),
            "kantor_list": kantor_list,
            "boleh_ubah": _boleh_ubah(request, pd.pk),
        },
    )


@login_required
@require_pegawai
@require_GET
def pk_detail(request, pk: int):
    perjanjian = _pk(pk)
    ensure_office(request, perjanjian.perangkat_daerah_id)
    tim_sakip = _boleh_ubah(request, perjanjian.perangkat_daerah_id)
    programs = selectors.program_list(perjanjian=perjanjian)
    return render(
        request,
        "kinerja/pk_detail.html",
        {
            "pk": perjanjian,
            "sasaran_list": selectors.pk_rencana(perjanjian=perjanjian),
            "program_list": programs,
            "total_anggaran": sum((p.anggaran for p in programs), 0),
            "iki_list": selectors.iki_flat(perjanjian=perjanjian),
            "versi_list": selectors.pk_versions(perjanjian=perjanjian),
            "tim_sakip": tim_sakip,
            "boleh_ubah": tim_sakip and perjanjian.berlaku and not perjanjian.terkunci,
            "boleh_revisi": tim_sakip and perjanjian.berlaku,
            "triwulan_list": [(tw, TRIWULAN_ROMAWI[tw]) for tw in range(1, 5)],
        },
    )


@login_required
@require_pegawai
@require_GET
def pengukuran(request, pk: int):
    """The measurement table of a quarter (`?triwulan=1..4`) or the year (no parameter)."""
    perjanjian = _pk(pk)
    ensure_office(request, perjanjian.perangkat_daerah_id)
    triwulan = _triwulan(request)
    return render(
        request,
        "kinerja/pengukuran.html",
        {
            "pk": perjanjian,
            "tabel": selectors.tabel_pengukuran(
                perjanjian=perjanjian, triwulan=triwulan
            ),
            "triwulan": triwulan,
            "triwulan_list": [(tw, TRIWULAN_ROMAWI[tw]) for tw in range(1, 5)],
        },
    )


# --- the agreement -------------------------------------------------------------------------------


@login_required
@require_pegawai
@GET_POST
def pk_create(request):
    pd = office_of(request)
    if pd is None:
        raise Http404
    _tim_sakip(request, pd.pk)
    form = PerjanjianForm(request.POST or None, pd=pd)
    if request.method == "POST" and form.is_valid():
        try:
            perjanjian = services.pk_create(
                perangkat_daerah=pd, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            tambah_galat(form, exc)
        else:
            messages.success(
                request,
                _("Perjanjian kinerja tahun %(tahun)s dibuat.")
                % {"tahun": perjanjian.tahun},
            )
            return _ke_pk(perjanjian)
    return render(
        request,
        "kinerja/form.html",
        {
            "form": form,
            "judul": _("Perjanjian kinerja baru"),
            "kembali": reverse("kinerja:pk_list"),
        },
    )


@login_required
@require_pegawai
@GET_POST
def pk_edit(request, pk: int):
    perjanjian = _pk(pk)
    _tim_sakip(request, perjanjian.perangkat_daerah_id)
    initial = {
        f: getattr(perjanjian, f)
        for f in ("tanggal", "pihak_pertama", "pihak_kedua_nama", "pihak_kedua_jabatan")
    }
    form = PerjanjianForm(
        request.POST or None, initial=initial, pd=perjanjian.perangkat_daerah, edit=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.pk_update(
                perjanjian=perjanjian, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            tambah_galat(form, exc)
        else:
            messages.success(request, _("Data perjanjian kinerja disimpan."))
            return _ke_pk(perjanjian)
    return _form_page(
        request,
        form,
        judul=_("Ubah data perjanjian kinerja"),
        perjanjian=perjanjian,
        kembali=perjanjian.get_absolute_url(),
    )


@login_required
@require_pegawai
@require_POST
def pk_lock(request, pk: int):
    perjanjian = _pk(pk)
    _tim_sakip(request, perjanjian.perangkat_daerah_id)
    if not perjanjian.berlaku:
        messages.error(request, _("Versi ini sudah tidak berlaku."))
    else:
        services.pk_lock(perjanjian=perjanjian, actor=request.user)
        messages.success(
            request, _("Rencana kinerja dikunci; perubahan berikutnya melalui revisi.")
        )
    return _ke_pk(perjanjian)


@login_required
@require_pegawai
@GET_POST
def pk_revise(request, pk: int):
    perjanjian = _pk(pk)
    _tim_sakip(request, perjanjian.perangkat_daerah_id)
    form = RevisiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            baru = services.pk_revise(
                perjanjian=perjanjian, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            tambah_galat(form, exc)
        else:
            messages.success(
                request,
                _("Versi %(versi)s dibuat. Ubah rencananya, lalu kunci kembali.")
                % {"versi": baru.versi},
            )
            return _ke_pk(baru)
    return _form_page(
        request,
        form,
        judul=_("Revisi perjanjian kinerja"),
        perjanjian=perjanjian,
        kembali=perjanjian.get_absolute_url(),
    )


# --- plan parts ----------------------------------------------------------------------------------


def _simpan(request, form, fn, pesan: str) -> bool:
    """Run a service for a valid form; its errors go beside the fields."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        fn()
    except ValidationError as exc:
        tambah_galat(form, exc)
        return False
    messages.success(request, pesan)
    return True


def _hapus(request, *, perjanjian, objek, judul: str, fn, anchor: str):
    """GET: confirmation page; POST: delete through the service."""
    if request.method == "POST":
        try:
            fn()
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Data dihapus."))
        return _ke_pk(perjanjian, anchor)
    return render(
        request,
        "kinerja/hapus.html",
        {
            "pk": perjanjian,
            "objek": objek,
            "judul": judul,
            "kembali": perjanjian.get_absolute_url(),
        },
    )


@login_required
@require_pegawai
@GET_POST
def sasaran_create(request, pk: int):
    perjanjian = _pk(pk)
    _tim_sakip(request, perjanjian.perangkat_daerah_id)
    form = SasaranForm(request.POST or None)
    if _simpan(
        request,
        form,
        lambda: services.sasaran_create(
            perjanjian=perjanjian, actor=request.user, **form.cleaned_data
        ),
        _("Sasaran strategis ditambahkan."),
    ):
        return _ke_pk(perjanjian, "rencana")
    return _form_page(
        request,
        form,
        judul=_("Sasaran strategis baru"),
        perjanjian=perjanjian,
        kembali=perjanjian.get_absolute_url(),
    )


def _sasaran(request, id: int) -> SasaranStrategis:
    sasaran = get_object_or_404(
        SasaranStrategis.objects.select_related("perjanjian__perangkat_daerah"), pk=id
    )
    _tim_sakip(request, sasaran.perjanjian.perangkat_daerah_id)
    return sasaran


@login_required
@require_pegawai
@GET_POST
def sasaran_edit(request, id: int):
    sasaran = _sasaran(request, id)
    form = SasaranForm(
        request.POST or None,
        initial={
            "kode": sasaran.kode,
            "uraian": sasaran.uraian,
            "urutan": sasaran.urutan,
        },
    )
    if _simpan(
        request,
        form,
        lambda: services.sasaran_update(
            sasaran=sasaran, actor=request.user, **form.cleaned_data
        ),
        _("Sasaran strategis disimpan."),
    ):
        return _ke_pk(sasaran.perjanjian, "rencana")
    return _form_page(
        request,
        form,
        judul=_("Ubah sasaran strategis"),
        perjanjian=sasaran.perjanjian,
        kembali=sasaran.perjanjian.get_absolute_url(),
    )


@login_required
@require_pegawai
@GET_POST
def sasaran_delete(request, id: int):
    sasaran = _sasaran(request, id)
    return _hapus(
        request,
        perjanjian=sasaran.perjanjian,
        objek=sasaran.uraian,
        judul=_("Hapus sasaran strategis"),
        fn=lambda: services.sasaran_delete(sasaran=sasaran, actor=request.user),
        anchor="rencana",
    )


@login_required
@require_pegawai
@GET_POST
def indikator_create(request, pk: int):
    perjanjian = _pk(pk)
    _tim_sakip(request, perjanjian.perangkat_daerah_id)
    initial = {}
    if request.GET.get("sasaran", "").isdigit():
        initial["sasaran"] = request.GET["sasaran"]
    form = IndikatorForm(request.POST or None, initial=initial, perjanjian=perjanjian)

    def simpan():
        kwargs = form.service_kwargs()
        services.indikator_create(
            sasaran=form.cleaned_data["sasaran"], actor=request.user, **kwargs
        )

    if _simpan(request, form, simpan, _("Indikator kinerja ditambahkan.")):
        return _ke_pk(perjanjian, "rencana")
    return _form_page(
        request,
        form,
        judul=_("Indikator kinerja baru"),
        perjanjian=perjanjian,
        kembali=perjanjian.get_absolute_url(),
    )


def _indikator(request, id: int) -> Indikator:
    indikator = get_object_or_404(
        Indikator.objects.select_related(
            "sasaran__perjanjian__perangkat_daerah"
        ).prefetch_related("target_triwulan"),
        pk=id,
    )
    _tim_sakip(request, indikator.sasaran.perjanjian.perangkat_daerah_id)
    return indikator


@login_required
@require_pegawai
@GET_POST
def indikator_edit(request, id: int):
    indikator = _indikator(request, id)
    perjanjian = indikator.sasaran.perjanjian
    form = IndikatorForm(
        request.POST or None,
        initial=IndikatorForm.initial_dari(indikator),
        perjanjian=perjanjian,
    )

    def simpan():
        services.indikator_update(
            indikator=indikator,
            sasaran=form.cleaned_data["sasaran"],
            actor=request.user,
            **form.service_kwargs(),
        )

    if _simpan(request, form, simpan, _("Indikator kinerja disimpan.")):
        return _ke_pk(perjanjian, "rencana")
    return _form_page(
        request,
        form,
        judul=_("Ubah indikator kinerja"),
        perjanjian=perjanjian,
        kembali=perjanjian.get_absolute_url(),
    )


@login_required
@require_pegawai
@GET_POST
def indikator_delete(request, id: int):
    indikator = _indikator(request, id)
    return _hapus(
        request,
        perjanjian=indikator.sasaran.perjanjian,
        objek=indikator.nama,
        judul=_("Hapus indikator kinerja"),
        fn=lambda: services.indikator_delete(indikator=indikator, actor=request.user),
        anchor="rencana",
    )


@login_required
@require_pegawai
@GET_POST
def program_create(request, pk: int):
    perjanjian = _pk(pk)
    _tim_sakip(request, perjanjian.perangkat_daerah_id)
    form = ProgramForm(request.POST or None)
    if _simpan(
        request,
        form,
        lambda: services.program_create(
            perjanjian=perjanjian, actor=request.user, **form.service_kwargs()
        ),
        _("Program ditambahkan."),
    ):
        return _ke_pk(perjanjian, "program")
    return _form_page(
        request,
        form,
        judul=_("Program/kegiatan baru"),
        perjanjian=perjanjian,
        kembali=perjanjian.get_absolute_url(),
    )


def _program(request, id: int) -> Program:
    program = get_object_or_404(
        Program.objects.select_related("perjanjian__perangkat_daerah").prefetch_related(
            "anggaran_triwulan"
        ),
        pk=id,
    )
    _tim_sakip(request, program.perjanjian.perangkat_daerah_id)
    return program


@login_required
@require_pegawai
@GET_POST
def program_edit(request, id: int):
    program = _program(request, id)
    form = ProgramForm(request.POST or None, initial=ProgramForm.initial_dari(program))
    if _simpan(
        request,
        form,
        lambda: services.program_update(
            program=program, actor=request.user, **form.service_kwargs()
        ),
        _("Program disimpan."),
    ):
        return _ke_pk(program.perjanjian, "program")
    return _form_page(
        request,
        form,
        judul=_("Ubah program/kegiatan"),
        perjanjian=program.perjanjian,
        kembali=program.perjanjian.get_absolute_url(),
    )


@login_required
@require_pegawai
@GET_POST
def program_delete(request, id: int):
    program = _program(request, id)
    return _hapus(
        request,
        perjanjian=program.perjanjian,
        objek=program.nama,
        judul=_("Hapus program/kegiatan"),
        fn=lambda: services.program_delete(program=program, actor=request.user),
        anchor="program",
    )


@login_required
@require_pegawai
@GET_POST
def iki_create(request, pk: int):
    perjanjian = _pk(pk)
    _tim_sakip(request, perjanjian.perangkat_daerah_id)
    form = IKIForm(request.POST or None, perjanjian=perjanjian)
    if _simpan(
        request,
        form,
        lambda: services.iki_create(
            perjanjian=perjanjian, actor=request.user, **form.service_kwargs()
        ),
        _("IKI ditambahkan."),
    ):
        return _ke_pk(perjanjian, "iki")
    return _form_page(
        request,
        form,
        judul=_("IKI baru"),
        perjanjian=perjanjian,
        kembali=perjanjian.get_absolute_url(),
    )


def _iki(request, id: int) -> IKI:
    iki = get_object_or_404(
        IKI.objects.select_related("perjanjian__perangkat_daerah", "jabatan"), pk=id
    )
    _tim_sakip(request, iki.perjanjian.perangkat_daerah_id)
    return iki


@login_required
@require_pegawai
@GET_POST
def iki_edit(request, id: int):
    iki = _iki(request, id)
    form = IKIForm(
        request.POST or None,
        initial=IKIForm.initial_dari(iki),
        perjanjian=iki.perjanjian,
        iki=iki,
    )
    if _simpan(
        request,
        form,
        lambda: services.iki_update(
            iki=iki, actor=request.user, **form.service_kwargs()
        ),
        _("IKI disimpan."),
    ):
        return _ke_pk(iki.perjanjian, "iki")
    return _form_page(
        request,
        form,
        judul=_("Ubah IKI"),
        perjanjian=iki.perjanjian,
        kembali=iki.perjanjian.get_absolute_url(),
    )


@login_required
@require_pegawai
@GET_POST
def iki_delete(request, id: int):
    iki = _iki(request, id)
    return _hapus(
        request,
        perjanjian=iki.perjanjian,
        objek=iki.nama,
        judul=_("Hapus IKI"),
        fn=lambda: services.iki_delete(iki=iki, actor=request.user),
        anchor="iki",
    )


# --- Excel ---------------------------------------------------------------------------------------


@login_required
@require_pegawai
@require_GET
def templat(request):
    return _xlsx(excel.templat_rencana(), "templat-perjanjian-kinerja-rencana-aksi")


@login_required
@require_pegawai
@require_GET
def pk_export(request, pk: int):
    perjanjian = _pk(pk)
    ensure_office(request, perjanjian.perangkat_daerah_id)
    nama = slugify(
        f"pk-{perjanjian.perangkat_daerah.singkatan}-{perjanjian.tahun}-v{perjanjian.versi}"
    )
    return _xlsx(excel.ekspor_rencana(perjanjian=perjanjian), nama)


@login_required
@require_pegawai
@require_GET
def pengukuran_export(request, pk: int):
    perjanjian = _pk(pk)
    ensure_office(request, perjanjian.perangkat_daerah_id)
    triwulan = _triwulan(request)
    periode = f"tw{triwulan}" if triwulan else "tahunan"
    nama = slugify(
        f"pengukuran-{perjanjian.perangkat_daerah.singkatan}-{perjanjian.tahun}-{periode}-v{perjanjian.versi}"
    )
    return _xlsx(
        excel.ekspor_pengukuran(perjanjian=perjanjian, triwulan=triwulan), nama
    )


def _sidik(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@login_required
@require_pegawai
@GET_POST
def impor(request):
    """Upload a filled template; the preview lists every row error and saves nothing."""
    pd = office_of(request)
    if pd is None:
        raise Http404
    _tim_sakip(request, pd.pk)
    form = ImporForm(request.POST or None, request.FILES or None)
    tandai_berkas_terlalu_besar(
        request, form
    )  # a file past its limit was not read (umum/uploads.py)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["berkas"].read()
        tahun = form.cleaned_data["tahun"]
        pratinjau = excel.baca_rencana(data, perangkat_daerah=pd)
        if pratinjau.ok:
            request.session[SESI_IMPOR] = {
                "tahun": tahun,
                "data": base64.b64encode(data).decode("ascii"),
                "sidik": _sidik(data),
                "pd": pd.pk,
            }
        else:
            request.session.pop(SESI_IMPOR, None)
        return render(
            request,
            "kinerja/impor_pratinjau.html",
            {
                "pratinjau": pratinjau,
                "tahun": tahun,
                "pd": pd,
                "nama_berkas": form.cleaned_data["berkas"].name,
                "sudah_ada": PerjanjianKinerja.objects.filter(
                    perangkat_daerah=pd, tahun=tahun
                ).exists(),
            },
        )
    return render(request, "kinerja/impor.html", {"form": form, "pd": pd})


@login_required
@require_pegawai
@require_POST
def impor_simpan(request):
    """Save the previewed file (kept in the session) as the year's plan, all or nothing."""
    pd = office_of(request)
    if pd is None:
        raise Http404
    _tim_sakip(request, pd.pk)
    sesi = request.session.get(SESI_IMPOR)
    if (
        not sesi
        or sesi.get("pd") != pd.pk
        or request.POST.get("sidik") != sesi.get("sidik")
    ):
        messages.error(
            request,
            _(
                "Pratinjau impor tidak ditemukan atau sudah kedaluwarsa; unggah berkasnya lagi."
            ),
        )
        return redirect("kinerja:impor")
    data = base64.b64decode(sesi["data"])
    pratinjau = excel.baca_rencana(data, perangkat_daerah=pd)
    try:
        perjanjian = excel.impor_rencana(
            pratinjau=pratinjau,
            perangkat_daerah=pd,
            tahun=sesi["tahun"],
            actor=request.user,
        )
    except excel.ImporGagal as exc:
        pratinjau.galat = exc.galat
        return render(
            request,
            "kinerja/impor_pratinjau.html",
            {
                "pratinjau": pratinjau,
                "tahun": sesi["tahun"],
                "pd": pd,
                "gagal": True,
            },
        )
    request.session.pop(SESI_IMPOR, None)
    messages.success(
        request,
        _(
            "Rencana kinerja tahun %(tahun)s diimpor: %(s)s sasaran, %(i)s indikator, %(p)s program."
        )
        % {
            "tahun": perjanjian.tahun,
            "s": len(pratinjau.sasaran),
            "i": pratinjau.jumlah_indikator,
            "p": len(pratinjau.program),
        },
    )
    return _ke_pk(perjanjian)
