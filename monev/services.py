"""Writes of the monitoring and evaluation app.

Each service takes the acting user, checks that he assesses the office's SOPs (its
Sekretaris, Plt./Plh. Sekretaris, or the person the Kadin named; `selectors.penilai`)
or, for naming that person, that he is the office's Kadin; refuses bad input with an
Indonesian `ValidationError`; and leaves one `JejakMonev` row.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dokumen.models import Jenis
from dokumen.services import dokumen_terbitkan
from organisasi.models import Pegawai, Peran, PerangkatDaerah, today
from organisasi.roles import pegawai_of, peran_user
from sop.models import SOP, JenisSOP

from . import aturan, instrumen
from .models import (
    Evaluasi,
    EvaluasiJawaban,
    JejakMonev,
    Monitoring,
    MonitoringLangkah,
    PenunjukanPenilai,
    StatusForm,
)
from .selectors import angka_langkah, boleh_menilai, siklus_selesai

PERIODE_MAKS_HARI = 3 * 366
"""A form covers at most about three years of runs."""


def _jejak(
    *,
    pd_id: int,
    aksi: str,
    aktor: Pegawai,
    catatan: str = "",
    monitoring: Monitoring | None = None,
    evaluasi=None,
) -> JejakMonev:
    return JejakMonev.objects.create(
        perangkat_daerah_id=pd_id,
        monitoring=monitoring,
        evaluasi=evaluasi,
        aksi=aksi,
        aktor=aktor,
        aktor_nama=aktor.nama_lengkap,
        waktu=timezone.now(),
        catatan=catatan,
    )


def penilai_dari(actor: User, pd_id: int) -> Pegawai:
    """The acting person, when he assesses office `pd_id`'s SOPs; PermissionDenied otherwise."""
    pegawai = pegawai_of(actor)
    if not boleh_menilai(pegawai, pd_id):
        raise PermissionDenied
    return pegawai


def cek_periode(
    mulai: datetime.date | None, selesai: datetime.date | None
) -> tuple[datetime.date, datetime.date]:
    """The period, defaulting to the last six months; an Indonesian error when it is wrong."""
    bawaan = aturan.periode_bawaan(today())
    mulai = mulai or bawaan[0]
    selesai = selesai or bawaan[1]
    if selesai < mulai:
        raise ValidationError(
            {"selesai": _("Tanggal akhir periode tidak boleh sebelum tanggal awalnya.")}
        )
    if selesai > today():
        raise ValidationError({"selesai": _("Periode tidak boleh melewati hari ini.")})
    if (selesai - mulai).days > PERIODE_MAKS_HARI:
        raise ValidationError({"mulai": _("Periode paling lama tiga tahun.")})
    return mulai, selesai


def _cek_jenis(jenis: str) -> SOP:
    if jenis not in JenisSOP.values:
        raise ValidationError({"jenis": _("Pilih SOP yang dimonitor.")})
    sop = SOP.objects.berlaku().filter(jenis=jenis).first()
    if sop is None:
        raise ValidationError({"jenis": _("Lembar SOP ini belum dimuat.")})
    return sop


@transaction.atomic
def penilai_tunjuk(
    *, pd: PerangkatDaerah, pegawai: Pegawai, actor: User
) -> PenunjukanPenilai:
    """The office's Kadin (or Plt./Plh. Kadin) names `pegawai` of his office to assess the
    SOPs; an earlier naming ends."""
    p = peran_user(actor)
    if (
        p.pegawai is None
        or p.pegawai.perangkat_daerah_id != pd.pk
        or not p.punya(Peran.KADIN)
    ):
        raise PermissionDenied
    if pegawai.perangkat_daerah_id != pd.pk or not pegawai.aktif:
        raise ValidationError(
            {"pegawai": _("Penilai harus pegawai aktif perangkat daerah ini.")}
        )
    sekarang = timezone.now()
    lama = (
        PenunjukanPenilai.objects.select_for_update()
        .filter(perangkat_daerah=pd, dicabut_pada__isnull=True)
        .first()
    )
    if lama is not None:
        lama.dicabut_pada = sekarang
        lama.save(update_fields=["dicabut_pada"])
    baru = PenunjukanPenilai.objects.create(
        perangkat_daerah=pd,
        pegawai=pegawai,
        ditunjuk_oleh=p.pegawai,
        ditunjuk_pada=sekarang,
    )
    _jejak(
        pd_id=pd.pk,
        aksi=JejakMonev.Aksi.TUNJUK,
        aktor=p.pegawai,
        catatan=_("%(nama)s ditunjuk sebagai penilai SOP")
        % {"nama": pegawai.nama_lengkap},
    )
    return baru


