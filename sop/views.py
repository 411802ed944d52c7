"""SOP pages: the year and kabupaten overviews, a quarter's page, and one page per
step of both SOPs.

Every step page follows the same rules: anonymous → sign-in; another office's
people → 404 (nothing of the office is revealed); the wrong role → 403; the right
role sees the step, and the form only when the step is his to take now (else the
reason). Each POST calls one `sop.services` function — the only writers — and a
refused form keeps what was typed, with the error beside its field.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, F, OuterRef, Subquery, TextField, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dokumen.unduhan import berkas_pribadi, dokumen_pribadi
from kinerja.models import BuktiDukung, Indikator
from kinerja.selectors import TabelPengukuran, baris_tabel_pengukuran, tabel_pengukuran
from kinerja.services import KonflikRevisi
from organisasi.access import ensure_office, ensure_peran, peran_request, require_pegawai
from organisasi.models import Pegawai, PerangkatDaerah, Peran
from organisasi.roles import is_admin_kabupaten, pemegang_peran
from sakip import kueri
from sakip.kueri import KueriSiap
from umum.uploads import tandai_berkas_terlalu_besar

from . import halaman, rules, selectors, services
from .exceptions import TransisiTidakTersedia
from .forms import (
    AlasanForm,
    CatatanForm,
    DisposisiForm,
    PemeriksaanForm,
    PembagianTugasForm,
    RealisasiForm,
    ReviuForm,
    SiklusBukaForm,
    format_angka,
    tambah_galat,
)
from .models import (
    SOP,
    Disposisi,
    DokumenPengukuran,
    DraftPengukuran,
    KodeLangkah,
    ProsesPengumpulan,
    ProsesPengukuran,
    Siklus,
    TugasPengumpulan,
)
from .worktime import format_menit

GET_POST = require_http_methods(["GET", "POST"])


# --- helpers ------------------------------------------------------------------------------------------------


def _siklus(pk: int) -> Siklus:
    return get_object_or_404(
        Siklus.objects.select_related("perangkat_daerah", "perjanjian", "sop_pengumpulan", "sop_pengukuran"), pk=pk
    )


def _tugas(pk: int, *, pembaca: Pegawai | None = None) -> TugasPengumpulan:
    """A task with what its pages (SOP A steps 4 and 5) show of it. Only SOP A is joined and
    not the member's position (its id is on the member): each join more made PostgreSQL
    plan this one-row query longer than it runs. When the reader (`pembaca`, already read
    with the request) is usually the member himself — the grid — the member is not joined
    but taken from the request when it is him (read on demand otherwise). No LIMIT (get()'s
    21): by primary key there is one row at most, and with a LIMIT PostgreSQL planned this
    six-table join ~1.05 ms instead of ~0.5 (it weighs fractional paths at every level)."""
    terkait = ["proses__siklus__perangkat_daerah", "proses__siklus__perjanjian", "proses__siklus__sop_pengumpulan",
               *([] if pembaca is not None else ["anggota"])]
    # get_object_or_404's query (no ordering) without its LIMIT, compiled once per connection
    rows = kueri.objek(("_tugas", pembaca is not None),
                       lambda: TugasPengumpulan.objects.select_related(*terkait).filter(pk=pk).order_by(), [pk])
    if not rows:
        raise Http404(f"No {TugasPengumpulan._meta.object_name} matches the given query.")
    tugas = rows[0]
    if pembaca is not None and tugas.anggota_id == pembaca.pk:
        tugas.anggota = pembaca
    return tugas


def _pengukuran(siklus: Siklus) -> ProsesPengukuran | None:
    return ProsesPengukuran.objects.filter(siklus=siklus).first()


def _url_pk(perjanjian) -> str:
    """The plan's page when the kinerja pages provide one."""
    try:
        return perjanjian.get_absolute_url()
    except NoReverseMatch:
        return ""


def _ke_siklus(siklus: Siklus):
    return redirect("sop:siklus_detail", pk=siklus.pk)


def _sudah_lewat(request, siklus: Siklus, exc: TransisiTidakTersedia):
    """Someone was first (second tab, double click): say so and show the quarter."""
    messages.warning(request, exc.messages[0])
    return _ke_siklus(siklus)


def _konteks(request, siklus: Siklus, kode: str, *, tugas: TugasPengumpulan | None = None, **extra) -> dict:
    """What every step page shows: the step as the sheet defines it (mutu baku), since
    when it waits and for whom, and the role the person acts in (Plt./Plh. included)."""
    p = peran_request(request)
    sop = siklus.sop_pengukuran if kode in halaman.KODE_PENGUKURAN else siklus.sop_pengumpulan
    # the step and the number of steps, in one query (`sop.langkah.order_by()`, compiled once per connection)
    semua_langkah = kueri.objek(("_konteks", "langkah"), lambda: sop.langkah.order_by(), [sop.pk],
                                diketahui={"sop": sop})
    langkah = next((row for row in semua_langkah if row.kode == kode), None)
    if langkah is None:
        langkah = halaman.langkah_sop(siklus, kode)  # raises LangkahSOP.DoesNotExist, as before
    return {
        "siklus": siklus,
        "sop": sop,
        "langkah": langkah,
        "kode": kode,
        "judul": KodeLangkah(kode).label,
        "jumlah_langkah": len(semua_langkah),
        "status": halaman.status_langkah(siklus, kode, tugas),
        "selaku": p.label(langkah.pelaksana) if p.punya(langkah.pelaksana) else "",
        "bertindak": bool(p.sebagai.get(langkah.pelaksana)),
        "tugas": tugas,
        **extra,
    }


# --- overviews ---------------------------------------------------------------------------------------------


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
    ringkas = selectors.tahun_overview(pd=kantor, tahun=tahun)
    boleh_buka = (
        p.pegawai is not None and p.pegawai.perangkat_daerah_id == kantor.pk
        and (p.punya(Peran.KADIN) or p.punya(Peran.TIM_SAKIP))
    )
    belum = [r.triwulan for r in ringkas if r.siklus is None]
    form = SiklusBukaForm(initial={"tahun": tahun, "triwulan": belum[0] if belum else 1}) if boleh_buka else None
    return render(request, "sop/tahun.html", {
        "kantor": kantor, "tahun": tahun, "ringkas": ringkas, "form": form, "boleh_buka": boleh_buka,
        "kantor_sendiri": pd is None, "tahun_lalu": tahun - 1, "tahun_depan": tahun + 1,
    })


