"""Perjanjian Kinerja: create, header, the frozen-year lock, and revisions (copy into versi + 1).

Each takes the `actor` (a login): only the office's Tim SAKIP changes its plan (the
Kadin may also lock it, as opening a quarter's cycle does), and each change appends a
`JejakRencana` row."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from organisasi.models import Pegawai, PerangkatDaerah, Peran
from umum.validators import tanggal_untuk_tahun

from ..models import (
    IKI,
    AnggaranTriwulan,
    BuktiDukung,
    Indikator,
    JejakRencana,
    PerjanjianKinerja,
    Program,
    Realisasi,
    RealisasiAnggaran,
    SasaranStrategis,
    TargetTriwulan,
)
from .umum import _catat, _pastikan_dapat_diubah, _pastikan_kantor, _pastikan_pengubah, potret

E, A = JejakRencana.Entitas, JejakRencana.Aksi

# --- Perjanjian Kinerja ------------------------------------------------------------------------


def _cek_tanggal_pk(tanggal: datetime.date | None, tahun: int) -> None:
    """A plan for `tahun` is signed in that year or late in the one before."""
    try:
        tanggal_untuk_tahun(tanggal, tahun)
    except ValidationError as exc:
        raise ValidationError({"tanggal": exc.messages}) from None


@transaction.atomic
def pk_create(
    *,
    perangkat_daerah: PerangkatDaerah,
    tahun: int,
    tanggal: datetime.date | None = None,
    pihak_pertama: Pegawai | None = None,
    pihak_kedua_nama: str = "",
    pihak_kedua_jabatan: str = "Bupati",
    actor: User,
) -> PerjanjianKinerja:
    """Version 1 of an office's plan for `tahun`; refused when the year already has a plan."""
    _pastikan_pengubah(actor, perangkat_daerah.pk)
    if not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise ValidationError({"tahun": _("Tahun harus antara 2000 dan 2100.")})
    if PerjanjianKinerja.objects.filter(perangkat_daerah=perangkat_daerah, tahun=tahun).exists():
        raise ValidationError({"tahun": _("Perjanjian kinerja tahun %(tahun)s sudah ada.") % {"tahun": tahun}})
    _cek_tanggal_pk(tanggal, tahun)
    if pihak_pertama is not None:
        _pastikan_kantor(pihak_pertama, perangkat_daerah.pk)
    pk = PerjanjianKinerja.objects.create(
        perangkat_daerah=perangkat_daerah,
        tahun=tahun,
        tanggal=tanggal,
        pihak_pertama=pihak_pertama,
        pihak_kedua_nama=pihak_kedua_nama,
        pihak_kedua_jabatan=pihak_kedua_jabatan or "Bupati",
    )
    _catat(actor=actor, perjanjian=pk, entitas=E.PERJANJIAN, entitas_id=pk.pk, aksi=A.BUAT, sesudah=potret(pk))
    return pk


@transaction.atomic
def pk_update(
    *,
    perjanjian: PerjanjianKinerja,
    tanggal: datetime.date | None,
    pihak_pertama: Pegawai | None,
    pihak_kedua_nama: str,
    pihak_kedua_jabatan: str,
    actor: User,
) -> PerjanjianKinerja:
    """The header of the agreement (date, parties). Allowed while the plan is open."""
    pk = _pastikan_dapat_diubah(perjanjian, actor=actor)
    _cek_tanggal_pk(tanggal, pk.tahun)
    if pihak_pertama is not None:
        _pastikan_kantor(pihak_pertama, pk.perangkat_daerah_id)
    sebelum = potret(pk)
    pk.tanggal = tanggal
    pk.pihak_pertama = pihak_pertama
    pk.pihak_kedua_nama = pihak_kedua_nama
    pk.pihak_kedua_jabatan = pihak_kedua_jabatan or "Bupati"
    pk.save(update_fields=["tanggal", "pihak_pertama", "pihak_kedua_nama", "pihak_kedua_jabatan"])
    _catat(actor=actor, perjanjian=pk, entitas=E.PERJANJIAN, entitas_id=pk.pk, aksi=A.UBAH, sebelum=sebelum,
           sesudah=potret(pk))
    return pk