@transaction.atomic
def monitoring_draft(
    *,
    pd: PerangkatDaerah,
    jenis: str,
    actor: User,
    mulai: datetime.date | None = None,
    selesai: datetime.date | None = None,
) -> Monitoring:
    """Draft the monitoring form of SOP `jenis` for office `pd` over `mulai`..`selesai`
    (default: the last six months) from the office's runs: one row per step of the sheet
    in force, with the figures frozen as measured now and the suggested assessment
    pre-filled as the assessment."""
    penilai = penilai_dari(actor, pd.pk)
    sop = _cek_jenis(jenis)
    mulai, selesai = cek_periode(mulai, selesai)
    ambang = int(settings.MONEV_AMBANG_TEPAT_WAKTU)
    monitoring = Monitoring.objects.create(
        perangkat_daerah=pd,
        jenis=jenis,
        sop=sop,
        mulai=mulai,
        selesai=selesai,
        ambang_persen=ambang,
        dibuat_oleh=penilai,
        dibuat_pada=timezone.now(),
    )
    rows = []
    for a in angka_langkah(pd=pd, jenis=jenis, mulai=mulai, selesai=selesai):
        saran, dasar = aturan.saran_penilaian(
            jumlah=a.jumlah, tepat=a.tepat_waktu, alasan=a.alasan_kembali, ambang=ambang
        )
        rows.append(
            MonitoringLangkah(
                monitoring=monitoring,
                nomor=a.nomor,
                kode=a.kode,
                kegiatan=a.kegiatan,
                standar_menit=a.standar_menit,
                standar_teks=a.standar_teks,
                jumlah=a.jumlah,
                tepat_waktu=a.tepat_waktu,
                median_menit=a.median_menit,
                maks_menit=a.maks_menit,
                kembali=a.kembali,
                alasan_kembali=a.alasan_kembali,
                dilewati=a.dilewati,
                oleh_plt=a.oleh_plt,
                terlambat_plt=a.terlambat_plt,
                saran_baik=saran,
                saran_dasar=dasar,
                baik=saran,
            )
        )
    MonitoringLangkah.objects.bulk_create(rows)
    _jejak(
        pd_id=pd.pk, aksi=JejakMonev.Aksi.SUSUN, aktor=penilai, monitoring=monitoring
    )
    return monitoring


def _draf_terkunci(model, obj, actor: User):
    """The draft form `obj` locked for writing, with its assessor; refused once issued."""
    obj = model.objects.select_for_update().get(pk=obj.pk)
    penilai = penilai_dari(actor, obj.perangkat_daerah_id)
    if obj.status != StatusForm.DRAF:
        raise ValidationError(
            _("Formulir ini sudah diterbitkan dan tidak dapat diubah lagi.")
        )
    return obj, penilai


@transaction.atomic
def monitoring_assess(
    *, monitoring: Monitoring, penilaian: Mapping[str, Mapping], actor: User
) -> Monitoring:
    """Save the assessor's judgement of the steps: `penilaian` maps a step's code to
    {"baik": bool | None, "catatan": str, "tindakan": str}. A step judged "tidak berjalan
    dengan baik" needs the action to take; overruling the suggestion needs a note
    saying why. Nothing is saved when any step is refused."""
    m, penilai = _draf_terkunci(Monitoring, monitoring, actor)
    langkah = {lk.kode: lk for lk in m.langkah.select_for_update()}
    errors = []
    for kode, isi in penilaian.items():
        lk = langkah.get(kode)
        if lk is None:
            raise ValidationError(_("Langkah tidak termasuk formulir ini."))
        baik = isi.get("baik")
        catatan = (isi.get("catatan") or "").strip()
        tindakan = (isi.get("tindakan") or "").strip()
        if baik is False and not tindakan:
            errors.append(
                _("Langkah %(no)s: tuliskan tindakan yang harus diambil.")
                % {"no": lk.nomor}
            )
        if (
            baik is not None
            and lk.saran_baik is not None
            and baik != lk.saran_baik
            and not catatan
        ):
            errors.append(
                _(
                    "Langkah %(no)s: penilaian berbeda dari saran; tuliskan alasannya pada catatan."
                )
                % {"no": lk.nomor}
            )
        lk.baik, lk.catatan, lk.tindakan = baik, catatan, tindakan
    if errors:
        raise ValidationError(errors)
    MonitoringLangkah.objects.bulk_update(
        list(langkah.values()), ["baik", "catatan", "tindakan"]
    )
    _jejak(
        pd_id=m.perangkat_daerah_id,
        aksi=JejakMonev.Aksi.NILAI,
        aktor=penilai,
        monitoring=m,
    )
    return m


