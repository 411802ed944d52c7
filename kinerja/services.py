"""Every write to performance data. Keyword-only, atomic, Indonesian errors.

The frozen-year rule lives here: every change to a plan (sasaran, indicators,
targets, programmes, budgets, IKI) goes through `_pastikan_dapat_diubah`, which
refuses plans that are locked (`dikunci_pada` set, see `pk_lock`) or no longer
the valid version. A locked plan changes only through `pk_revise`.

Revisions (`pk_revise`) copy the whole plan into version + 1 and mark the old one
no longer valid. Realisasi are keyed to indicators, so the new version's
indicators get *copies* of the realisasi (values, notes, who/when, and the
evidence rows pointing at the same stored files) and budget realisations that
exist at the time of the revision; the old version keeps its own rows untouched,
so a quarter measured with the old version (its cycle points to that version)
still shows exactly what was measured. The new version starts unlocked so the
change can be made; `pk_lock` locks it again (idempotent — the SOP engine calls it
whenever a quarterly cycle opens, and Tim SAKIP can lock it from the PK page).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import DecimalValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from organisasi.models import Jabatan, Pegawai, PerangkatDaerah, Unit

from . import calculations as calc
from .models import (
    IKI,
    NILAI,
    Agregasi,
    AnggaranTriwulan,
    BuktiDukung,
    Indikator,
    PerjanjianKinerja,
    Polaritas,
    Program,
    Realisasi,
    RealisasiAnggaran,
    SasaranStrategis,
    TargetTriwulan,
)
from .validators import validate_bukti

TRIWULAN = (1, 2, 3, 4)
TINGKAT_URUT = {
    Jabatan.Tingkat.KEPALA: 4,
    Jabatan.Tingkat.KABID: 3,
    Jabatan.Tingkat.KASUBBAG: 2,
    Jabatan.Tingkat.PELAKSANA: 1,
}


class KonflikRevisi(Exception):
    """The realisasi was saved by someone else since the form was loaded."""

    def __init__(self, realisasi: Realisasi | None = None):
        self.realisasi = realisasi
        super().__init__(_("Realisasi ini sudah diubah orang lain. Muat ulang halaman lalu ulangi."))


@dataclass(frozen=True)
class TargetTW:
    """One quarter of an indicator's Rencana Aksi."""

    target: Decimal | None = None
    target_maks: Decimal | None = None
    rencana_aksi: str = ""


# --- helpers -----------------------------------------------------------------------------------


def _cek_angka(
    value: Decimal | None,
    field: str,
    *,
    max_digits: int = NILAI["max_digits"],
    decimal_places: int = NILAI["decimal_places"],
    minimum: Decimal | None = None,
    wajib: bool = False,
) -> Decimal | None:
    """A number that fits its column, or ValidationError({field: ...})."""
    if value is None:
        if wajib:
            raise ValidationError({field: _("Wajib diisi.")})
        return None
    if not isinstance(value, Decimal):
        try:
            value = Decimal(str(value))
        except ArithmeticError:
            raise ValidationError({field: _("Masukkan angka.")}) from None
    if not value.is_finite():
        raise ValidationError({field: _("Masukkan angka.")})
    try:
        DecimalValidator(max_digits, decimal_places)(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None
    if minimum is not None and value < minimum:
        raise ValidationError({field: _("Tidak boleh kurang dari %(min)s.") % {"min": minimum}})
    return value


def _cek_triwulan(triwulan: int) -> int:
    if triwulan not in TRIWULAN:
        raise ValidationError({"triwulan": _("Triwulan harus 1 sampai 4.")})
    return triwulan


def _pastikan_kantor(actor: Pegawai | None, pd_id: int) -> None:
    if actor is not None and actor.perangkat_daerah_id != pd_id:
        raise PermissionDenied(_("Data perangkat daerah lain."))


def _pastikan_dapat_diubah(perjanjian: PerjanjianKinerja) -> PerjanjianKinerja:
    """The plan re-read under a row lock; refused when locked or superseded."""
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=perjanjian.pk)
    if not pk.berlaku:
        raise ValidationError(
            _("Versi %(versi)s sudah tidak berlaku; ubah versi yang berlaku.") % {"versi": pk.versi}
        )
    if pk.terkunci:
        raise ValidationError(
            _("Rencana kinerja tahun ini sudah dikunci; buat revisi (versi baru dengan alasan dan tanggal) untuk mengubahnya.")
        )
    perjanjian.dikunci_pada = pk.dikunci_pada
    return pk


