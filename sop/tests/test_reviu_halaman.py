"""The review page (SOP B step 3) reads the draft revisions once: the newest one's
stored table comes with the list, and the review conditions answer from that list
(`guards.draft_terakhir_dari`) instead of reading the latest revision per condition."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sop import guards
from sop.models import DraftPengukuran
from sop.selectors.langkah import aksi_boleh
from sop.selectors.pengukuran import draft_list
from sop.services import missing_inputs

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
        drafts = draft_list(proses=b, tabel_terbaru=True)
        tabel = drafts[0].data
    assert len(q.captured_queries) == 1
    assert (
        [d.revisi for d in drafts] == [2, 1] == [d.revisi for d in draft_list(proses=b)]
    )
    assert tabel == DraftPengukuran.objects.get(proses=b, revisi=2).data
    assert drafts[1].tabel_terbaru is None  # an older revision's table is not read
    assert "data" in drafts[1].get_deferred_fields()


def test_list_without_tables_and_no_process():
    assert draft_list(proses=None, tabel_terbaru=True) == []


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
    tanpa = [
        (aksi_boleh(obj=b, action=a, user=kadin), missing_inputs(b, a)) for a in aksi
    ]
    drafts = draft_list(proses=b, tabel_terbaru=True)
    with guards.draft_terakhir_dari(b, drafts):
        with CaptureQueriesContext(connection) as q:
            guards._reviu_draft_terakhir(b)
        dengan = [
            (aksi_boleh(obj=b, action=a, user=kadin), missing_inputs(b, a))
            for a in aksi
        ]
    assert len(q.captured_queries) == 0
    assert dengan == tanpa
    assert not hasattr(b, guards._REVIU_MEMO)  # the answer ends with the block


def test_no_draft_yet_reads_as_missing(quarter):
    quarter.upto("submit_draft")
    b = quarter.b
    assert guards._reviu_draft_terakhir(b) == (False, "")
    with guards.draft_terakhir_dari(b, []):
        assert guards._reviu_draft_terakhir(b) == (False, "")
        assert guards._draft_menunggu_reviu(b) == ["Draft dokumen pengukuran kinerja"]


def test_listed_drafts_carry_author_reviewer_and_process(quarter):
    """A reviewed and an unreviewed revision: a reviewer and none, the stored table deferred."""
    b = _dua_revisi(quarter)
    drafts = draft_list(proses=b)
    with CaptureQueriesContext(connection) as q:
        orang = [
            (str(d.dibuat_oleh), d.direviu_oleh is None, d.proses is b) for d in drafts
        ]
    assert not q.captured_queries
    assert [o[1:] for o in orang] == [(True, True), (False, True)]
    assert all("data" in d.get_deferred_fields() for d in drafts)


def test_review_page_offers_the_empty_form_and_a_refused_post_keeps_its_error(
    client, demo, quarter
):
    """The review page renders its empty decision form through crispy; a refused POST shows
    its error beside it."""
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
    from django.urls import reverse

    from sop.forms import ReviuForm

    _dua_revisi(quarter)
    client.force_login(demo["kadin"].user)
    url = reverse("sop:pengukuran_reviu", args=[quarter.siklus.pk])
    page = client.get(url).content.decode()
    assert as_crispy_form(ReviuForm()) in page and 'value="setujui"' in page
    refused = client.post(url, {"keputusan": "kembalikan", "catatan": ""})
    assert (
        refused.status_code == 200
        and "Tuliskan catatan reviu" in refused.content.decode()
    )


def test_review_page_shows_the_newest_revisions_stored_table(client, demo, quarter):
    """The Kadin reviews the table as handed in (the newest revision's stored table), written
    as `{% include %}` of it writes it."""
    from django.template import engines
    from django.urls import reverse
    from django.utils import translation

    from kinerja.selectors import TabelPengukuran

    b = _dua_revisi(quarter)
    d = DraftPengukuran.objects.get(proses=b, revisi=2)
    include = engines["django"].from_string(
        '{% include "sop/_tabel_pengukuran.html" %}'
    )
    client.force_login(demo["kadin"].user)
    url = reverse("sop:pengukuran_reviu", args=[quarter.siklus.pk])
    with translation.override("id"):
        harap = include.render({"tabel": TabelPengukuran.from_dict(d.data)})
    assert harap.strip() in client.get(url).content.decode()


def test_stored_draft_table_is_the_same_on_every_view_and_in_each_language(
    client, demo, quarter
):
    """The review page shows the stored table of the revision under review on every view,
    in the reader's language; a newer revision shows its own table, and the ratification
    page the passed revision's."""
    from decimal import Decimal

    from django.template import engines
    from django.urls import reverse
    from django.utils import translation

    from kinerja import services as kinerja_services
    from kinerja.models import Realisasi
    from kinerja.selectors import TabelPengukuran

    quarter.upto("submit_draft").submit_draft()
    include = engines["django"].from_string(
        '{% include "sop/_tabel_pengukuran.html" %}'
    )

    def harap(revisi, bahasa="id"):
        d = DraftPengukuran.objects.get(proses__siklus=quarter.siklus, revisi=revisi)
        with translation.override(bahasa):
            return include.render({"tabel": TabelPengukuran.from_dict(d.data)}).strip()

    def halaman(nama, bahasa="id"):
        client.cookies["django_language"] = bahasa
        return client.get(reverse(nama, args=[quarter.siklus.pk])).content.decode()

    client.force_login(demo["kadin"].user)
    pertama = harap(1)
    assert pertama in halaman("sop:pengukuran_reviu") and pertama in halaman(
        "sop:pengukuran_reviu"
    )
    assert harap(1, "en") in halaman("sop:pengukuran_reviu", "en")
    quarter.return_draft()
    r = Realisasi.objects.filter(
        indikator__sasaran__perjanjian=quarter.siklus.perjanjian,
        triwulan=quarter.siklus.triwulan,
    ).first()
    kinerja_services.realisasi_save(
        indikator=r.indikator,
        triwulan=r.triwulan,
        nilai=r.nilai + Decimal("3"),
        catatan="Diperbaiki.",
        actor=demo["timsakip"],
    )
    quarter.submit_draft()
    kedua = harap(2)
    assert kedua != pertama
    assert kedua in halaman("sop:pengukuran_reviu") and kedua in halaman(
        "sop:pengukuran_reviu"
    )
    quarter.pass_review()
    assert kedua in halaman("sop:pengukuran_pengesahan") and kedua in halaman(
        "sop:pengukuran_pengesahan"
    )