@login_required
@require_pegawai
def kabupaten(request):
    """For the kabupaten administrator: every office with its latest quarter and late steps."""
    if not is_admin_kabupaten(request.user):
        raise PermissionDenied
    admin = getattr(request.user, "admin_kabupaten", None)
    kab = admin.kabupaten if admin is not None else None
    tahun_ini = timezone.localdate().year
    url_tahun, url_siklus = _url_angka("sop:tahun_kantor", 2), _url_angka("sop:siklus_detail", 1)
    kantor = [
        (k, url_tahun(k.perangkat_daerah.pk, k.siklus.tahun if k.siklus else tahun_ini),
         url_siklus(k.siklus.pk) if k.siklus else "")
        for k in selectors.kabupaten_overview(kabupaten=kab)
    ]
    return render(request, "sop/kabupaten.html", {"kabupaten": kab, "kantor": kantor, "tahun": tahun_ini})


def _url_angka(nama: str, jumlah: int):
    """`reverse(nama, args=[...])` for a URL whose `jumlah` arguments are all integers, as a
    function: the path is reversed once with placeholder numbers that cannot occur in it
    otherwise, and each call only puts the numbers in. reverse() costs ~50 µs a call, and
    the kabupaten overview needs two URLs per office."""
    contoh = [str(9_876_543_210 + i) for i in range(jumlah)]
    pola = reverse(nama, args=contoh)

    def url(*args: int) -> str:
        hasil = pola
        for tanda, nilai in zip(contoh, args, strict=True):
            hasil = hasil.replace(tanda, str(int(nilai)))
        return hasil

    return url


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
    form = SiklusBukaForm(request.POST or None, initial={"tahun": tahun_ini, "triwulan": 1})
    if request.method == "POST" and form.is_valid():
        try:
            siklus = services.siklus_open(pd=kantor, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            tambah_galat(form, exc)
        else:
            messages.success(request, _("Siklus %(periode)s dibuka. Langkah pertama menunggu disposisi Kepala Dinas.")
                             % {"periode": siklus.periode})
            return _ke_siklus(siklus)
    return render(request, "sop/siklus_buka.html", {"form": form, "kantor": kantor}, status=200)


# --- the quarter page --------------------------------------------------------------------------------------


@login_required
@require_pegawai
def siklus_detail(request, pk: int):
    """A quarter of one office: both SOPs as a timeline of their steps (who, state,
    started, finished, working time against the standard), the trail, the documents
    produced so far and the actions the current person may take — only those."""
    try:
        siklus = selectors.siklus_detail(pk)
    except Siklus.DoesNotExist:
        raise Http404 from None
    ensure_office(request, siklus.perangkat_daerah_id)
    url: dict[tuple, str] = {}  # a step's page, once per step and task (steps repeat on the timeline)
    timeline = [
        {"baris": b, "waktu": format_menit(b.menit_kerja), "standar_menit": format_menit(b.standar_menit),
         "mulai": halaman.waktu_singkat(b.mulai), "selesai": halaman.waktu_singkat(b.selesai),
         "url": url.get((b.kode, b.tugas_id)) or url.setdefault(
             (b.kode, b.tugas_id), halaman.url_langkah(b.kode, siklus_id=siklus.pk, tugas_id=b.tugas_id))}
        for b in selectors.siklus_timeline(siklus)
    ]
    p = peran_request(request)
    # The inbox lists open steps only: a quarter whose timeline has none (finished) has no inbox rows.
    ada_terbuka = any(b["baris"].selesai is None for b in timeline)
    inbox = selectors.inbox_for(p, siklus_id=siklus.pk) if p.pegawai and ada_terbuka else []
    pengumpulan = getattr(siklus, "pengumpulan", None)
    pengukuran = getattr(siklus, "pengukuran", None)
    tugas = selectors.tugas_siklus(pengumpulan) if pengumpulan else []
    aksi = halaman.aksi_siklus(siklus, request.user, inbox, tugas) if p.pegawai else []
    resmi = halaman.dokumen_resmi_siklus(siklus)
    dokumen = [{"dok": d, "berkas": halaman.berkas_dokumen(d, resmi)} for d in selectors.dokumen_siklus(siklus)]
    boleh_buka_kembali = bool(p.pegawai) and any(a["name"] == "reopen" for a in selectors.aksi_tersedia(siklus, request.user))
    return render(request, "sop/siklus_detail.html", {
        "siklus": siklus,
        "pengumpulan": pengumpulan,
        "pengukuran": pengukuran,
        "timeline": timeline,
        "jejak": [{"baris": j, "waktu": halaman.waktu_singkat(j.waktu)} for j in selectors.jejak_siklus(siklus)],
        "aksi": aksi,
        "tugas_list": [{"tugas": t, "indikator": t.nama_indikator} for t in tugas],
        "disposisi": siklus.daftar_disposisi,
        "draft_list": siklus.daftar_draft,
        "dokumen": dokumen,
        "resmi": resmi,
        "url_pk": _url_pk(siklus.perjanjian),
        "form_buka_kembali": halaman.form_kosong_html(AlasanForm, translation.get_language()) if boleh_buka_kembali else "",
    })


@login_required
@require_pegawai
@GET_POST
def siklus_buka_kembali(request, pk: int):
    """The Kadin reopens a finished quarter with a written reason (SOP B measures again)."""
    siklus = _siklus(pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.KADIN)
    form = AlasanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.siklus_reopen(siklus=siklus, actor=request.user, alasan=form.cleaned_data["alasan"])
        except TransisiTidakTersedia as exc:
            return _sudah_lewat(request, siklus, exc)
        except ValidationError as exc:
            tambah_galat(form, exc)
        else:
            messages.success(request, _("Siklus dibuka kembali; Tim SAKIP menyusun pengukuran ulang."))
            return _ke_siklus(siklus)
    boleh, alasan = halaman.boleh(siklus, "reopen", request.user)
    return render(request, "sop/siklus_buka_kembali.html", {"siklus": siklus, "form": form, "boleh": boleh,
                                                            "alasan_tidak": alasan})


# --- SOP A: steps 1 and 2, the dispositions ----------------------------------------------------------------


def _disposisi(request, pk: int, *, kode: str, action: str, peran: str, peran_penerima: str, service,
               template: str, pesan_sukses: str):
    siklus = _siklus(pk)
    ensure_peran(request, siklus.perangkat_daerah_id, peran)
    proses = siklus.pengumpulan
    penerima = pemegang_peran(siklus.perangkat_daerah_id, peran_penerima)
    form = DisposisiForm(request.POST or None, penerima=penerima)
    if request.method == "POST" and form.is_valid():
        try:
            d = service(proses=proses, actor=request.user, **form.cleaned_data)
        except TransisiTidakTersedia as exc:
            return _sudah_lewat(request, siklus, exc)
        except ValidationError as exc:
            tambah_galat(form, exc)
        else:
            messages.success(request, pesan_sukses % {"kepada": d.kepada.nama_lengkap})
            return _ke_siklus(siklus)
    boleh, alasan = halaman.boleh(proses, action, request.user)
    ctx = _konteks(
        request, siklus, kode, form=form, boleh=boleh, alasan_tidak=alasan, proses=proses,
        terkirim=proses._disposisi(kode), disposisi_kadin=proses.disposisi_kadin, url_pk=_url_pk(siklus.perjanjian),
    )
    return render(request, template, ctx)


@login_required
@require_pegawai
@GET_POST
def disposisi_kadin(request, pk: int):
    """SOP A step 1: the Kadin disposes the quarter's data collection to a Kabid/Sekretaris."""
    return _disposisi(
        request, pk, kode=KodeLangkah.DISPOSISI_KADIN, action="dispose_kadin", peran=Peran.KADIN,
        peran_penerima=Peran.KABID, service=services.pengumpulan_dispose_kadin, template="sop/disposisi.html",
        pesan_sukses=_("Disposisi terkirim kepada %(kepada)s."),
    )


@login_required
@require_pegawai
@GET_POST
def disposisi_kabid(request, pk: int):
    """SOP A step 2: the Kabid/Sekretaris disposes to a Kasubbag/Sub Koordinator."""
    return _disposisi(
        request, pk, kode=KodeLangkah.DISPOSISI_KABID, action="dispose_kabid", peran=Peran.KABID,
        peran_penerima=Peran.KASUBBAG, service=services.pengumpulan_dispose_kabid, template="sop/disposisi.html",
        pesan_sukses=_("Disposisi terkirim kepada %(kepada)s."),
    )


# --- SOP A step 3: the task split --------------------------------------------------------------------------


@login_required
@require_pegawai
@GET_POST
def pembagian_tugas(request, pk: int):
    """SOP A step 3: the Kasubbag/Sub Koordinator assigns each indicator to a Tim Kerja member."""
    siklus = _siklus(pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.KASUBBAG)
    proses = siklus.pengumpulan
    indikator = list(
        Indikator.objects.for_pk(siklus.perjanjian).select_related("sasaran", "unit_penanggung_jawab")
        .order_by("sasaran__urutan", "sasaran_id", "urutan", "pk")
    )
    anggota = pemegang_peran(siklus.perangkat_daerah_id, Peran.TIM_KERJA)
    form = PembagianTugasForm(request.POST or None, indikator=indikator, anggota=anggota)
    if request.method == "POST" and form.is_valid():
        try:
            tugas = services.pengumpulan_split_tasks(
                proses=proses, actor=request.user, pembagian=form.pembagian(), catatan=form.cleaned_data["catatan"],
                catatan_anggota=form.catatan_anggota(),
            )
        except TransisiTidakTersedia as exc:
            return _sudah_lewat(request, siklus, exc)
        except ValidationError as exc:
            tambah_galat(form, exc)
        else:
            messages.success(request, _("Tugas dibagikan kepada %(n)s anggota Tim Kerja.") % {"n": len(tugas)})
            return _ke_siklus(siklus)
    boleh, alasan = halaman.boleh(proses, "split_tasks", request.user)
    return render(request, "sop/pembagian_tugas.html", _konteks(
        request, siklus, KodeLangkah.PEMBAGIAN_TUGAS, form=form, boleh=boleh, alasan_tidak=alasan, proses=proses,
        disposisi_kabid=proses.disposisi_kabid, tugas_list=halaman.tugas_siklus(siklus), anggota=anggota,
        url_pk=_url_pk(siklus.perjanjian),
    ))


# --- SOP A step 4: a member's data entry grid ---------------------------------------------------------------


def _pesan_konflik(exc: KonflikRevisi) -> str:
    r = exc.realisasi
    if r is None:
        return _("Realisasi ini sudah diubah orang lain sejak halaman dibuka.")
    return _(
        "Realisasi ini sudah diubah oleh %(oleh)s pada %(waktu)s (nilai tersimpan: %(nilai)s). Nilai yang Anda "
        "ketik masih di kolom ini: periksa, lalu simpan lagi bila memang ingin menggantinya."
    ) % {
        "oleh": r.diisi_oleh.nama_lengkap if r.diisi_oleh_id else _("orang lain"),
        "waktu": timezone.localtime(r.diisi_pada).strftime("%d/%m/%Y %H.%M") if r.diisi_pada else "—",
        "nilai": format_angka(r.nilai) or "—",
    }


def _simpan_grid(request, tugas: TugasPengumpulan, pasangan: list, data) -> bool:
    """Save every changed row and every attached file, all or nothing. Returns True
    when everything was stored; otherwise the errors are on the forms and nothing is."""
    tersimpan_berkas: list = []
    gagal = False
    with transaction.atomic():
        for form, row in pasangan:
            if form.nilai_berubah:
                try:
                    services.tugas_realisasi_save(
                        tugas=tugas, indikator=row.indikator, nilai=form.cleaned_data["nilai"],
                        catatan=form.cleaned_data["catatan"], actor=request.user,
                        revisi_diharapkan=form.cleaned_data["revisi"] or 0,
                    )
                except KonflikRevisi as exc:
                    form.add_error("nilai", _pesan_konflik(exc))
                    # the next save overwrites knowingly: it now expects the stored revision
                    data[form.add_prefix("revisi")] = str(exc.realisasi.revisi if exc.realisasi else 0)
                    gagal = True
                    continue
                except ValidationError as exc:
                    tambah_galat(form, exc)
                    gagal = True
                    continue
            berkas = form.cleaned_data.get("berkas")
            if berkas:
                try:
                    b = services.tugas_bukti_add(tugas=tugas, indikator=row.indikator, berkas=berkas, actor=request.user)
                except ValidationError as exc:
                    tambah_galat(form, exc)
                    gagal = True
                else:
                    tersimpan_berkas.append(b.berkas)
        if gagal:
            transaction.set_rollback(True)
    if gagal:
        for berkas in tersimpan_berkas:
            berkas.storage.delete(berkas.name)
    return not gagal


def _minta_berkas_lagi(request, pasangan: list) -> None:
    """A refused grid stores no file and a browser cannot keep a chosen file: say so beside it."""
    for form, _row in pasangan:
        if request.FILES.get(form.add_prefix("berkas")) and "berkas" not in form.errors:
            form.add_error("berkas", _("Belum tersimpan karena ada kolom yang perlu diperbaiki; pilih lagi berkasnya."))


def _url_grid(tugas: TugasPengumpulan, nomor: int) -> str:
    """The grid's page `nomor` (page 1 is the task's plain address)."""
    url = reverse("sop:tugas_isi", args=[tugas.pk])
    return f"{url}?hal={nomor}" if nomor > 1 else url


def _form_realisasi(row: halaman.BarisTugas, data, files) -> RealisasiForm:
    """The row's form, bound only when the POST carries the row: a POST saves the page the
    member saw, and an indicator whose fields were not sent (another page) stays as stored."""
    r = row.realisasi
    prefix = f"r{row.indikator.pk}"
    if data is not None and not any(f"{prefix}-{nama}" in data for nama in ("nilai", "catatan", "revisi")) \
            and f"{prefix}-berkas" not in files:
        data = None
    return RealisasiForm(
        data, files if data is not None else None, prefix=prefix, indikator=row.indikator,
        initial={"nilai": r.nilai if r else None, "catatan": r.catatan if r else "", "revisi": r.revisi if r else 0},
    )


@login_required
@require_pegawai
@GET_POST
def tugas_isi(request, pk: int):
    """SOP A step 4: a Tim Kerja member enters the quarter's realisasi of his indicators
    beside their targets, with a note and evidence per indicator; saves a draft or hands
    it in. A value someone else saved meanwhile is not overwritten silently. The grid
    shows `GRID_PER_HALAMAN` indicators a page (`?hal=`); a save stores that page's rows,
    handing in checks the whole task."""
    tugas = _tugas(pk, pembaca=peran_request(request).pegawai)
    siklus = tugas.proses.siklus
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.TIM_KERJA)
    milik = rules.TUGAS_ANGGOTA(tugas, request.user)
    bisa_isi = milik and tugas.bisa_diisi
    hal = halaman.halaman_tugas(tugas, request.GET.get("hal"), draf=bisa_isi)  # draf: for the handing-in check
    data = request.POST.copy() if request.method == "POST" else None
    pasangan = [(_form_realisasi(row, data, request.FILES), row) for row in hal.baris]
    for form, _row in pasangan:  # an evidence file past its limit was not read (umum/uploads.py)
        tandai_berkas_terlalu_besar(request, form)
    if request.method == "POST":
        if not milik:
            raise PermissionDenied
        if not bisa_isi:
            messages.warning(request, _("Data sudah diserahkan; tunggu hasil pemeriksaan sebelum mengubahnya."))
            return redirect(_url_grid(tugas, hal.nomor))
        dikirim = [(f, row) for f, row in pasangan if f.is_bound]
        if all(f.is_valid() for f, _r in dikirim) and _simpan_grid(request, tugas, dikirim, data):
            aksi = request.POST.get("aksi")
            if aksi == "serahkan":
                try:
                    services.tugas_submit(tugas=tugas, actor=request.user, catatan=request.POST.get("catatan_serah", ""))
                except TransisiTidakTersedia as exc:
                    return _sudah_lewat(request, siklus, exc)
                except ValidationError as exc:
                    messages.error(request, _("Draf tersimpan, tetapi belum dapat diserahkan. %(alasan)s")
                                   % {"alasan": " ".join(exc.messages)})
                    return redirect(_url_grid(tugas, hal.nomor))
                messages.success(request, _("Data kinerja diserahkan untuk diperiksa."))
                return _ke_siklus(siklus)
            messages.success(request, _("Draf data kinerja tersimpan."))
            lanjut = aksi == "lanjut" and hal.berikutnya
            return redirect(_url_grid(tugas, hal.berikutnya if lanjut else hal.nomor))
        _minta_berkas_lagi(request, dikirim)
        messages.error(request, _("Belum tersimpan. Perbaiki kolom yang ditandai di bawah."))
    # a page shown again after a refused save shows the draft as stored: nothing was saved
    with rules.draf_data_sekali(tugas, hal.draf):
        boleh_serah, alasan_serah, kurang_serah = (
            halaman.boleh_dan_kurang(tugas, "submit", request.user) if bisa_isi else (False, "", [])
        )
    return render(request, "sop/tugas_isi.html", _konteks(
        request, siklus, KodeLangkah.PENGUMPULAN_DATA, tugas=tugas, pasangan=pasangan, milik=milik,
        bisa_isi=bisa_isi, boleh_serah=boleh_serah, alasan_serah=alasan_serah, kurang_serah=kurang_serah,
        proses=tugas.proses, hal=hal,
        catatan_serah=request.POST.get("catatan_serah", ""),
    ), status=200)