def _fmt(value: Decimal) -> str:
    """A number in the active locale (1.234,5), without trailing zeros."""
    value = value.normalize()
    exp = value.as_tuple().exponent
    places = max(0, -exp) if isinstance(exp, int) else 0
    return number_format(value, decimal_pos=places, force_grouping=True)


def _urutan_berikut(qs) -> int:
    return (qs.aggregate(m=Max("urutan"))["m"] or 0) + 1


# --- Perjanjian Kinerja ------------------------------------------------------------------------


@transaction.atomic
def pk_create(
    *,
    perangkat_daerah: PerangkatDaerah,
    tahun: int,
    tanggal: datetime.date | None = None,
    pihak_pertama: Pegawai | None = None,
    pihak_kedua_nama: str = "",
    pihak_kedua_jabatan: str = "Bupati",
) -> PerjanjianKinerja:
    """Version 1 of an office's plan for `tahun`; refused when the year already has a plan."""
    if not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise ValidationError({"tahun": _("Tahun harus antara 2000 dan 2100.")})
    if PerjanjianKinerja.objects.filter(perangkat_daerah=perangkat_daerah, tahun=tahun).exists():
        raise ValidationError({"tahun": _("Perjanjian kinerja tahun %(tahun)s sudah ada.") % {"tahun": tahun}})
    if pihak_pertama is not None:
        _pastikan_kantor(pihak_pertama, perangkat_daerah.pk)
    return PerjanjianKinerja.objects.create(
        perangkat_daerah=perangkat_daerah,
        tahun=tahun,
        tanggal=tanggal,
        pihak_pertama=pihak_pertama,
        pihak_kedua_nama=pihak_kedua_nama,
        pihak_kedua_jabatan=pihak_kedua_jabatan or "Bupati",
    )


@transaction.atomic
def pk_update(
    *,
    perjanjian: PerjanjianKinerja,
    tanggal: datetime.date | None,
    pihak_pertama: Pegawai | None,
    pihak_kedua_nama: str,
    pihak_kedua_jabatan: str,
) -> PerjanjianKinerja:
    """The header of the agreement (date, parties). Allowed while the plan is open."""
    pk = _pastikan_dapat_diubah(perjanjian)
    if pihak_pertama is not None:
        _pastikan_kantor(pihak_pertama, pk.perangkat_daerah_id)
    pk.tanggal = tanggal
    pk.pihak_pertama = pihak_pertama
    pk.pihak_kedua_nama = pihak_kedua_nama
    pk.pihak_kedua_jabatan = pihak_kedua_jabatan or "Bupati"
    pk.save(update_fields=["tanggal", "pihak_pertama", "pihak_kedua_nama", "pihak_kedua_jabatan"])
    return pk


@transaction.atomic
def pk_lock(*, perjanjian: PerjanjianKinerja) -> None:
    """Freeze the plan: sets `dikunci_pada` (now) once; a second call keeps the first time."""
    updated = PerjanjianKinerja.objects.filter(pk=perjanjian.pk, dikunci_pada__isnull=True).update(
        dikunci_pada=timezone.now()
    )
    if updated:
        perjanjian.dikunci_pada = PerjanjianKinerja.objects.values_list("dikunci_pada", flat=True).get(pk=perjanjian.pk)
    elif perjanjian.dikunci_pada is None:
        perjanjian.refresh_from_db(fields=["dikunci_pada"])


@transaction.atomic
def pk_revise(
    *,
    perjanjian: PerjanjianKinerja,
    alasan: str,
    tanggal: datetime.date,
    actor: Pegawai,
) -> PerjanjianKinerja:
    """Copy the whole plan into a new version (versi + 1) with `alasan` and `tanggal`.

    The old version is marked no longer valid and keeps its rows; the new one is
    unlocked, carries copies of the realisasi, their evidence rows and budget
    realisations (see the module docstring).
    """
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=perjanjian.pk)
    _pastikan_kantor(actor, pk.perangkat_daerah_id)
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


