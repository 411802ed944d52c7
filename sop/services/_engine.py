"""The one way a process moves: lock the row, check the allow-list, transition,
save, write one trail row, close the step's timing and open the next one.

Every public service in this package goes through `lock` → `check_allowed` →
(create the step's output) → `fire` → `open_step`, inside one
`transaction.atomic` block, so a refused step leaves nothing behind.
"""

from __future__ import annotations

import datetime
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import Transition

from organisasi.models import Pegawai, PelaksanaTugas, Peran, today
from organisasi.roles import pegawai_of, pemegang_peran, peran_user

from .. import worktime
from ..exceptions import KelengkapanBelumLengkap, TransisiTidakTersedia
from ..guards import Syarat
from ..models import (
    Jejak,
    KodeLangkah,
    LangkahBerjalan,
    LangkahSOP,
    ProsesPengukuran,
    Siklus,
    TugasPengumpulan,
)
from ..selectors.kalender import kalender_kerja

M = TypeVar("M", bound=models.Model)

PENGUKURAN_KODE = {
    KodeLangkah.PERSIAPAN_DATA,
    KodeLangkah.PENGUKURAN,
    KodeLangkah.REVIU,
    KodeLangkah.PENGESAHAN,
    KodeLangkah.PENGARSIPAN,
}


