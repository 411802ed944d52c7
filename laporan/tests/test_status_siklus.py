"""The dashboard's view of a quarter's two SOPs: each step done, running or not reached,
its longest working time, and whether it went past its standard (finished late, or open
past the standard now)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from laporan.selectors import siklus as modul
from laporan.selectors.siklus import StatusLangkah, siklus_kuartal, status_siklus
from sop import services
from sop.models import KodeLangkah, Siklus

from .factories import buat_langkah, buat_siklus

pytestmark = pytest.mark.django_db


def _status(siklus):
    return status_siklus(siklus_kuartal(Siklus.objects.filter(pk=siklus.pk)).get())


def test_steps_done_running_and_late(demo, rencana, monkeypatch):
    sekarang = timezone.now()
    monkeypatch.setattr(modul.timezone, "now", lambda: sekarang)
    s = buat_siklus(demo.dpmptsp, rencana, triwulan=2, oleh=demo["kadin"])
    buat_langkah(s, KodeLangkah.DISPOSISI_KADIN, menit=30, standar=5)  # finished, late
    buat_langkah(s, KodeLangkah.DISPOSISI_KABID, menit=4, standar=5)  # finished in time
    buat_langkah(
        s,
        KodeLangkah.PEMBAGIAN_TUGAS,
        menit=None,
        standar=15,  # open for two weeks: late now
        mulai=sekarang - datetime.timedelta(days=14),
    )
    buat_langkah(
        s, KodeLangkah.DISPOSISI_KADIN, menit=None, standar=10_000, putaran=2
    )  # open, within
    status = _status(s)
    assert status.siklus == s and status.jumlah_terlambat == 2
    a, b = status.sop
    per_kode = {lk.kode: lk for lk in a.langkah}
    kadin = per_kode[KodeLangkah.DISPOSISI_KADIN]
    assert (kadin.status, kadin.jumlah, kadin.terlambat) == (
        StatusLangkah.BERJALAN,
        2,
        True,
    )
    kabid = per_kode[KodeLangkah.DISPOSISI_KABID]
    assert (kabid.status, kabid.menit, kabid.terlambat) == (
        StatusLangkah.SELESAI,
        4,
        False,
    )
    assert per_kode[KodeLangkah.PEMBAGIAN_TUGAS].terlambat
    assert not a.status and a.status_label  # no process yet: "not started"
    assert all(lk.status == StatusLangkah.BELUM for lk in b.langkah)
    assert (a.jumlah_langkah, b.jumlah_langkah) == (6, 5)


def test_a_started_process_shows_its_state_in_the_language(demo, rencana):
    s = services.siklus_open(
        pd=demo.dpmptsp, tahun=rencana.tahun, triwulan=1, actor=demo["kadin"].user
    )
    services.pengumpulan_dispose_kadin(
        proses=s.pengumpulan,
        actor=demo["kadin"].user,
        kepada=demo["kabid"],
        isi="Kumpulkan data.",
    )
    s.pengumpulan.refresh_from_db()
    for bahasa in ("id", "en"):
        with translation.override(bahasa):
            a, b = _status(s).sop
            assert a.status == s.pengumpulan.status
            assert a.status_label == str(s.pengumpulan.get_status_display())
            assert a.jumlah_selesai == 1 and not b.status