# --- sasaran -----------------------------------------------------------------------------------


@transaction.atomic
def sasaran_create(
    *, perjanjian: PerjanjianKinerja, uraian: str, kode: str = "", urutan: int | None = None
) -> SasaranStrategis:
    """A strategic goal appended to an open plan."""
    _pastikan_dapat_diubah(perjanjian)
    uraian = (uraian or "").strip()
    if not uraian:
        raise ValidationError({"uraian": _("Tuliskan sasaran strategis.")})
    if urutan is None:
        urutan = _urutan_berikut(perjanjian.sasaran.all())
    return SasaranStrategis.objects.create(perjanjian=perjanjian, uraian=uraian, kode=(kode or "").strip(), urutan=urutan)


@transaction.atomic
def sasaran_update(*, sasaran: SasaranStrategis, uraian: str, kode: str = "", urutan: int | None = None) -> SasaranStrategis:
    _pastikan_dapat_diubah(sasaran.perjanjian)
    uraian = (uraian or "").strip()
    if not uraian:
        raise ValidationError({"uraian": _("Tuliskan sasaran strategis.")})
    sasaran.uraian = uraian
    sasaran.kode = (kode or "").strip()
    if urutan is not None:
        sasaran.urutan = urutan
    sasaran.save()
    return sasaran


@transaction.atomic
def sasaran_delete(*, sasaran: SasaranStrategis) -> None:
    """Refused while any of its indicators has realisasi (they would be lost)."""
    _pastikan_dapat_diubah(sasaran.perjanjian)
    if Realisasi.objects.filter(indikator__sasaran=sasaran).exists():
        raise ValidationError(_("Sasaran ini tidak dapat dihapus karena indikatornya sudah memiliki realisasi."))
    sasaran.delete()


# --- indikator ---------------------------------------------------------------------------------


def _target_tw(value: TargetTW | Mapping | Decimal | None) -> TargetTW:
    if isinstance(value, TargetTW):
        return value
    if isinstance(value, Mapping):
        return TargetTW(
            target=value.get("target"), target_maks=value.get("target_maks"),
            rencana_aksi=value.get("rencana_aksi") or "",
        )
    return TargetTW(target=value)


def _cek_rentang(polaritas: str, bawah: Decimal | None, atas: Decimal | None, field_atas: str) -> None:
    if polaritas == Polaritas.RENTANG:
        if bawah is not None and atas is None:
            raise ValidationError({field_atas: _("Isi batas atas rentang.")})
        if bawah is None and atas is not None:
            raise ValidationError({field_atas: _("Isi batas bawah rentang terlebih dahulu.")})
        if bawah is not None and atas is not None and atas < bawah:
            raise ValidationError({field_atas: _("Batas atas harus lebih besar atau sama dengan batas bawah.")})
    elif atas is not None:
        raise ValidationError({field_atas: _("Batas atas hanya untuk indikator dengan arah 'dalam rentang'.")})


