"""Quarterly results: realisasi (with revision conflict and the worse-needs-note rule), evidence files,
budget realisation."""

from __future__ import annotations

import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisasi.models import Pegawai
from umum.format import angka

from .. import calculations as calc
from ..models import (
    BuktiDukung,
    Indikator,
    Program,
    Realisasi,
    RealisasiAnggaran,
    TargetTriwulan,
)
from ..validators import validate_bukti
from .umum import KonflikRevisi, _cek_angka, _cek_triwulan, _pastikan_kantor

logger = logging.getLogger(__name__)

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
    indikator = (
        Indikator.objects.select_for_update()
        .select_related("sasaran__perjanjian")
        .get(pk=indikator.pk)
    )
    _pastikan_kantor(actor, indikator.sasaran.perjanjian.perangkat_daerah_id)
    nilai = _cek_angka(nilai, "nilai")
    catatan = (catatan or "").strip()
    realisasi = (
        Realisasi.objects.select_for_update()
        .filter(indikator=indikator, triwulan=triwulan)
        .first()
    )
    tersimpan = realisasi.revisi if realisasi else 0
    if revisi_diharapkan is not None and revisi_diharapkan != tersimpan:
        raise KonflikRevisi(realisasi)
    if triwulan > 1 and not catatan and nilai is not None:
        sebelumnya = (
            Realisasi.objects.filter(indikator=indikator, triwulan=triwulan - 1)
            .values_list("nilai", flat=True)
            .first()
        )
        target = TargetTriwulan.objects.filter(
            indikator=indikator, triwulan=triwulan
        ).first()
        bawah = (
            target.target
            if target and target.target is not None
            else indikator.target_tahunan
        )
        atas = (
            target.target_maks
            if target and target.target is not None
            else indikator.target_tahunan_maks
        )
        if calc.is_worse(
            sebelumnya, nilai, indikator.polaritas, target=bawah, target_maks=atas
        ):
            raise ValidationError(
                {
                    "catatan": _(
                        "Realisasi lebih buruk dari triwulan sebelumnya (%(sebelumnya)s → %(nilai)s); "
                        "tuliskan catatan penjelasannya."
                    )
                    % {"sebelumnya": angka(sebelumnya), "nilai": angka(nilai)}
                }
            )
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
def bukti_add(
    *, realisasi: Realisasi, berkas: UploadedFile, actor: Pegawai, keterangan: str = ""
) -> BuktiDukung:
    """Attach an evidence file to a saved realisasi after the checks of `validators.validate_bukti`."""
    realisasi = Realisasi.objects.select_related("indikator__sasaran__perjanjian").get(
        pk=realisasi.pk
    )
    _pastikan_kantor(actor, realisasi.indikator.sasaran.perjanjian.perangkat_daerah_id)
    try:
        info = validate_bukti(berkas)
    except ValidationError as exc:
        raise ValidationError({"berkas": exc.messages}) from None
    keterangan = (keterangan or "").strip()
    if len(keterangan) > 200:
        raise ValidationError({"keterangan": _("Paling banyak 200 karakter.")})
    bukti = BuktiDukung(
        realisasi=realisasi,
        nama_asli=info.nama_asli,
        jenis_konten=info.jenis_konten,
        ukuran=info.ukuran,
        keterangan=keterangan,
        diunggah_oleh=actor,
    )
    berkas.seek(0)
    try:
        bukti.berkas.save(info.nama_asli, berkas, save=False)
    except Exception:  # noqa: BLE001 - any storage backend's failure (disk full, S3 down), reported to the person
        logger.exception("Penyimpanan bukti dukung gagal (realisasi %s)", realisasi.pk)
        raise ValidationError(
            {
                "berkas": _(
                    "Berkas bukti gagal disimpan karena gangguan pada tempat penyimpanan. Isian Anda belum hilang; "
                    "coba simpan lagi sebentar lagi, atau hubungi admin bila terus terjadi."
                )
            }
        ) from None
    bukti.save()
    return bukti


@transaction.atomic
def bukti_delete(*, bukti: BuktiDukung, actor: Pegawai) -> None:
    """Remove an evidence row. The stored file is kept when a revision copy still points at it."""
    _pastikan_kantor(
        actor, bukti.realisasi.indikator.sasaran.perjanjian.perangkat_daerah_id
    )
    nama = bukti.berkas.name
    storage = bukti.berkas.storage
    bukti.delete()
    if nama and not BuktiDukung.objects.filter(berkas=nama).exists():
        transaction.on_commit(lambda: storage.delete(nama))


@transaction.atomic
def realisasi_anggaran_save(
    *, program: Program, triwulan: int, nilai: Decimal, actor: Pegawai
) -> RealisasiAnggaran:
    """A programme's budget realisation (Rupiah, ≥ 0) in one quarter, created or replaced."""
    _cek_triwulan(triwulan)
    program = (
        Program.objects.select_for_update()
        .select_related("perjanjian")
        .get(pk=program.pk)
    )
    _pastikan_kantor(actor, program.perjanjian.perangkat_daerah_id)
    nilai = _cek_angka(
        nilai, "nilai", max_digits=18, decimal_places=2, minimum=Decimal(0), wajib=True
    )
    obj, _created = RealisasiAnggaran.objects.update_or_create(
        program=program,
        triwulan=triwulan,
        defaults={"nilai": nilai, "diisi_oleh": actor, "diisi_pada": timezone.now()},
    )
    return obj
