"""Opening and reopening a quarterly cycle."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.models import TRIWULAN_ROMAWI
from organisasi.models import Peran, PerangkatDaerah
from organisasi.roles import peran_user

from .. import guards
from ..models import SOP, Jejak, JenisSOP, KodeLangkah, ProsesPengumpulan, Siklus
from . import _kinerja
from ._engine import (
    actor_label,
    check_allowed,
    fire,
    lock,
    open_step,
    record,
    require_text,
)
from .kalender import harilibur_seed


@transaction.atomic
def siklus_open(
    *, pd: PerangkatDaerah, tahun: int, triwulan: int, actor: User
) -> Siklus:
    """Open the quarter `triwulan` of `tahun` for office `pd` (Kadin or Tim SAKIP of
    that office) and start SOP A at step 1 (waiting for the Kadin).

    The cycle keeps the PK version in force and the SOP sheet versions in force.
    A missing PK or Rencana Aksi of the quarter blocks it with a message naming it;
    the PK is locked (frozen-year rule) when the cycle opens. At most one cycle per
    office and quarter (ValidationError otherwise).
    """
    p = peran_user(actor)
    if (
        p.pegawai is None
        or p.pegawai.perangkat_daerah_id != pd.pk
        or not (p.punya(Peran.KADIN) or p.punya(Peran.TIM_SAKIP))
    ):
        raise PermissionDenied
    if triwulan not in TRIWULAN_ROMAWI:
        raise ValidationError({"triwulan": _("Triwulan harus 1 sampai 4.")})
    if not 2000 <= int(tahun) <= 2100:
        raise ValidationError({"tahun": _("Tahun tidak valid.")})
    if Siklus.objects.filter(
        perangkat_daerah=pd, tahun=tahun, triwulan=triwulan
    ).exists():
        raise ValidationError(
            _("Siklus %(periode)s untuk %(pd)s sudah dibuka.")
            % {"periode": guards.periode(tahun, triwulan), "pd": pd}
        )
    perjanjian = _kinerja.pk_berlaku(pd=pd, tahun=tahun)
    kurang = guards.kurang_perjanjian(perjanjian, tahun) + guards.kurang_rencana_aksi(
        perjanjian, triwulan
    )
    if kurang:
        raise ValidationError(
            _("Siklus belum dapat dibuka. Belum ada: %(kurang)s.")
            % {"kurang": "; ".join(kurang)}
        )
    sop_a = SOP.objects.berlaku().filter(jenis=JenisSOP.PENGUMPULAN).first()
    sop_b = SOP.objects.berlaku().filter(jenis=JenisSOP.PENGUKURAN).first()
    if sop_a is None or sop_b is None:
        raise ValidationError(
            _(
                "Lembar SOP Pengumpulan Data Kinerja dan SOP Pengukuran Kinerja belum dimuat."
            )
        )
    harilibur_seed(tahun=tahun)
    if not perjanjian.terkunci:
        _kinerja.pk_lock(perjanjian=perjanjian, actor=actor)
    now = timezone.now()
    try:
        with transaction.atomic():
            siklus = Siklus.objects.create(
                perangkat_daerah=pd,
                tahun=tahun,
                triwulan=triwulan,
                perjanjian=perjanjian,
                sop_pengumpulan=sop_a,
                sop_pengukuran=sop_b,
                dibuka_oleh=p.pegawai,
                dibuka_pada=now,
            )
    except IntegrityError:
        raise ValidationError(
            _("Siklus %(periode)s untuk %(pd)s sudah dibuka.")
            % {"periode": guards.periode(tahun, triwulan), "pd": pd}
        ) from None
    proses = ProsesPengumpulan.objects.create(siklus=siklus, dimulai_pada=now)
    record(
        siklus=siklus,
        obj=siklus,
        proses=Jejak.Proses.SIKLUS,
        transisi="open",
        transisi_label=_("Buka siklus"),
        dari="",
        ke=siklus.status,
        user=actor,
        label=actor_label(actor, None),
        output=_("Siklus %(periode)s; Perjanjian Kinerja versi %(v)s")
        % {"periode": siklus.periode, "v": perjanjian.versi},
        output_obj=perjanjian,
        waktu=now,
    )
    open_step(
        siklus=siklus, kode=KodeLangkah.DISPOSISI_KADIN, peran=Peran.KADIN, mulai=now
    )
    siklus.pengumpulan = proses
    return siklus


@transaction.atomic
def siklus_reopen(*, siklus: Siklus, actor: User, alasan: str) -> Siklus:
    """The Kadin reopens a quarter that is ready for the report, with a written reason.

    SOP B goes back to step 2 (measure and draft again); the ratified documents and
    every draft stay. Both moves are in the trail with the reason.
    """
    alasan = require_text(alasan, "alasan", _("Alasan membuka kembali wajib diisi."))
    s = lock(siklus)
    tr = check_allowed(s, "reopen", actor)
    b = lock(s.pengukuran)
    tr_b = check_allowed(b, "reopen", actor)
    fire(s, tr, actor, catatan=alasan, output=_("Siklus dibuka kembali"))
    fire(
        b,
        tr_b,
        actor,
        catatan=alasan,
        output=_("Pengukuran diulang; dokumen yang sudah disahkan tetap diarsipkan"),
    )
    putaran = b.draft.count() + 1
    open_step(
        siklus=s, kode=KodeLangkah.PENGUKURAN, peran=Peran.TIM_SAKIP, putaran=putaran
    )
    return s