def _cek_indikator(
    *,
    pd_id: int,
    nama: str,
    satuan: str,
    polaritas: str,
    agregasi: str,
    desimal: int,
    unit_penanggung_jawab: Unit | None,
    target_tahunan: Decimal | None,
    target_tahunan_maks: Decimal | None,
    target_triwulan: Mapping[int, TargetTW | Mapping | Decimal | None] | None,
) -> dict[int, TargetTW]:
    errors: dict[str, list[str]] = {}

    def salah(field: str, exc: ValidationError) -> None:
        for k, v in exc.message_dict.items():
            errors.setdefault(k if k != "__all__" else field, []).extend(v)

    if not (nama or "").strip():
        errors["nama"] = [_("Tuliskan nama indikator.")]
    if not (satuan or "").strip():
        errors["satuan"] = [_("Isi satuan, mis. %, orang, hari, Rupiah.")]
    if polaritas not in Polaritas.values:
        errors["polaritas"] = [_("Pilih arah indikator.")]
    if agregasi not in Agregasi.values:
        errors["agregasi"] = [_("Pilih cara agregasi tahunan.")]
    if not isinstance(desimal, int) or isinstance(desimal, bool) or not 0 <= desimal <= 4:
        errors["desimal"] = [_("Jumlah desimal 0 sampai 4.")]
    if unit_penanggung_jawab is not None and unit_penanggung_jawab.perangkat_daerah_id != pd_id:
        errors["unit_penanggung_jawab"] = [_("Unit harus dari perangkat daerah ini.")]
    for field, value in (("target_tahunan", target_tahunan), ("target_tahunan_maks", target_tahunan_maks)):
        try:
            _cek_angka(value, field)
        except ValidationError as exc:
            salah(field, exc)
    if not errors:
        try:
            _cek_rentang(polaritas, target_tahunan, target_tahunan_maks, "target_tahunan_maks")
        except ValidationError as exc:
            salah("target_tahunan_maks", exc)
    targets = {tw: _target_tw((target_triwulan or {}).get(tw)) for tw in TRIWULAN}
    for tw, t in targets.items():
        for field, value in ((f"target_tw{tw}", t.target), (f"target_maks_tw{tw}", t.target_maks)):
            try:
                _cek_angka(value, field)
            except ValidationError as exc:
                salah(field, exc)
        if f"target_tw{tw}" not in errors and f"target_maks_tw{tw}" not in errors and polaritas in Polaritas.values:
            try:
                _cek_rentang(polaritas, t.target, t.target_maks, f"target_maks_tw{tw}")
            except ValidationError as exc:
                salah(f"target_maks_tw{tw}", exc)
    if errors:
        raise ValidationError(errors)
    return targets


def _simpan_target(indikator: Indikator, targets: dict[int, TargetTW]) -> None:
    for tw, t in targets.items():
        TargetTriwulan.objects.update_or_create(
            indikator=indikator,
            triwulan=tw,
            defaults=dict(target=t.target, target_maks=t.target_maks, rencana_aksi=(t.rencana_aksi or "").strip()),
        )


@transaction.atomic
def indikator_create(
    *,
    sasaran: SasaranStrategis,
    nama: str,
    satuan: str,
    polaritas: str = Polaritas.NAIK,
    agregasi: str = Agregasi.TERAKHIR,
    desimal: int = 2,
    is_iku: bool = False,
    kode: str = "",
    unit_penanggung_jawab: Unit | None = None,
    target_tahunan: Decimal | None = None,
    target_tahunan_maks: Decimal | None = None,
    target_triwulan: Mapping[int, TargetTW | Mapping | Decimal | None] | None = None,
    urutan: int | None = None,
) -> Indikator:
    """An indicator of an open plan with its yearly target and its four quarterly targets (Rencana Aksi).

    `target_triwulan` maps 1–4 to a `TargetTW`, a dict with the same keys, or a
    bare Decimal; missing quarters get an empty target row. Range indicators need
    both bounds with upper ≥ lower; other directions take no upper bound.
    """
    pk = _pastikan_dapat_diubah(sasaran.perjanjian)
    targets = _cek_indikator(
        pd_id=pk.perangkat_daerah_id, nama=nama, satuan=satuan, polaritas=polaritas, agregasi=agregasi,
        desimal=desimal, unit_penanggung_jawab=unit_penanggung_jawab, target_tahunan=target_tahunan,
        target_tahunan_maks=target_tahunan_maks, target_triwulan=target_triwulan,
    )
    if urutan is None:
        urutan = _urutan_berikut(sasaran.indikator.all())
    indikator = Indikator.objects.create(
        sasaran=sasaran, kode=(kode or "").strip(), nama=nama.strip(), satuan=satuan.strip(), is_iku=bool(is_iku),
        polaritas=polaritas, agregasi=agregasi, desimal=desimal, unit_penanggung_jawab=unit_penanggung_jawab,
        target_tahunan=target_tahunan, target_tahunan_maks=target_tahunan_maks, urutan=urutan,
    )
    _simpan_target(indikator, targets)
    return indikator


