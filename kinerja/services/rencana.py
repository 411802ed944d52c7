"""The plan's parts: sasaran, indicators with quarterly targets, programmes with quarterly budgets, IKI.

Every write here takes the `actor` (a login) and first passes `_pastikan_dapat_diubah`:
only the office's Tim SAKIP changes its plan (PermissionDenied), and only while the plan
is open (frozen-year rule). Every write appends a `JejakRencana` row (who, when, what,
values before and after).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from organisasi.models import Jabatan, Unit

from ..models import (
    IKI,
    Agregasi,
    AnggaranTriwulan,
    Indikator,
    JejakRencana,
    PerjanjianKinerja,
    Polaritas,
    Program,
    Realisasi,
    SasaranStrategis,
    TargetTriwulan,
)
from .umum import (
    TINGKAT_URUT,
    TRIWULAN,
    TargetTW,
    _catat,
    _cek_angka,
    _pastikan_dapat_diubah,
    _urutan_berikut,
    potret,
)

E, A = JejakRencana.Entitas, JejakRencana.Aksi

# --- sasaran -----------------------------------------------------------------------------------


@transaction.atomic
def sasaran_create(
    *, perjanjian: PerjanjianKinerja, uraian: str, kode: str = "", urutan: int | None = None, actor: User
) -> SasaranStrategis:
    """A strategic goal appended to an open plan."""
    pk = _pastikan_dapat_diubah(perjanjian, actor=actor)
    uraian = (uraian or "").strip()
    if not uraian:
        raise ValidationError({"uraian": _("Tuliskan sasaran strategis.")})
    if urutan is None:
        urutan = _urutan_berikut(perjanjian.sasaran.all())
    sasaran = SasaranStrategis.objects.create(perjanjian=perjanjian, uraian=uraian, kode=(kode or "").strip(), urutan=urutan)
    _catat(actor=actor, perjanjian=pk, entitas=E.SASARAN, entitas_id=sasaran.pk, aksi=A.BUAT, sesudah=potret(sasaran))
    return sasaran


@transaction.atomic
def sasaran_update(
    *, sasaran: SasaranStrategis, uraian: str, kode: str = "", urutan: int | None = None, actor: User
) -> SasaranStrategis:
    pk = _pastikan_dapat_diubah(sasaran.perjanjian, actor=actor)
    uraian = (uraian or "").strip()
    if not uraian:
        raise ValidationError({"uraian": _("Tuliskan sasaran strategis.")})
    sebelum = potret(sasaran)
    sasaran.uraian = uraian
    sasaran.kode = (kode or "").strip()
    if urutan is not None:
        sasaran.urutan = urutan
    sasaran.save()
    _catat(actor=actor, perjanjian=pk, entitas=E.SASARAN, entitas_id=sasaran.pk, aksi=A.UBAH, sebelum=sebelum,
           sesudah=potret(sasaran))
    return sasaran


@transaction.atomic
def sasaran_delete(*, sasaran: SasaranStrategis, actor: User) -> None:
    """Refused while any of its indicators has realisasi (they would be lost)."""
    pk = _pastikan_dapat_diubah(sasaran.perjanjian, actor=actor)
    if Realisasi.objects.filter(indikator__sasaran=sasaran).exists():
        raise ValidationError(_("Sasaran ini tidak dapat dihapus karena indikatornya sudah memiliki realisasi."))
    sasaran_id, sebelum = sasaran.pk, potret(sasaran)
    sasaran.delete()
    _catat(actor=actor, perjanjian=pk, entitas=E.SASARAN, entitas_id=sasaran_id, aksi=A.HAPUS, sebelum=sebelum)


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


def _potret_indikator(indikator: Indikator) -> dict:
    """The indicator's fields and its quarterly targets (Rencana Aksi), for the trail."""
    targets = {
        t.triwulan: {"target": t.target, "target_maks": t.target_maks, "rencana_aksi": t.rencana_aksi}
        for t in indikator.target_triwulan.order_by("triwulan")
    }
    return potret(indikator, target_triwulan=targets)


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
    actor: User,
) -> Indikator:
    """An indicator of an open plan with its yearly target and its four quarterly targets (Rencana Aksi).

    `target_triwulan` maps 1–4 to a `TargetTW`, a dict with the same keys, or a
    bare Decimal; missing quarters get an empty target row. Range indicators need
    both bounds with upper ≥ lower; other directions take no upper bound.
    """
    pk = _pastikan_dapat_diubah(sasaran.perjanjian, actor=actor)
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
    _catat(actor=actor, perjanjian=pk, entitas=E.INDIKATOR, entitas_id=indikator.pk, aksi=A.BUAT,
           sesudah=_potret_indikator(indikator))
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
    actor: User,
) -> Indikator:
    """Change an indicator of an open plan and replace its four quarterly targets.

    Un-marking an IKU that has IKI cascaded from it is refused.
    """
    pk = _pastikan_dapat_diubah(indikator.sasaran.perjanjian, actor=actor)
    if sasaran is not None and sasaran.perjanjian_id != pk.pk:
        raise ValidationError({"sasaran": _("Sasaran harus dari perjanjian kinerja yang sama.")})
    targets = _cek_indikator(
        pd_id=pk.perangkat_daerah_id, nama=nama, satuan=satuan, polaritas=polaritas, agregasi=agregasi,
        desimal=desimal, unit_penanggung_jawab=unit_penanggung_jawab, target_tahunan=target_tahunan,
        target_tahunan_maks=target_tahunan_maks, target_triwulan=target_triwulan,
    )
    if not is_iku and indikator.is_iku and indikator.iki.exists():
        raise ValidationError({"is_iku": _("Indikator ini menjadi induk IKI; hapus atau pindahkan IKI-nya dahulu.")})
    sebelum = _potret_indikator(indikator)
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
    _catat(actor=actor, perjanjian=pk, entitas=E.INDIKATOR, entitas_id=indikator.pk, aksi=A.UBAH, sebelum=sebelum,
           sesudah=_potret_indikator(indikator))
    return indikator