# --- SOP A step 5: the completeness check ------------------------------------------------------------------


@login_required
@require_pegawai
@GET_POST
def pemeriksaan(request, pk: int):
    """SOP A step 5: the Kasubbag/Sub Koordinator checks a member's data indicator by
    indicator — accept, or return with a reason (the member then gets it back)."""
    tugas = _tugas(pk)
    siklus = tugas.proses.siklus
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.KASUBBAG)
    rows = halaman.baris_tugas(tugas)
    data = request.POST or None
    pasangan = [(PemeriksaanForm(data, prefix=f"p{row.indikator.pk}"), row) for row in rows]
    form = CatatanForm(data)
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f, _r in pasangan):
        dikembalikan = {
            row.indikator.pk: f.cleaned_data["alasan"]
            for f, row in pasangan if f.cleaned_data["keputusan"] == PemeriksaanForm.KEMBALIKAN
        }
        try:
            services.tugas_check(tugas=tugas, actor=request.user, dikembalikan=dikembalikan,
                                 catatan=form.cleaned_data["catatan"])
        except TransisiTidakTersedia as exc:
            return _sudah_lewat(request, siklus, exc)
        except ValidationError as exc:
            tambah_galat(form, exc)
        else:
            if dikembalikan:
                messages.success(request, _("Data %(nama)s dikembalikan untuk dilengkapi/diperbaiki (%(n)s indikator).")
                                 % {"nama": tugas.anggota.nama_lengkap, "n": len(dikembalikan)})
            else:
                messages.success(request, _("Data %(nama)s diterima.") % {"nama": tugas.anggota.nama_lengkap})
            return _ke_siklus(siklus)
    boleh, alasan = halaman.boleh(tugas, "accept", request.user)
    riwayat = list(tugas.pemeriksaan.select_related("indikator", "diperiksa_oleh").order_by("putaran", "pk"))
    return render(request, "sop/pemeriksaan.html", _konteks(
        request, siklus, KodeLangkah.PEMERIKSAAN, tugas=tugas, pasangan=pasangan, form=form, boleh=boleh,
        alasan_tidak=alasan, riwayat=riwayat,
    ))


