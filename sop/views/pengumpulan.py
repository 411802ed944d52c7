"""SOP A (Pengumpulan Data Kinerja): the dispositions (steps 1 and 2), the task split
(step 3), a member's data entry grid (step 4), the completeness check (step 5) and
the hand-over (step 6)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.services import KonflikRevisi
from organisasi.access import ensure_peran, peran_request, require_pegawai
from organisasi.models import Peran
from organisasi.roles import pemegang_peran
from umum.uploads import tandai_berkas_terlalu_besar

from .. import guards, services
from ..exceptions import TransisiTidakTersedia
from ..forms import (
    CatatanForm,
    DisposisiForm,
    PembagianTugasForm,
    PemeriksaanForm,
    RealisasiForm,
    format_angka,
    tambah_galat,
)
from ..models import KodeLangkah, TugasPengumpulan
from ..selectors.langkah import aksi_boleh, aksi_boleh_dan_kurang
from ..selectors.pengukuran import tabel_for_siklus
from ..selectors.pengumpulan import (
    BarisTugas,
    indikator_list_for_pembagian,
    pemeriksaan_list_for_tugas,
    tugas_baris,
    tugas_get,
    tugas_halaman,
    tugas_list_with_indikator,
)
from ..selectors.siklus import siklus_get
from .langkah import (
    GET_POST,
    ke_siklus,
    konteks_langkah,
    langkah_sederhana,
    sudah_lewat,
    url_pk,
)


def _disposisi(
    request,
    pk: int,
    *,
    kode: str,
    action: str,
    peran: str,
    peran_penerima: str,
    service,
    template: str,
    pesan_sukses: str,
):
    siklus = siklus_get(pk=pk)
    ensure_peran(request, siklus.perangkat_daerah_id, peran)
    proses = siklus.pengumpulan
    penerima = pemegang_peran(siklus.perangkat_daerah_id, peran_penerima)
    form = DisposisiForm(request.POST or None, penerima=penerima)
    if request.method == "POST" and form.is_valid():
        try:
            d = service(proses=proses, actor=request.user, **form.cleaned_data)
        except TransisiTidakTersedia as exc:
            return sudah_lewat(request, siklus, exc)
        except ValidationError as exc:
            tambah_galat(form, exc)
        else:
            messages.success(request, pesan_sukses % {"kepada": d.kepada.nama_lengkap})
            return ke_siklus(siklus)
    boleh, alasan = aksi_boleh(obj=proses, action=action, user=request.user)
    ctx = konteks_langkah(
        request,
        siklus,
        kode,
        form=form,
        boleh=boleh,
        alasan_tidak=alasan,
        proses=proses,
        terkirim=proses.disposisi_terakhir(kode),
        disposisi_kadin=proses.disposisi_kadin,
        url_pk=url_pk(siklus.perjanjian),
    )
    return render(request, template, ctx)


@login_required
@require_pegawai
@GET_POST
def disposisi_kadin(request, pk: int):
    """SOP A step 1: the Kadin disposes the quarter's data collection to a Kabid/Sekretaris."""
    return _disposisi(
        request,
        pk,
        kode=KodeLangkah.DISPOSISI_KADIN,
        action="dispose_kadin",
        peran=Peran.KADIN,
        peran_penerima=Peran.KABID,
        service=services.pengumpulan_dispose_kadin,
        template="sop/disposisi.html",
        pesan_sukses=_("Disposisi terkirim kepada %(kepada)s."),
    )


@login_required
@require_pegawai
@GET_POST
def disposisi_kabid(request, pk: int):
    """SOP A step 2: the Kabid/Sekretaris disposes to a Kasubbag/Sub Koordinator."""
    return _disposisi(
        request,
        pk,
        kode=KodeLangkah.DISPOSISI_KABID,
        action="dispose_kabid",
        peran=Peran.KABID,
        peran_penerima=Peran.KASUBBAG,
        service=services.pengumpulan_dispose_kabid,
        template="sop/disposisi.html",
        pesan_sukses=_("Disposisi terkirim kepada %(kepada)s."),
    )