@transaction.atomic
def indikator_delete(*, indikator: Indikator, actor: User) -> None:
    """Refused when the indicator already has realisasi."""
    pk = _pastikan_dapat_diubah(indikator.sasaran.perjanjian, actor=actor)
    if indikator.realisasi.exists():
        raise ValidationError(_("Indikator ini tidak dapat dihapus karena sudah memiliki realisasi."))
    indikator_id, sebelum = indikator.pk, _potret_indikator(indikator)
    indikator.delete()
    _catat(actor=actor, perjanjian=pk, entitas=E.INDIKATOR, entitas_id=indikator_id, aksi=A.HAPUS, sebelum=sebelum)


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


def _potret_program(program: Program) -> dict:
    """The programme's fields and its budget per quarter, for the trail."""
    per_tw = {a.triwulan: a.anggaran for a in program.anggaran_triwulan.order_by("triwulan")}
    return potret(program, anggaran_triwulan=per_tw)


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
    actor: User,
) -> Program:
    """A programme/activity of an open plan with its yearly budget and its budget per quarter.

    The quarterly budgets are either all empty/zero (no breakdown) or add up to the yearly budget.
    """
    pk = _pastikan_dapat_diubah(perjanjian, actor=actor)
    per_tw = _cek_program(nama, anggaran, anggaran_triwulan)
    if urutan is None:
        urutan = _urutan_berikut(perjanjian.program.all())
    program = Program.objects.create(
        perjanjian=perjanjian, nama=nama.strip(), kode=(kode or "").strip(), anggaran=anggaran, urutan=urutan
    )
    _simpan_anggaran_tw(program, per_tw)
    _catat(actor=actor, perjanjian=pk, entitas=E.PROGRAM, entitas_id=program.pk, aksi=A.BUAT,
           sesudah=_potret_program(program))
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
    actor: User,
) -> Program:
    pk = _pastikan_dapat_diubah(program.perjanjian, actor=actor)
    per_tw = _cek_program(nama, anggaran, anggaran_triwulan)
    sebelum = _potret_program(program)
    program.nama = nama.strip()
    program.kode = (kode or "").strip()
    program.anggaran = anggaran
    if urutan is not None:
        program.urutan = urutan
    program.save()
    _simpan_anggaran_tw(program, per_tw)
    _catat(actor=actor, perjanjian=pk, entitas=E.PROGRAM, entitas_id=program.pk, aksi=A.UBAH, sebelum=sebelum,
           sesudah=_potret_program(program))
    return program


