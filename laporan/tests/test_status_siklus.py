"""The dashboard reads its quarter's cycle as one values row (`siklus_baris`,
`status_siklus_baris`): the same steps, states, labels and cycle as the status built from the
cycle read with `select_related` (the way it was read before)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from laporan.selectors import siklus as modul
from laporan.selectors.siklus import siklus_baris, status_siklus_baris
from sop import services
from sop.models import KodeLangkah, Siklus

from .factories import buat_langkah, buat_siklus

pytestmark = pytest.mark.django_db


def _lama(siklus_id: int):
    """The status from the cycle read with `select_related` instances, as the dashboard read it before."""
    s = Siklus.objects.select_related("pengumpulan", "pengukuran", "sop_pengumpulan", "sop_pengukuran").get(
        pk=siklus_id)
    a = getattr(s, "pengumpulan", None)
    b = getattr(s, "pengukuran", None)
    return modul._status_siklus(s, sheet_a=s.sop_pengumpulan, sheet_b=s.sop_pengukuran,
                                status_a=a.status if a else None, status_b=b.status if b else None)


def _sama(pd, tahun):
    rows = siklus_baris(Siklus.objects.filter(perangkat_daerah=pd, tahun=tahun))
    assert set(rows) == set(Siklus.objects.filter(perangkat_daerah=pd, tahun=tahun).values_list("triwulan", flat=True))
    for bahasa in ("id", "en"):
        with translation.override(bahasa):
            for row in rows.values():
                baru, lama = status_siklus_baris(row), _lama(row[0])
                assert baru == lama
                assert baru.siklus.pk == lama.siklus.pk and baru.siklus.triwulan == lama.siklus.triwulan
                assert baru.status_label == lama.status_label
                assert [(s.jenis, s.nama, s.nomor, s.status, s.status_label, s.langkah) for s in baru.sop] == [
                    (s.jenis, s.nama, s.nomor, s.status, s.status_label, s.langkah) for s in lama.sop]
    return rows


def test_values_row_gives_what_the_instances_gave(demo, rencana, monkeypatch):
    sekarang = timezone.now()
    monkeypatch.setattr(modul.timezone, "now", lambda: sekarang)
    pd, tahun = demo.dpmptsp, rencana.tahun
    assert _sama(pd, tahun) == {}
    # a cycle opened by the service (SOP A started), a step handed on, one late, one open
    s1 = services.siklus_open(pd=pd, tahun=tahun, triwulan=1, actor=demo["kadin"].user)
    services.pengumpulan_dispose_kadin(proses=s1.pengumpulan, actor=demo["kadin"].user, kepada=demo["kabid"],
                                       isi="Kumpulkan data.")
    # a cycle opened directly: no process yet, finished, late and open runs
    s2 = buat_siklus(pd, rencana, triwulan=2, oleh=demo["kadin"])
    buat_langkah(s2, KodeLangkah.DISPOSISI_KADIN, menit=30, standar=5)
    buat_langkah(s2, KodeLangkah.DISPOSISI_KABID, menit=4, standar=5)
    buat_langkah(s2, KodeLangkah.PEMBAGIAN_TUGAS, menit=None, standar=15,
                 mulai=sekarang - datetime.timedelta(days=14))
    buat_langkah(s2, KodeLangkah.DISPOSISI_KADIN, menit=None, standar=10_000, putaran=2)
    rows = _sama(pd, tahun)
    assert set(rows) == {1, 2}
    assert status_siklus_baris(rows[1]).sop[0].status and not status_siklus_baris(rows[2]).sop[0].status
    assert status_siklus_baris(rows[2]).jumlah_terlambat == 2


def test_columns_in_the_models_order():
    """`Model.from_db` takes a subset of the columns in the model's field order."""
    from laporan.selectors.kabupaten import KOLOM_SIKLUS as KOLOM_KABUPATEN
    from laporan.selectors.siklus import KOLOM_SIKLUS

    for kolom in (KOLOM_SIKLUS, KOLOM_KABUPATEN):
        assert list(kolom) == [f.attname for f in Siklus._meta.concrete_fields if f.attname in kolom]
