"""What the monitoring and evaluation pages and PDFs show (one read for both)."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from .. import aturan
from ..models import Evaluasi, EvaluasiJawaban, Monitoring, MonitoringLangkah
from .angka import kalender_jam_kerja


@dataclass(frozen=True)
class BarisMonitoring:
    """One step of a form with its working times as text (`2 jam 5 menit`)."""

    langkah: MonitoringLangkah
    median_teks: str
    maks_teks: str
    standar_teks: str

    @property
    def berulang(self) -> list[str]:
        return aturan.alasan_berulang(self.langkah.alasan_kembali)


@dataclass(frozen=True)
class HalamanMonitoring:
    monitoring: Monitoring
    baris: list[BarisMonitoring]


def monitoring_halaman(pk: int) -> HalamanMonitoring:
    """A monitoring form with its office, sheet, assessor and steps (404 when unknown)."""
    m = get_object_or_404(
        Monitoring.objects.select_related(
            "perangkat_daerah", "sop", "penilai__jabatan", "dokumen", "dibuat_oleh"
        ),
        pk=pk,
    )
    per_hari = kalender_jam_kerja().menit_per_hari
    baris = [
        BarisMonitoring(
            langkah=lk,
            median_teks=aturan.durasi(lk.median_menit, per_hari),
            maks_teks=aturan.durasi(lk.maks_menit, per_hari),
            standar_teks=lk.standar_teks,
        )
        for lk in m.langkah.order_by("nomor")
    ]
    return HalamanMonitoring(monitoring=m, baris=baris)


def monitoring_kantor(pd_id: int) -> list[Monitoring]:
    """The office's monitoring forms, newest first."""
    return list(
        Monitoring.objects.filter(perangkat_daerah_id=pd_id)
        .select_related("dokumen", "penilai")
        .order_by("-dibuat_pada", "-pk")
    )


@dataclass(frozen=True)
class HalamanEvaluasi:
    evaluasi: Evaluasi
    jawaban: list[EvaluasiJawaban]


def evaluasi_halaman(pk: int) -> HalamanEvaluasi:
    """An evaluation with its office, sheet, assessor and answers (404 when unknown)."""
    ev = get_object_or_404(
        Evaluasi.objects.select_related(
            "perangkat_daerah", "sop", "penilai__jabatan", "dokumen", "dibuat_oleh"
        ),
        pk=pk,
    )
    return HalamanEvaluasi(evaluasi=ev, jawaban=list(ev.jawaban.order_by("nomor")))


def evaluasi_kantor(pd_id: int) -> list[Evaluasi]:
    """The office's evaluations, newest first."""
    return list(
        Evaluasi.objects.filter(perangkat_daerah_id=pd_id)
        .select_related("dokumen", "penilai")
        .order_by("-dibuat_pada", "-pk")
    )