# --- SOP A step 6 and SOP B: steps with a note and one button -----------------------------------------------


def _langkah_sederhana(request, siklus: Siklus, *, kode: str, peran: str, obj, action: str, service,
                       pesan_sukses: str, template: str, rencana=None, **extra):
    ensure_peran(request, siklus.perangkat_daerah_id, peran)
    form = CatatanForm(request.POST or None)
    if request.method == "POST":
        if obj is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                service(proses=obj, actor=request.user, catatan=form.cleaned_data["catatan"])
            except TransisiTidakTersedia as exc:
                return _sudah_lewat(request, siklus, exc)
            except ValidationError as exc:
                tambah_galat(form, exc)
            else:
                messages.success(request, pesan_sukses)
                return _ke_siklus(siklus)
    if obj is None:
        boleh, alasan = False, _("SOP Pengukuran Kinerja belum dimulai untuk triwulan ini.")
    else:
        # the plan conditions (PK/RA, IKU, IKI) read the plan once (`rencana`: already read by the page)
        with rules.rencana_sekali(obj, rencana):
            boleh, alasan = halaman.boleh(obj, action, request.user)
    return render(request, template, _konteks(request, siklus, kode, form=form, boleh=boleh, alasan_tidak=alasan,
                                              proses=obj, **extra))