@transaction.atomic
def monitoring_issue(*, monitoring: Monitoring, actor: User) -> Monitoring:
    """Issue the form: every step assessed, the assessor signs; the PDF in the
    regulation's layout is numbered and archived as an official document (kind "SOP",
    classification 060) and the form can no longer change."""
    from . import pdf

    m, penilai = _draf_terkunci(Monitoring, monitoring, actor)
    belum = list(m.langkah.filter(baik__isnull=True).values_list("nomor", flat=True))
    if belum:
        raise ValidationError(
            _("Nilai dahulu setiap langkah. Belum dinilai: langkah %(no)s.")
            % {"no": ", ".join(str(n) for n in belum)}
        )
    jabatan = penilai.jabatan.nama if penilai.jabatan_id else ""
    m.penilai = penilai
    m.penilai_jabatan = jabatan
    sekarang = timezone.now()
    m.diterbitkan_pada = sekarang

    def render(nomor: str, verify_url: str, qr: str, *, ditandatangani: bool) -> bytes:
        return pdf.render_monitoring(
            m, nomor=nomor, verify_url=verify_url, qr=qr, ditandatangani=ditandatangani
        )

    resmi = dokumen_terbitkan(
        jenis=Jenis.SOP,
        pd=m.perangkat_daerah,
        tahun=m.selesai.year,
        triwulan=None,
        render=render,
        penandatangan=penilai,
        label_jabatan=jabatan,
        actor=actor,
        judul=pdf.judul_monitoring(m),
    )
    m.dokumen = resmi
    m.status = StatusForm.DITERBITKAN
    m.save(
        update_fields=[
            "penilai",
            "penilai_jabatan",
            "diterbitkan_pada",
            "dokumen",
            "status",
        ]
    )
    _jejak(
        pd_id=m.perangkat_daerah_id,
        aksi=JejakMonev.Aksi.TERBIT,
        aktor=penilai,
        monitoring=m,
        catatan=resmi.nomor,
    )
    return m


@transaction.atomic
def evaluasi_draft(
    *,
    pd: PerangkatDaerah,
    jenis: str,
    actor: User,
    mulai: datetime.date | None = None,
    selesai: datetime.date | None = None,
) -> Evaluasi:
    """Draft the evaluation of SOP `jenis` for office `pd` over the period (default the
    last six months): the regulation's questions, each with the evidence the runs give
    and, where they can say it, a suggested answer pre-filled as the answer."""
    penilai = penilai_dari(actor, pd.pk)
    sop = _cek_jenis(jenis)
    mulai, selesai = cek_periode(mulai, selesai)
    ambang = int(settings.MONEV_AMBANG_TEPAT_WAKTU)
    ev = Evaluasi.objects.create(
        perangkat_daerah=pd,
        jenis=jenis,
        sop=sop,
        mulai=mulai,
        selesai=selesai,
        dibuat_oleh=penilai,
        dibuat_pada=timezone.now(),
    )
    isian = instrumen.isian(
        angka_langkah(pd=pd, jenis=jenis, mulai=mulai, selesai=selesai),
        ambang=ambang,
        siklus_selesai=siklus_selesai(pd=pd, jenis=jenis, mulai=mulai, selesai=selesai),
    )
    EvaluasiJawaban.objects.bulk_create(
        EvaluasiJawaban(
            evaluasi=ev,
            nomor=i,
            kode=kode,
            pertanyaan=str(teks),
            bukti=isian[kode].bukti,
            saran_ya=isian[kode].saran_ya,
            ya=isian[kode].saran_ya,
        )
        for i, (kode, teks) in enumerate(instrumen.PERTANYAAN, start=1)
    )
    _jejak(pd_id=pd.pk, aksi=JejakMonev.Aksi.SUSUN, aktor=penilai, evaluasi=ev)
    return ev


