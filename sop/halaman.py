"""Reads that feed the SOP step pages (issue 5): where each step is done, what the
current person may do on a quarter, the rows of a member's data entry grid and
of the completeness check, and the documents a quarter has produced.

Nothing here writes; every change goes through `sop.services`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.models import BuktiDukung, Indikator, Realisasi, TargetTriwulan
from organisasi.models import Pegawai, Peran
from organisasi.roles import peran_user
from . import rules, worktime
from .exceptions import KelengkapanBelumLengkap, TransisiTidakTersedia
from .models import (
    KODE_PER_JENIS,
    DokumenPengukuran,
    JenisSOP,
    KodeLangkah,
    LangkahBerjalan,
    LangkahSOP,
    PemeriksaanIndikator,
    Siklus,
    TugasPengumpulan,
)
from .selectors import InboxItem, aksi_tersedia, kalender_kerja
from .services import check_allowed, missing_inputs

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


def url_inbox(item: InboxItem) -> str:
    return url_langkah(item.kode, siklus_id=item.siklus_id, tugas_id=item.tugas_id)


def langkah_sop(siklus: Siklus, kode: str) -> LangkahSOP:
    """The sheet row of step `kode` in the SOP version the cycle runs with."""
    sop_id = siklus.sop_pengukuran_id if kode in KODE_PENGUKURAN else siklus.sop_pengumpulan_id
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


def status_langkah(siklus: Siklus, kode: str, tugas: TugasPengumpulan | None = None) -> StatusLangkah:
    row = (
        LangkahBerjalan.objects.filter(siklus=siklus, kode=kode, tugas=tugas)
        .select_related("menunggu_pegawai", "selesai_oleh").order_by("-mulai", "-pk").first()
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
    return StatusLangkah(row, worktime.tambah_menit_kerja(row.mulai, row.standar_menit, kal), menit, terlambat)


def waktu_singkat(dt: datetime.datetime | None) -> str:
    """`dt` in the office's time zone as the tables print it, 25/11/2026 09.30 (the
    template filter `date:"d/m/Y H.i"`, without its per-call format parsing); "" for None."""
    return timezone.localtime(dt).strftime("%d/%m/%Y %H.%M") if dt else ""


def boleh(obj, action: str, user: User) -> tuple[bool, str]:
    """Whether `user` may take `action` on `obj` now, and if not, why (Indonesian)."""
    try:
        check_allowed(obj, action, user)
    except PermissionDenied:
        return False, _("Langkah ini tidak ditujukan kepada Anda.")
    except (KelengkapanBelumLengkap, TransisiTidakTersedia) as exc:
        return False, exc.messages[0]
    return True, ""


@dataclass(frozen=True)
class Aksi:
    label: str
    url: str
    ikon: str = "arrow-right-circle"


def aksi_siklus(siklus: Siklus, user: User, inbox: list[InboxItem], tugas: list | None = None) -> list[Aksi]:
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
        for t in aksi_tersedia(a, user):
            kode = AKSI_KE_LANGKAH.get(f"pengumpulan.{t['name']}")
            if kode:
                add(kode, t["label"])
        p = peran_user(user)
        # only a Tim Kerja member or a Kasubbag/Sub Koordinator ever acts on a task
        tugas_list = (
            (a.tugas.all() if tugas is None else tugas)
            if (p.punya(Peran.TIM_KERJA) or p.punya(Peran.KASUBBAG)) else []
        )
        for tugas in tugas_list:
            for t in aksi_tersedia(tugas, user):
                kode = AKSI_KE_LANGKAH.get(f"tugas.{t['name']}")
                if kode == KodeLangkah.PEMERIKSAAN:
                    add(kode, _("Periksa data %(nama)s") % {"nama": tugas.anggota.nama_lengkap}, tugas.pk)
                elif kode:
                    add(kode, t["label"], tugas.pk)
            if tugas.bisa_diisi and rules.TUGAS_ANGGOTA(tugas, user):
                add(KodeLangkah.PENGUMPULAN_DATA, _("Isi data kinerja"), tugas.pk)
    b = getattr(siklus, "pengukuran", None)
    if b is not None:
        for t in aksi_tersedia(b, user):
            kode = AKSI_KE_LANGKAH.get(f"pengukuran.{t['name']}")
            if kode == KodeLangkah.REVIU:
                add(kode, _("Reviu draft"))
            elif kode:
                add(kode, t["label"])
    return list(out.values())


# --- data entry grid and completeness check ---------------------------------------------------------------


@dataclass
class BarisTugas:
    """One indicator of a member's task, with what the grid and the check show beside it."""

    indikator: Indikator
    target: TargetTriwulan | None
    realisasi: Realisasi | None
    sebelumnya: Decimal | None
    bukti: list[BuktiDukung] = field(default_factory=list)
    pemeriksaan: PemeriksaanIndikator | None = None  # the latest check of this indicator

    @property
    def dikembalikan(self) -> bool:
        return self.pemeriksaan is not None and not self.pemeriksaan.diterima