def _tabel(siklus: Siklus) -> TabelPengukuran:
    """The live measurement table of the quarter; the plan's office is the cycle's, already read."""
    perjanjian = siklus.perjanjian
    if perjanjian.perangkat_daerah_id == siklus.perangkat_daerah_id:
        perjanjian.perangkat_daerah = siklus.perangkat_daerah
    return tabel_pengukuran(perjanjian=perjanjian, triwulan=siklus.triwulan)


def _html_tabel_diingat(simpanan: dict, kunci: tuple, bahasa: str | None, buat_tabel) -> str:
    """`sop/_tabel_pengukuran.html` of the table `buat_tabel()` builds, in `bahasa`, kept in
    `simpanan` under `kunci` — a key that holds everything the table is made of, so a stored
    HTML is never stale. At most 32 kept per store (some 100 KB each)."""
    html = simpanan.get(kunci)
    if html is None:
        from django.template.loader import render_to_string

        with translation.override(bahasa):
            html = render_to_string("sop/_tabel_pengukuran.html", {"tabel": buat_tabel()})
        if len(simpanan) >= 32:
            simpanan.clear()
        simpanan[kunci] = html
    return html


_TABEL_LANGSUNG: dict[tuple, str] = {}


def _kunci_baris(rows: list[tuple]) -> tuple:
    """Query rows as part of a key: each number as written (`str`: 1.0 and 1.00 are equal
    Decimals, with equal hashes, but not the same text on the page), the rest as read."""
    return tuple(tuple(str(v) if v.__class__ is Decimal else v for v in row) for row in rows)


def _tabel_html(siklus: Siklus, bahasa: str | None) -> tuple[str, tuple[list[tuple], ...]]:
    """The quarter's live measurement table as `sop/_tabel_pengukuran.html` writes it (what
    `{% include %}` of it with `_tabel(siklus)` gives), remembered per process and language
    for the same rows read. The table is a pure function of the rows of its four queries
    (`baris_tabel_pengukuran`, read on every view), the plan's office name, year and version
    and the quarter, and the include reads nothing else: so those are the key, and data
    changed in any way is another key. Building and rendering it cost ~2.3 ms CPU on every
    view of the draft page, where the figures change a few times a quarter. At most 32 kept.
    Returns the HTML and the rows read."""
    perjanjian = siklus.perjanjian
    if perjanjian.perangkat_daerah_id == siklus.perangkat_daerah_id:
        perjanjian.perangkat_daerah = siklus.perangkat_daerah
    baris = baris_tabel_pengukuran(perjanjian=perjanjian, triwulan=siklus.triwulan)
    kunci = (bahasa, perjanjian.pk, str(perjanjian.perangkat_daerah.nama), perjanjian.tahun, perjanjian.versi,
             siklus.triwulan, *map(_kunci_baris, baris))
    html = _html_tabel_diingat(_TABEL_LANGSUNG, kunci, bahasa, lambda: tabel_pengukuran(
        perjanjian=perjanjian, triwulan=siklus.triwulan, baris=baris))
    return html, baris


_KOLOM_B = tuple(f.attname for f in ProsesPengukuran._meta.concrete_fields)
_KOLOM_A = tuple(f.attname for f in ProsesPengumpulan._meta.concrete_fields)


def _qs_proses_b(siklus: Siklus | int, dengan_pengumpulan: bool):
    """The one query of `_proses_b` as plain rows (`_pengukuran`'s `.first()`: by id, one
    row): `_KOLOM_B`, then with `dengan_pengumpulan` the cycle's SOP A process's
    `_KOLOM_A` (LEFT JOIN: all None while there is none)."""
    kolom = [*_KOLOM_B, *((f"siklus__pengumpulan__{k}" for k in _KOLOM_A) if dengan_pengumpulan else ())]
    return ProsesPengukuran.objects.filter(siklus=siklus).order_by("pk").values_list(*kolom)[:1]


