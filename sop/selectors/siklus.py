"""A quarter of one office: its page (timeline, trail, tasks, documents), and the
year and kabupaten overviews."""

from __future__ import annotations

import datetime
from collections import namedtuple
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import F, FilteredRelation, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from kinerja.models import TRIWULAN_ROMAWI
from organisasi.models import Peran, PerangkatDaerah, nama_lengkap
from organisasi.roles import PeranPegawai

from .. import worktime
from ..models import (
    SOP,
    DokumenPengukuran,
    Jejak,
    LangkahBerjalan,
    ProsesPengukuran,
    ProsesPengumpulan,
    Siklus,
    TugasPengumpulan,
    WaktuSatuan,
)
from .inbox import inbox_for
from .kalender import kalender_kerja, lewat_standar
from .langkah import aksi_list_for_siklus, aksi_tersedia, url_langkah, waktu_singkat


def _nomor_sop(kolom: str) -> Subquery:
    return Subquery(SOP.objects.filter(pk=OuterRef(kolom)).values("nomor")[:1])


def siklus_get(*, pk: int) -> Siklus:
    """A cycle for a step page: with its office, plan and both SOP sheets; 404 for an unknown id."""
    return get_object_or_404(
        Siklus.objects.select_related(
            "perangkat_daerah", "perjanjian", "sop_pengumpulan", "sop_pengukuran"
        ),
        pk=pk,
    )


def siklus_detail(*, pk: int) -> Siklus:
    """A cycle with everything its page shows, in a fixed number of queries.

    `daftar_disposisi`: the collection's dispositions with sender and addressee;
    `daftar_draft`: the measurement's drafts without their stored measurement table
    (`data`, a JSON snapshot of every indicator), each with its ratified document when it
    has one (`dokumen_list_for_siklus`). The collection's tasks are read by `tugas_list_for_pengumpulan`. Of the
    two SOP sheets only their numbers are shown: `nomor_sop_pengumpulan` /
    `nomor_sop_pengukuran`, as scalar subqueries — joining the sheets too (eight tables)
    made PostgreSQL plan the query ~1.4 ms longer. Raises Siklus.DoesNotExist."""
    siklus = (
        Siklus.objects.select_related(
            "perangkat_daerah", "perjanjian", "dibuka_oleh", "pengumpulan", "pengukuran"
        )
        .annotate(
            nomor_sop_pengumpulan=_nomor_sop("sop_pengumpulan_id"),
            nomor_sop_pengukuran=_nomor_sop("sop_pengukuran_id"),
        )
        .get(pk=pk)
    )
    a = getattr(siklus, "pengumpulan", None)
    b = getattr(siklus, "pengukuran", None)
    # through the related managers, so each row points at the process already read
    siklus.daftar_disposisi = (
        list(a.disposisi.select_related("dari", "kepada")) if a is not None else []
    )
    siklus.daftar_draft = (
        list(b.draft.defer("data").select_related("dokumen")) if b is not None else []
    )
    return siklus


def dokumen_list_for_siklus(*, siklus: Siklus) -> list:
    """The measurement's ratified documents by version, from the drafts `siklus_detail`
    read (no query): a document is always the ratification of one of its process's drafts
    (services.pengukuran ratifies the process's latest draft; the draft link is one-to-one)."""
    pengukuran = getattr(siklus, "pengukuran", None)
    if pengukuran is None:
        return []
    out = []
    drafts = getattr(siklus, "daftar_draft", None)
    for draft in drafts if drafts is not None else pengukuran.draft.all():
        dok = getattr(draft, "dokumen", None)
        if dok is not None:
            dok.proses = pengukuran  # what dokumen_berkas follows to the quarter
            out.append(dok)
    return sorted(out, key=lambda d: d.versi)


# An indicator's place in lists (Indikator.Meta.ordering), followed through a task's indicators.
_URUT_INDIKATOR_TUGAS = (
    "indikator__sasaran__urutan",
    "indikator__sasaran_id",
    "indikator__urutan",
    "indikator__pk",
)


def tugas_list_for_pengumpulan(
    *, pengumpulan: ProsesPengumpulan
) -> list[TugasPengumpulan]:
    """The collection's tasks (in their order, with their member), each with `nama_indikator`:
    its indicators' names joined by "; " in the indicators' order. One query — a row per task
    and indicator (a task without indicators comes once, with none) — instead of the tasks
    and then their indicators; each task is kept once, with the names of its rows."""
    rows = (
        TugasPengumpulan.objects.filter(proses=pengumpulan)
        .select_related("anggota")
        .annotate(nama_satu_indikator=F("indikator__nama"))
        .order_by("pk", *_URUT_INDIKATOR_TUGAS)
    )
    tugas: dict[int, TugasPengumpulan] = {}
    nama: dict[int, list[str]] = {}
    for t in rows:
        if t.pk not in tugas:
            t.proses = pengumpulan
            tugas[t.pk] = t
        if t.nama_satu_indikator is not None:
            nama.setdefault(t.pk, []).append(t.nama_satu_indikator)
    for pk, t in tugas.items():
        t.nama_indikator = "; ".join(nama.get(pk, ()))
    return list(tugas.values())


