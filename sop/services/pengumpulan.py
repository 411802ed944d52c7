"""SOP A — Pengumpulan Data Kinerja: the services behind its six steps."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.models import BuktiDukung, Indikator, Realisasi
from kinerja.services import KonflikRevisi
from organisasi.models import Pegawai, Peran
from organisasi.roles import pegawai_of, peran_pegawai

from .. import guards
from ..models import (
    Disposisi,
    Jejak,
    KodeLangkah,
    PemeriksaanIndikator,
    ProsesPengukuran,
    ProsesPengumpulan,
    TugasPengumpulan,
)
from . import _kinerja
from ._engine import (
    actor_label,
    check_allowed,
    fire,
    lock,
    open_step,
    record,
    require_text,
)


def _penerima(
    kepada: Pegawai, proses: ProsesPengumpulan, peran: str, pesan: str
) -> Pegawai:
    if (
        not isinstance(kepada, Pegawai)
        or kepada.perangkat_daerah_id != proses.pd_id
        or not peran_pegawai(kepada).punya(peran)
    ):
        raise ValidationError({"kepada": pesan})
    return kepada


def _dispose(
    *,
    proses: ProsesPengumpulan,
    action: str,
    kode: str,
    actor: User,
    kepada: Pegawai,
    isi: str,
    tanggal: datetime.date | None,
    peran_penerima: str,
    peran_pengirim: str,
    pesan: str,
    langkah_berikut: str,
) -> Disposisi:
    p = lock(proses)
    tr = check_allowed(p, action, actor)
    isi = require_text(isi, "isi", _("Isi disposisi wajib diisi."))
    _penerima(kepada, p, peran_penerima, pesan)
    pengirim = pegawai_of(actor)
    d = Disposisi.objects.create(
        proses=p,
        langkah=kode,
        dari=pengirim,
        dari_label=actor_label(actor, peran_pengirim),
        kepada=kepada,
        isi=isi,
        tanggal=tanggal or timezone.localdate(),
        perjanjian=p.siklus.perjanjian,
    )
    fire(
        p,
        tr,
        actor,
        catatan=isi,
        output=_("Disposisi kepada %(kepada)s") % {"kepada": kepada.nama_lengkap},
        output_obj=d,
    )
    open_step(
        siklus=p.siklus, kode=langkah_berikut, peran=peran_penerima, pegawai=kepada
    )
    return d


@transaction.atomic
def pengumpulan_dispose_kadin(
    *,
    proses: ProsesPengumpulan,
    actor: User,
    kepada: Pegawai,
    isi: str,
    tanggal: datetime.date | None = None,
) -> Disposisi:
    """Step 1: the Kadin (or his Plt./Plh.) disposes the quarter's data collection to a
    Kabid/Sekretaris of the office, with the year's PK and Rencana Aksi attached."""
    return _dispose(
        proses=proses,
        action="dispose_kadin",
        kode=KodeLangkah.DISPOSISI_KADIN,
        actor=actor,
        kepada=kepada,
        isi=isi,
        tanggal=tanggal,
        peran_penerima=Peran.KABID,
        peran_pengirim=Peran.KADIN,
        pesan=_("Pilih Kabid atau Sekretaris dari perangkat daerah ini."),
        langkah_berikut=KodeLangkah.DISPOSISI_KABID,
    )


@transaction.atomic
def pengumpulan_dispose_kabid(
    *,
    proses: ProsesPengumpulan,
    actor: User,
    kepada: Pegawai,
    isi: str,
    tanggal: datetime.date | None = None,
) -> Disposisi:
    """Step 2: the Kabid/Sekretaris who received step 1 disposes to a Kasubbag/Sub
    Koordinator, who then runs steps 3, 5 and 6."""
    return _dispose(
        proses=proses,
        action="dispose_kabid",
        kode=KodeLangkah.DISPOSISI_KABID,
        actor=actor,
        kepada=kepada,
        isi=isi,
        tanggal=tanggal,
        peran_penerima=Peran.KASUBBAG,
        peran_pengirim=Peran.KABID,
        pesan=_("Pilih Kasubbag atau Sub Koordinator dari perangkat daerah ini."),
        langkah_berikut=KodeLangkah.PEMBAGIAN_TUGAS,
    )