# The grid shows this many indicators at a time: a task may hold the office's whole plan
# (60 indicators), and one page of 60 rows of fields was slow to render and to work through.
GRID_PER_HALAMAN = 10
URUTAN_INDIKATOR = ("sasaran__urutan", "sasaran_id", "urutan", "pk")  # plan order


def _pemeriksaan_terakhir(tugas: TugasPengumpulan) -> dict[int, PemeriksaanIndikator]:
    """The latest check of each indicator of the task, by indicator id (one query; the
    checker comes with it because the grid names him beside a returned indicator)."""
    periksa: dict[int, PemeriksaanIndikator] = {}
    for p in tugas.pemeriksaan.select_related("diperiksa_oleh").order_by("putaran", "pk"):
        periksa[p.indikator_id] = p
    return periksa


def baris_tugas(tugas: TugasPengumpulan, indikator_ids: list[int] | None = None,
                periksa: dict[int, PemeriksaanIndikator] | None = None) -> list[BarisTugas]:
    """The task's indicators in plan order (only `indikator_ids` when given: one page of the
    grid) with the quarter's target, the realisasi (and the previous quarter's value), its
    evidence and the latest check: 5 queries (4 when `periksa` is already loaded), each a
    plain list grouped here — no nested prefetch and no queryset per row."""
    tw = tugas.proses.siklus.triwulan
    if indikator_ids is None:
        indikator = list(tugas.indikator.select_related("sasaran").order_by(*URUTAN_INDIKATOR))
    else:  # one page of the grid
        indikator = list(
            tugas.indikator.filter(pk__in=indikator_ids).select_related("sasaran").order_by(*URUTAN_INDIKATOR)
        )
    ids = [ind.pk for ind in indikator]
    # no ordering (.order_by()): the models' default one would join the plan just to sort rows grouped here
    target = {t.indikator_id: t for t in TargetTriwulan.objects.filter(indikator_id__in=ids, triwulan=tw).order_by()}
    realisasi = {
        (r.indikator_id, r.triwulan): r
        for r in Realisasi.objects.filter(indikator_id__in=ids, triwulan__in=[tw, tw - 1]).order_by()
    }
    bukti: dict[int, list[BuktiDukung]] = {}
    dengan_nilai = [r.pk for (_ind, w), r in realisasi.items() if w == tw]
    if dengan_nilai:
        for b in BuktiDukung.objects.filter(realisasi_id__in=dengan_nilai).order_by("diunggah_pada", "pk"):
            bukti.setdefault(b.realisasi_id, []).append(b)
    if periksa is None:
        periksa = _pemeriksaan_terakhir(tugas)
    rows = []
    for ind in indikator:
        r = realisasi.get((ind.pk, tw))
        prev = realisasi.get((ind.pk, tw - 1))
        rows.append(BarisTugas(
            indikator=ind, target=target.get(ind.pk), realisasi=r, sebelumnya=prev.nilai if prev else None,
            bukti=bukti.get(r.pk, []) if r else [], pemeriksaan=periksa.get(ind.pk),
        ))
    return rows


@dataclass(frozen=True)
class IndikatorDikembalikan:
    """A returned indicator of the task and the grid page it is on."""

    pk: int
    label: str
    halaman: int


@dataclass
class HalamanTugas:
    """One page of a member's data entry grid: its rows, where the page lies in the task,
    and every indicator the checker returned (each with its page, so none is missed)."""

    baris: list[BarisTugas]
    nomor: int
    jumlah_halaman: int
    jumlah: int  # indicators in the task
    awal: int  # position of the page's first indicator in the task, from 1
    dikembalikan: list[IndikatorDikembalikan] = field(default_factory=list)
    # with `draf`: every indicator's (nama, nilai_tw, ada_bukti), plan order (rules.draf_data_sekali)
    draf: list[tuple] | None = None

    @property
    def akhir(self) -> int:
        return self.awal + len(self.baris) - 1

    @property
    def sebelumnya(self) -> int | None:
        return self.nomor - 1 if self.nomor > 1 else None

    @property
    def berikutnya(self) -> int | None:
        return self.nomor + 1 if self.nomor < self.jumlah_halaman else None

    @property
    def daftar_halaman(self) -> range:
        return range(1, self.jumlah_halaman + 1)


def nomor_halaman(teks, jumlah_halaman: int) -> int:
    """`?hal=` as a page that exists: missing or garbage text and numbers below 1 give
    page 1, a number past the end gives the last page — never an error."""
    try:
        nomor = int(teks)
    except (TypeError, ValueError):
        return 1
    return min(max(nomor, 1), max(jumlah_halaman, 1))