@dataclass(frozen=True)
class BarisLini:
    """One step occurrence on a cycle's timeline."""

    nomor: int
    sop: str
    kegiatan: str
    kode: str
    putaran: int
    menunggu: str
    mulai: datetime.datetime
    selesai: datetime.datetime | None
    oleh: str
    menit_kerja: int | None
    standar_menit: int
    standar: str
    terlambat: bool | None
    tugas_id: int | None


_PEGAWAI_NAMA = ("gelar_depan", "nama", "gelar_belakang")


# What a timeline row shows: the sheet's step and SOP name (not the sheet's long texts), the
# names of whom it waits for and who finished it — read as plain values (`siklus_timeline`).
_KOLOM_LINI = (
    "mulai",
    "selesai",
    "menit_kerja",
    "standar_menit",
    "terlambat",
    "kode",
    "putaran",
    "menunggu_peran",
    "tugas_id",
    "langkah__nomor",
    "langkah__kegiatan",
    "langkah__waktu_nilai",
    "langkah__waktu_satuan",
    "langkah__waktu_teks",
    "langkah__sop__nama",
    *(f"menunggu_pegawai__{f}" for f in _PEGAWAI_NAMA),
    *(f"selesai_oleh__{f}" for f in _PEGAWAI_NAMA),
)


def _nama_lengkap(
    gelar_depan: str | None, nama: str | None, gelar_belakang: str | None
) -> str:
    """`Pegawai.nama_lengkap` of a person read as values; "" without one (a null join)."""
    return "" if nama is None else nama_lengkap(gelar_depan, nama, gelar_belakang)


def siklus_timeline(*, siklus: Siklus) -> list[BarisLini]:
    """Every step occurrence of the cycle in order; an open step's time runs to now.

    Read as plain values (one query; no model instances: five per row through the joins);
    the labels — whom a step waits for, the unit of its time standard — are translated once
    per call, as `get_FOO_display()` and `LangkahSOP.waktu` write them."""
    rows = (
        LangkahBerjalan.objects.filter(siklus=siklus)
        .order_by("mulai", "pk")
        .values_list(*_KOLOM_LINI)
    )
    peran = {k: str(v) for k, v in Peran.choices}
    satuan = {k: str(v) for k, v in WaktuSatuan.choices}
    kal = None
    now = timezone.now()
    out = []
    for (
        mulai,
        selesai,
        menit,
        standar_menit,
        terlambat,
        kode,
        putaran,
        menunggu_peran,
        tugas_id,
        nomor,
        kegiatan,
        waktu_nilai,
        waktu_satuan,
        waktu_teks,
        sop_nama,
        *nama,
    ) in rows:
        if selesai is None:
            kal = kal or kalender_kerja()
            menit = worktime.menit_kerja(mulai, now, kal)
            terlambat = menit > standar_menit
        out.append(
            BarisLini(
                nomor=nomor,
                sop=sop_nama,
                kegiatan=kegiatan,
                kode=kode,
                putaran=putaran,
                menunggu=_nama_lengkap(*nama[:3])
                if nama[1] is not None
                else peran.get(menunggu_peran, menunggu_peran),
                mulai=mulai,
                selesai=selesai,
                oleh=_nama_lengkap(*nama[3:]),
                menit_kerja=menit,
                standar_menit=standar_menit,
                standar=waktu_teks
                or f"{waktu_nilai} {satuan.get(waktu_satuan, waktu_satuan)}",
                terlambat=terlambat,
                tugas_id=tugas_id,
            )
        )
    return out


# What the quarter page shows of a trail entry (`templatetags/lini_siklus.baris_jejak`).
_KOLOM_JEJAK = (
    "waktu",
    "transisi_label",
    "langkah_nomor",
    "terlambat",
    "aktor_label",
    "aktor_nama",
    "output",
    "catatan",
)


BarisJejak = namedtuple("BarisJejak", _KOLOM_JEJAK)


def jejak_list_for_siklus(*, siklus: Siklus) -> list[BarisJejak]:
    """The cycle's trail, oldest first: per entry a `BarisJejak` of `_KOLOM_JEJAK` — the
    fields the page shows, without a model instance of every column per entry (one query)."""
    rows = (
        Jejak.objects.filter(siklus=siklus)
        .order_by("waktu", "pk")
        .values_list(*_KOLOM_JEJAK)
    )
    return [BarisJejak(*row) for row in rows]


