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


# --- the live table, rendered once per rows read and language (views._tabel_html) ------------------------------


def test_live_table_html_is_the_include_of_the_table_and_follows_the_data(client, demo, quarter, monkeypatch):
    """The draft page writes the live measurement table from a per-process cache keyed by the
    rows its queries read: the HTML is what `{% include %}` of the table wrote with the page's
    context (id and en), a second view takes it from the cache, a changed figure (or the same
    number written with another scale) is another key, and the page contains it."""
    from decimal import Decimal

    from django.template import engines
    from django.urls import reverse
    from django.utils import translation

    from kinerja.models import Realisasi
    from kinerja.selectors import baris_tabel_pengukuran
    from sop import views

    quarter.upto("submit_draft")
    siklus = _siklus(quarter.siklus.pk)
    include = engines["django"].from_string('{% include "sop/_tabel_pengukuran.html" %}')

    def harap(bahasa):
        with translation.override(bahasa):
            return include.render({"tabel": views._tabel(_siklus(siklus.pk)), "siklus": siklus, "drafts": []})

    views._TABEL_LANGSUNG.clear()
    for bahasa in ("id", "en"):
        html, baris = views._tabel_html(siklus, bahasa)
        assert html == harap(bahasa) and "<tbody>" in html
        assert baris == baris_tabel_pengukuran(perjanjian=siklus.perjanjian, triwulan=siklus.triwulan)
    sebelum = harap("id")
    with monkeypatch.context() as m:  # the second view builds nothing
        m.setattr(views, "tabel_pengukuran", lambda **kw: pytest.fail("built again"))
        assert views._tabel_html(_siklus(siklus.pk), "id")[0] == sebelum
    assert len(views._TABEL_LANGSUNG) == 2

    r = Realisasi.objects.filter(indikator__sasaran__perjanjian=siklus.perjanjian, triwulan=siklus.triwulan).first()
    assert r is not None
    r.nilai = r.nilai + Decimal("1.25")
    r.save(update_fields=["nilai"])
    baru = views._tabel_html(_siklus(siklus.pk), "id")[0]
    assert baru == harap("id") and baru != sebelum
    assert len(views._TABEL_LANGSUNG) == 3

    # equal Decimals with equal hashes, not the same text: not the same key
    assert views._kunci_baris([(1, Decimal("1.0"), "a")]) != views._kunci_baris([(1, Decimal("1.00"), "a")])
    assert views._kunci_baris([(1, None, True)]) == ((1, None, True),)

    client.force_login(demo["timsakip"].user)
    page = client.get(reverse("sop:pengukuran_draft", args=[siklus.pk])).content.decode()
    assert harap("id") in page


# --- the cycle with both processes in one query (views._siklus_b) ---------------------------------------------


def _nilai(obj):
    """An instance's field values with their types (no related caches, no state)."""
    return type(obj), {k: (type(v), v) for k, v in obj.__dict__.items() if not k.startswith("_")}


@pytest.mark.parametrize("tahap", ["dispose_kadin", "prepare_b", "submit_draft"])
def test_cycle_with_its_processes_equals_siklus_and_proses_b(quarter, tahap):
    """`_siklus_b` (compiled once per connection) gives the cycle `_siklus` gives, with the
    office, plan and SOP B sheet, and the SOP B / SOP A processes `_proses_b(…,
    dengan_pengumpulan=True)` gives (None before SOP B starts), all read with it."""
    from django.http import Http404

    from sakip import kueri
    from sop.views import _siklus_b

    connections_ = connection  # the plans are kept on the connection: each test compiles its own
    connections_.__dict__.pop(kueri._ATRIBUT, None)
    quarter.upto(tahap)
    pk = quarter.siklus.pk
    lama = _siklus(pk)
    b_lama = _proses_b(lama, dengan_pengumpulan=True)
    for _putaran in range(2):  # compiled, then from the kept plan
        with CaptureQueriesContext(connection) as q:
            siklus, b = _siklus_b(pk)
            terkait = [siklus.perangkat_daerah, siklus.perjanjian, siklus.sop_pengukuran]
            a = getattr(siklus, "pengumpulan", None)
        assert len(q.captured_queries) == 1
        iki = IKI.objects.filter(perjanjian=lama.perjanjian_id).values_list("pk", flat=True)
        assert siklus.__dict__.pop("iki_id") in (list(iki) or [None])  # the annotation, then the fields
        assert _nilai(siklus) == _nilai(lama)
        assert [_nilai(x) for x in terkait] == [
            _nilai(x) for x in (lama.perangkat_daerah, lama.perjanjian, lama.sop_pengukuran)]
        assert _nilai(a) == _nilai(lama.pengumpulan)
        if b_lama is None:
            assert b is None
        else:
            assert _nilai(b) == _nilai(b_lama) and b.siklus is siklus
    with pytest.raises(Http404):
        _siklus_b(pk + 1000)
    connections_.__dict__.pop(kueri._ATRIBUT, None)