@login_required
@require_pegawai
@GET_POST
def pembagian_tugas(request, pk: int):
    """SOP A step 3: the Kasubbag/Sub Koordinator assigns each indicator to a Tim Kerja member."""
    siklus = siklus_get(pk=pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.KASUBBAG)
    proses = siklus.pengumpulan
    indikator = indikator_list_for_pembagian(siklus=siklus)
    anggota = pemegang_peran(siklus.perangkat_daerah_id, Peran.TIM_KERJA)
    form = PembagianTugasForm(
        request.POST or None, indikator=indikator, anggota=anggota
    )
    if request.method == "POST" and form.is_valid():
        try:
            tugas = services.pengumpulan_split_tasks(
                proses=proses,
                actor=request.user,
                pembagian=form.pembagian(),
                catatan=form.cleaned_data["catatan"],
                catatan_anggota=form.catatan_anggota(),
            )
        except TransisiTidakTersedia as exc:
            return sudah_lewat(request, siklus, exc)
        except ValidationError as exc:
            tambah_galat(form, exc)
        else:
            messages.success(
                request,
                _("Tugas dibagikan kepada %(n)s anggota Tim Kerja.")
                % {"n": len(tugas)},
            )
            return ke_siklus(siklus)
    boleh, alasan = aksi_boleh(obj=proses, action="split_tasks", user=request.user)
    return render(
        request,
        "sop/pembagian_tugas.html",
        konteks_langkah(
            request,
            siklus,
            KodeLangkah.PEMBAGIAN_TUGAS,
            form=form,
            boleh=boleh,
            alasan_tidak=alasan,
            proses=proses,
            disposisi_kabid=proses.disposisi_kabid,
            tugas_list=tugas_list_with_indikator(siklus=siklus),
            anggota=anggota,
            url_pk=url_pk(siklus.perjanjian),
        ),
    )


def _pesan_konflik(exc: KonflikRevisi) -> str:
    r = exc.realisasi
    if r is None:
        return _("Realisasi ini sudah diubah orang lain sejak halaman dibuka.")
    return _(
        "Realisasi ini sudah diubah oleh %(oleh)s pada %(waktu)s (nilai tersimpan: %(nilai)s). Nilai yang Anda "
        "ketik masih di kolom ini: periksa, lalu simpan lagi bila memang ingin menggantinya."
    ) % {
        "oleh": r.diisi_oleh.nama_lengkap if r.diisi_oleh_id else _("orang lain"),
        "waktu": timezone.localtime(r.diisi_pada).strftime("%d/%m/%Y %H.%M")
        if r.diisi_pada
        else "—",
        "nilai": format_angka(r.nilai) or "—",
    }


def _simpan_grid(request, tugas: TugasPengumpulan, pasangan: list, data) -> bool:
    """The sent rows of the grid through `services.tugas_grid_save`, all or nothing. True
    when everything was stored; otherwise each refusal is put on its row's form."""
    isian = [
        services.IsianBaris(
            indikator=row.indikator,
            nilai_berubah=form.nilai_berubah,
            nilai=form.cleaned_data.get("nilai"),
            catatan=form.cleaned_data.get("catatan") or "",
            revisi_diharapkan=form.cleaned_data.get("revisi") or 0,
            berkas=form.cleaned_data.get("berkas"),
        )
        for form, row in pasangan
    ]
    galat = services.tugas_grid_save(tugas=tugas, actor=request.user, isian=isian)
    form_per_indikator = {row.indikator.pk: form for form, row in pasangan}
    for g in galat:
        form = form_per_indikator[g.indikator_id]
        if isinstance(g.galat, KonflikRevisi):
            form.add_error("nilai", _pesan_konflik(g.galat))
            # the next save overwrites knowingly: it now expects the stored revision
            data[form.add_prefix("revisi")] = str(
                g.galat.realisasi.revisi if g.galat.realisasi else 0
            )
        else:
            tambah_galat(form, g.galat)
    return not galat