@dataclass(frozen=True)
class RingkasTriwulan:
    triwulan: int
    label: str
    siklus: Siklus | None
    status: str
    status_label: str
    pengumpulan: str
    pengukuran: str


def _ringkas(tw: int, s: Siklus | None) -> RingkasTriwulan:
    if s is None:
        return RingkasTriwulan(
            tw, f"Triwulan {TRIWULAN_ROMAWI[tw]}", None, "", "Belum dibuka", "", ""
        )
    a = getattr(s, "pengumpulan", None)
    b = getattr(s, "pengukuran", None)
    return RingkasTriwulan(
        tw,
        f"Triwulan {TRIWULAN_ROMAWI[tw]}",
        s,
        s.status,
        str(s.get_status_display()),
        str(a.get_status_display()) if a else "",
        str(b.get_status_display()) if b else "",
    )


def tahun_overview(*, pd: PerangkatDaerah | int, tahun: int) -> list[RingkasTriwulan]:
    """The four quarters of one office in a year with their states (one query)."""
    siklus = {
        s.triwulan: s
        for s in Siklus.objects.filter(perangkat_daerah=pd, tahun=tahun).select_related(
            "pengumpulan", "pengukuran"
        )
    }
    return [_ringkas(tw, siklus.get(tw)) for tw in (1, 2, 3, 4)]


@dataclass(frozen=True)
class RingkasKantor:
    perangkat_daerah: PerangkatDaerah
    siklus: Siklus | None
    ringkas: RingkasTriwulan | None
    terlambat: int


def _kantor_dengan_siklus_terbaru(kabupaten: str | None):
    """Every office (of the kabupaten), by name, each with `terbaru`: its latest quarter
    (with both processes) or None — one query. The quarter is joined along the unique
    index (office, year, quarter): a per-office subquery picks its newest row."""
    paling_baru = (
        Siklus.objects.filter(perangkat_daerah_id=OuterRef("pk"))
        .order_by("-tahun", "-triwulan")
        .values("pk")[:1]
    )
    pds = PerangkatDaerah.objects.annotate(
        terbaru=FilteredRelation(
            "siklus", condition=Q(siklus__pk=Subquery(paling_baru))
        )
    ).select_related("terbaru__pengumpulan", "terbaru__pengukuran")
    if kabupaten:
        pds = pds.filter(kabupaten=kabupaten)
    return pds.order_by("nama")


def kabupaten_overview(*, kabupaten: str | None = None) -> list[RingkasKantor]:
    """For the kabupaten administrator: every office with its latest cycle's state and
    how many of its open steps are past their standard (constant query count)."""
    pds = list(
        _kantor_dengan_siklus_terbaru(kabupaten or None)
    )  # "" filters nothing, as None
    # an office without any quarter comes without the attribute (nothing joined)
    terbaru: dict[int, Siklus] = {
        pd.pk: pd.terbaru for pd in pds if getattr(pd, "terbaru", None) is not None
    }
    terbuka = list(
        LangkahBerjalan.objects.terbuka()
        .filter(siklus__in=list(terbaru.values()))
        .values_list("siklus__perangkat_daerah_id", "mulai", "standar_menit")
    )
    kal = kalender_kerja() if terbuka else None
    now = timezone.now()
    telat: dict[int, int] = {}
    for pd_id, mulai, standar in terbuka:
        if lewat_standar(mulai, standar, now, kal):
            telat[pd_id] = telat.get(pd_id, 0) + 1
    # The status labels of each model, translated once (get_status_display() costs a
    # translation of every choice per call); the same RingkasTriwulan as `_ringkas` builds.
    label = {
        m: {k: str(v) for k, v in m.Status.choices}
        for m in (Siklus, ProsesPengumpulan, ProsesPengukuran)
    }
    out = []
    for pd in pds:
        s = terbaru.get(pd.pk)
        ringkas = None
        if s is not None:
            a = getattr(s, "pengumpulan", None)
            b = getattr(s, "pengukuran", None)
            ringkas = RingkasTriwulan(
                s.triwulan,
                f"Triwulan {TRIWULAN_ROMAWI[s.triwulan]}",
                s,
                s.status,
                label[Siklus].get(s.status, s.status),
                label[ProsesPengumpulan].get(a.status, a.status) if a else "",
                label[ProsesPengukuran].get(b.status, b.status) if b else "",
            )
        out.append(RingkasKantor(pd, s, ringkas, telat.get(pd.pk, 0)))
    return out


@dataclass(frozen=True)
class Berkas:
    """A downloadable PDF of a measurement document: from the official archive when
    issued there, else the file stored on the ratification record."""

    url: str
    nomor: str
    ditandatangani: bool | None