# --- the plan conditions answered from the table's rows (rules.rencana_dari_tabel) ------------------------------


def _rencana_dua_sasaran(q, b) -> None:
    """Another year's plan of two sasaran placed against their ids, each with four indicators
    placed against theirs, most without the quarter's target (more than five), one IKU."""
    from sop.tests.factories import IndikatorFactory, PerjanjianFactory, SasaranFactory

    pk = PerjanjianFactory(perangkat_daerah=q.siklus.perangkat_daerah, tahun=2097)
    for urutan_s in (2, 1):
        s = SasaranFactory(perjanjian=pk, urutan=urutan_s)
        for i in range(4):
            IndikatorFactory(sasaran=s, urutan=10 - i, nama=f"Ind {urutan_s}.{i}", is_iku=(urutan_s, i) == (1, 3))
    TargetTriwulan.objects.filter(indikator__sasaran__perjanjian=pk).update(target=None)
    ind = Indikator.objects.for_pk(pk).order_by("pk").first()
    TargetTriwulan.objects.filter(indikator=ind, triwulan=q.triwulan).update(target=5)
    b.siklus.perjanjian = pk


@pytest.mark.parametrize("keadaan", ["lengkap", "tanpa_target", "tanpa_iku", "tanpa_iki", "tanpa_indikator",
                                     "dua_sasaran"])
def test_plan_conditions_from_the_table_rows_equal_their_query(quarter, keadaan):
    """`rencana_dari_tabel` (the table's sasaran rows and the plan's IKI) gives what
    `_rencana_baca`'s query gives: indicators or none, the first five without the quarter's
    target in plan order, IKU, IKI; and the draft page's cycle carries the plan's IKI."""
    from kinerja import selectors
    from sop.views import _siklus_b

    quarter.upto("prepare_b")
    b = quarter.b
    b.siklus = quarter.siklus
    if keadaan == "dua_sasaran":
        _rencana_dua_sasaran(quarter, b)
    else:
        _ubah_rencana(quarter, b, keadaan)
    pj, tw = b.siklus.perjanjian, b.siklus.triwulan
    ada_iki = IKI.objects.filter(perjanjian=pj).exists()
    harap = rules._rencana_baca(pj, tw)
    assert rules.rencana_dari_tabel(selectors._baris_sasaran(pj, tw), ada_iki) == harap
    if keadaan == "dua_sasaran":
        assert harap.ada_iku and len(harap.tanpa_target) == 5 and harap.tanpa_target == ["Ind 1.3", "Ind 1.2", "Ind 1.1", "Ind 1.0", "Ind 2.3"]
    ada = IKI.objects.filter(perjanjian=Siklus.objects.get(pk=quarter.siklus.pk).perjanjian_id).exists()
    assert (_siklus_b(quarter.siklus.pk)[0].iki_id is not None) == ada


@pytest.mark.parametrize("keadaan", ["lengkap", "tanpa_target", "tanpa_iku", "tanpa_iki"])
def test_draft_page_with_plan_conditions_from_the_table_equals_their_query(client, demo, quarter, monkeypatch,
                                                                          keadaan):
    """The draft page whose plan conditions answer from the table's rows is byte-identical to
    the page whose conditions read the plan themselves (id and en), and reads one query less."""
    import re

    from django.urls import reverse

    quarter.upto("submit_draft")
    b = quarter.b
    b.siklus = quarter.siklus
    _ubah_rencana(quarter, b, keadaan)
    client.force_login(demo["timsakip"].user)
    url = reverse("sop:pengukuran_draft", args=[quarter.siklus.pk])

    def halaman(bahasa):
        client.cookies["django_language"] = bahasa
        with CaptureQueriesContext(connection) as q:
            html = client.get(url).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html), len(q.captured_queries)

    for bahasa in ("id", "en"):
        cepat, n_cepat = halaman(bahasa)
        with monkeypatch.context() as m:
            m.setattr(rules, "rencana_dari_tabel", lambda rows, ada_iki: None)  # the conditions read the plan
            lambat, n_lambat = halaman(bahasa)
        assert cepat == lambat
        assert n_cepat == n_lambat - 1