# Built and compiled once per process (~0.4 ms CPU a page with the join).
_KUERI_PROSES_B = {d: KueriSiap(lambda pk, d=d: _qs_proses_b(pk, d), 1) for d in (False, True)}


def _proses_b(siklus: Siklus, *, dengan_pengumpulan: bool = False) -> ProsesPengukuran | None:
    """The quarter's SOP B process, pointing at the cycle already read (its rules read
    the plan through it). With `dengan_pengumpulan` the SOP A process comes in the same
    query and is put on the cycle (the measurement's conditions ask whether it is done).
    Built as the ORM builds them (`Model.from_db`) from a query compiled once per process."""
    db = siklus._state.db or "default"
    rows = _KUERI_PROSES_B[dengan_pengumpulan].baris(siklus.pk, using=db)
    if not rows:
        return None
    row = rows[0]
    b = ProsesPengukuran.from_db(db, _KOLOM_B, row[:len(_KOLOM_B)])
    a = row[len(_KOLOM_B):]
    if dengan_pengumpulan and a[0] is not None:
        siklus.pengumpulan = ProsesPengumpulan.from_db(db, _KOLOM_A, a)  # read with it (no query)
    # none yet: the cycle asks itself, as before
    b.siklus = siklus
    return b


def _siklus_b(pk: int) -> tuple[Siklus, ProsesPengukuran | None]:
    """`_siklus(pk)` and `_proses_b(siklus, dengan_pengumpulan=True)` for the draft page, in
    one query compiled once per connection (`kueri.objek`): the cycle with its office, plan
    and SOP B sheet (the page shows no SOP A sheet, not joined: each join more made
    PostgreSQL plan the query longer), and its SOP B and SOP A processes (one each at most,
    LEFT JOIN: None while there is none, then the cycle answers without asking again).
    The SOP B process points at the cycle, as `_proses_b`'s does. `iki_id`: one IKI of the
    cycle's plan, None without (what the plan conditions ask besides the table's rows; a
    subquery without parameters of its own, unlike EXISTS's SELECT 1)."""
    from kinerja.models import IKI

    rows = kueri.objek(("_siklus_b",), lambda: Siklus.objects.select_related(
        "perangkat_daerah", "perjanjian", "sop_pengukuran", "pengukuran", "pengumpulan",
    ).annotate(iki_id=Subquery(IKI.objects.filter(perjanjian=OuterRef("perjanjian")).order_by().values("pk")[:1]))
        .filter(pk=pk).order_by(), [pk])  # get_object_or_404's query (no ordering) without LIMIT: see `_tugas`
    if not rows:
        raise Http404(f"No {Siklus._meta.object_name} matches the given query.")
    siklus = rows[0]
    return siklus, getattr(siklus, "pengukuran", None)


# The draft list's columns: the draft's but its stored table, then its author's and reviewer's
# (LEFT JOIN: a draft not yet reviewed has none), as select_related reads them.
_KOLOM_DRAFT = tuple(f.attname for f in DraftPengukuran._meta.concrete_fields if f.name != "data")
_KOLOM_PEGAWAI = tuple(f.attname for f in Pegawai._meta.concrete_fields)


def _qs_daftar_draft(proses: ProsesPengukuran | int, tabel_terbaru: bool):
    """The one query of `_daftar_draft` as plain rows: `_KOLOM_DRAFT`, the author's and the
    reviewer's `_KOLOM_PEGAWAI`, then (with `tabel_terbaru`) the newest revision's table."""
    qs = DraftPengukuran.objects.filter(proses=proses).order_by("-revisi")
    kolom = [*_KOLOM_DRAFT, *(f"dibuat_oleh__{k}" for k in _KOLOM_PEGAWAI),
             *(f"direviu_oleh__{k}" for k in _KOLOM_PEGAWAI)]
    if tabel_terbaru:
        terbaru = DraftPengukuran.objects.filter(proses=proses).order_by("-revisi").values("pk")[:1]
        qs = qs.annotate(tabel_terbaru=Case(  # as stored: JSON text (decoded by `_daftar_draft`)
            When(pk=Subquery(terbaru), then=F("data")), default=Value(None), output_field=TextField(),
        ))
        kolom.append("tabel_terbaru")
    return qs.values_list(*kolom)


# Built and compiled once per process (the subquery and the two joins cost ~1 ms CPU to build).
_KUERI_DRAFT = {t: KueriSiap(lambda pk, t=t: _qs_daftar_draft(pk, t), 1) for t in (False, True)}


def _daftar_draft(b: ProsesPengukuran | None, *, tabel_terbaru: bool = False) -> list[DraftPengukuran]:
    """The draft revisions, newest first, without their stored tables (the list shows none);
    with `tabel_terbaru` the newest one's table comes in the same query (the review shows it).
    As `b.draft.select_related("dibuat_oleh", "direviu_oleh").defer("data")` builds them
    (`Model.from_db`, the table deferred), from the rows of a query compiled once per process."""
    if b is None:
        return []
    db = b._state.db or "default"
    nd, np_ = len(_KOLOM_DRAFT), len(_KOLOM_PEGAWAI)
    drafts = []
    for row in _KUERI_DRAFT[tabel_terbaru].baris(b.pk, using=db):
        d = DraftPengukuran.from_db(db, _KOLOM_DRAFT, row[:nd])
        d.proses = b  # as the related manager sets it
        d.dibuat_oleh = Pegawai.from_db(db, _KOLOM_PEGAWAI, row[nd:nd + np_])
        pereviu = row[nd + np_:nd + 2 * np_]
        d.direviu_oleh = None if pereviu[0] is None else Pegawai.from_db(db, _KOLOM_PEGAWAI, pereviu)
        if tabel_terbaru:
            d.tabel_terbaru = row[-1]
        drafts.append(d)
    if tabel_terbaru and drafts:
        # the deferred field, now loaded, decoded as JSONField decodes it; its text kept (`tabel_teks`)
        d = drafts[0]
        d.tabel_teks = d.tabel_terbaru
        d.data = d.tabel_terbaru = DraftPengukuran._meta.get_field("data").from_db_value(d.tabel_teks, None, None)
    return drafts


