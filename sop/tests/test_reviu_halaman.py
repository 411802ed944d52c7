"""The review page (SOP B step 3) reads the draft revisions once: the newest one's
stored table comes with the list, and the review conditions answer from that list
(`rules.draft_terakhir_dari`) instead of reading the latest revision per condition."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sop import halaman, rules
from sop.models import DraftPengukuran
from sop.services import missing_inputs
from sop.views import _daftar_draft

pytestmark = pytest.mark.django_db


def _dua_revisi(quarter):
    """A draft returned once and handed in again: two revisions, the newer waiting for review."""
    quarter.upto("submit_draft").submit_draft()
    quarter.return_draft()
    quarter.submit_draft()
    b = quarter.b
    b.siklus = quarter.siklus
    return b


def test_newest_draft_comes_with_its_table_in_the_same_query(quarter):
    b = _dua_revisi(quarter)
    with CaptureQueriesContext(connection) as q:
        drafts = _daftar_draft(b, tabel_terbaru=True)
        tabel = drafts[0].data
    assert len(q.captured_queries) == 1
    assert [d.revisi for d in drafts] == [2, 1] == [d.revisi for d in _daftar_draft(b)]
    assert tabel == DraftPengukuran.objects.get(proses=b, revisi=2).data
    assert drafts[1].tabel_terbaru is None  # an older revision's table is not read
    assert "data" in drafts[1].get_deferred_fields()


def test_list_without_tables_and_no_process():
    assert _daftar_draft(None, tabel_terbaru=True) == []


@pytest.mark.parametrize("tahap", ["menunggu", "dikembalikan", "lolos"])
def test_review_conditions_answer_from_the_drafts_read(demo, quarter, tahap):
    b = _dua_revisi(quarter)
    if tahap == "dikembalikan":
        quarter.return_draft()
    elif tahap == "lolos":
        quarter.pass_review()
    b.refresh_from_db()
    b.siklus = quarter.siklus
    kadin = demo["kadin"].user
    aksi = ["pass_review", "return_draft", "ratify"]
    tanpa = [(halaman.boleh(b, a, kadin), missing_inputs(b, a)) for a in aksi]
    drafts = _daftar_draft(b, tabel_terbaru=True)
    with rules.draft_terakhir_dari(b, drafts):
        with CaptureQueriesContext(connection) as q:
            rules._reviu_draft_terakhir(b)
        dengan = [(halaman.boleh(b, a, kadin), missing_inputs(b, a)) for a in aksi]
    assert len(q.captured_queries) == 0
    assert dengan == tanpa
    assert not hasattr(b, rules._REVIU_MEMO)  # the answer ends with the block


def test_no_draft_yet_reads_as_missing(quarter):
    quarter.upto("submit_draft")
    b = quarter.b
    assert rules._reviu_draft_terakhir(b) == (False, "")
    with rules.draft_terakhir_dari(b, []):
        assert rules._reviu_draft_terakhir(b) == (False, "")
        assert rules._draft_menunggu_reviu(b) == ["Draft dokumen pengukuran kinerja"]


def _seperti(d):
    """Everything of a listed draft a page reads: its fields, author and reviewer, what is loaded."""
    from organisasi.models import Pegawai

    def orang(p):
        return None if p is None else [(f.attname, getattr(p, f.attname)) for f in Pegawai._meta.concrete_fields]

    return ([(f.attname, getattr(d, f.attname)) for f in DraftPengukuran._meta.concrete_fields if f.name != "data"],
            orang(d.dibuat_oleh), orang(d.direviu_oleh), str(d.dibuat_oleh), d.get_hasil_reviu_display(),
            sorted(d.get_deferred_fields()), d._state.db, d._state.adding)


@pytest.mark.parametrize("tabel_terbaru", [False, True])
def test_drafts_read_through_the_compiled_query_are_the_orm_drafts(quarter, tabel_terbaru):
    """`_daftar_draft` builds the drafts from a query compiled once per process: the same
    instances as the ORM's select_related + defer("data") (a reviewed and an unreviewed
    revision: a reviewer and none), the newest one's table loaded when asked."""
    b = _dua_revisi(quarter)
    orm = list(b.draft.select_related("dibuat_oleh", "direviu_oleh").defer("data").order_by("-revisi"))
    with CaptureQueriesContext(connection) as q:
        drafts = _daftar_draft(b, tabel_terbaru=tabel_terbaru)
        sama = [_seperti(d) for d in drafts[1:]] == [_seperti(d) for d in orm[1:]]
        if tabel_terbaru:
            assert drafts[0].data == DraftPengukuran.objects.get(pk=orm[0].pk).data
    assert len(q.captured_queries) == 1 + tabel_terbaru and sama
    assert orm[1].direviu_oleh is not None and orm[0].direviu_oleh is None
    if tabel_terbaru:
        orm[0].data = drafts[0].data
    assert [_seperti(d) for d in drafts] == [_seperti(d) for d in orm]
    assert all(d.proses is b for d in drafts)