@transaction.atomic
def program_delete(*, program: Program, actor: User) -> None:
    """Refused when budget realisation has been entered."""
    pk = _pastikan_dapat_diubah(program.perjanjian, actor=actor)
    if program.realisasi.exists():
        raise ValidationError(_("Program ini tidak dapat dihapus karena sudah memiliki realisasi anggaran."))
    program_id, sebelum = program.pk, _potret_program(program)
    program.delete()
    _catat(actor=actor, perjanjian=pk, entitas=E.PROGRAM, entitas_id=program_id, aksi=A.HAPUS, sebelum=sebelum)


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
    actor: User,
) -> IKI:
    """An official's IKI, cascaded from exactly one parent: an IKU of the same plan,
    or an IKI of the same plan held by a higher position (Kadin > Kabid/Sekretaris >
    Kasubbag/Sub Koordinator > staff). The level rule also makes cycles impossible."""
    pk = _pastikan_dapat_diubah(perjanjian, actor=actor)
    tw = target_triwulan or {}
    targets = {"target_tahunan": target_tahunan, **{f"target_tw{i}": tw.get(i) for i in TRIWULAN}}
    _cek_iki(pk=pk, jabatan=jabatan, induk_indikator=induk_indikator, induk_iki=induk_iki, nama=nama, satuan=satuan,
             polaritas=polaritas, targets=targets)
    if urutan is None:
        urutan = _urutan_berikut(perjanjian.iki.all())
    iki = IKI.objects.create(
        perjanjian=perjanjian, jabatan=jabatan, induk_indikator=induk_indikator, induk_iki=induk_iki,
        nama=nama.strip(), satuan=satuan.strip(), polaritas=polaritas, urutan=urutan, **targets,
    )
    _catat(actor=actor, perjanjian=pk, entitas=E.IKI, entitas_id=iki.pk, aksi=A.BUAT, sesudah=potret(iki))
    return iki


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
    actor: User,
) -> IKI:
    """Change an IKI; its new parent may not be itself or one of its descendants."""
    pk = _pastikan_dapat_diubah(iki.perjanjian, actor=actor)
    tw = target_triwulan or {}
    targets = {"target_tahunan": target_tahunan, **{f"target_tw{i}": tw.get(i) for i in TRIWULAN}}
    _cek_iki(pk=pk, jabatan=jabatan, induk_indikator=induk_indikator, induk_iki=induk_iki, nama=nama, satuan=satuan,
             polaritas=polaritas, targets=targets, diri=iki)
    if iki.turunan.exists() and any(
        TINGKAT_URUT.get(anak.jabatan.tingkat, 0) >= TINGKAT_URUT.get(jabatan.tingkat, 0)
        for anak in iki.turunan.select_related("jabatan")
    ):
        raise ValidationError({"jabatan": _("Jabatan harus lebih tinggi dari jabatan IKI turunannya.")})
    sebelum = potret(iki)
    iki.jabatan = jabatan
    iki.nama = nama.strip()
    iki.satuan = satuan.strip()
    iki.polaritas = polaritas
    iki.induk_indikator = induk_indikator
    iki.induk_iki = induk_iki
    for field, value in targets.items():
        setattr(iki, field, value)
    iki.save()
    _catat(actor=actor, perjanjian=pk, entitas=E.IKI, entitas_id=iki.pk, aksi=A.UBAH, sebelum=sebelum,
           sesudah=potret(iki))
    return iki


@transaction.atomic
def iki_delete(*, iki: IKI, actor: User) -> None:
    """Refused while other IKI are cascaded from it."""
    pk = _pastikan_dapat_diubah(iki.perjanjian, actor=actor)
    if iki.turunan.exists():
        raise ValidationError(_("IKI ini masih menjadi induk IKI lain; hapus turunannya dahulu."))
    iki_id, sebelum = iki.pk, potret(iki)
    iki.delete()
    _catat(actor=actor, perjanjian=pk, entitas=E.IKI, entitas_id=iki_id, aksi=A.HAPUS, sebelum=sebelum)