def dokumen_resmi_list_for_siklus(*, siklus: Siklus) -> list:
    """The official archive's documents of this office and quarter, newest first."""
    try:
        from dokumen.models import DokumenResmi
    except ImportError:  # pragma: no cover - the documents app is part of the project
        return []
    return list(
        DokumenResmi.objects.filter(
            perangkat_daerah_id=siklus.perangkat_daerah_id,
            tahun=siklus.tahun,
            triwulan=siklus.triwulan,
        ).order_by("-dibuat_pada", "-pk")
    )


def dokumen_berkas(
    *, dok: DokumenPengukuran, resmi: list | None = None
) -> Berkas | None:
    """Where the ratified document `dok` can be downloaded, or None while it has no file.

    The archive record is found by its SHA-256 when the ratification stored one; else
    it is the quarter's first measurement document issued in the ratification's
    transaction or after it (the record itself has no link to the archive)."""
    s = dok.proses.siklus
    resmi = resmi if resmi is not None else dokumen_resmi_list_for_siklus(siklus=s)
    if dok.sha256:
        for r in resmi:
            if r.sha256 == dok.sha256:
                return Berkas(
                    reverse("dokumen:unduh", args=[r.pk]), r.nomor, r.ditandatangani
                )
    if dok.berkas:
        return Berkas(reverse("sop:dokumen_unduh", args=[dok.pk]), "", None)
    sejak = dok.disahkan_pada - datetime.timedelta(minutes=1)
    calon = sorted(
        (
            r
            for r in resmi
            if r.jenis == "pengukuran_triwulan"
            and r.triwulan == s.triwulan
            and r.tahun == s.tahun
            and r.perangkat_daerah_id == s.perangkat_daerah_id
            and r.dibuat_pada >= sejak
        ),
        key=lambda r: (r.dibuat_pada, r.pk),
    )
    if calon:
        r = calon[0]
        return Berkas(reverse("dokumen:unduh", args=[r.pk]), r.nomor, r.ditandatangani)
    return None


def siklus_halaman(*, siklus: Siklus, user: User, peran: PeranPegawai) -> dict:
    """What a quarter's page shows of the cycle `siklus_detail` read, for `user` (his
    roles: `peran`): both SOPs as a timeline of their steps (who, state, started,
    finished, working time against the standard, each step's page), the trail, the
    tasks, dispositions, drafts and documents, the actions he may take now — only those
    — and whether he may reopen the quarter (`boleh_buka_kembali`)."""
    url: dict[
        tuple, str
    ] = {}  # a step's page, once per step and task (steps repeat on the timeline)
    timeline = [
        {
            "baris": b,
            "waktu": worktime.format_menit(b.menit_kerja),
            "standar_menit": worktime.format_menit(b.standar_menit),
            "mulai": waktu_singkat(b.mulai),
            "selesai": waktu_singkat(b.selesai),
            "url": url.get((b.kode, b.tugas_id))
            or url.setdefault(
                (b.kode, b.tugas_id),
                url_langkah(b.kode, siklus_id=siklus.pk, tugas_id=b.tugas_id),
            ),
        }
        for b in siklus_timeline(siklus=siklus)
    ]
    # The inbox lists open steps only: a quarter whose timeline has none (finished) has no inbox rows.
    ada_terbuka = any(b["baris"].selesai is None for b in timeline)
    inbox = (
        inbox_for(peran=peran, siklus_id=siklus.pk)
        if peran.pegawai and ada_terbuka
        else []
    )
    pengumpulan = getattr(siklus, "pengumpulan", None)
    tugas = tugas_list_for_pengumpulan(pengumpulan=pengumpulan) if pengumpulan else []
    resmi = dokumen_resmi_list_for_siklus(siklus=siklus)
    return {
        "siklus": siklus,
        "pengumpulan": pengumpulan,
        "pengukuran": getattr(siklus, "pengukuran", None),
        "timeline": timeline,
        "jejak": [
            {"baris": j, "waktu": waktu_singkat(j.waktu)}
            for j in jejak_list_for_siklus(siklus=siklus)
        ],
        "aksi": aksi_list_for_siklus(siklus=siklus, user=user, inbox=inbox, tugas=tugas)
        if peran.pegawai
        else [],
        "tugas_list": [{"tugas": t, "indikator": t.nama_indikator} for t in tugas],
        "disposisi": siklus.daftar_disposisi,
        "draft_list": siklus.daftar_draft,
        "dokumen": [
            {"dok": d, "berkas": dokumen_berkas(dok=d, resmi=resmi)}
            for d in dokumen_list_for_siklus(siklus=siklus)
        ],
        "resmi": resmi,
        "boleh_buka_kembali": bool(peran.pegawai)
        and any(a["name"] == "reopen" for a in aksi_tersedia(obj=siklus, user=user)),
    }