@login_required
@require_pegawai
@GET_POST
def persiapan_pengumpulan(request, pk: int):
    """SOP A step 6: the checked data is handed over for the measurement document; SOP B starts."""
    siklus = _siklus(pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.KASUBBAG)
    proses = siklus.pengumpulan
    return _langkah_sederhana(
        request, siklus, kode=KodeLangkah.PERSIAPAN_PENGUKURAN, peran=Peran.KASUBBAG, obj=proses, action="prepare",
        service=services.pengumpulan_prepare, template="sop/persiapan_pengumpulan.html",
        pesan_sukses=_("Data kinerja diserahkan ke Tim SAKIP; SOP Pengukuran Kinerja dimulai."),
        tabel=_tabel(siklus), tugas_list=halaman.tugas_siklus(siklus),
    )


@login_required
@require_pegawai
@GET_POST
def pengukuran_persiapan(request, pk: int):
    """SOP B step 1: Tim SAKIP confirms PK, Rencana Aksi, IKU, IKI and the data are ready."""
    siklus = _siklus(pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.TIM_SAKIP)
    b = _pengukuran(siklus)
    syarat = [
        {"nama": str(s.nama), "kurang": s.kurang(b) if b else [str(s.nama)]}
        for s in ProsesPengukuran._SEMUA
    ]
    return _langkah_sederhana(
        request, siklus, kode=KodeLangkah.PERSIAPAN_DATA, peran=Peran.TIM_SAKIP, obj=b, action="prepare",
        service=services.pengukuran_prepare, template="sop/pengukuran_persiapan.html",
        pesan_sukses=_("Data kinerja siap diukur."), syarat=syarat, url_pk=_url_pk(siklus.perjanjian),
    )


@login_required
@require_pegawai
@GET_POST
def pengukuran_draft(request, pk: int):
    """SOP B step 2: Tim SAKIP sees the computed measurement table and submits it as a draft."""
    siklus, b = _siklus_b(pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.TIM_SAKIP)
    drafts = _daftar_draft(b)
    tabel_html, baris = _tabel_html(siklus, translation.get_language())
    return _langkah_sederhana(
        request, siklus, kode=KodeLangkah.PENGUKURAN, peran=Peran.TIM_SAKIP, obj=b, action="submit_draft",
        service=services.pengukuran_draft_submit, template="sop/pengukuran_draft.html",
        pesan_sukses=_("Draft dokumen pengukuran kinerja diajukan untuk direviu Kepala Dinas."),
        # the plan conditions answer from the table's rows and the cycle's `ada_iki` (no query of their own)
        rencana=rules.rencana_dari_tabel(baris[1], siklus.iki_id is not None),
        tabel_html=tabel_html, drafts=drafts,
        dikembalikan=drafts[0] if drafts and drafts[0].hasil_reviu == "dikembalikan" else None,
    )


_TABEL_TERSIMPAN: dict[tuple[str, str | None], str] = {}


def _tabel_tersimpan_html(teks: str, data: dict, bahasa: str | None) -> str:
    """A handed-in draft's table as `sop/_tabel_pengukuran.html` writes it, rendered once per
    process and language for the same stored text (`teks`, the draft's `data` as stored;
    `data`, it decoded): its HTML depends on nothing but that text and the language, and a
    table changed in any way is another text, so another key (revisions are not changed
    once handed in anyway). The Kadin's review page rebuilt and rendered it on every view
    (~2 ms CPU). At most 32 kept."""
    return _html_tabel_diingat(_TABEL_TERSIMPAN, (teks, bahasa), bahasa, lambda: TabelPengukuran.from_dict(data))


@login_required
@require_pegawai
@GET_POST
def pengukuran_reviu(request, pk: int):
    """SOP B step 3: the Kadin reviews the latest draft and returns it with notes, or passes it."""
    siklus = _siklus(pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.KADIN)
    b = _proses_b(siklus)
    form = ReviuForm(request.POST or None)
    if request.method == "POST":
        if b is None:
            raise PermissionDenied
        keputusan = request.POST.get("keputusan")
        if keputusan not in ("setujui", "kembalikan"):
            form.add_error(None, _("Pilih: setujui atau kembalikan draft."))
        elif form.is_valid():
            service = services.pengukuran_draft_pass if keputusan == "setujui" else services.pengukuran_draft_return
            try:
                service(proses=b, actor=request.user, catatan=form.cleaned_data["catatan"])
            except TransisiTidakTersedia as exc:
                return _sudah_lewat(request, siklus, exc)
            except ValidationError as exc:
                tambah_galat(form, exc)
            else:
                if keputusan == "setujui":
                    messages.success(request, _("Draft disetujui; menunggu pengesahan Anda."))
                else:
                    messages.success(request, _("Draft dikembalikan kepada Tim SAKIP untuk diperbaiki."))
                return _ke_siklus(siklus)
    drafts = _daftar_draft(b, tabel_terbaru=True)
    draft = drafts[0] if drafts else None  # the revision under review; its stored table is what the Kadin reviews
    if b is None:
        boleh, alasan = False, _("SOP Pengukuran Kinerja belum dimulai untuk triwulan ini.")
    else:
        with rules.draft_terakhir_dari(b, drafts):  # the review conditions read the drafts just read
            boleh, alasan = halaman.boleh(b, "pass_review", request.user)
    bahasa = translation.get_language()
    return render(request, "sop/pengukuran_reviu.html", _konteks(
        request, siklus, KodeLangkah.REVIU, form=form, boleh=boleh, alasan_tidak=alasan, proses=b, draft=draft,
        tabel_html=_tabel_tersimpan_html(draft.tabel_teks, draft.data, bahasa) if draft else "", drafts=drafts,
        form_html=halaman.form_kosong_html(ReviuForm, bahasa) if boleh and not form.is_bound else "",
    ))


@login_required
@require_pegawai
@GET_POST
def pengukuran_pengesahan(request, pk: int):
    """SOP B step 4: the Kadin (or his Plt./Plh., printed as such) ratifies the passed draft."""
    siklus = _siklus(pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.KADIN)
    b = _pengukuran(siklus)
    draft = b.draft_terakhir if b else None
    return _langkah_sederhana(
        request, siklus, kode=KodeLangkah.PENGESAHAN, peran=Peran.KADIN, obj=b, action="ratify",
        service=services.pengukuran_ratify, template="sop/pengukuran_pengesahan.html",
        pesan_sukses=_("Dokumen pengukuran kinerja disahkan; Tim SAKIP mengarsipkannya."),
        draft=draft, tabel=TabelPengukuran.from_dict(draft.data) if draft else None,
        sertifikat=_sertifikat(siklus.perangkat_daerah),
    )


