"""Writes on the SOP sheets and the working calendar."""

from __future__ import annotations

import datetime

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import KODE_PER_JENIS, SOP, HariLibur, LangkahSOP

SOP_FIELDS = {
    "instansi",
    "nomor",
    "nama",
    "tanggal_pembuatan",
    "tanggal_revisi",
    "tanggal_pengesahan",
    "disahkan_jabatan",
    "disahkan_nama",
    "disahkan_nip",
    "dasar_hukum",
    "kualifikasi",
    "keterkaitan",
    "peralatan",
    "peringatan",
    "pencatatan",
    "judul_diagram",
    "kolom_pelaksana",
}
LANGKAH_FIELDS = {
    "nomor",
    "kegiatan",
    "pelaksana",
    "kelengkapan",
    "waktu_nilai",
    "waktu_satuan",
    "waktu_teks",
    "output",
    "keterangan",
}


@transaction.atomic
def harilibur_seed(*, tahun: int) -> int:
    """Add Indonesia's national holidays of `tahun` (from the `holidays` package, in
    Indonesian) unless that year already has automatic ones; returns how many were
    added. Days an administrator added or removed by hand are left as they are."""
    if HariLibur.objects.filter(
        tanggal__year=tahun, sumber=HariLibur.Sumber.NASIONAL
    ).exists():
        return 0
    ada = set(
        HariLibur.objects.filter(tanggal__year=tahun).values_list("tanggal", flat=True)
    )
    baru = [
        HariLibur(tanggal=tanggal, nama=nama[:150], sumber=HariLibur.Sumber.NASIONAL)
        for tanggal, nama in sorted(
            holidays.country_holidays("ID", years=tahun, language="id").items()
        )
        if tanggal not in ada
    ]
    HariLibur.objects.bulk_create(baru)
    return len(baru)


@transaction.atomic
def sop_revise(
    *,
    sop: SOP,
    perubahan: dict | None = None,
    langkah: dict[str, dict] | None = None,
    tanggal_revisi: datetime.date | None = None,
    catatan_revisi: str = "",
) -> SOP:
    """Revise a sheet: a copy with `versi + 1` becomes the one in force (`berlaku`),
    with `perubahan` applied to its header fields and `langkah[kode]` to its steps;
    the old version stays unchanged (cycles that ran with it keep pointing at it).
    Step keys (`kode`) cannot change: they bind the sheet to the state machine."""
    perubahan = dict(perubahan or {})
    langkah = dict(langkah or {})
    salah = set(perubahan) - SOP_FIELDS
    if salah:
        raise ValidationError(
            _("Kolom lembar SOP tidak dikenal: %(k)s") % {"k": ", ".join(sorted(salah))}
        )
    kode_sah = set(KODE_PER_JENIS[sop.jenis])
    for kode, ubah in langkah.items():
        if kode not in kode_sah:
            raise ValidationError(
                _("Langkah %(kode)s tidak ada pada SOP ini.") % {"kode": kode}
            )
        salah = set(ubah) - LANGKAH_FIELDS
        if salah:
            raise ValidationError(
                _("Kolom langkah tidak dikenal: %(k)s")
                % {"k": ", ".join(sorted(salah))}
            )
    lama = SOP.objects.select_for_update().get(pk=sop.pk)
    terakhir = SOP.objects.filter(jenis=lama.jenis).order_by("-versi").first()
    steps = list(lama.langkah.all())
    SOP.objects.filter(jenis=lama.jenis, berlaku=True).update(berlaku=False)
    data = {f: getattr(lama, f) for f in SOP_FIELDS}
    data.update(perubahan)
    data["tanggal_revisi"] = tanggal_revisi or data.get("tanggal_revisi")
    baru = SOP(
        jenis=lama.jenis,
        versi=terakhir.versi + 1,
        berlaku=True,
        catatan_revisi=catatan_revisi,
        **data,
    )
    baru.full_clean(exclude=["kolom_pelaksana"])
    baru.save()
    rows = []
    for st in steps:
        row = LangkahSOP(
            sop=baru, kode=st.kode, **{f: getattr(st, f) for f in LANGKAH_FIELDS}
        )
        for f, v in langkah.get(st.kode, {}).items():
            setattr(row, f, v)
        row.full_clean(exclude=["sop"], validate_unique=False)
        rows.append(row)
    if len({r.nomor for r in rows}) != len(rows):
        raise ValidationError(_("Nomor langkah tidak boleh kembar."))
    LangkahSOP.objects.bulk_create(rows)
    return baru
