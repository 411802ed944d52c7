"""Reads that feed SOP pages: the inbox, a cycle's timeline and trail, the year and
kabupaten overviews, the working calendar."""

from __future__ import annotations

import datetime
from collections import namedtuple
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    DateField,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TimeField,
    Value,
)
from django.urls import reverse
from django.utils import timezone

from kinerja.models import TRIWULAN_ROMAWI
from organisasi.models import PerangkatDaerah, nama_lengkap
from organisasi.roles import PeranPegawai
from . import worktime
from .models import HariLibur, JamKerja, Jejak, LangkahBerjalan, Siklus, WaktuSatuan


_HARI = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")  # JamKerja's weekday flags, Monday first


def kalender_kerja() -> worktime.Kalender:
    """The office calendar as configured in the admin (JamKerja + HariLibur), read in one
    query: the week row (marked 0) UNION ALL one row per day off (marked 1). It is read
    anew on each call (admin-editable, shared by several app servers: no process cache).
    The union's column types come from its first query, so the days off are typed as
    dates through the week row's empty date column, and its times through its fields."""
    minggu_qs = JamKerja.objects.filter(pk=1).values_list(
        Value(0, output_field=IntegerField()), "mulai", "selesai", *_HARI,
        Value(None, output_field=DateField()),
    )
    libur_qs = HariLibur.objects.values_list(
        Value(1, output_field=IntegerField()),
        Value(None, output_field=TimeField()), Value(None, output_field=TimeField()),
        *(Value(None, output_field=BooleanField()) for _h in _HARI),
        "tanggal",
    )
    rows = list(minggu_qs.union(libur_qs, all=True))
    minggu = next((r for r in rows if r[0] == 0), None)
    hari_libur = [r[-1] for r in rows if r[0] == 1]
    if minggu is None:  # not configured yet: create the default week, as JamKerja.aktif() does
        jk = JamKerja.aktif()
        return worktime.kalender_dari(jk.mulai, jk.selesai, jk.hari_kerja, hari_libur)
    hari_kerja = [i for i, on in enumerate(minggu[3:3 + len(_HARI)]) if on]
    return worktime.kalender_dari(minggu[1], minggu[2], hari_kerja, hari_libur)


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
    from organisasi.models import Pegawai

    if not peran.jabatan_diwakili:
        return []
    return list(Pegawai.objects.filter(jabatan_id__in=peran.jabatan_diwakili).values_list("pk", flat=True))


def inbox_for(peran: PeranPegawai, *, siklus_id: int | None = None) -> list[InboxItem]:
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
        .filter(siklus__perangkat_daerah_id=me.perangkat_daerah_id, **({"siklus_id": siklus_id} if siklus_id else {}))
        .filter(Q(menunggu_pegawai_id__in=untuk) | Q(menunggu_pegawai__isnull=True, menunggu_peran__in=list(peran.peran)))
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
        items.append(InboxItem(
            perangkat_daerah=s.perangkat_daerah, periode=s.periode, langkah=r.langkah.kegiatan,
            url=reverse("sop:siklus_detail", args=[s.pk]), sejak=r.mulai, standar=r.langkah.waktu,
            terlambat=berjalan > r.standar_menit, batas=worktime.tambah_menit_kerja(r.mulai, r.standar_menit, kal),
            kode=r.kode, siklus_id=s.pk, langkah_berjalan_id=r.pk, tugas_id=r.tugas_id, menit_berjalan=berjalan,
        ))
    return items


def _nomor_sop(kolom: str) -> Subquery:
    from .models import SOP

    return Subquery(SOP.objects.filter(pk=OuterRef(kolom)).values("nomor")[:1])


def siklus_detail(pk: int) -> Siklus:
    """A cycle with everything its page shows, in a fixed number of queries.

    `daftar_disposisi`: the collection's dispositions with sender and addressee;
    `daftar_draft`: the measurement's drafts without their stored measurement table
    (`data`, a JSON snapshot of every indicator), each with its ratified document when it
    has one (`dokumen_siklus`). The collection's tasks are read by `tugas_siklus`. Of the
    two SOP sheets only their numbers are shown: `nomor_sop_pengumpulan` /
    `nomor_sop_pengukuran`, as scalar subqueries — joining the sheets too (eight tables)
    made PostgreSQL plan the query ~1.4 ms longer. Raises Siklus.DoesNotExist."""
    siklus = (
        Siklus.objects.select_related("perangkat_daerah", "perjanjian", "dibuka_oleh", "pengumpulan", "pengukuran")
        .annotate(nomor_sop_pengumpulan=_nomor_sop("sop_pengumpulan_id"),
                  nomor_sop_pengukuran=_nomor_sop("sop_pengukuran_id"))
        .get(pk=pk)
    )
    a = getattr(siklus, "pengumpulan", None)
    b = getattr(siklus, "pengukuran", None)
    # through the related managers, so each row points at the process already read
    siklus.daftar_disposisi = list(a.disposisi.select_related("dari", "kepada")) if a is not None else []
    siklus.daftar_draft = list(b.draft.defer("data").select_related("dokumen")) if b is not None else []
    return siklus