@transaction.atomic
def indikator_update(
    *,
    indikator: Indikator,
    nama: str,
    satuan: str,
    polaritas: str,
    agregasi: str,
    desimal: int,
    is_iku: bool,
    kode: str = "",
    unit_penanggung_jawab: Unit | None = None,
    target_tahunan: Decimal | None = None,
    target_tahunan_maks: Decimal | None = None,
    target_triwulan: Mapping[int, TargetTW | Mapping | Decimal | None] | None = None,
    sasaran: SasaranStrategis | None = None,
    urutan: int | None = None,
) -> Indikator:
    """Change an indicator of an open plan and replace its four quarterly targets.

    Un-marking an IKU that has IKI cascaded from it is refused.
    """
    pk = _pastikan_dapat_diubah(indikator.sasaran.perjanjian)
    if sasaran is not None and sasaran.perjanjian_id != pk.pk:
        raise ValidationError({"sasaran": _("Sasaran harus dari perjanjian kinerja yang sama.")})
    targets = _cek_indikator(
        pd_id=pk.perangkat_daerah_id, nama=nama, satuan=satuan, polaritas=polaritas, agregasi=agregasi,
        desimal=desimal, unit_penanggung_jawab=unit_penanggung_jawab, target_tahunan=target_tahunan,
        target_tahunan_maks=target_tahunan_maks, target_triwulan=target_triwulan,
    )
    if not is_iku and indikator.is_iku and indikator.iki.exists():
        raise ValidationError({"is_iku": _("Indikator ini menjadi induk IKI; hapus atau pindahkan IKI-nya dahulu.")})
    indikator.kode = (kode or "").strip()
    indikator.nama = nama.strip()
    indikator.satuan = satuan.strip()
    indikator.polaritas = polaritas
    indikator.agregasi = agregasi
    indikator.desimal = desimal
    indikator.is_iku = bool(is_iku)
    indikator.unit_penanggung_jawab = unit_penanggung_jawab
    indikator.target_tahunan = target_tahunan
    indikator.target_tahunan_maks = target_tahunan_maks
    if sasaran is not None:
        indikator.sasaran = sasaran
    if urutan is not None:
        indikator.urutan = urutan
    indikator.save()
    _simpan_target(indikator, targets)
    return indikator


@transaction.atomic
def indikator_delete(*, indikator: Indikator) -> None:
    """Refused when the indicator already has realisasi."""
    _pastikan_dapat_diubah(indikator.sasaran.perjanjian)
    if indikator.realisasi.exists():
        raise ValidationError(_("Indikator ini tidak dapat dihapus karena sudah memiliki realisasi."))
    indikator.delete()


# --- program -----------------------------------------------------------------------------------


def _cek_program(nama: str, anggaran: Decimal | None, anggaran_triwulan: Mapping[int, Decimal | None] | None) -> dict[int, Decimal]:
    errors: dict[str, list[str]] = {}
    if not (nama or "").strip():
        errors["nama"] = [_("Tuliskan nama program/kegiatan.")]
    elif len(nama.strip()) > 300:
        errors["nama"] = [_("Paling banyak 300 karakter.")]
    try:
        anggaran = _cek_angka(anggaran, "anggaran", max_digits=18, decimal_places=2, minimum=Decimal(0), wajib=True)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    per_tw: dict[int, Decimal] = {}
    for tw in TRIWULAN:
        try:
            per_tw[tw] = _cek_angka(
                (anggaran_triwulan or {}).get(tw), f"anggaran_tw{tw}", max_digits=18, decimal_places=2,
                minimum=Decimal(0),
            ) or Decimal(0)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if not errors:
        total = sum(per_tw.values(), Decimal(0))
        if total and total != anggaran:
            errors["anggaran"] = [
                _("Jumlah anggaran triwulan (%(total)s) harus sama dengan anggaran tahunan (%(anggaran)s).")
                % {"total": total, "anggaran": anggaran}
            ]
    if errors:
        raise ValidationError(errors)
    return per_tw


def _simpan_anggaran_tw(program: Program, per_tw: dict[int, Decimal]) -> None:
    for tw, nilai in per_tw.items():
        AnggaranTriwulan.objects.update_or_create(program=program, triwulan=tw, defaults={"anggaran": nilai})