@transaction.atomic
def pk_lock(*, perjanjian: PerjanjianKinerja, actor: User) -> None:
    """Freeze the plan: sets `dikunci_pada` (now) once; a second call keeps the first time.

    The office's Tim SAKIP (from the plan page) or whoever opens a quarter's cycle
    (its Kadin or Tim SAKIP) locks it; the first lock is written to the trail."""
    _pastikan_pengubah(actor, perjanjian.perangkat_daerah_id, Peran.TIM_SAKIP, Peran.KADIN)
    updated = PerjanjianKinerja.objects.filter(pk=perjanjian.pk, dikunci_pada__isnull=True).update(
        dikunci_pada=timezone.now()
    )
    if updated:
        perjanjian.dikunci_pada = PerjanjianKinerja.objects.values_list("dikunci_pada", flat=True).get(pk=perjanjian.pk)
        _catat(actor=actor, perjanjian=perjanjian, entitas=E.PERJANJIAN, entitas_id=perjanjian.pk, aksi=A.KUNCI,
               sebelum={"dikunci_pada": None}, sesudah={"dikunci_pada": perjanjian.dikunci_pada})
    elif perjanjian.dikunci_pada is None:
        perjanjian.refresh_from_db(fields=["dikunci_pada"])


@transaction.atomic
def pk_revise(
    *,
    perjanjian: PerjanjianKinerja,
    alasan: str,
    tanggal: datetime.date,
    actor: User,
) -> PerjanjianKinerja:
    """Copy the whole plan into a new version (versi + 1) with `alasan` and `tanggal`.

    The old version is marked no longer valid and keeps its rows; the new one is
    unlocked, carries copies of the realisasi, their evidence rows and budget
    realisations (see the module docstring).
    """
    _pastikan_pengubah(actor, perjanjian.perangkat_daerah_id)
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=perjanjian.pk)
    if not pk.berlaku:
        raise ValidationError(_("Hanya versi yang berlaku yang dapat direvisi."))
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Tuliskan alasan revisi.")})
    if not isinstance(tanggal, datetime.date):
        raise ValidationError({"tanggal": _("Isi tanggal revisi.")})
    if tanggal.year != pk.tahun:
        raise ValidationError({"tanggal": _("Tanggal revisi harus dalam tahun %(tahun)s.") % {"tahun": pk.tahun}})

    versi_baru = (
        PerjanjianKinerja.objects.filter(perangkat_daerah_id=pk.perangkat_daerah_id, tahun=pk.tahun).aggregate(
            m=Max("versi")
        )["m"]
        + 1
    )
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(berlaku=False)
    perjanjian.berlaku = False
    baru = PerjanjianKinerja.objects.create(
        perangkat_daerah_id=pk.perangkat_daerah_id,
        tahun=pk.tahun,
        versi=versi_baru,
        berlaku=True,
        tanggal=pk.tanggal,
        pihak_pertama_id=pk.pihak_pertama_id,
        pihak_kedua_nama=pk.pihak_kedua_nama,
        pihak_kedua_jabatan=pk.pihak_kedua_jabatan,
        alasan_revisi=alasan,
        tanggal_revisi=tanggal,
    )
    _salin_rencana(pk, baru)
    _catat(actor=actor, perjanjian=baru, entitas=E.PERJANJIAN, entitas_id=baru.pk, aksi=A.REVISI,
           sebelum={"perjanjian": pk.pk, "versi": pk.versi}, sesudah=potret(baru))
    return baru


