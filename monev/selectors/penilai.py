"""Who assesses an office's SOPs: its Sekretaris (or whoever acts as Sekretaris as
Plt./Plh. that day) and the person the Kadin has named."""

from __future__ import annotations

import datetime

from django.db.models import Q

from organisasi.models import Jabatan, Pegawai, PelaksanaTugas, Unit, today

from ..models import PenunjukanPenilai

_SEKRETARIS = Q(tingkat=Jabatan.Tingkat.KABID) & (
    Q(unit__jenis=Unit.Jenis.SEKRETARIAT) | Q(nama__istartswith="Sekretaris")
)


def jabatan_sekretaris(pd_id: int) -> list[int]:
    return list(
        Jabatan.objects.filter(_SEKRETARIS, perangkat_daerah_id=pd_id).values_list(
            "pk", flat=True
        )
    )


def penunjukan_berlaku(pd_id: int) -> PenunjukanPenilai | None:
    return (
        PenunjukanPenilai.objects.filter(
            perangkat_daerah_id=pd_id, dicabut_pada__isnull=True
        )
        .select_related("pegawai__jabatan", "ditunjuk_oleh")
        .first()
    )


def boleh_menilai(
    pegawai: Pegawai | None, pd_id: int, *, tanggal: datetime.date | None = None
) -> bool:
    """Whether `pegawai` may draft, assess and issue the monitoring and evaluation forms
    of office `pd_id` (a person of that office only)."""
    if pegawai is None or pegawai.perangkat_daerah_id != pd_id or not pegawai.aktif:
        return False
    sekretaris = jabatan_sekretaris(pd_id)
    if pegawai.jabatan_id in sekretaris:
        return True
    tanggal = tanggal or today()
    if (
        PelaksanaTugas.objects.berlaku_pada(tanggal)
        .filter(pegawai=pegawai, jabatan_id__in=sekretaris)
        .exists()
    ):
        return True
    return PenunjukanPenilai.objects.filter(
        perangkat_daerah_id=pd_id, pegawai=pegawai, dicabut_pada__isnull=True
    ).exists()