@transaction.atomic
def pengumpulan_split_tasks(
    *,
    proses: ProsesPengumpulan,
    actor: User,
    pembagian: Mapping[Pegawai, Iterable[Indikator]],
    catatan: str,
    catatan_anggota: Mapping[Pegawai, str] | None = None,
) -> list[TugasPengumpulan]:
    """Step 3: the catatan pembagian tugas — which Tim Kerja member collects which
    indicators. Every indicator of the PK goes to exactly one member; each member
    gets a task that waits for him (step 4)."""
    p = lock(proses)
    tr = check_allowed(p, "split_tasks", actor)
    catatan = require_text(
        catatan, "catatan", _("Catatan pembagian tugas wajib diisi.")
    )
    catatan_anggota = catatan_anggota or {}
    semua = {i.pk: i for i in Indikator.objects.for_pk(p.siklus.perjanjian)}
    dibagi: dict[int, Pegawai] = {}
    errors: list[str] = []
    for anggota, indikator in pembagian.items():
        if anggota.perangkat_daerah_id != p.pd_id or not peran_pegawai(anggota).punya(
            Peran.TIM_KERJA
        ):
            errors.append(
                _("%(nama)s bukan anggota Tim Kerja perangkat daerah ini.")
                % {"nama": anggota}
            )
            continue
        ids = [i.pk if isinstance(i, Indikator) else int(i) for i in indikator]
        if not ids:
            errors.append(_("%(nama)s belum mendapat indikator.") % {"nama": anggota})
        for i in ids:
            if i not in semua:
                errors.append(
                    _(
                        "Indikator #%(id)s bukan bagian dari Perjanjian Kinerja siklus ini."
                    )
                    % {"id": i}
                )
            elif i in dibagi:
                errors.append(
                    _('Indikator "%(nama)s" dibagikan lebih dari sekali.')
                    % {"nama": semua[i].nama}
                )
            else:
                dibagi[i] = anggota
    belum = [semua[i].nama for i in semua if i not in dibagi]
    if belum:
        errors.append(
            _("Indikator belum dibagikan: %(nama)s.") % {"nama": "; ".join(belum)}
        )
    if not pembagian:
        errors.append(_("Pilih sedikitnya satu anggota Tim Kerja."))
    if errors:
        raise ValidationError({"pembagian": errors})
    p.catatan_pembagian = catatan
    tugas_list = []
    for anggota in pembagian:
        t = TugasPengumpulan.objects.create(
            proses=p,
            anggota=anggota,
            catatan=(catatan_anggota.get(anggota) or "").strip(),
        )
        t.indikator.set([i for i, a in dibagi.items() if a == anggota])
        tugas_list.append(t)
    ringkas = "; ".join(
        f"{t.anggota.nama_lengkap}: {t.indikator.count()} indikator" for t in tugas_list
    )
    fire(
        p,
        tr,
        actor,
        catatan=catatan,
        output=_("Catatan pembagian tugas (%(r)s)") % {"r": ringkas},
    )
    for t in tugas_list:
        open_step(
            siklus=p.siklus,
            kode=KodeLangkah.PENGUMPULAN_DATA,
            peran=Peran.TIM_KERJA,
            pegawai=t.anggota,
            tugas=t,
            putaran=1,
        )
    return tugas_list


def _tugas_editable(
    tugas: TugasPengumpulan, indikator: Indikator, actor: User
) -> TugasPengumpulan:
    t = lock(tugas)
    if not guards.TUGAS_ANGGOTA(t, actor):
        raise PermissionDenied
    if not t.bisa_diisi:
        raise ValidationError(
            _("Data sudah diserahkan; tunggu hasil pemeriksaan sebelum mengubahnya.")
        )
    if not t.indikator.filter(pk=indikator.pk).exists():
        raise ValidationError(
            {"indikator": _("Indikator ini tidak termasuk tugas Anda.")}
        )
    return t


@transaction.atomic
def tugas_realisasi_save(
    *,
    tugas: TugasPengumpulan,
    indikator: Indikator,
    nilai: Decimal | None,
    actor: User,
    catatan: str = "",
    revisi_diharapkan: int | None = None,
) -> Realisasi:
    """Step 4: the member enters the quarter's realisasi of one of his indicators (only
    while the task is with him: being filled in, or returned). Delegates to
    `kinerja.services.realisasi_save` (stale-revision check included)."""
    t = _tugas_editable(tugas, indikator, actor)
    return _kinerja.realisasi_save(
        indikator=indikator,
        triwulan=t.proses.siklus.triwulan,
        nilai=nilai,
        catatan=catatan,
        actor=pegawai_of(actor),
        revisi_diharapkan=revisi_diharapkan,
    )