def _minta_berkas_lagi(request, pasangan: list) -> None:
    """A refused grid stores no file and a browser cannot keep a chosen file: say so beside it."""
    for form, _row in pasangan:
        if request.FILES.get(form.add_prefix("berkas")) and "berkas" not in form.errors:
            form.add_error(
                "berkas",
                _(
                    "Belum tersimpan karena ada kolom yang perlu diperbaiki; pilih lagi berkasnya."
                ),
            )


def _url_grid(tugas: TugasPengumpulan, nomor: int) -> str:
    """The grid's page `nomor` (page 1 is the task's plain address)."""
    url = reverse("sop:tugas_isi", args=[tugas.pk])
    return f"{url}?hal={nomor}" if nomor > 1 else url


def _form_realisasi(row: BarisTugas, data, files) -> RealisasiForm:
    """The row's form, bound only when the POST carries the row: a POST saves the page the
    member saw, and an indicator whose fields were not sent (another page) stays as stored."""
    r = row.realisasi
    prefix = f"r{row.indikator.pk}"
    if (
        data is not None
        and not any(
            f"{prefix}-{nama}" in data for nama in ("nilai", "catatan", "revisi")
        )
        and f"{prefix}-berkas" not in files
    ):
        data = None
    return RealisasiForm(
        data,
        files if data is not None else None,
        prefix=prefix,
        indikator=row.indikator,
        initial={
            "nilai": r.nilai if r else None,
            "catatan": r.catatan if r else "",
            "revisi": r.revisi if r else 0,
        },
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
    tugas = tugas_get(pk=pk, pembaca=peran_request(request).pegawai)
    siklus = tugas.proses.siklus
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.TIM_KERJA)
    milik = guards.TUGAS_ANGGOTA(tugas, request.user)
    bisa_isi = milik and tugas.bisa_diisi
    hal = tugas_halaman(
        tugas=tugas, hal=request.GET.get("hal"), draf=bisa_isi
    )  # draf: for the handing-in check
    data = request.POST.copy() if request.method == "POST" else None
    pasangan = [(_form_realisasi(row, data, request.FILES), row) for row in hal.baris]
    for (
        form,
        _row,
    ) in pasangan:  # an evidence file past its limit was not read (umum/uploads.py)
        tandai_berkas_terlalu_besar(request, form)
    if request.method == "POST":
        if not milik:
            raise PermissionDenied
        if not bisa_isi:
            messages.warning(
                request,
                _(
                    "Data sudah diserahkan; tunggu hasil pemeriksaan sebelum mengubahnya."
                ),
            )
            return redirect(_url_grid(tugas, hal.nomor))
        dikirim = [(f, row) for f, row in pasangan if f.is_bound]
        if all(f.is_valid() for f, _r in dikirim) and _simpan_grid(
            request, tugas, dikirim, data
        ):
            aksi = request.POST.get("aksi")
            if aksi == "serahkan":
                try:
                    services.tugas_submit(
                        tugas=tugas,
                        actor=request.user,
                        catatan=request.POST.get("catatan_serah", ""),
                    )
                except TransisiTidakTersedia as exc:
                    return sudah_lewat(request, siklus, exc)
                except ValidationError as exc:
                    messages.error(
                        request,
                        _("Draf tersimpan, tetapi belum dapat diserahkan. %(alasan)s")
                        % {"alasan": " ".join(exc.messages)},
                    )
                    return redirect(_url_grid(tugas, hal.nomor))
                messages.success(request, _("Data kinerja diserahkan untuk diperiksa."))
                return ke_siklus(siklus)
            messages.success(request, _("Draf data kinerja tersimpan."))
            lanjut = aksi == "lanjut" and hal.berikutnya
            return redirect(_url_grid(tugas, hal.berikutnya if lanjut else hal.nomor))
        _minta_berkas_lagi(request, dikirim)
        messages.error(
            request, _("Belum tersimpan. Perbaiki kolom yang ditandai di bawah.")
        )
    # a page shown again after a refused save shows the draft as stored: nothing was saved
    with guards.draf_data_sekali(tugas, hal.draf):
        boleh_serah, alasan_serah, kurang_serah = (
            aksi_boleh_dan_kurang(obj=tugas, action="submit", user=request.user)
            if bisa_isi
            else (False, "", [])
        )
    return render(
        request,
        "sop/tugas_isi.html",
        konteks_langkah(
            request,
            siklus,
            KodeLangkah.PENGUMPULAN_DATA,
            tugas=tugas,
            pasangan=pasangan,
            milik=milik,
            bisa_isi=bisa_isi,
            boleh_serah=boleh_serah,
            alasan_serah=alasan_serah,
            kurang_serah=kurang_serah,
            proses=tugas.proses,
            hal=hal,
            catatan_serah=request.POST.get("catatan_serah", ""),
        ),
        status=200,
    )


