"""Two people (or two tabs) take the same step at the same moment: the process
moves once. Real concurrency needs PostgreSQL (row locks); skipped on SQLite."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from sop.models import (
    Disposisi,
    DraftPengukuran,
    Jejak,
    ProsesPengukuran,
    ProsesPengumpulan,
)
from sop.tests.factories import Quarter, make_plan

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")


def _race(n: int, action) -> list:
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = action(i)
        except (ValidationError, PermissionDenied) as exc:  # the loser's refusal
            results[i] = exc
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_two_dispositions_at_once_move_the_process_once(demo):
    make_plan(demo.dpmptsp)
    q = Quarter(demo).upto("dispose_kadin")
    results = _race(4, lambda i: q.dispose_kadin())
    ok = [r for r in results if isinstance(r, Disposisi)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(ok) == 1 and len(refused) == 3, results
    assert Disposisi.objects.count() == 1
    assert Jejak.objects.filter(transisi="dispose_kadin").count() == 1
    assert q.a.status == ProsesPengumpulan.Status.DISPOSISI_KABID


def test_two_draft_submissions_at_once_make_one_revision(demo):
    make_plan(demo.dpmptsp)
    q = Quarter(demo).upto("submit_draft")
    results = _race(3, lambda i: q.submit_draft())
    assert sum(isinstance(r, DraftPengukuran) for r in results) == 1, results
    assert DraftPengukuran.objects.count() == 1
    assert q.b.status == ProsesPengukuran.Status.REVIU
    assert Jejak.objects.filter(transisi="submit_draft").count() == 1


def test_pass_and_return_at_once_take_one_decision(demo):
    """The Kadin's two tabs: one passes, one returns; exactly one wins."""
    make_plan(demo.dpmptsp)
    q = Quarter(demo).upto("pass_review")
    results = _race(2, lambda i: q.pass_review() if i == 0 else q.return_draft())
    assert sum(isinstance(r, DraftPengukuran) for r in results) == 1, results
    assert (
        Jejak.objects.filter(transisi__in=["pass_review", "return_draft"]).count() == 1
    )
    assert q.b.status in (
        ProsesPengukuran.Status.PENGESAHAN,
        ProsesPengukuran.Status.PENGUKURAN,
    )