def test_empty_review_form_is_crispys_rendering_cached_per_language(client, demo, quarter, monkeypatch):
    """The review page's empty form comes from a per-process, per-language cache; the page is
    byte-identical to the one rendering `{{ form|crispy }}` (CSRF tokens aside), and a refused
    POST still renders its own form with the error."""
    import re

    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
    from django.urls import reverse
    from django.utils import translation

    from sop import views
    from sop.forms import ReviuForm

    _dua_revisi(quarter)
    client.force_login(demo["kadin"].user)
    url = reverse("sop:pengukuran_reviu", args=[quarter.siklus.pk])

    def halaman():
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", client.get(url).content.decode())

    cepat = halaman()
    assert as_crispy_form(ReviuForm()) in cepat and 'value="setujui"' in cepat
    monkeypatch.setattr(views.halaman, "form_kosong_html", lambda form_class, bahasa: "")
    assert halaman() == cepat
    monkeypatch.undo()
    for bahasa in ("id", "en"):
        with translation.override(bahasa):
            assert views.halaman.form_kosong_html(ReviuForm, bahasa) == as_crispy_form(ReviuForm())
    refused = client.post(url, {"keputusan": "kembalikan", "catatan": ""})
    assert refused.status_code == 200 and "Tuliskan catatan reviu" in refused.content.decode()


def test_stored_table_is_rendered_once_per_text_and_language(client, demo, quarter):
    """The review page shows the newest revision's stored table from a per-process cache keyed
    by its stored text and the language: the HTML the `{% include %}` of the table wrote with
    the page's context (id and en), another revision's text its own, the page contains it."""
    from django.template import engines
    from django.urls import reverse
    from django.utils import translation

    from kinerja.selectors import TabelPengukuran
    from sop import views

    b = _dua_revisi(quarter)
    drafts = _daftar_draft(b, tabel_terbaru=True)
    d = drafts[0]
    assert isinstance(d.tabel_teks, str) and d.data == DraftPengukuran.objects.get(pk=d.pk).data
    include = engines["django"].from_string('{% include "sop/_tabel_pengukuran.html" %}')
    for bahasa in ("id", "en"):
        with translation.override(bahasa):
            harap = include.render({"tabel": TabelPengukuran.from_dict(d.data), "draft": d, "drafts": drafts})
        views._TABEL_TERSIMPAN.clear()
        assert views._tabel_tersimpan_html(d.tabel_teks, d.data, bahasa) == harap  # rendered
        assert views._tabel_tersimpan_html(d.tabel_teks, {}, bahasa) == harap  # from the cache
    lama = DraftPengukuran.objects.get(proses=b, revisi=1)
    teks_lama = views._KUERI_DRAFT[True].baris(b.pk)  # the newest's text only; an older one's is its own key
    assert teks_lama[1][-1] is None
    lain = views._tabel_tersimpan_html(d.tabel_teks + " ", lama.data, "id")
    with translation.override("id"):
        assert lain == include.render({"tabel": TabelPengukuran.from_dict(lama.data)})
    client.force_login(demo["kadin"].user)
    page = client.get(reverse("sop:pengukuran_reviu", args=[quarter.siklus.pk])).content.decode()
    assert views._tabel_tersimpan_html(d.tabel_teks, d.data, "id") in page