@transaction.atomic
def evaluasi_assess(
    *, evaluasi: Evaluasi, jawaban: Mapping[str, Mapping], actor: User
) -> Evaluasi:
    """Save the answers: `jawaban` maps a question's code to {"ya": bool | None,
    "catatan": str}. "Tidak" needs a note saying what falls short; overruling a
    suggested answer needs a note saying why. Nothing is saved when any is refused."""
    ev, penilai = _draf_terkunci(Evaluasi, evaluasi, actor)
    rows = {j.kode: j for j in ev.jawaban.select_for_update()}
    errors = []
    for kode, isi in jawaban.items():
        j = rows.get(kode)
        if j is None:
            raise ValidationError(_("Pertanyaan tidak termasuk formulir ini."))
        ya = isi.get("ya")
        catatan = (isi.get("catatan") or "").strip()
        if ya is False and not catatan:
            errors.append(
                _('Pertanyaan %(no)s: jawaban "Tidak" perlu catatan.') % {"no": j.nomor}
            )
        elif (
            ya is not None
            and j.saran_ya is not None
            and ya != j.saran_ya
            and not catatan
        ):
            errors.append(
                _(
                    "Pertanyaan %(no)s: jawaban berbeda dari saran; tuliskan alasannya pada catatan."
                )
                % {"no": j.nomor}
            )
        j.ya, j.catatan = ya, catatan
    if errors:
        raise ValidationError(errors)
    EvaluasiJawaban.objects.bulk_update(list(rows.values()), ["ya", "catatan"])
    _jejak(
        pd_id=ev.perangkat_daerah_id,
        aksi=JejakMonev.Aksi.NILAI,
        aktor=penilai,
        evaluasi=ev,
    )
    return ev


@transaction.atomic
def evaluasi_issue(*, evaluasi: Evaluasi, actor: User) -> Evaluasi:
    """Issue the evaluation: every question answered; printed, numbered and archived
    like the monitoring form; frozen afterwards."""
    from . import pdf

    ev, penilai = _draf_terkunci(Evaluasi, evaluasi, actor)
    belum = list(ev.jawaban.filter(ya__isnull=True).values_list("nomor", flat=True))
    if belum:
        raise ValidationError(
            _("Jawab dahulu setiap pertanyaan. Belum dijawab: nomor %(no)s.")
            % {"no": ", ".join(str(n) for n in belum)}
        )
    jabatan = penilai.jabatan.nama if penilai.jabatan_id else ""
    ev.penilai, ev.penilai_jabatan, ev.diterbitkan_pada = (
        penilai,
        jabatan,
        timezone.now(),
    )

    def render(nomor: str, verify_url: str, qr: str, *, ditandatangani: bool) -> bytes:
        return pdf.render_evaluasi(
            ev, nomor=nomor, verify_url=verify_url, qr=qr, ditandatangani=ditandatangani
        )

    resmi = dokumen_terbitkan(
        jenis=Jenis.SOP,
        pd=ev.perangkat_daerah,
        tahun=ev.selesai.year,
        triwulan=None,
        render=render,
        penandatangan=penilai,
        label_jabatan=jabatan,
        actor=actor,
        judul=pdf.judul_evaluasi(ev),
    )
    ev.dokumen, ev.status = resmi, StatusForm.DITERBITKAN
    ev.save(
        update_fields=[
            "penilai",
            "penilai_jabatan",
            "diterbitkan_pada",
            "dokumen",
            "status",
        ]
    )
    _jejak(
        pd_id=ev.perangkat_daerah_id,
        aksi=JejakMonev.Aksi.TERBIT,
        aktor=penilai,
        evaluasi=ev,
        catatan=resmi.nomor,
    )
    return ev