@transaction.atomic
def tugas_bukti_add(
    *,
    tugas: TugasPengumpulan,
    indikator: Indikator,
    berkas,
    actor: User,
    keterangan: str = "",
) -> BuktiDukung:
    """Step 4: the member attaches an evidence file to the realisasi of one of his
    indicators (the realisasi must have been entered first)."""
    t = _tugas_editable(tugas, indikator, actor)
    realisasi = Realisasi.objects.filter(
        indikator=indikator, triwulan=t.proses.siklus.triwulan
    ).first()
    if realisasi is None:
        raise ValidationError(
            {
                "berkas": _(
                    "Isi nilai realisasi terlebih dahulu, lalu unggah bukti dukung."
                )
            }
        )
    return _kinerja.bukti_add(
        realisasi=realisasi,
        berkas=berkas,
        actor=pegawai_of(actor),
        keterangan=keterangan,
    )


@dataclass(frozen=True)
class IsianBaris:
    """One row of a member's data entry grid as he sent it: the value when he changed it
    (with the revision he saw, so a value saved meanwhile by someone else is not
    overwritten silently) and an evidence file when he attached one."""

    indikator: Indikator
    nilai_berubah: bool = False
    nilai: Decimal | None = None
    catatan: str = ""
    revisi_diharapkan: int = 0
    berkas: File | None = None


@dataclass(frozen=True)
class GalatBaris:
    """Why one row of the grid was refused: `medan` names the field ("nilai" for a value
    saved meanwhile by someone else, `galat` is then a KonflikRevisi), None for the row."""

    indikator_id: int
    medan: str | None
    galat: Exception


@transaction.atomic
def tugas_grid_save(
    *, tugas: TugasPengumpulan, actor: User, isian: Sequence[IsianBaris]
) -> list[GalatBaris]:
    """Step 4: one page of a member's grid saved, all or nothing: every changed value
    (`tugas_realisasi_save`) and every attached file (`tugas_bukti_add`). Returns the
    refused rows; with any, nothing is stored (the files already written are removed
    again). A save that stored something appends one trail row."""
    galat: list[GalatBaris] = []
    berkas_tersimpan: list[File] = []
    jumlah_nilai = 0
    for baris in isian:
        if baris.nilai_berubah:
            try:
                tugas_realisasi_save(
                    tugas=tugas,
                    indikator=baris.indikator,
                    nilai=baris.nilai,
                    catatan=baris.catatan,
                    actor=actor,
                    revisi_diharapkan=baris.revisi_diharapkan,
                )
            except KonflikRevisi as exc:
                galat.append(GalatBaris(baris.indikator.pk, "nilai", exc))
                continue
            except ValidationError as exc:
                galat.append(GalatBaris(baris.indikator.pk, None, exc))
                continue
            jumlah_nilai += 1
        if baris.berkas:
            try:
                bukti = tugas_bukti_add(
                    tugas=tugas,
                    indikator=baris.indikator,
                    berkas=baris.berkas,
                    actor=actor,
                )
            except ValidationError as exc:
                galat.append(GalatBaris(baris.indikator.pk, None, exc))
            else:
                berkas_tersimpan.append(bukti.berkas)
    if galat:
        transaction.set_rollback(True)
        for berkas in berkas_tersimpan:
            berkas.storage.delete(berkas.name)
        return galat
    if jumlah_nilai or berkas_tersimpan:
        record(
            siklus=tugas.proses.siklus,
            obj=tugas,
            proses=Jejak.Proses.PENGUMPULAN,
            transisi="save_draft",
            transisi_label=_("Simpan draf data kinerja"),
            dari=tugas.status,
            ke=tugas.status,
            user=actor,
            label=actor_label(actor, Peran.TIM_KERJA),
            output=_("Draf data kinerja: %(n)s realisasi, %(b)s bukti dukung")
            % {"n": jumlah_nilai, "b": len(berkas_tersimpan)},
            output_obj=tugas,
        )
    return []


@transaction.atomic
def tugas_submit(
    *, tugas: TugasPengumpulan, actor: User, catatan: str = ""
) -> TugasPengumpulan:
    """Step 4 done: the member hands in his draft data (every indicator has a value and
    evidence); it now waits for the completeness check (step 5)."""
    t = lock(tugas)
    tr = check_allowed(t, "submit", actor)
    t.diserahkan_pada = timezone.now()
    jumlah = t.indikator.count()
    fire(
        t,
        tr,
        actor,
        catatan=catatan,
        output=_("Draf data kinerja: %(n)s indikator (putaran %(p)s)")
        % {"n": jumlah, "p": t.putaran},
        output_obj=t,
    )
    pemeriksa = t.proses.disposisi_kabid.kepada
    open_step(
        siklus=t.proses.siklus,
        kode=KodeLangkah.PEMERIKSAAN,
        peran=Peran.KASUBBAG,
        pegawai=pemeriksa,
        tugas=t,
        putaran=t.putaran,
    )
    return t