def lock(obj: M) -> M:
    """A fresh copy of `obj`, its row locked until the transaction ends (PostgreSQL);
    the state read from it is the committed one, whatever the caller held."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _meta(obj: models.Model, action: str):
    method = getattr(type(obj), action, None)
    return getattr(method, "_django_fsm", None)


def missing_inputs(obj: models.Model, action: str) -> list[str]:
    """The Indonesian names of the required inputs (kelengkapan) that block `action`
    on `obj` now; an empty list when none is missing."""
    meta = _meta(obj, action)
    if meta is None:
        return []
    tr = meta.get_transition(obj.status) or next(iter(meta.transitions.values()), None)
    if tr is None:
        return []
    kurang: list[str] = []
    for cond in tr.conditions:
        if isinstance(cond, Syarat):
            kurang.extend(cond.kurang(obj))
        elif not cond(obj):
            kurang.append(str(getattr(cond, "nama", cond.__name__)))
    seen: set[str] = set()
    return [k for k in kurang if not (k in seen or seen.add(k))]


def check_allowed(obj: models.Model, action: str, user: User) -> Transition:
    """The transition `action` if `user` may take it on `obj` now.

    Raises PermissionDenied (unknown action, wrong role, wrong office, not the
    addressee), TransisiTidakTersedia (not at this step any more / yet) or
    KelengkapanBelumLengkap (a required input is missing, named).
    """
    allowed = {t.name: t for t in obj.get_available_user_status_transitions(user)}
    if action in allowed:
        return allowed[action]
    meta = _meta(obj, action)
    if meta is None:
        raise PermissionDenied
    if not meta.has_transition(obj.status):
        raise TransisiTidakTersedia()
    if not meta.has_transition_perm(obj, obj.status, user):
        raise PermissionDenied
    raise KelengkapanBelumLengkap(
        missing_inputs(obj, action) or [_("kelengkapan langkah")]
    )


def siklus_of(obj: models.Model) -> Siklus:
    if isinstance(obj, Siklus):
        return obj
    if isinstance(obj, TugasPengumpulan):
        return obj.proses.siklus
    return obj.siklus


def _proses_label(obj: models.Model) -> str:
    if isinstance(obj, Siklus):
        return Jejak.Proses.SIKLUS
    if isinstance(obj, ProsesPengukuran):
        return Jejak.Proses.PENGUKURAN
    return Jejak.Proses.PENGUMPULAN


def actor_label(user: User, peran: str | None) -> str:
    p = peran_user(user)
    if peran and p.punya(peran):
        return p.label(peran)
    for candidate in (Peran.KADIN, Peran.TIM_SAKIP):
        if p.punya(candidate):
            return p.label(candidate)
    return str(Peran(peran).label) if peran else ""


def langkah_sop(siklus: Siklus, kode: str) -> LangkahSOP:
    sop = siklus.sop_pengukuran if kode in PENGUKURAN_KODE else siklus.sop_pengumpulan
    return sop.langkah.get(kode=kode)


def record(
    *,
    siklus: Siklus,
    obj: models.Model | None,
    proses: str,
    transisi: str,
    transisi_label: str,
    dari: str,
    ke: str,
    user: User,
    label: str,
    catatan: str = "",
    output: str = "",
    output_obj: models.Model | None = None,
    selesai: LangkahBerjalan | None = None,
    waktu: datetime.datetime | None = None,
) -> Jejak:
    """Append one trail row (and nothing else)."""
    from django.contrib.contenttypes.models import ContentType

    pegawai = pegawai_of(user)
    langkah = selesai.langkah if selesai else None
    return Jejak.objects.create(
        siklus=siklus,
        proses=proses,
        transisi=transisi,
        transisi_label=str(transisi_label),
        dari_status=dari,
        ke_status=ke,
        langkah_kode=selesai.kode if selesai else "",
        langkah_nomor=langkah.nomor if langkah else None,
        langkah_kegiatan=langkah.kegiatan if langkah else "",
        aktor=pegawai,
        aktor_nama=pegawai.nama_lengkap if pegawai else user.get_username(),
        aktor_nip=pegawai.nip if pegawai else "",
        aktor_label=label,
        waktu=waktu or timezone.now(),
        catatan=catatan,
        output=output,
        objek_ct=ContentType.objects.get_for_model(obj) if obj is not None else None,
        objek_id=obj.pk if obj is not None else None,
        output_ct=ContentType.objects.get_for_model(output_obj)
        if output_obj is not None
        else None,
        output_id=output_obj.pk if output_obj is not None else None,
        menit_kerja=selesai.menit_kerja if selesai else None,
        standar_menit=selesai.standar_menit if selesai else None,
        standar_teks=langkah.waktu if langkah else "",
        terlambat=selesai.terlambat if selesai else None,
    )


def close_step(
    *,
    siklus: Siklus,
    kode: str,
    tugas: TugasPengumpulan | None,
    oleh: Pegawai | None,
    waktu: datetime.datetime,
) -> LangkahBerjalan | None:
    """Mark the open occurrence of step `kode` done, with its working time."""
    row = (
        LangkahBerjalan.objects.select_for_update()
        .filter(siklus=siklus, kode=kode, tugas=tugas, selesai__isnull=True)
        .select_related("langkah")
        .order_by("-mulai", "-pk")
        .first()
    )
    if row is None:
        return None
    row.selesai = waktu
    row.selesai_oleh = oleh
    row.menit_kerja = worktime.menit_kerja(row.mulai, waktu, kalender_kerja())
    row.terlambat = row.menit_kerja > row.standar_menit
    row.save(update_fields=["selesai", "selesai_oleh", "menit_kerja", "terlambat"])
    return row


def open_step(
    *,
    siklus: Siklus,
    kode: str,
    peran: str,
    pegawai: Pegawai | None = None,
    tugas: TugasPengumpulan | None = None,
    putaran: int = 1,
    mulai: datetime.datetime | None = None,
) -> LangkahBerjalan:
    """Step `kode` is now due, waiting for `pegawai` (or every holder of `peran` in the
    office); its addressees get an e-mail once the transaction commits."""
    langkah = langkah_sop(siklus, kode)
    row = LangkahBerjalan.objects.create(
        siklus=siklus,
        langkah=langkah,
        kode=kode,
        tugas=tugas,
        putaran=putaran,
        menunggu_peran=peran,
        menunggu_pegawai=pegawai,
        mulai=mulai or timezone.now(),
        standar_menit=worktime.standar_menit(
            langkah.waktu_nilai, langkah.waktu_satuan, kalender_kerja()
        ),
    )
    _notify(row)
    return row


def _notify(row: LangkahBerjalan) -> None:
    siklus = row.siklus
    if row.menunggu_pegawai:
        # the addressee, and whoever holds his position as Plt./Plh. today
        penerima = [row.menunggu_pegawai]
        if row.menunggu_pegawai.jabatan_id:
            penerima += [
                plt.pegawai
                for plt in PelaksanaTugas.objects.berlaku_pada(today())
                .filter(jabatan_id=row.menunggu_pegawai.jabatan_id)
                .select_related("pegawai")
            ]
    else:
        penerima = pemegang_peran(siklus.perangkat_daerah_id, row.menunggu_peran)
    alamat = sorted({p.alamat_email for p in penerima if p.alamat_email})
    if not alamat:
        return
    subject = _("[SAKIP] %(langkah)s — %(pd)s %(periode)s") % {
        "langkah": row.langkah.kegiatan[:80],
        "pd": siklus.perangkat_daerah,
        "periode": siklus.periode,
    }
    url = settings.SITE_URL.rstrip("/") + reverse("sop:siklus_detail", args=[siklus.pk])
    body = _(
        "Langkah SOP berikut menunggu tindakan Anda.\n\n"
        "Perangkat daerah: %(pd)s\nPeriode: %(periode)s\nLangkah %(nomor)s: %(kegiatan)s\n"
        "Standar waktu: %(standar)s\n\nBuka: %(url)s\n"
    ) % {
        "pd": siklus.perangkat_daerah.nama,
        "periode": siklus.periode,
        "nomor": row.langkah.nomor,
        "kegiatan": row.langkah.kegiatan,
        "standar": row.langkah.waktu,
        "url": url,
    }
    messages = [EmailMessage(subject, body, None, [a]) for a in alamat]

    def send() -> None:
        get_connection(fail_silently=True).send_messages(messages)

    transaction.on_commit(send)


def fire(
    obj: M,
    transition: Transition,
    user: User,
    *,
    catatan: str = "",
    output: str = "",
    output_obj: models.Model | None = None,
) -> Jejak:
    """Take `transition` on the locked `obj` (already checked), save it, close the
    timing of the step it completes and append the trail row."""
    siklus = siklus_of(obj)
    source = obj.status
    getattr(obj, transition.name)()
    obj.save()
    now = timezone.now()
    kode = transition.custom.get("langkah")
    selesai = None
    if kode:
        selesai = close_step(
            siklus=siklus,
            kode=kode,
            tugas=obj if isinstance(obj, TugasPengumpulan) else None,
            oleh=pegawai_of(user),
            waktu=now,
        )
    return record(
        siklus=siklus,
        obj=obj,
        proses=_proses_label(obj),
        transisi=transition.name,
        transisi_label=transition.custom.get("label", transition.name),
        dari=source,
        ke=obj.status,
        user=user,
        label=actor_label(user, transition.custom.get("peran")),
        catatan=catatan,
        output=output,
        output_obj=output_obj,
        selesai=selesai,
        waktu=now,
    )


def run_transition(
    *,
    obj: M,
    action: str,
    actor: User,
    catatan: str = "",
    output: str = "",
    output_obj: models.Model | None = None,
) -> M:
    """Generic step without an output of its own: lock, check, fire. Returns the fresh object."""
    fresh = lock(obj)
    tr = check_allowed(fresh, action, actor)
    fire(fresh, tr, actor, catatan=catatan, output=output, output_obj=output_obj)
    return fresh


def require_text(value: str, field: str, message: str) -> str:
    from django.core.exceptions import ValidationError

    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value