@login_required
@require_pegawai
@GET_POST
def pemeriksaan(request, pk: int):
    """SOP A step 5: the Kasubbag/Sub Koordinator checks a member's data indicator by
    indicator — accept, or return with a reason (the member then gets it back)."""
    tugas = tugas_get(pk=pk)
    siklus = tugas.proses.siklus
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.KASUBBAG)
    rows = tugas_baris(tugas=tugas)
    data = request.POST or None
    pasangan = [
        (PemeriksaanForm(data, prefix=f"p{row.indikator.pk}"), row) for row in rows
    ]
    form = CatatanForm(data)
    if (
        request.method == "POST"
        and form.is_valid()
        and all(f.is_valid() for f, _r in pasangan)
    ):
        dikembalikan = {
            row.indikator.pk: f.cleaned_data["alasan"]
            for f, row in pasangan
            if f.cleaned_data["keputusan"] == PemeriksaanForm.KEMBALIKAN
        }
        try:
            services.tugas_check(
                tugas=tugas,
                actor=request.user,
                dikembalikan=dikembalikan,
                catatan=form.cleaned_data["catatan"],
            )
        except TransisiTidakTersedia as exc:
            return sudah_lewat(request, siklus, exc)
        except ValidationError as exc:
            tambah_galat(form, exc)
        else:
            if dikembalikan:
                messages.success(
                    request,
                    _(
                        "Data %(nama)s dikembalikan untuk dilengkapi/diperbaiki (%(n)s indikator)."
                    )
                    % {"nama": tugas.anggota.nama_lengkap, "n": len(dikembalikan)},
                )
            else:
                messages.success(
                    request,
                    _("Data %(nama)s diterima.") % {"nama": tugas.anggota.nama_lengkap},
                )
            return ke_siklus(siklus)
    boleh, alasan = aksi_boleh(obj=tugas, action="accept", user=request.user)
    riwayat = pemeriksaan_list_for_tugas(tugas=tugas)
    return render(
        request,
        "sop/pemeriksaan.html",
        konteks_langkah(
            request,
            siklus,
            KodeLangkah.PEMERIKSAAN,
            tugas=tugas,
            pasangan=pasangan,
            form=form,
            boleh=boleh,
            alasan_tidak=alasan,
            riwayat=riwayat,
        ),
    )


@login_required
@require_pegawai
@GET_POST
def persiapan_pengumpulan(request, pk: int):
    """SOP A step 6: the checked data is handed over for the measurement document; SOP B starts."""
    siklus = siklus_get(pk=pk)
    ensure_peran(request, siklus.perangkat_daerah_id, Peran.KASUBBAG)
    proses = siklus.pengumpulan
    return langkah_sederhana(
        request,
        siklus,
        kode=KodeLangkah.PERSIAPAN_PENGUKURAN,
        peran=Peran.KASUBBAG,
        obj=proses,
        action="prepare",
        service=services.pengumpulan_prepare,
        template="sop/persiapan_pengumpulan.html",
        pesan_sukses=_(
            "Data kinerja diserahkan ke Tim SAKIP; SOP Pengukuran Kinerja dimulai."
        ),
        tabel=tabel_for_siklus(siklus=siklus),
        tugas_list=tugas_list_with_indikator(siklus=siklus),
    )
