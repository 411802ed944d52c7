"""The measurement draft page (SOP B step 2) reads what its conditions ask about along
with what it reads anyway: the SOP A process with the SOP B one (`views._proses_b`)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sop.models import Siklus
from sop.views import _proses_b, _siklus

pytestmark = pytest.mark.django_db


def test_sop_b_process_comes_with_the_sop_a_one(quarter):
    quarter.upto("submit_draft")
    siklus = _siklus(quarter.siklus.pk)
    with CaptureQueriesContext(connection) as q:
        b = _proses_b(siklus, dengan_pengumpulan=True)
        a = siklus.pengumpulan
        status = b.siklus.pengumpulan.status
    assert len(q.captured_queries) == 1
    assert b.pk == quarter.b.pk and b.siklus is siklus
    assert a.pk == quarter.a.pk and status == quarter.a.status == "selesai"


def test_without_sop_b_yet(quarter):
    quarter.upto("dispose_kadin")
    siklus = _siklus(quarter.siklus.pk)
    assert _proses_b(siklus, dengan_pengumpulan=True) is None
    assert _proses_b(siklus) is None
    assert siklus.pengumpulan.pk == quarter.a.pk  # still read on demand


def test_plain_read_is_unchanged(quarter):
    quarter.upto("submit_draft")
    siklus = _siklus(quarter.siklus.pk)
    b = _proses_b(siklus)
    assert b.pk == quarter.b.pk and b.siklus is siklus
    assert isinstance(siklus, Siklus)