def _salin_rencana(lama: PerjanjianKinerja, baru: PerjanjianKinerja) -> None:
    indikator_map: dict[int, Indikator] = {}
    for sasaran in lama.sasaran.prefetch_related("indikator__target_triwulan", "indikator__realisasi__bukti"):
        s_baru = SasaranStrategis.objects.create(
            perjanjian=baru, kode=sasaran.kode, uraian=sasaran.uraian, urutan=sasaran.urutan
        )
        for ind in sasaran.indikator.all():
            i_baru = Indikator.objects.create(
                sasaran=s_baru,
                kode=ind.kode,
                nama=ind.nama,
                satuan=ind.satuan,
                is_iku=ind.is_iku,
                polaritas=ind.polaritas,
                agregasi=ind.agregasi,
                desimal=ind.desimal,
                unit_penanggung_jawab_id=ind.unit_penanggung_jawab_id,
                target_tahunan=ind.target_tahunan,
                target_tahunan_maks=ind.target_tahunan_maks,
                urutan=ind.urutan,
            )
            indikator_map[ind.pk] = i_baru
            TargetTriwulan.objects.bulk_create(
                TargetTriwulan(
                    indikator=i_baru, triwulan=t.triwulan, target=t.target, target_maks=t.target_maks,
                    rencana_aksi=t.rencana_aksi,
                )
                for t in ind.target_triwulan.all()
            )
            for r in ind.realisasi.all():
                r_baru = Realisasi.objects.create(
                    indikator=i_baru, triwulan=r.triwulan, nilai=r.nilai, catatan=r.catatan,
                    diisi_oleh_id=r.diisi_oleh_id, diisi_pada=r.diisi_pada,
                )
                for b in r.bukti.all():
                    salinan = BuktiDukung(
                        realisasi=r_baru, nama_asli=b.nama_asli, jenis_konten=b.jenis_konten, ukuran=b.ukuran,
                        keterangan=b.keterangan, diunggah_oleh_id=b.diunggah_oleh_id,
                    )
                    salinan.berkas.name = b.berkas.name  # same stored file, no copy
                    salinan.save()
                    BuktiDukung.objects.filter(pk=salinan.pk).update(diunggah_pada=b.diunggah_pada)
    for prog in lama.program.prefetch_related("anggaran_triwulan", "realisasi"):
        p_baru = Program.objects.create(
            perjanjian=baru, kode=prog.kode, nama=prog.nama, anggaran=prog.anggaran, urutan=prog.urutan
        )
        AnggaranTriwulan.objects.bulk_create(
            AnggaranTriwulan(program=p_baru, triwulan=a.triwulan, anggaran=a.anggaran)
            for a in prog.anggaran_triwulan.all()
        )
        RealisasiAnggaran.objects.bulk_create(
            RealisasiAnggaran(program=p_baru, triwulan=r.triwulan, nilai=r.nilai, diisi_oleh_id=r.diisi_oleh_id,
                              diisi_pada=r.diisi_pada)
            for r in prog.realisasi.all()
        )
    iki_map: dict[int, IKI] = {}
    sisa = list(lama.iki.all())
    while sisa:  # parents before children
        berikut = []
        for iki in sisa:
            if iki.induk_iki_id is not None and iki.induk_iki_id not in iki_map:
                berikut.append(iki)
                continue
            iki_map[iki.pk] = IKI.objects.create(
                perjanjian=baru,
                jabatan_id=iki.jabatan_id,
                induk_indikator=indikator_map.get(iki.induk_indikator_id) if iki.induk_indikator_id else None,
                induk_iki=iki_map.get(iki.induk_iki_id) if iki.induk_iki_id else None,
                nama=iki.nama,
                satuan=iki.satuan,
                polaritas=iki.polaritas,
                target_tahunan=iki.target_tahunan,
                target_tw1=iki.target_tw1,
                target_tw2=iki.target_tw2,
                target_tw3=iki.target_tw3,
                target_tw4=iki.target_tw4,
                urutan=iki.urutan,
            )
        if len(berikut) == len(sisa):  # pragma: no cover - a cycle cannot be stored through the services
            raise ValidationError(_("Pohon IKI mengandung siklus."))
        sisa = berikut
