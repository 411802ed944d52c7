"""Queries compiled once per connection (`sakip.kueri.objek`) give what the ORM gives: the same
model instances (fields with their types, `select_related` objects, the object a related
manager sets) and step pages byte-identical to the ORM's — the data entry grid in every
state, in Indonesian and English, and the other step pages that share `_konteks`. A query
whose parameters are not the caller's raises under the tests and runs through the ORM in
production; values that cannot show their order (two equal) are not compiled."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import translation

from sakip import kueri
from sakip.kueri import KueriSiap
from sop import halaman, rules, services, views
from sop.models import KodeLangkah, LangkahBerjalan, PemeriksaanIndikator, TugasPengumpulan
from sop.tests.factories import bukti, u

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rencana_baru():
    """Each test compiles its own plans: the connection (and its kept plans) outlives a test."""
    connections["default"].__dict__.pop(kueri._ATRIBUT, None)
    yield
    connections["default"].__dict__.pop(kueri._ATRIBUT, None)


def _tanpa_simpanan(monkeypatch):
    """Every query through the ORM, as before `sakip.kueri`."""
    monkeypatch.setattr(kueri, "_rencana", lambda kunci, bangun, params: (None, bangun()))
    monkeypatch.setattr(KueriSiap, "baris", lambda self, *argumen, using="default": list(self.bangun(*argumen)))


def _potret(obj, dalam: int = 0):
    """An instance as data: class, field values and annotations, and its cached related objects."""
    if obj is None or dalam > 4:
        return obj
    nilai = {k: (type(v), v) for k, v in obj.__dict__.items() if k != "_state"}
    terkait = {k: _potret(v, dalam + 1) for k, v in obj._state.fields_cache.items()}
    return type(obj), nilai, obj._state.db, obj._state.adding, terkait


def _isi(quarter):
    """timkerja's task at step 4: a value with a note and evidence on the first indicator,
    a value on the second, nothing on the rest."""
    quarter.upto("fill")
    t = quarter.tugas("timkerja")
    inds = list(t.indikator.order_by(*halaman.URUTAN_INDIKATOR))
    actor = u(quarter.demo, "timkerja")
    services.tugas_realisasi_save(tugas=t, indikator=inds[0], nilai=Decimal("12.5"), catatan="<b>catatan</b>",
                                  actor=actor)
    services.tugas_bukti_add(tugas=t, indikator=inds[0], berkas=bukti("a <1>.pdf"), actor=actor)
    services.tugas_realisasi_save(tugas=t, indikator=inds[1], nilai=Decimal("3"), catatan="", actor=actor)
    return t, inds


def _bacaan(t: TugasPengumpulan):
    """Everything the grid and its step header read through `sakip.kueri`."""
    siklus = t.proses.siklus
    hal = halaman.halaman_tugas(t, None, draf=True)
    return {
        "tugas": [_potret(views._tugas(t.pk)), _potret(views._tugas(t.pk, pembaca=t.anggota))],
        "hal": (hal.nomor, hal.jumlah, hal.jumlah_halaman, hal.awal, hal.draf, hal.dikembalikan),
        "urutan": halaman.halaman_tugas(t, None).dikembalikan,
        "baris": [(_potret(b.indikator), _potret(b.target), _potret(b.realisasi), b.sebelumnya,
                   [_potret(x) for x in b.bukti], _potret(b.pemeriksaan)) for b in hal.baris],
        "periksa": {k: _potret(v) for k, v in halaman._pemeriksaan_terakhir(t).items()},
        "status": [_potret(halaman.status_langkah(siklus, kode, tugas).berjalan)
                   for kode, tugas in [(KodeLangkah.PENGUMPULAN_DATA, t), (KodeLangkah.DISPOSISI_KADIN, None)]],
    }


@pytest.mark.parametrize("keadaan", ["isi", "dikembalikan"])
def test_each_query_gives_what_the_orm_gives(quarter, monkeypatch, keadaan):
    t, inds = _isi(quarter)
    if keadaan == "dikembalikan":
        quarter.fill("timkerja")
        quarter.submit("timkerja")
        quarter.check("timkerja", dikembalikan={inds[1].pk: "Angka <salah>."})
        t = quarter.tugas("timkerja")
    cepat = _bacaan(t)
    cepat_lagi = _bacaan(t)  # the second read runs the kept SQL only
    simpanan = connections["default"].__dict__[kueri._ATRIBUT]
    assert simpanan and all(r is not kueri._TIDAK for r in simpanan.values()), simpanan
    monkeypatch.setattr(connections["default"], kueri._ATRIBUT, {})
    _tanpa_simpanan(monkeypatch)
    orm = _bacaan(t)
    assert cepat == orm and cepat_lagi == orm
    assert orm["baris"][0][4] and orm["status"][0] is not None
    if keadaan == "dikembalikan":
        assert orm["periksa"] and orm["hal"][5]


@pytest.mark.parametrize("keadaan", ["isi", "lengkap"])
def test_the_task_indicator_lists_are_the_related_managers(quarter, keadaan):
    """`halaman_tugas`'s list of the task's indicators (with the handing-in check's values)
    is what `tugas.indikator` gave before it was compiled once."""
    t, inds = _isi(quarter)
    if keadaan == "lengkap":
        quarter.fill("timkerja")
    tw = t.proses.siklus.triwulan
    qs = t.indikator.order_by(*halaman.URUTAN_INDIKATOR)
    draf = list(qs.annotate(**rules.draf_data_anotasi(tw)).values_list("pk", "kode", "nama", "nilai_tw", "ada_bukti"))
    for _ in range(2):
        assert halaman._KUERI_URUTAN_DRAF.baris(tw, t.pk) == draf
        assert halaman._KUERI_URUTAN.baris(t.pk) == list(qs.values_list("pk", "kode", "nama"))
    assert len(draf) == len(inds) and draf[0][3] is not None and draf[0][4] is True
    assert [nama for _p, _k, nama, _n, _b in draf] == [nama for nama, _n, _b in halaman.halaman_tugas(t, draf=True).draf]


def test_a_query_whose_parameters_differ_raises_in_tests_and_runs_through_the_orm_in_production(quarter, monkeypatch):
    quarter.upto("fill")
    kunci = ("test", "urutan terbalik")
    bangun = lambda: LangkahBerjalan.objects.filter(siklus=quarter.siklus, kode=KodeLangkah.PENGUMPULAN_DATA)  # noqa: E731
    orm = list(bangun())
    terbalik = [quarter.siklus.pk, KodeLangkah.PENGUMPULAN_DATA]  # the parameters named in the wrong order
    with pytest.raises(ValueError):
        kueri.objek(kunci, bangun, terbalik)
    monkeypatch.delenv("PYTEST_CURRENT_TEST")
    # in production: not kept, the ORM answers, now and on the next call
    assert kueri.objek(kunci, bangun, terbalik) == orm and orm
    assert connections["default"].__dict__[kueri._ATRIBUT][kunci] is kueri._TIDAK
    assert kueri.objek(kunci, bangun, terbalik) == orm


def test_equal_values_are_not_compiled_until_a_call_with_different_ones(quarter):
    """pk 2 and quarter 2 could stand in each other's place unnoticed: such a call runs
    through the ORM and the plan waits for a call whose values tell the order."""
    quarter.upto("fill")
    kunci = ("test", "nilai kembar")
    simpanan = connections["default"].__dict__

    def bangun(pk, putaran):  # the SQL takes putaran first (Q sorts its keyword arguments)
        return LangkahBerjalan.objects.filter(siklus=pk, putaran=putaran).order_by("pk")

    pk = quarter.siklus.pk
    assert kueri.objek(kunci, lambda: bangun(pk, pk), [pk, pk]) == list(bangun(pk, pk))
    assert kunci not in simpanan.get(kueri._ATRIBUT, {})
    assert kueri.objek(kunci, lambda: bangun(pk, pk + 7), [pk + 7, pk]) == []
    assert simpanan[kueri._ATRIBUT][kunci] is not kueri._TIDAK
    hasil = kueri.objek(kunci, lambda: bangun(pk, 1), [1, pk])
    assert [o.pk for o in hasil] == [o.pk for o in bangun(pk, 1)] and hasil


def test_the_related_manager_object_is_set_as_the_orm_sets_it(quarter):
    t, inds = _isi(quarter)
    quarter.fill("timkerja")
    quarter.submit("timkerja")
    quarter.check("timkerja", dikembalikan={inds[0].pk: "x"})
    t = quarter.tugas("timkerja")
    for _ in range(2):
        periksa = halaman._pemeriksaan_terakhir(t)
        assert periksa and all(PemeriksaanIndikator.tugas.is_cached(p) and p.tugas is t for p in periksa.values())


# --- whole pages ------------------------------------------------------------------------------------------


def _halaman(client, urls):
    out = {}
    for lang in ("id", "en"):
        with translation.override(lang):
            for url in urls:
                r = client.get(url)
                html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", r.content.decode())
                out[(lang, url)] = (r.status_code, html)
    return out


def _bandingkan(client, urls, monkeypatch):
    cepat = _halaman(client, urls)
    cepat_lagi = _halaman(client, urls)
    with monkeypatch.context() as m:
        _tanpa_simpanan(m)
        orm = _halaman(client, urls)
    assert cepat == orm and cepat_lagi == orm
    assert {status for status, _html in orm.values()} == {200}
    return orm


def test_grid_pages_are_the_orms_byte_for_byte(client, demo, quarter, monkeypatch):
    t, inds = _isi(quarter)
    client.force_login(demo["timkerja"].user)
    url = reverse("sop:tugas_isi", args=[t.pk])
    pages = _bandingkan(client, [url, url + "?hal=2"], monkeypatch)
    html = pages[("id", url)][1]
    assert "a _1.pdf" in html and "&lt;b&gt;catatan&lt;/b&gt;" in html and 'value="12,5"' in html
    # handed in, returned with a reason, seen by its member and by another member of the team
    quarter.fill("timkerja")
    quarter.submit("timkerja")
    _bandingkan(client, [url], monkeypatch)
    quarter.check("timkerja", dikembalikan={inds[1].pk: "Angka <salah>."})
    pages = _bandingkan(client, [url], monkeypatch)
    assert "Angka &lt;salah&gt;." in pages[("id", url)][1]
    client.force_login(demo["timkerja2"].user)
    _bandingkan(client, [url], monkeypatch)


def test_a_refused_grid_post_is_the_orms(client, demo, quarter, monkeypatch):
    t, inds = _isi(quarter)
    client.force_login(demo["timkerja"].user)
    url = reverse("sop:tugas_isi", args=[t.pk])
    data = {"aksi": "simpan"}
    for ind in inds:
        data.update({f"r{ind.pk}-nilai": "lima", f"r{ind.pk}-catatan": "", f"r{ind.pk}-revisi": "0"})

    def kirim():
        r = client.post(url, data)
        return r.status_code, re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", r.content.decode())

    cepat = kirim()
    with monkeypatch.context() as m:
        _tanpa_simpanan(m)
        assert kirim() == cepat
    assert cepat[0] == 200 and 'value="lima"' in cepat[1]


def test_other_step_pages_sharing_konteks_are_the_orms(client, demo, quarter, monkeypatch):
    """`_konteks` (the step, its sheet and its status) is read the same for every step page."""
    quarter.upto("check")
    t = quarter.tugas("timkerja")
    client.force_login(demo["kasubbag"].user)
    _bandingkan(client, [reverse("sop:pemeriksaan", args=[t.pk])], monkeypatch)
    client.force_login(demo["kadin"].user)
    _bandingkan(client, [reverse("sop:disposisi_kadin", args=[quarter.siklus.pk])], monkeypatch)
    quarter.upto("submit_draft", after="submit")
    client.force_login(demo["timsakip"].user)
    _bandingkan(client, [reverse("sop:pengukuran_draft", args=[quarter.siklus.pk])], monkeypatch)


def test_a_missing_task_is_404(client, demo):
    client.force_login(demo["timkerja"].user)
    assert client.get(reverse("sop:tugas_isi", args=[999999])).status_code == 404
    assert client.get(reverse("sop:pemeriksaan", args=[999999])).status_code == 404


def test_annotated_instances_carry_their_annotations(quarter):
    """Annotations (a value, a subquery on another table) are set on each object, as
    iterating the queryset sets them; the query is kept compiled."""
    from django.db.models import OuterRef, Subquery, Value

    from sop.models import LangkahSOP

    quarter.upto("fill")
    kunci = ("test", "anotasi")
    kegiatan = Subquery(LangkahSOP.objects.filter(pk=OuterRef("langkah_id")).values("kegiatan")[:1])
    bangun = lambda: (LangkahBerjalan.objects.filter(siklus=quarter.siklus)  # noqa: E731
                      .annotate(x=Value("satu"), kegiatan=kegiatan).order_by("pk"))
    p = list(bangun().query.sql_with_params()[1])
    for _ in range(2):  # compiled, then run from the kept plan
        hasil = kueri.objek(kunci, bangun, p)
        assert [(o.pk, o.x, o.kegiatan) for o in hasil] == [(o.pk, o.x, o.kegiatan) for o in bangun()] and hasil
    assert connections["default"].__dict__[kueri._ATRIBUT][kunci] is not kueri._TIDAK


def test_one_row_reads_by_primary_key_without_limit_give_get_object_or_404s_object(quarter):
    """`_tugas` and `_siklus_b` read by primary key without get()'s LIMIT 21 (PostgreSQL planned
    the task's six-table join twice as long with it): the same object, with the same related
    objects, as get_object_or_404 with the same joins; and no LIMIT in the SQL kept."""
    from django.db import connection
    from django.shortcuts import get_object_or_404
    from django.test.utils import CaptureQueriesContext

    from sop.models import Siklus

    t, _inds = _isi(quarter)
    terkait = ["proses__siklus__perangkat_daerah", "proses__siklus__perjanjian", "proses__siklus__sop_pengumpulan"]
    for pembaca in (None, t.anggota):
        for _putaran in range(2):  # compiled, then from the kept plan
            with CaptureQueriesContext(connection) as q:
                cepat = views._tugas(t.pk, pembaca=pembaca)
            assert "LIMIT" not in q.captured_queries[0]["sql"]
            orm = get_object_or_404(TugasPengumpulan.objects.select_related(
                *terkait, *([] if pembaca else ["anggota"])), pk=t.pk)
            if pembaca is not None:
                orm.anggota = pembaca
            assert _potret(cepat) == _potret(orm)
    pk = quarter.siklus.pk
    for _putaran in range(2):
        with CaptureQueriesContext(connection) as q:
            siklus, b = views._siklus_b(pk)
        assert "LIMIT 21" not in q.captured_queries[0]["sql"]
        orm = get_object_or_404(Siklus.objects.select_related(
            "perangkat_daerah", "perjanjian", "sop_pengukuran", "pengukuran", "pengumpulan"), pk=pk)
        del siklus.__dict__["iki_id"]
        assert _potret(siklus) == _potret(orm) and _potret(b) == _potret(getattr(orm, "pengukuran", None))