def _sertifikat(pd: PerangkatDaerah):
    try:
        from dokumen.models import SertifikatKantor
    except ImportError:  # pragma: no cover
        return None
    return SertifikatKantor.objects.filter(perangkat_daerah=pd, aktif=True).first()


@login_required
@require_pegawai
@GET_POST
def pengukuran_arsip(request, pk: int):
    """SOP B step 5: Tim SAKIP archives the ratified document; the quarter is ready for the report."""
    siklus = _siklus(pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.TIM_SAKIP)
    b = _pengukuran(siklus)
    dok = b.dokumen_terakhir if b else None
    return _langkah_sederhana(
        request, siklus, kode=KodeLangkah.PENGARSIPAN, peran=Peran.TIM_SAKIP, obj=b, action="archive",
        service=services.pengukuran_archive, template="sop/pengukuran_arsip.html",
        pesan_sukses=_("Dokumen pengukuran kinerja diarsipkan; triwulan ini siap untuk laporan kinerja."),
        dok=dok, berkas=halaman.berkas_dokumen(dok) if dok else None,
    )


# --- files and the archive ---------------------------------------------------------------------------------


@login_required
@require_pegawai
def bukti_unduh(request, pk: int):
    """An evidence file, only for the people of its office (404 for others)."""
    bukti = get_object_or_404(BuktiDukung.objects.select_related("realisasi__indikator__sasaran__perjanjian"), pk=pk)
    ensure_office(request, bukti.realisasi.indikator.sasaran.perjanjian.perangkat_daerah_id)
    return berkas_pribadi(bukti.berkas, nama=bukti.nama_asli, content_type=bukti.jenis_konten)


@login_required
@require_pegawai
def dokumen_unduh(request, pk: int):
    """The stored PDF of a ratified measurement document, for the people of its office."""
    dok = get_object_or_404(DokumenPengukuran.objects.select_related("proses__siklus__perangkat_daerah"), pk=pk)
    s = dok.proses.siklus
    ensure_office(request, s.perangkat_daerah_id)
    if not dok.berkas:
        raise Http404
    nama = slugify(f"pengukuran-kinerja-{s.perangkat_daerah.singkatan}-{s.tahun}-tw{s.triwulan}-v{dok.versi}")
    return berkas_pribadi(dok.berkas, nama=f"{nama}.pdf", content_type="application/pdf")


def _pdf(data: bytes, nama: str) -> HttpResponse:
    return dokumen_pribadi(data, nama=f"{slugify(nama) or 'dokumen'}.pdf", content_type="application/pdf")


@login_required
@require_pegawai
def disposisi_pdf(request, pk: int):
    """The printed lembar disposisi of step 1 or 2 (office readers only)."""
    d = get_object_or_404(Disposisi.objects.select_related("proses__siklus__perangkat_daerah"), pk=pk)
    s = d.proses.siklus
    ensure_office(request, s.perangkat_daerah_id)
    from .pdf import render_disposisi

    return _pdf(render_disposisi(disposisi=d), f"disposisi-{s.perangkat_daerah.singkatan}-{s.tahun}-tw{s.triwulan}-{d.pk}")


@login_required
@require_pegawai
def pembagian_pdf(request, pk: int):
    """The printed catatan pembagian tugas of step 3 (office readers only; 404 before the split)."""
    siklus = _siklus(pk)
    ensure_office(request, siklus.perangkat_daerah_id)
    proses = siklus.pengumpulan
    if not proses.tugas.exists():
        raise Http404
    from .pdf import render_pembagian_tugas

    return _pdf(render_pembagian_tugas(proses=proses),
                f"pembagian-tugas-{siklus.perangkat_daerah.singkatan}-{siklus.tahun}-tw{siklus.triwulan}")


@login_required
@require_pegawai
def lembar_pdf(request, pk: int):
    """An SOP sheet version, printed with its swimlane flowchart (the sheets are the same for every office)."""
    sop = get_object_or_404(SOP, pk=pk)
    from .pdf import render_sop

    return _pdf(render_sop(sop=sop), f"sop-{sop.nama}-v{sop.versi}")


@login_required
@require_pegawai
def draft_pdf(request, pk: int):
    """A measurement draft revision as the watermarked PDF the Kadin reviews (office readers only)."""
    draft = get_object_or_404(
        DraftPengukuran.objects.select_related("proses__siklus__perjanjian__perangkat_daerah"), pk=pk
    )
    s = draft.proses.siklus
    ensure_office(request, s.perangkat_daerah_id)
    try:
        from kinerja.pdf import render_pengukuran
    except ImportError:  # pragma: no cover - the PDF module is part of the project
        raise Http404 from None
    pdf = render_pengukuran(perjanjian=s.perjanjian, triwulan=s.triwulan, draft=True, tabel=draft.data)
    return _pdf(pdf, f"draft-pengukuran-{s.perangkat_daerah.singkatan}-{s.tahun}-tw{s.triwulan}-r{draft.revisi}")


@login_required
@require_pegawai
def arsip(request, tahun: int):
    """The office's ratified measurement documents of a year, each with its download."""
    p = peran_request(request)
    if p.pegawai is None:
        return redirect("sop:kabupaten")
    kantor = p.pegawai.perangkat_daerah
    if not 2000 <= tahun <= 2100:
        raise Http404
    doks = list(
        DokumenPengukuran.objects.filter(proses__siklus__perangkat_daerah=kantor, proses__siklus__tahun=tahun)
        .select_related("proses__siklus", "diarsipkan_oleh")
        .order_by("proses__siklus__triwulan", "versi")
    )
    try:
        from dokumen.selectors import dokumen_list_for_pd

        resmi = list(dokumen_list_for_pd(kantor, tahun=tahun))
    except ImportError:  # pragma: no cover
        resmi = []
    baris = [{"dok": d, "berkas": halaman.berkas_dokumen(d, resmi)} for d in doks]
    return render(request, "sop/arsip.html", {
        "kantor": kantor, "tahun": tahun, "baris": baris, "resmi": resmi,
        "tahun_lalu": tahun - 1, "tahun_depan": tahun + 1,
    })