@transaction.atomic
def program_create(
    *,
    perjanjian: PerjanjianKinerja,
    nama: str,
    anggaran: Decimal,
    kode: str = "",
    anggaran_triwulan: Mapping[int, Decimal | None] | None = None,
    urutan: int | None = None,
) -> Program:
    """A programme/activity of an open plan with its yearly budget and its budget per quarter.

    The quarterly budgets are either all empty/zero (no breakdown) or add up to the yearly budget.
    """
    _pastikan_dapat_diubah(perjanjian)
    per_tw = _cek_program(nama, anggaran, anggaran_triwulan)
    if urutan is None:
        urutan = _urutan_berikut(perjanjian.program.all())
    program = Program.objects.create(
        perjanjian=perjanjian, nama=nama.strip(), kode=(kode or "").strip(), anggaran=anggaran, urutan=urutan
    )
    _simpan_anggaran_tw(program, per_tw)
    return program


@transaction.atomic
def program_update(
    *,
    program: Program,
    nama: str,
    anggaran: Decimal,
    kode: str = "",
    anggaran_triwulan: Mapping[int, Decimal | None] | None = None,
    urutan: int | None = None,
) -> Program:
    _pastikan_dapat_diubah(program.perjanjian)
    per_tw = _cek_program(nama, anggaran, anggaran_triwulan)
    program.nama = nama.strip()
    program.kode = (kode or "").strip()
    program.anggaran = anggaran
    if urutan is not None:
        program.urutan = urutan
    program.save()
    _simpan_anggaran_tw(program, per_tw)
    return program


@transaction.atomic
def program_delete(*, program: Program) -> None:
    """Refused when budget realisation has been entered."""
    _pastikan_dapat_diubah(program.perjanjian)
    if program.realisasi.exists():
        raise ValidationError(_("Program ini tidak dapat dihapus karena sudah memiliki realisasi anggaran."))
    program.delete()


# --- IKI ---------------------------------------------------------------------------------------


def _cek_iki(
    *,
    pk: PerjanjianKinerja,
    jabatan: Jabatan,
    induk_indikator: Indikator | None,
    induk_iki: IKI | None,
    nama: str,
    satuan: str,
    polaritas: str,
    targets: dict[str, Decimal | None],
    diri: IKI | None = None,
) -> None:
    errors: dict[str, list[str]] = {}
    if not (nama or "").strip():
        errors["nama"] = [_("Tuliskan nama IKI.")]
    if not (satuan or "").strip():
        errors["satuan"] = [_("Isi satuan.")]
    if polaritas not in (Polaritas.NAIK, Polaritas.TURUN):
        errors["polaritas"] = [_("Arah IKI: semakin tinggi atau semakin rendah semakin baik.")]
    if jabatan is None or jabatan.perangkat_daerah_id != pk.perangkat_daerah_id:
        errors["jabatan"] = [_("Jabatan harus dari perangkat daerah ini.")]
    if (induk_indikator is None) == (induk_iki is None):
        errors["induk"] = [_("Pilih tepat satu induk: sebuah IKU atau sebuah IKI di atasnya.")]
    elif induk_indikator is not None:
        if induk_indikator.sasaran.perjanjian_id != pk.pk:
            errors["induk_indikator"] = [_("IKU induk harus dari perjanjian kinerja yang sama.")]
        elif not induk_indikator.is_iku:
            errors["induk_indikator"] = [_("Induk harus indikator kinerja utama (IKU).")]
    else:
        if induk_iki.perjanjian_id != pk.pk:
            errors["induk_iki"] = [_("IKI induk harus dari perjanjian kinerja yang sama.")]
        elif jabatan is not None and TINGKAT_URUT.get(induk_iki.jabatan.tingkat, 0) <= TINGKAT_URUT.get(jabatan.tingkat, 0):
            errors["induk_iki"] = [_("IKI induk harus milik jabatan yang lebih tinggi.")]
        elif diri is not None and diri.pk is not None:
            # walking up from the new parent must never meet this IKI
            node, seen = induk_iki, set()
            while node is not None and node.pk not in seen:
                if node.pk == diri.pk:
                    errors["induk_iki"] = [_("IKI tidak boleh menjadi induk dari dirinya sendiri atau turunannya.")]
                    break
                seen.add(node.pk)
                node = node.induk_iki
    for field, value in targets.items():
        try:
            _cek_angka(value, field)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def iki_create(
    *,
    perjanjian: PerjanjianKinerja,
    jabatan: Jabatan,
    nama: str,
    satuan: str,
    polaritas: str = Polaritas.NAIK,
    induk_indikator: Indikator | None = None,
    induk_iki: IKI | None = None,
    target_tahunan: Decimal | None = None,
    target_triwulan: Mapping[int, Decimal | None] | None = None,
    urutan: int | None = None,
) -> IKI:
    """An official's IKI, cascaded from exactly one parent: an IKU of the same plan,
    or an IKI of the same plan held by a higher position (Kadin > Kabid/Sekretaris >
    Kasubbag/Sub Koordinator > staff). The level rule also makes cycles impossible."""
    pk = _pastikan_dapat_diubah(perjanjian)
    tw = target_triwulan or {}
    targets = {"target_tahunan": target_tahunan, **{f"target_tw{i}": tw.get(i) for i in TRIWULAN}}
    _cek_iki(pk=pk, jabatan=jabatan, induk_indikator=induk_indikator, induk_iki=induk_iki, nama=nama, satuan=satuan,
             polaritas=polaritas, targets=targets)
    if urutan is None:
        urutan = _urutan_berikut(perjanjian.iki.all())
    return IKI.objects.create(
        perjanjian=perjanjian, jabatan=jabatan, induk_indikator=induk_indikator, induk_iki=induk_iki,
        nama=nama.strip(), satuan=satuan.strip(), polaritas=polaritas, urutan=urutan, **targets,
    )


