"""SOP B (Pengukuran Kinerja): the quarter's measurement process, its live measurement
table, the draft revisions and the ratified documents."""

from __future__ import annotations

from django.db.models import Case, F, JSONField, OuterRef, Subquery, Value, When
from django.shortcuts import get_object_or_404

from kinerja.models import IKI
from kinerja.selectors import TabelPengukuran, baris_tabel_pengukuran, tabel_pengukuran
from organisasi.models import PerangkatDaerah

from .. import guards
from ..models import DokumenPengukuran, DraftPengukuran, ProsesPengukuran, Siklus


def pengukuran_for_siklus(*, siklus: Siklus) -> ProsesPengukuran | None:
    """The quarter's SOP B process (None before it starts), pointing at the cycle already
    read (its guards read the plan through it)."""
    b = ProsesPengukuran.objects.filter(siklus=siklus).first()
    if b is not None:
        b.siklus = siklus
    return b


def syarat_list_for_persiapan(*, proses: ProsesPengukuran | None) -> list[dict]:
    """SOP B step 1's required inputs, each with what is missing of it (all of them
    before SOP B starts)."""
    return [
        {"nama": str(s.nama), "kurang": s.kurang(proses) if proses else [str(s.nama)]}
        for s in guards.SYARAT_PENGUKURAN
    ]


def siklus_with_pengukuran(*, pk: int) -> tuple[Siklus, ProsesPengukuran | None]:
    """The cycle with its office, plan and SOP B sheet (the page shows no SOP A sheet, not
    joined), and its SOP B and SOP A processes (one each at most, LEFT JOIN: None while
    there is none, then the cycle answers without asking again), in one query; 404 for an
    unknown id. `iki_id`: one IKI of the cycle's plan, None without (what the plan
    conditions ask besides the table's rows)."""
    siklus = get_object_or_404(
        Siklus.objects.select_related(
            "perangkat_daerah",
            "perjanjian",
            "sop_pengukuran",
            "pengukuran",
            "pengumpulan",
        )
        .annotate(
            iki_id=Subquery(
                IKI.objects.filter(perjanjian=OuterRef("perjanjian"))
                .order_by()
                .values("pk")[:1]
            )
        )
        .order_by(),
        pk=pk,
    )
    return siklus, getattr(siklus, "pengukuran", None)


def draft_list(
    *, proses: ProsesPengukuran | None, tabel_terbaru: bool = False
) -> list[DraftPengukuran]:
    """The draft revisions, newest first, with author and reviewer but without their stored
    tables (the list shows none); with `tabel_terbaru` the newest one's table comes in the
    same query (the review shows it)."""
    if proses is None:
        return []
    qs = (
        proses.draft.select_related("dibuat_oleh", "direviu_oleh")
        .defer("data")
        .order_by("-revisi")
    )
    if not tabel_terbaru:
        return list(qs)
    terbaru = (
        DraftPengukuran.objects.filter(proses=proses)
        .order_by("-revisi")
        .values("pk")[:1]
    )
    drafts = list(
        qs.annotate(
            tabel_terbaru=Case(
                When(pk=Subquery(terbaru), then=F("data")),
                default=Value(None),
                output_field=JSONField(),
            )
        )
    )
    if drafts:
        drafts[0].data = drafts[0].tabel_terbaru  # the deferred field, now loaded
    return drafts


def baris_for_siklus(*, siklus: Siklus) -> tuple[list[tuple], ...]:
    """The rows the quarter's live measurement table is built from (the draft page's plan
    conditions answer from them too: `guards.rencana_dari_tabel`). The plan's office is the
    cycle's, already read."""
    perjanjian = siklus.perjanjian
    if perjanjian.perangkat_daerah_id == siklus.perangkat_daerah_id:
        perjanjian.perangkat_daerah = siklus.perangkat_daerah
    return baris_tabel_pengukuran(perjanjian=perjanjian, triwulan=siklus.triwulan)


def tabel_for_siklus(
    *, siklus: Siklus, baris: tuple[list[tuple], ...] | None = None
) -> TabelPengukuran:
    """The quarter's live measurement table (`baris`: its rows when already read by
    `baris_for_siklus`)."""
    if baris is None:
        baris = baris_for_siklus(siklus=siklus)
    return tabel_pengukuran(
        perjanjian=siklus.perjanjian, triwulan=siklus.triwulan, baris=baris
    )


def sertifikat_for_pd(*, perangkat_daerah: PerangkatDaerah):
    """The office's active signing certificate, None without one."""
    from dokumen.models import SertifikatKantor

    return SertifikatKantor.objects.filter(
        perangkat_daerah=perangkat_daerah, aktif=True
    ).first()


def dokumen_list_for_tahun(
    *, perangkat_daerah: PerangkatDaerah, tahun: int
) -> list[DokumenPengukuran]:
    """The office's ratified measurement documents of a year, by quarter and version."""
    return list(
        DokumenPengukuran.objects.filter(
            proses__siklus__perangkat_daerah=perangkat_daerah,
            proses__siklus__tahun=tahun,
        )
        .select_related("proses__siklus", "diarsipkan_oleh")
        .order_by("proses__siklus__triwulan", "versi")
    )