def dokumen_siklus(siklus: Siklus) -> list:
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
            dok.proses = pengukuran  # what berkas_dokumen follows to the quarter
            out.append(dok)
    return sorted(out, key=lambda d: d.versi)


# An indicator's place in lists (Indikator.Meta.ordering), followed through a task's indicators.
_URUT_INDIKATOR_TUGAS = (
    "indikator__sasaran__urutan", "indikator__sasaran_id", "indikator__urutan", "indikator__pk",
)


def tugas_siklus(pengumpulan) -> list:
    """The collection's tasks (in their order, with their member), each with `nama_indikator`:
    its indicators' names joined by "; " in the indicators' order. One query — a row per task
    and indicator (a task without indicators comes once, with none) — instead of the tasks
    and then their indicators; each task is kept once, with the names of its rows."""
    from .models import TugasPengumpulan

    rows = (
        TugasPengumpulan.objects.filter(proses=pengumpulan).select_related("anggota")
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
    "mulai", "selesai", "menit_kerja", "standar_menit", "terlambat", "kode", "putaran", "menunggu_peran", "tugas_id",
    "langkah__nomor", "langkah__kegiatan", "langkah__waktu_nilai", "langkah__waktu_satuan", "langkah__waktu_teks",
    "langkah__sop__nama",
    *(f"menunggu_pegawai__{f}" for f in _PEGAWAI_NAMA), *(f"selesai_oleh__{f}" for f in _PEGAWAI_NAMA),
)


def _nama_lengkap(gelar_depan: str | None, nama: str | None, gelar_belakang: str | None) -> str:
    """`Pegawai.nama_lengkap` of a person read as values; "" without one (a null join)."""
    return "" if nama is None else nama_lengkap(gelar_depan, nama, gelar_belakang)


def siklus_timeline(siklus: Siklus) -> list[BarisLini]:
    """Every step occurrence of the cycle in order; an open step's time runs to now.

    Read as plain values (one query; no model instances: five per row through the joins);
    the labels — whom a step waits for, the unit of its time standard — are translated once
    per call, as `get_FOO_display()` and `LangkahSOP.waktu` write them."""
    from organisasi.models import Peran

    rows = LangkahBerjalan.objects.filter(siklus=siklus).order_by("mulai", "pk").values_list(*_KOLOM_LINI)
    peran = {k: str(v) for k, v in Peran.choices}
    satuan = {k: str(v) for k, v in WaktuSatuan.choices}
    kal = None
    now = timezone.now()
    out = []
    for (mulai, selesai, menit, standar_menit, terlambat, kode, putaran, menunggu_peran, tugas_id,
         nomor, kegiatan, waktu_nilai, waktu_satuan, waktu_teks, sop_nama, *nama) in rows:
        if selesai is None:
            kal = kal or kalender_kerja()
            menit = worktime.menit_kerja(mulai, now, kal)
            terlambat = menit > standar_menit
        out.append(BarisLini(
            nomor=nomor, sop=sop_nama, kegiatan=kegiatan, kode=kode, putaran=putaran,
            menunggu=_nama_lengkap(*nama[:3]) if nama[1] is not None else peran.get(menunggu_peran, menunggu_peran),
            mulai=mulai, selesai=selesai, oleh=_nama_lengkap(*nama[3:]),
            menit_kerja=menit, standar_menit=standar_menit,
            standar=waktu_teks or f"{waktu_nilai} {satuan.get(waktu_satuan, waktu_satuan)}",
            terlambat=terlambat, tugas_id=tugas_id,
        ))
    return out


# What the quarter page shows of a trail entry (`templatetags/lini_siklus.baris_jejak`).
_KOLOM_JEJAK = ("waktu", "transisi_label", "langkah_nomor", "terlambat", "aktor_label", "aktor_nama", "output", "catatan")


BarisJejak = namedtuple("BarisJejak", _KOLOM_JEJAK)


def jejak_siklus(siklus: Siklus) -> list[BarisJejak]:
    """The cycle's trail, oldest first: per entry a `BarisJejak` of `_KOLOM_JEJAK` — the
    fields the page shows, without a model instance of every column per entry (one query)."""
    rows = Jejak.objects.filter(siklus=siklus).order_by("waktu", "pk").values_list(*_KOLOM_JEJAK)
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
        return RingkasTriwulan(tw, f"Triwulan {TRIWULAN_ROMAWI[tw]}", None, "", "Belum dibuka", "", "")
    a = getattr(s, "pengumpulan", None)
    b = getattr(s, "pengukuran", None)
    return RingkasTriwulan(
        tw, f"Triwulan {TRIWULAN_ROMAWI[tw]}", s, s.status, str(s.get_status_display()),
        str(a.get_status_display()) if a else "", str(b.get_status_display()) if b else "",
    )


