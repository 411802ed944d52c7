"""Shared pieces of the kinerja services: errors, who may change a plan, the plan-lock
check, the plan's trail, number checks."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import DecimalValidator
from django.db.models import Max
from django.utils.translation import gettext as _

from organisasi.models import Jabatan, Pegawai, Peran
from organisasi.roles import peran_user

from ..models import NILAI, JejakRencana, PerjanjianKinerja, Realisasi

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


def _pastikan_pengubah(actor: User, pd_id: int, *peran: str) -> None:
    """`actor` holds one of `peran` (default: Tim SAKIP) in office `pd_id`, or PermissionDenied:
    only the office's Tim SAKIP changes its plan."""
    p = peran_user(actor)
    if p.pegawai is None or p.pegawai.perangkat_daerah_id != pd_id or not any(
        p.punya(x) for x in peran or (Peran.TIM_SAKIP,)
    ):
        raise PermissionDenied(_("Hanya Tim SAKIP perangkat daerah ini yang dapat mengubah rencana kinerjanya."))


def _pastikan_dapat_diubah(perjanjian: PerjanjianKinerja, *, actor: User) -> PerjanjianKinerja:
    """The plan re-read under a row lock; refused when `actor` may not change it
    (PermissionDenied), or when it is locked or superseded (ValidationError)."""
    _pastikan_pengubah(actor, perjanjian.perangkat_daerah_id)
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


def potret(obj, **tambahan) -> dict:
    """A row's field values for the trail, as Django's serialization framework gives them
    (foreign keys as ids), plus `tambahan` (e.g. an indicator's quarterly targets)."""
    return {**serializers.serialize("python", [obj])[0]["fields"], **tambahan}


def _catat(
    *,
    actor: User,
    perjanjian: PerjanjianKinerja,
    entitas: str,
    entitas_id: int,
    aksi: str,
    sebelum: dict | None = None,
    sesudah: dict | None = None,
) -> JejakRencana:
    """Append one row to the plan's trail (and nothing else)."""
    pegawai = peran_user(actor).pegawai
    return JejakRencana.objects.create(
        perjanjian=perjanjian, aktor=actor, aktor_nama=pegawai.nama_lengkap if pegawai else actor.get_username(),
        entitas=entitas, entitas_id=entitas_id, aksi=aksi, sebelum=sebelum, sesudah=sesudah,
    )


def _urutan_berikut(qs) -> int:
    return (qs.aggregate(m=Max("urutan"))["m"] or 0) + 1