def halaman_tugas(tugas: TugasPengumpulan, hal=None, per_halaman: int = GRID_PER_HALAMAN, *,
                  draf: bool = False) -> HalamanTugas:
    """Page `hal` of the task's grid (see `nomor_halaman`): the rows of its indicators only
    (`baris_tugas`), plus the task's size and its returned indicators across all pages.
    With `draf` the query listing the task's indicators also reads what handing in checks
    (`HalamanTugas.draf`), so the page does not read the draft again for it."""
    qs = Indikator.objects.filter(tugas_pengumpulan=tugas).order_by(*URUTAN_INDIKATOR)
    if draf:
        rows = qs.annotate(**rules.draf_data_anotasi(tugas.proses.siklus.triwulan)).values_list(
            "pk", "kode", "nama", "nilai_tw", "ada_bukti")
        urutan = [(pk, kode, nama) for pk, kode, nama, _nilai, _bukti in rows]
        isi_draf = [(nama, nilai, bukti) for _pk, _kode, nama, nilai, bukti in rows]
    else:
        urutan = list(qs.values_list("pk", "kode", "nama"))
        isi_draf = None
    jumlah_halaman = max(1, -(-len(urutan) // per_halaman))
    nomor = nomor_halaman(hal, jumlah_halaman)
    mulai = (nomor - 1) * per_halaman
    periksa = _pemeriksaan_terakhir(tugas)
    dikembalikan = [
        IndikatorDikembalikan(pk, f"{kode} {nama}".strip(), i // per_halaman + 1)
        for i, (pk, kode, nama) in enumerate(urutan)
        if pk in periksa and not periksa[pk].diterima
    ]
    ids = [pk for pk, _kode, _nama in urutan[mulai:mulai + per_halaman]]
    baris = baris_tugas(tugas, ids, periksa) if ids else []
    return HalamanTugas(baris=baris, nomor=nomor, jumlah_halaman=jumlah_halaman, jumlah=len(urutan),
                        awal=mulai + 1, dikembalikan=dikembalikan, draf=isi_draf)


def tugas_siklus(siklus: Siklus) -> list[TugasPengumpulan]:
    a = getattr(siklus, "pengumpulan", None)
    if a is None:
        return []
    return list(a.tugas.select_related("anggota").prefetch_related("indikator").order_by("pk"))


def kelengkapan(obj, action: str) -> list[str]:
    """The named inputs still missing for `action` (empty when complete)."""
    return missing_inputs(obj, action)


def boleh_dan_kurang(obj, action: str, user: User) -> tuple[bool, str, list[str]]:
    """`boleh(obj, action, user)` and, when it says no, `kelengkapan(obj, action)` — the
    missing inputs are checked once when the refusal already names them, and a task's
    draft is read once for both questions (`rules.draf_data_sekali`)."""
    with rules.draf_data_sekali(obj):
        try:
            check_allowed(obj, action, user)
        except PermissionDenied:
            return False, _("Langkah ini tidak ditujukan kepada Anda."), missing_inputs(obj, action)
        except TransisiTidakTersedia as exc:
            return False, exc.messages[0], missing_inputs(obj, action)
        except KelengkapanBelumLengkap as exc:
            # check_allowed names a generic input when none is listed: only then ask again
            kurang = exc.kurang if exc.kurang != [_("kelengkapan langkah")] else missing_inputs(obj, action)
            return False, exc.messages[0], kurang
    return True, "", []


# --- documents ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Berkas:
    """A downloadable PDF of a measurement document: from the official archive when
    issued there, else the file stored on the ratification record."""

    url: str
    nomor: str
    ditandatangani: bool | None


def dokumen_resmi_siklus(siklus: Siklus) -> list:
    """The official archive's documents of this office and quarter, newest first."""
    try:
        from dokumen.models import DokumenResmi
    except ImportError:  # pragma: no cover - the documents app is part of the project
        return []
    return list(
        DokumenResmi.objects.filter(
            perangkat_daerah_id=siklus.perangkat_daerah_id, tahun=siklus.tahun, triwulan=siklus.triwulan
        ).order_by("-dibuat_pada", "-pk")
    )


def berkas_dokumen(dok: DokumenPengukuran, resmi: list | None = None) -> Berkas | None:
    """Where the ratified document `dok` can be downloaded, or None while it has no file.

    The archive record is found by its SHA-256 when the ratification stored one; else
    it is the quarter's first measurement document issued in the ratification's
    transaction or after it (the record itself has no link to the archive)."""
    s = dok.proses.siklus
    resmi = resmi if resmi is not None else dokumen_resmi_siklus(s)
    if dok.sha256:
        for r in resmi:
            if r.sha256 == dok.sha256:
                return Berkas(reverse("dokumen:unduh", args=[r.pk]), r.nomor, r.ditandatangani)
    if dok.berkas:
        return Berkas(reverse("sop:dokumen_unduh", args=[dok.pk]), "", None)
    sejak = dok.disahkan_pada - datetime.timedelta(minutes=1)
    calon = sorted(
        (r for r in resmi
         if r.jenis == "pengukuran_triwulan" and r.triwulan == s.triwulan and r.tahun == s.tahun
         and r.perangkat_daerah_id == s.perangkat_daerah_id and r.dibuat_pada >= sejak),
        key=lambda r: (r.dibuat_pada, r.pk),
    )
    if calon:
        r = calon[0]
        return Berkas(reverse("dokumen:unduh", args=[r.pk]), r.nomor, r.ditandatangani)
    return None


def pegawai_label(p: Pegawai) -> str:
    jabatan = p.jabatan.nama if p.jabatan_id else ""
    return f"{p.nama_lengkap} — {jabatan}" if jabatan else p.nama_lengkap