def tahun_overview(*, pd: PerangkatDaerah | int, tahun: int) -> list[RingkasTriwulan]:
    """The four quarters of one office in a year with their states (one query)."""
    siklus = {
        s.triwulan: s
        for s in Siklus.objects.filter(perangkat_daerah=pd, tahun=tahun).select_related("pengumpulan", "pengukuran")
    }
    return [_ringkas(tw, siklus.get(tw)) for tw in (1, 2, 3, 4)]


@dataclass(frozen=True)
class RingkasKantor:
    perangkat_daerah: PerangkatDaerah
    siklus: Siklus | None
    ringkas: RingkasTriwulan | None
    terlambat: int


def lewat_standar(mulai: datetime.datetime, standar_menit: int, sekarang: datetime.datetime,
                  kal: worktime.Kalender) -> bool:
    """Whether a step open since `mulai` is past its standard at `sekarang`: exactly
    `worktime.menit_kerja(mulai, sekarang, kal) > standar_menit`, without walking every day
    since `mulai` (a step left open last quarter would walk months). The moments when
    `standar_menit` and `standar_menit + 2` working minutes have passed only need the days up
    to the deadline; before the first the step is in time, from the second on it is late, and
    only in between (or with a calendar without working hours) the minutes are counted."""
    try:
        if sekarang < worktime.tambah_menit_kerja(mulai, standar_menit, kal):
            return False
        if sekarang >= worktime.tambah_menit_kerja(mulai, standar_menit + 2, kal):
            return True
    except ValueError:
        pass
    return worktime.menit_kerja(mulai, sekarang, kal) > standar_menit


def _kantor_dengan_siklus_terbaru(kabupaten: str | None):
    """Every office (of the kabupaten), by name, each with `terbaru`: its latest quarter
    (with both processes) or None — one query. The quarter is joined along the unique
    index (office, year, quarter): a per-office subquery picks its newest row."""
    paling_baru = (
        Siklus.objects.filter(perangkat_daerah_id=OuterRef("pk")).order_by("-tahun", "-triwulan").values("pk")[:1]
    )
    pds = PerangkatDaerah.objects.annotate(
        terbaru=FilteredRelation("siklus", condition=Q(siklus__pk=Subquery(paling_baru)))
    ).select_related("terbaru__pengumpulan", "terbaru__pengukuran")
    if kabupaten:
        pds = pds.filter(kabupaten=kabupaten)
    return pds.order_by("nama")


def kabupaten_overview(*, kabupaten: str | None = None) -> list[RingkasKantor]:
    """For the kabupaten administrator: every office with its latest cycle's state and
    how many of its open steps are past their standard (constant query count)."""
    from .models import ProsesPengukuran, ProsesPengumpulan

    pds = list(_kantor_dengan_siklus_terbaru(kabupaten or None))  # "" filters nothing, as None
    # an office without any quarter comes without the attribute (nothing joined)
    terbaru: dict[int, Siklus] = {pd.pk: pd.terbaru for pd in pds if getattr(pd, "terbaru", None) is not None}
    terbuka = list(
        LangkahBerjalan.objects.terbuka().filter(siklus__in=list(terbaru.values())).values_list(
            "siklus__perangkat_daerah_id", "mulai", "standar_menit"
        )
    )
    kal = kalender_kerja() if terbuka else None
    now = timezone.now()
    telat: dict[int, int] = {}
    for pd_id, mulai, standar in terbuka:
        if lewat_standar(mulai, standar, now, kal):
            telat[pd_id] = telat.get(pd_id, 0) + 1
    # The status labels of each model, translated once (get_status_display() costs a
    # translation of every choice per call); the same RingkasTriwulan as `_ringkas` builds.
    label = {m: {k: str(v) for k, v in m.Status.choices} for m in (Siklus, ProsesPengumpulan, ProsesPengukuran)}
    out = []
    for pd in pds:
        s = terbaru.get(pd.pk)
        ringkas = None
        if s is not None:
            a = getattr(s, "pengumpulan", None)
            b = getattr(s, "pengukuran", None)
            ringkas = RingkasTriwulan(
                s.triwulan, f"Triwulan {TRIWULAN_ROMAWI[s.triwulan]}", s, s.status,
                label[Siklus].get(s.status, s.status),
                label[ProsesPengumpulan].get(a.status, a.status) if a else "",
                label[ProsesPengukuran].get(b.status, b.status) if b else "",
            )
        out.append(RingkasKantor(pd, s, ringkas, telat.get(pd.pk, 0)))
    return out


def aksi_tersedia(obj, user) -> list[dict]:
    """The actions `user` may take on `obj` now: [{"name", "label"}] for buttons."""
    return [
        {"name": t.name, "label": str(t.custom.get("label", t.name))}
        for t in obj.get_available_user_status_transitions(user)
    ]