@transaction.atomic
def tugas_check(
    *,
    tugas: TugasPengumpulan,
    actor: User,
    dikembalikan: Mapping[int, str] | None = None,
    catatan: str = "",
) -> TugasPengumpulan:
    """Step 5: the completeness check of a submitted task, indicator by indicator.

    `dikembalikan` maps indicator ids to the written reason it goes back; every other
    indicator of the task is accepted. With any returned indicator the whole task goes
    back to the member (a new round of step 4, nothing entered is lost); otherwise it is
    accepted, and the last accepted task completes the collection (step 6 is due).
    """
    dikembalikan = {int(k): (v or "").strip() for k, v in (dikembalikan or {}).items()}
    t = lock(tugas)
    action = "return_data" if dikembalikan else "accept"
    tr = check_allowed(t, action, actor)
    indikator = {i.pk: i for i in t.indikator.all()}
    errors = {}
    for i, alasan in dikembalikan.items():
        if i not in indikator:
            errors[str(i)] = _("Indikator ini tidak termasuk tugas yang diperiksa.")
        elif not alasan:
            errors[str(i)] = _('Tuliskan alasan pengembalian untuk "%(nama)s".') % {
                "nama": indikator[i].nama
            }
    if errors:
        raise ValidationError({"dikembalikan": list(errors.values())})
    now = timezone.now()
    pemeriksa = pegawai_of(actor)
    realisasi = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator__in=indikator, triwulan=t.siklus.triwulan
        )
    }
    PemeriksaanIndikator.objects.bulk_create(
        PemeriksaanIndikator(
            tugas=t,
            indikator=ind,
            putaran=t.putaran,
            diterima=ind.pk not in dikembalikan,
            alasan=dikembalikan.get(ind.pk, ""),
            nilai_diperiksa=getattr(realisasi.get(ind.pk), "nilai", None),
            revisi_realisasi=getattr(realisasi.get(ind.pk), "revisi", 0),
            diperiksa_oleh=pemeriksa,
            diperiksa_pada=now,
        )
        for ind in indikator.values()
    )
    if dikembalikan:
        alasan = "\n".join(f"{indikator[i].nama}: {a}" for i, a in dikembalikan.items())
        putaran = t.putaran
        t.putaran = putaran + 1
        fire(
            t,
            tr,
            actor,
            catatan="\n".join(x for x in (catatan.strip(), alasan) if x),
            output=_(
                "Dikembalikan untuk dilengkapi/diperbaiki: %(n)s dari %(m)s indikator (putaran %(p)s)"
            )
            % {"n": len(dikembalikan), "m": len(indikator), "p": putaran},
            output_obj=t,
        )
        open_step(
            siklus=t.siklus,
            kode=KodeLangkah.PENGUMPULAN_DATA,
            peran=Peran.TIM_KERJA,
            pegawai=t.anggota,
            tugas=t,
            putaran=t.putaran,
        )
        return t
    fire(
        t,
        tr,
        actor,
        catatan=catatan.strip(),
        output=_("Data kinerja diterima: %(n)s indikator") % {"n": len(indikator)},
        output_obj=t,
    )
    p = lock(t.proses)
    if not p.tugas.exclude(status=TugasPengumpulan.Status.DITERIMA).exists():
        tr_p = check_allowed(p, "finish_check", actor)
        fire(
            p,
            tr_p,
            actor,
            output=_("Data kinerja lengkap dari semua anggota Tim Kerja"),
        )
        open_step(
            siklus=p.siklus,
            kode=KodeLangkah.PERSIAPAN_PENGUKURAN,
            peran=Peran.KASUBBAG,
            pegawai=p.disposisi_kabid.kepada,
        )
    return t


@transaction.atomic
def pengumpulan_prepare(
    *, proses: ProsesPengumpulan, actor: User, catatan: str = ""
) -> ProsesPengukuran:
    """Step 6: the Kasubbag/Sub Koordinator hands the checked data over for the
    measurement document and the draft report; SOP A is done and SOP B opens
    (step 1 waits for the Tim SAKIP). Returns the new ProsesPengukuran."""
    p = lock(proses)
    tr = check_allowed(p, "prepare", actor)
    now = timezone.now()
    p.catatan_persiapan = catatan.strip()
    p.selesai_pada = now
    b = ProsesPengukuran.objects.create(siklus=p.siklus, dimulai_pada=now)
    fire(
        p,
        tr,
        actor,
        catatan=p.catatan_persiapan,
        output=_(
            "Kelengkapan dokumen pengukuran kinerja diserahkan; SOP Pengukuran Kinerja dimulai"
        ),
        output_obj=b,
    )
    open_step(siklus=p.siklus, kode=KodeLangkah.PERSIAPAN_DATA, peran=Peran.TIM_SAKIP)
    return b
