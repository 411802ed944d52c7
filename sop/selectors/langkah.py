"""A step of either SOP: the page where it is done, its sheet row, its state and time,
whether the current person may take it now (and if not, why and what is missing), and
the actions he may take on a quarter."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organisasi.models import Peran
from organisasi.roles import peran_user

from .. import guards, worktime
from ..exceptions import KelengkapanBelumLengkap, TransisiTidakTersedia
from ..models import (
    KODE_PER_JENIS,
    SOP,
    JenisSOP,
    KodeLangkah,
    LangkahBerjalan,
    LangkahSOP,
    Siklus,
    TugasPengumpulan,
)
from ..services import check_allowed, missing_inputs
from .kalender import kalender_kerja

if TYPE_CHECKING:
    from .inbox import InboxItem


KODE_PENGUKURAN = frozenset(KODE_PER_JENIS[JenisSOP.PENGUKURAN])


# step key -> (URL name, takes the task id instead of the cycle id)
URL_LANGKAH: dict[str, tuple[str, bool]] = {
    KodeLangkah.DISPOSISI_KADIN: ("sop:disposisi_kadin", False),
    KodeLangkah.DISPOSISI_KABID: ("sop:disposisi_kabid", False),
    KodeLangkah.PEMBAGIAN_TUGAS: ("sop:pembagian_tugas", False),
    KodeLangkah.PENGUMPULAN_DATA: ("sop:tugas_isi", True),
    KodeLangkah.PEMERIKSAAN: ("sop:pemeriksaan", True),
    KodeLangkah.PERSIAPAN_PENGUKURAN: ("sop:persiapan_pengumpulan", False),
    KodeLangkah.PERSIAPAN_DATA: ("sop:pengukuran_persiapan", False),
    KodeLangkah.PENGUKURAN: ("sop:pengukuran_draft", False),
    KodeLangkah.REVIU: ("sop:pengukuran_reviu", False),
    KodeLangkah.PENGESAHAN: ("sop:pengukuran_pengesahan", False),
    KodeLangkah.PENGARSIPAN: ("sop:pengukuran_arsip", False),
}


# transition name on a process -> the step page where it is taken
AKSI_KE_LANGKAH: dict[str, str] = {
    "pengumpulan.dispose_kadin": KodeLangkah.DISPOSISI_KADIN,
    "pengumpulan.dispose_kabid": KodeLangkah.DISPOSISI_KABID,
    "pengumpulan.split_tasks": KodeLangkah.PEMBAGIAN_TUGAS,
    "pengumpulan.prepare": KodeLangkah.PERSIAPAN_PENGUKURAN,
    "tugas.submit": KodeLangkah.PENGUMPULAN_DATA,
    "tugas.accept": KodeLangkah.PEMERIKSAAN,
    "tugas.return_data": KodeLangkah.PEMERIKSAAN,
    "pengukuran.prepare": KodeLangkah.PERSIAPAN_DATA,
    "pengukuran.submit_draft": KodeLangkah.PENGUKURAN,
    "pengukuran.return_draft": KodeLangkah.REVIU,
    "pengukuran.pass_review": KodeLangkah.REVIU,
    "pengukuran.ratify": KodeLangkah.PENGESAHAN,
    "pengukuran.archive": KodeLangkah.PENGARSIPAN,
}


def url_langkah(kode: str, *, siklus_id: int, tugas_id: int | None = None) -> str:
    """The page where step `kode` of a cycle (of one task, for steps 4–5) is done;
    the quarter page for a step without a page of its own."""
    name, per_tugas = URL_LANGKAH.get(kode, ("", False))
    if not name or (per_tugas and tugas_id is None):
        return reverse("sop:siklus_detail", args=[siklus_id])
    return reverse(name, args=[tugas_id if per_tugas else siklus_id])


def langkah_list_for_sop(*, sop: SOP) -> list[LangkahSOP]:
    """Every step of an SOP sheet (a step page shows its own and how many there are)."""
    return list(sop.langkah.order_by())


def langkah_get(*, siklus: Siklus, kode: str) -> LangkahSOP:
    """The sheet row of step `kode` in the SOP version the cycle runs with."""
    sop_id = (
        siklus.sop_pengukuran_id
        if kode in KODE_PENGUKURAN
        else siklus.sop_pengumpulan_id
    )
    return LangkahSOP.objects.get(sop_id=sop_id, kode=kode)


@dataclass(frozen=True)
class StatusLangkah:
    """The open (or last) occurrence of a step: since when, whom it waits for, its deadline."""

    berjalan: LangkahBerjalan | None
    batas: datetime.datetime | None
    menit: int | None
    terlambat: bool

    @property
    def waktu(self) -> str:
        return worktime.format_menit(self.menit)


def langkah_status(
    *, siklus: Siklus, kode: str, tugas: TugasPengumpulan | None = None
) -> StatusLangkah:
    row = (
        LangkahBerjalan.objects.filter(siklus=siklus, kode=kode, tugas=tugas)
        .select_related("menunggu_pegawai", "selesai_oleh")
        .order_by("-mulai", "-pk")
        .first()
    )
    if row is None:
        return StatusLangkah(None, None, None, False)
    # A query of its own: as ten one-value subqueries on this row the calendar cost ~5 ms
    # of CPU to build and compile, against ~1 ms for kalender_kerja's one small query.
    kal = kalender_kerja()
    if row.selesai is None:
        menit = worktime.menit_kerja(row.mulai, timezone.now(), kal)
        terlambat = menit > row.standar_menit
    else:
        menit, terlambat = row.menit_kerja, bool(row.terlambat)
    return StatusLangkah(
        row,
        worktime.tambah_menit_kerja(row.mulai, row.standar_menit, kal),
        menit,
        terlambat,
    )


def waktu_singkat(dt: datetime.datetime | None) -> str:
    """`dt` in the office's time zone as the tables print it, 25/11/2026 09.30 (the
    template filter `date:"d/m/Y H.i"`, without its per-call format parsing); "" for None."""
    return timezone.localtime(dt).strftime("%d/%m/%Y %H.%M") if dt else ""


def aksi_boleh(*, obj: Model, action: str, user: User) -> tuple[bool, str]:
    """Whether `user` may take `action` on `obj` now, and if not, why (Indonesian)."""
    try:
        check_allowed(obj, action, user)
    except PermissionDenied:
        return False, _("Langkah ini tidak ditujukan kepada Anda.")
    except (KelengkapanBelumLengkap, TransisiTidakTersedia) as exc:
        return False, exc.messages[0]
    return True, ""


def aksi_boleh_dan_kurang(
    *, obj: Model, action: str, user: User
) -> tuple[bool, str, list[str]]:
    """`aksi_boleh` and, when it says no, the missing inputs (`missing_inputs`) — they
    are checked once when the refusal already names them, and a task's
    draft is read once for both questions (`guards.draf_data_sekali`)."""
    with guards.draf_data_sekali(obj):
        try:
            check_allowed(obj, action, user)
        except PermissionDenied:
            return (
                False,
                _("Langkah ini tidak ditujukan kepada Anda."),
                missing_inputs(obj, action),
            )
        except TransisiTidakTersedia as exc:
            return False, exc.messages[0], missing_inputs(obj, action)
        except KelengkapanBelumLengkap as exc:
            # check_allowed names a generic input when none is listed: only then ask again
            kurang = (
                exc.kurang
                if exc.kurang != [_("kelengkapan langkah")]
                else missing_inputs(obj, action)
            )
            return False, exc.messages[0], kurang
    return True, "", []


def aksi_tersedia(*, obj: Model, user: User) -> list[dict]:
    """The actions `user` may take on `obj` now: [{"name", "label"}] for buttons."""
    return [
        {"name": t.name, "label": str(t.custom.get("label", t.name))}
        for t in obj.get_available_user_status_transitions(user)
    ]


@dataclass(frozen=True)
class Aksi:
    label: str
    url: str
    ikon: str = "arrow-right-circle"


def aksi_list_for_siklus(
    *, siklus: Siklus, user: User, inbox: list[InboxItem], tugas: list | None = None
) -> list[Aksi]:
    """Links to the step pages where this person may act on the cycle now: the
    transitions django-fsm allows him, the steps waiting for him (even when an input
    is still missing, so he can see what), and his own task while it is with him.
    `tugas`: the collection's tasks when the caller has read them already."""
    out: dict[str, Aksi] = {}

    def add(kode: str, label: str, tugas_id: int | None = None) -> None:
        url = url_langkah(kode, siklus_id=siklus.pk, tugas_id=tugas_id)
        out.setdefault(url, Aksi(label=label, url=url))

    for item in inbox:
        if item.siklus_id == siklus.pk:
            add(item.kode, item.langkah, item.tugas_id)
    a = getattr(siklus, "pengumpulan", None)
    if a is not None:
        for t in aksi_tersedia(obj=a, user=user):
            kode = AKSI_KE_LANGKAH.get(f"pengumpulan.{t['name']}")
            if kode:
                add(kode, t["label"])
        p = peran_user(user)
        # only a Tim Kerja member or a Kasubbag/Sub Koordinator ever acts on a task
        tugas_list = (
            (a.tugas.all() if tugas is None else tugas)
            if (p.punya(Peran.TIM_KERJA) or p.punya(Peran.KASUBBAG))
            else []
        )
        for tugas in tugas_list:
            for t in aksi_tersedia(obj=tugas, user=user):
                kode = AKSI_KE_LANGKAH.get(f"tugas.{t['name']}")
                if kode == KodeLangkah.PEMERIKSAAN:
                    add(
                        kode,
                        _("Periksa data %(nama)s")
                        % {"nama": tugas.anggota.nama_lengkap},
                        tugas.pk,
                    )
                elif kode:
                    add(kode, t["label"], tugas.pk)
            if tugas.bisa_diisi and guards.TUGAS_ANGGOTA(tugas, user):
                add(KodeLangkah.PENGUMPULAN_DATA, _("Isi data kinerja"), tugas.pk)
    b = getattr(siklus, "pengukuran", None)
    if b is not None:
        for t in aksi_tersedia(obj=b, user=user):
            kode = AKSI_KE_LANGKAH.get(f"pengukuran.{t['name']}")
            if kode == KodeLangkah.REVIU:
                add(kode, _("Reviu draft"))
            elif kode:
                add(kode, t["label"])
    return list(out.values())
