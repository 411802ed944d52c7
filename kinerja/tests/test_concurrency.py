"""Two people saving the same realisasi at the same moment (PostgreSQL: real row locks)."""

import threading
from decimal import Decimal as D

import pytest
from django.db import connection, connections

from kinerja import services
from kinerja.models import Realisasi
from kinerja.services import KonflikRevisi
from organisasi.tests.factories import PegawaiFactory

from .factories import IndikatorFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")


def _race(n, action):
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        try:
            barrier.wait()
            results[i] = action(i)
        except Exception as exc:  # noqa: BLE001 - asserted below
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def test_two_saves_from_the_same_form_version_one_wins_one_conflicts():
    ind = IndikatorFactory()
    people = [
        PegawaiFactory(perangkat_daerah=ind.sasaran.perjanjian.perangkat_daerah)
        for _ in range(2)
    ]
    results = _race(
        2,
        lambda i: services.realisasi_save(
            indikator=ind,
            triwulan=1,
            nilai=D(10 + i),
            catatan="",
            actor=people[i],
            revisi_diharapkan=0,
        ),
    )
    menang = [r for r in results if isinstance(r, Realisasi)]
    kalah = [r for r in results if isinstance(r, KonflikRevisi)]
    assert len(menang) == 1 and len(kalah) == 1, results
    stored = Realisasi.objects.get()
    assert (stored.nilai, stored.revisi) == (menang[0].nilai, 1)


def test_saves_without_an_expected_version_queue_up_and_each_bumps_revisi():
    ind = IndikatorFactory()
    actor = PegawaiFactory(perangkat_daerah=ind.sasaran.perjanjian.perangkat_daerah)
    results = _race(
        4,
        lambda i: services.realisasi_save(
            indikator=ind, triwulan=1, nilai=D(i), catatan="", actor=actor
        ),
    )
    assert all(isinstance(r, Realisasi) for r in results), results
    assert Realisasi.objects.get().revisi == 4
