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


# --- the plan conditions read once (rules.rencana_sekali) ----------------------------------------------------

from kinerja.models import IKI, Indikator, TargetTriwulan  # noqa: E402
from sop import halaman, rules  # noqa: E402
from sop.services import missing_inputs  # noqa: E402
from sop.tests.factories import make_plan  # noqa: E402


def _ubah_rencana(q, b, keadaan: str) -> None:
    pk = b.siklus.perjanjian
    inds = list(Indikator.objects.for_pk(pk).order_by("urutan"))
    if keadaan == "tanpa_target":
        TargetTriwulan.objects.filter(indikator__in=inds[1:], triwulan=q.triwulan).update(target=None)
    elif keadaan == "tanpa_iku":
        Indikator.objects.for_pk(pk).update(is_iku=False)
    elif keadaan == "tanpa_iki":
        IKI.objects.filter(perjanjian=pk).delete()
    elif keadaan == "tanpa_indikator":  # another year's plan without indicators (an IKI hangs on one)
        b.siklus.perjanjian = make_plan(q.siklus.perangkat_daerah, tahun=2099, indikator=0)


@pytest.mark.parametrize("keadaan", ["lengkap", "tanpa_target", "tanpa_iku", "tanpa_iki", "tanpa_indikator"])
def test_plan_conditions_read_once_answer_as_apart(demo, quarter, keadaan):
    quarter.upto("prepare_b")
    b = quarter.b
    _ubah_rencana(quarter, b, keadaan)
    timsakip = demo["timsakip"].user
    tanpa = (missing_inputs(b, "prepare"), halaman.boleh(b, "prepare", timsakip),
             [s.kurang(b) for s in (rules.PK_RA, rules.IKU, rules.IKI)])
    with rules.rencana_sekali(b):
        with CaptureQueriesContext(connection) as q:
            kurang = [s.kurang(b) for s in (rules.PK_RA, rules.IKU, rules.IKI)]
        dengan = (missing_inputs(b, "prepare"), halaman.boleh(b, "prepare", timsakip), kurang)
    assert dengan == tanpa
    plan_queries = [x for x in q.captured_queries if "kinerja_" in x["sql"]]
    assert len(plan_queries) <= (3 if keadaan == "tanpa_indikator" else 1)  # no indicators: read apart, as before
    assert not hasattr(b, rules._RENCANA_MEMO)



@pytest.mark.parametrize("tahap", ["dispose_kadin", "prepare_b", "submit_draft"])
def test_processes_read_through_the_compiled_query_are_the_orm_ones(quarter, tahap):
    """`_proses_b` builds the processes from a query compiled once per process: every field
    (value and type) and state of the ORM's instances, with and without SOP A alongside."""
    from sop.models import ProsesPengukuran

    quarter.upto(tahap)

    def isi(obj):
        return None if obj is None else (
            [(f.attname, type(getattr(obj, f.attname)), getattr(obj, f.attname)) for f in obj._meta.concrete_fields],
            obj._state.db, obj._state.adding)

    for dengan in (False, True):
        siklus = _siklus(quarter.siklus.pk)
        orm = ProsesPengukuran.objects.filter(siklus=siklus).select_related("siklus__pengumpulan").first()
        with CaptureQueriesContext(connection) as q:
            b = _proses_b(siklus, dengan_pengumpulan=dengan)
        assert len(q.captured_queries) == 1
        assert isi(b) == isi(orm)
        if b is not None:
            assert b.siklus is siklus
        if dengan and orm is not None:
            with CaptureQueriesContext(connection) as q:
                assert isi(siklus.pengumpulan) == isi(orm.siklus.pengumpulan)
            assert not q.captured_queries