@transaction.atomic
def iki_update(
    *,
    iki: IKI,
    jabatan: Jabatan,
    nama: str,
    satuan: str,
    polaritas: str,
    induk_indikator: Indikator | None = None,
    induk_iki: IKI | None = None,
    target_tahunan: Decimal | None = None,
    target_triwulan: Mapping[int, Decimal | None] | None = None,
) -> IKI:
    """Change an IKI; its new parent may not be itself or one of its descendants."""
    pk = _pastikan_dapat_diubah(iki.perjanjian)
    tw = target_triwulan or {}
    targets = {"target_tahunan": target_tahunan, **{f"target_tw{i}": tw.get(i) for i in TRIWULAN}}
    _cek_iki(pk=pk, jabatan=jabatan, induk_indikator=induk_indikator, induk_iki=induk_iki, nama=nama, satuan=satuan,
             polaritas=polaritas, targets=targets, diri=iki)
    if iki.turunan.exists() and any(
        TINGKAT_URUT.get(anak.jabatan.tingkat, 0) >= TINGKAT_URUT.get(jabatan.tingkat, 0)
        for anak in iki.turunan.select_related("jabatan")
    ):
        raise ValidationError({"jabatan": _("Jabatan harus lebih tinggi dari jabatan IKI turunannya.")})
    iki.jabatan = jabatan
    iki.nama = nama.strip()
    iki.satuan = satuan.strip()
    iki.polaritas = polaritas
    iki.induk_indikator = induk_indikator
    iki.induk_iki = induk_iki
    for field, value in targets.items():
        setattr(iki, field, value)
    iki.save()
    return iki


@transaction.atomic
def iki_delete(*, iki: IKI) -> None:
    """Refused while other IKI are cascaded from it."""
    _pastikan_dapat_diubah(iki.perjanjian)
    if iki.turunan.exists():
        raise ValidationError(_("IKI ini masih menjadi induk IKI lain; hapus turunannya dahulu."))
    iki.delete()


# --- realisasi ---------------------------------------------------------------------------------


