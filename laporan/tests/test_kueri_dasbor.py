"""The dashboard's queries compiled once per process (`sakip.kueri.KueriSiap`) give the rows
their ORM querysets give, value and type, and the instances built from them are the ones
the ORM built before (`.only()` steps and runs, whole plans)."""

from __future__ import annotations

import pytest

from kinerja.models import PerjanjianKinerja
from laporan.selectors import dasbor as D
from laporan.selectors import siklus as S
from sop import services
from sop.models import KodeLangkah, LangkahBerjalan, LangkahSOP, Siklus

from .factories import buat_langkah, buat_rencana, buat_siklus

pytestmark = pytest.mark.django_db


def _sama(kueri, *argumen):
    rows = kueri.baris(*argumen)
    harap = list(kueri.bangun(*argumen))
    assert [[(type(v), v) for v in r] for r in rows] == [[(type(v), v) for v in r] for r in harap], argumen
    return rows


def _nilai(obj, kolom):
    return [(k, type(getattr(obj, k)), getattr(obj, k)) for k in kolom]


def test_compiled_dashboard_queries_are_the_orm_queries(demo, rencana):
    lain = buat_rencana(demo.kominfo, tahun=rencana.tahun + 1, indikator=4, program=3, sampai=3)
    s1 = services.siklus_open(pd=demo.dpmptsp, tahun=rencana.tahun, triwulan=1, actor=demo["kadin"].user)
    services.pengumpulan_dispose_kadin(proses=s1.pengumpulan, actor=demo["kadin"].user, kepada=demo["kabid"],
                                       isi="Kumpulkan data.")
    s2 = buat_siklus(demo.dpmptsp, rencana, triwulan=2, oleh=demo["kadin"])
    buat_langkah(s2, KodeLangkah.DISPOSISI_KADIN, menit=30, standar=5)
    buat_langkah(s2, KodeLangkah.PEMBAGIAN_TUGAS, menit=None, standar=15)
    for pk in (lain, rencana, lain):  # another plan first: the compiled query takes each plan's values
        assert _sama(D._KUERI_IKU, pk.pk) and _sama(D._KUERI_PROGRAM, pk.pk)
    assert _sama(D._KUERI_IKU, 0) == [] == _sama(D._KUERI_PROGRAM, 0)
    for pd in (demo.kominfo, demo.dpmptsp):
        _sama(D._KUERI_PK, pd.pk)
        for tahun in (rencana.tahun, rencana.tahun + 1):
            _sama(D._KUERI_SIKLUS, pd.pk, tahun)
    assert len(_sama(D._KUERI_SIKLUS, demo.dpmptsp.pk, rencana.tahun)) == 2
    for s in (s2, s1):
        assert _sama(S._KUERI_LANGKAH, s.sop_pengumpulan_id, s.sop_pengukuran_id)
        _sama(S._KUERI_RUN, s.pk)
    assert len(_sama(S._KUERI_RUN, s2.pk)) == 2


def test_instances_from_the_rows_are_the_orms(demo, rencana):
    s = buat_siklus(demo.dpmptsp, rencana, triwulan=2, oleh=demo["kadin"])
    buat_langkah(s, KodeLangkah.DISPOSISI_KADIN, menit=30, standar=5)
    buat_langkah(s, KodeLangkah.PEMBAGIAN_TUGAS, menit=None, standar=15)
    buat_rencana(demo.dpmptsp, tahun=rencana.tahun - 1)
    baru = D.pk_per_tahun(pd=demo.dpmptsp)
    lama = {}
    for pk in PerjanjianKinerja.objects.filter(perangkat_daerah=demo.dpmptsp, berlaku=True).order_by("-tahun", "-versi"):
        lama.setdefault(pk.tahun, pk)
    assert list(baru) == list(lama) and len(baru) >= 2
    for tahun, pk in lama.items():
        assert _nilai(baru[tahun], D._KOLOM_PK) == _nilai(pk, D._KOLOM_PK)
        assert baru[tahun].perangkat_daerah is demo.dpmptsp
    kolom_lama = ("sop_id", "nomor", "kode", "kegiatan", "pelaksana", "waktu_nilai", "waktu_satuan", "waktu_teks")
    lama_langkah = list(LangkahSOP.objects.filter(sop_id__in=[s.sop_pengumpulan_id, s.sop_pengukuran_id])
                        .order_by("sop_id", "nomor").only(*kolom_lama))
    baru_langkah = [LangkahSOP.from_db("default", S.KOLOM_LANGKAH, r)
                    for r in S._KUERI_LANGKAH.baris(s.sop_pengumpulan_id, s.sop_pengukuran_id)]
    assert [(_nilai(x, S.KOLOM_LANGKAH), x.waktu, x.get_deferred_fields()) for x in baru_langkah] == [
        (_nilai(x, S.KOLOM_LANGKAH), x.waktu, x.get_deferred_fields()) for x in lama_langkah]
    kolom_lama = ("kode", "mulai", "selesai", "menit_kerja", "standar_menit", "terlambat")
    lama_run = list(LangkahBerjalan.objects.filter(siklus=s).order_by("mulai", "pk").only(*kolom_lama))
    baru_run = [LangkahBerjalan.from_db("default", S.KOLOM_RUN, r) for r in S._KUERI_RUN.baris(s.pk)]
    assert [(_nilai(x, S.KOLOM_RUN), x.get_deferred_fields()) for x in baru_run] == [
        (_nilai(x, S.KOLOM_RUN), x.get_deferred_fields()) for x in lama_run]
    assert len(baru_run) == 2 and Siklus.objects.filter(pk=s.pk).exists()
