"""The steps waiting for a person: his inbox, on the home page and on a quarter's page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from organisasi.models import Pegawai, PerangkatDaerah
from organisasi.roles import PeranPegawai

from .. import worktime
from ..models import LangkahBerjalan
from .kalender import kalender_kerja
from .langkah import url_langkah


@dataclass(frozen=True)
class InboxItem:
    """One step waiting for the person (rendered by templates/_inbox.html)."""

    perangkat_daerah: PerangkatDaerah
    periode: str
    langkah: str
    url: str
    sejak: datetime.datetime
    standar: str
    terlambat: bool
    batas: datetime.datetime
    kode: str
    siklus_id: int
    langkah_berjalan_id: int
    tugas_id: int | None
    menit_berjalan: int


def _pegawai_diwakili(peran: PeranPegawai) -> list[int]:
    """Everyone whose position this person holds as Plt./Plh. today (no query when he
    holds none: his roles already list the positions)."""
    if not peran.jabatan_diwakili:
        return []
    return list(
        Pegawai.objects.filter(jabatan_id__in=peran.jabatan_diwakili).values_list(
            "pk", flat=True
        )
    )


def inbox_for(*, peran: PeranPegawai, siklus_id: int | None = None) -> list[InboxItem]:
    """Every SOP step waiting for this person in his office: addressed to him (or to
    someone whose position he holds as Plt./Plh.), or to a role he holds. Oldest
    first; `terlambat` when the working time since it became due exceeds the standard.
    With `siklus_id`, only that quarter's steps (the quarter page)."""
    if peran.pegawai is None:
        return []
    me = peran.pegawai
    untuk = [me.pk, *_pegawai_diwakili(peran)]
    rows = (
        LangkahBerjalan.objects.terbuka()
        .filter(
            siklus__perangkat_daerah_id=me.perangkat_daerah_id,
            **({"siklus_id": siklus_id} if siklus_id else {}),
        )
        .filter(
            Q(menunggu_pegawai_id__in=untuk)
            | Q(menunggu_pegawai__isnull=True, menunggu_peran__in=list(peran.peran))
        )
        .select_related("siklus__perangkat_daerah", "langkah")
        .order_by("mulai", "pk")
    )
    rows = list(rows)
    if not rows:
        return []
    kal = kalender_kerja()
    now = timezone.now()
    items = []
    for r in rows:
        berjalan = worktime.menit_kerja(r.mulai, now, kal)
        s = r.siklus
        items.append(
            InboxItem(
                perangkat_daerah=s.perangkat_daerah,
                periode=s.periode,
                langkah=r.langkah.kegiatan,
                url=reverse("sop:siklus_detail", args=[s.pk]),
                sejak=r.mulai,
                standar=r.langkah.waktu,
                terlambat=berjalan > r.standar_menit,
                batas=worktime.tambah_menit_kerja(r.mulai, r.standar_menit, kal),
                kode=r.kode,
                siklus_id=s.pk,
                langkah_berjalan_id=r.pk,
                tugas_id=r.tugas_id,
                menit_berjalan=berjalan,
            )
        )
    return items


def url_inbox(item: InboxItem) -> str:
    return url_langkah(item.kode, siklus_id=item.siklus_id, tugas_id=item.tugas_id)