@transaction.atomic
def realisasi_save(
    *,
    indikator: Indikator,
    triwulan: int,
    nilai: Decimal | None,
    catatan: str,
    actor: Pegawai,
    revisi_diharapkan: int | None = None,
) -> Realisasi:
    """Store an indicator's realised value of one quarter (creating the row on first save).

    The indicator row is locked first, so concurrent saves queue up. When
    `revisi_diharapkan` is given and differs from the stored `revisi` (0 for a row
    not yet saved), KonflikRevisi is raised and nothing changes. A value worse than
    the previous quarter's in the indicator's direction needs a `catatan`.
    Every save bumps `revisi` and records who and when.
    """
    _cek_triwulan(triwulan)
    indikator = Indikator.objects.select_for_update().select_related("sasaran__perjanjian").get(pk=indikator.pk)
    _pastikan_kantor(actor, indikator.sasaran.perjanjian.perangkat_daerah_id)
    nilai = _cek_angka(nilai, "nilai")
    catatan = (catatan or "").strip()
    realisasi = Realisasi.objects.select_for_update().filter(indikator=indikator, triwulan=triwulan).first()
    tersimpan = realisasi.revisi if realisasi else 0
    if revisi_diharapkan is not None and revisi_diharapkan != tersimpan:
        raise KonflikRevisi(realisasi)
    if triwulan > 1 and not catatan and nilai is not None:
        sebelumnya = Realisasi.objects.filter(indikator=indikator, triwulan=triwulan - 1).values_list("nilai", flat=True).first()
        target = TargetTriwulan.objects.filter(indikator=indikator, triwulan=triwulan).first()
        bawah = target.target if target and target.target is not None else indikator.target_tahunan
        atas = target.target_maks if target and target.target is not None else indikator.target_tahunan_maks
        if calc.is_worse(sebelumnya, nilai, indikator.polaritas, target=bawah, target_maks=atas):
            raise ValidationError({
                "catatan": _(
                    "Realisasi lebih buruk dari triwulan sebelumnya (%(sebelumnya)s → %(nilai)s); "
                    "tuliskan catatan penjelasannya."
                ) % {"sebelumnya": _fmt(sebelumnya), "nilai": _fmt(nilai)}
            })
    if realisasi is None:
        realisasi = Realisasi(indikator=indikator, triwulan=triwulan)
    realisasi.nilai = nilai
    realisasi.catatan = catatan
    realisasi.diisi_oleh = actor
    realisasi.diisi_pada = timezone.now()
    realisasi.revisi = tersimpan + 1
    realisasi.save()
    return realisasi


@transaction.atomic
def bukti_add(*, realisasi: Realisasi, berkas: UploadedFile, actor: Pegawai, keterangan: str = "") -> BuktiDukung:
    """Attach an evidence file to a saved realisasi after the checks of `validators.validate_bukti`."""
    realisasi = Realisasi.objects.select_related("indikator__sasaran__perjanjian").get(pk=realisasi.pk)
    _pastikan_kantor(actor, realisasi.indikator.sasaran.perjanjian.perangkat_daerah_id)
    try:
        info = validate_bukti(berkas)
    except ValidationError as exc:
        raise ValidationError({"berkas": exc.messages}) from None
    keterangan = (keterangan or "").strip()
    if len(keterangan) > 200:
        raise ValidationError({"keterangan": _("Paling banyak 200 karakter.")})
    bukti = BuktiDukung(
        realisasi=realisasi, nama_asli=info.nama_asli, jenis_konten=info.jenis_konten, ukuran=info.ukuran,
        keterangan=keterangan, diunggah_oleh=actor,
    )
    berkas.seek(0)
    bukti.berkas.save(info.nama_asli, berkas, save=False)
    bukti.save()
    return bukti


@transaction.atomic
def bukti_delete(*, bukti: BuktiDukung, actor: Pegawai) -> None:
    """Remove an evidence row. The stored file is kept when a revision copy still points at it."""
    _pastikan_kantor(actor, bukti.realisasi.indikator.sasaran.perjanjian.perangkat_daerah_id)
    nama = bukti.berkas.name
    storage = bukti.berkas.storage
    bukti.delete()
    if nama and not BuktiDukung.objects.filter(berkas=nama).exists():
        transaction.on_commit(lambda: storage.delete(nama))


@transaction.atomic
def realisasi_anggaran_save(*, program: Program, triwulan: int, nilai: Decimal, actor: Pegawai) -> RealisasiAnggaran:
    """A programme's budget realisation (Rupiah, ≥ 0) in one quarter, created or replaced."""
    _cek_triwulan(triwulan)
    program = Program.objects.select_for_update().select_related("perjanjian").get(pk=program.pk)
    _pastikan_kantor(actor, program.perjanjian.perangkat_daerah_id)
    nilai = _cek_angka(nilai, "nilai", max_digits=18, decimal_places=2, minimum=Decimal(0), wajib=True)
    obj, _created = RealisasiAnggaran.objects.update_or_create(
        program=program, triwulan=triwulan,
        defaults={"nilai": nilai, "diisi_oleh": actor, "diisi_pada": timezone.now()},
    )
    return obj
