"""The measurement draft page (SOP B step 2) reads what its conditions ask about along
with what it reads anyway: the SOP A and SOP B processes with the cycle
(`sop.selectors.pengukuran.siklus_with_pengukuran`)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sop.models import Siklus
from sop.selectors.langkah import aksi_boleh
from sop.selectors.pengukuran import pengukuran_for_siklus, siklus_with_pengukuran
from sop.selectors.siklus import siklus_get

pytestmark = pytest.mark.django_db


def test_sop_b_process_comes_with_the_cycle_and_the_sop_a_one(quarter):
    quarter.upto("submit_draft")
    with CaptureQueriesContext(connection) as q:
        siklus, b = siklus_with_pengukuran(pk=quarter.siklus.pk)
        a = siklus.pengumpulan
        status = b.siklus.pengumpulan.status
    assert len(q.captured_queries) == 1
    assert b.pk == quarter.b.pk and b.siklus is siklus
    assert a.pk == quarter.a.pk and status == quarter.a.status == "selesai"


def test_without_sop_b_yet(quarter):
    quarter.upto("dispose_kadin")
    siklus = siklus_get(pk=quarter.siklus.pk)
    assert pengukuran_for_siklus(siklus=siklus) is None
    assert siklus_with_pengukuran(pk=quarter.siklus.pk)[1] is None
    assert siklus.pengumpulan.pk == quarter.a.pk


def test_plain_read_is_unchanged(quarter):
    quarter.upto("submit_draft")
    siklus = siklus_get(pk=quarter.siklus.pk)
    b = pengukuran_for_siklus(siklus=siklus)
    assert b.pk == quarter.b.pk and b.siklus is siklus
    assert isinstance(siklus, Siklus)


# --- the plan conditions read once (guards.rencana_sekali) ----------------------------------------------------

from kinerja.models import IKI, Indikator, TargetTriwulan  # noqa: E402
from sop import guards  # noqa: E402
from sop.services import missing_inputs  # noqa: E402
from sop.tests.factories import make_plan  # noqa: E402


def _ubah_rencana(q, b, keadaan: str) -> None:
    pk = b.siklus.perjanjian
    inds = list(Indikator.objects.for_pk(pk).order_by("urutan"))
    if keadaan == "tanpa_target":
        TargetTriwulan.objects.filter(
            indikator__in=inds[1:], triwulan=q.triwulan
        ).update(target=None)
    elif keadaan == "tanpa_iku":
        Indikator.objects.for_pk(pk).update(is_iku=False)
    elif keadaan == "tanpa_iki":
        IKI.objects.filter(perjanjian=pk).delete()
    elif (
        keadaan == "tanpa_indikator"
    ):  # another year's plan without indicators (an IKI hangs on one)
        b.siklus.perjanjian = make_plan(
            q.siklus.perangkat_daerah, tahun=2099, indikator=0
        )


@pytest.mark.parametrize(
    "keadaan", ["lengkap", "tanpa_target", "tanpa_iku", "tanpa_iki", "tanpa_indikator"]
)
def test_plan_conditions_read_once_answer_as_apart(demo, quarter, keadaan):
    quarter.upto("prepare_b")
    b = quarter.b
    _ubah_rencana(quarter, b, keadaan)
    timsakip = demo["timsakip"].user
    tanpa = (
        missing_inputs(b, "prepare"),
        aksi_boleh(obj=b, action="prepare", user=timsakip),
        [s.kurang(b) for s in (guards.PK_RA, guards.IKU, guards.IKI)],
    )
    with guards.rencana_sekali(b):
        with CaptureQueriesContext(connection) as q:
            kurang = [s.kurang(b) for s in (guards.PK_RA, guards.IKU, guards.IKI)]
        dengan = (
            missing_inputs(b, "prepare"),
            aksi_boleh(obj=b, action="prepare", user=timsakip),
            kurang,
        )
    assert dengan == tanpa
    plan_queries = [x for x in q.captured_queries if "kinerja_" in x["sql"]]
    assert len(plan_queries) <= (
        3 if keadaan == "tanpa_indikator" else 1
    )  # no indicators: read apart, as before
    assert not hasattr(b, guards._RENCANA_MEMO)


# --- the live table on the draft page ----------------------------------------------------------------------


def test_draft_page_shows_the_live_table_and_follows_the_data(client, demo, quarter):
    """The draft page shows the quarter's measurement table as `{% include %}` of it writes
    it, and a changed realisation shows on the next view."""
    from decimal import Decimal

    from django.template import engines
    from django.urls import reverse

    from kinerja.models import Realisasi
    from kinerja.selectors import tabel_pengukuran

    quarter.upto("submit_draft")
    siklus = siklus_get(pk=quarter.siklus.pk)
    include = engines["django"].from_string(
        '{% include "sop/_tabel_pengukuran.html" %}'
    )
    client.force_login(demo["timsakip"].user)
    url = reverse("sop:pengukuran_draft", args=[siklus.pk])

    def harap():
        return include.render(
            {
                "tabel": tabel_pengukuran(
                    perjanjian=siklus.perjanjian, triwulan=siklus.triwulan
                )
            }
        )

    sebelum = harap()
    assert sebelum.strip() in client.get(url).content.decode()
    r = Realisasi.objects.filter(
        indikator__sasaran__perjanjian=siklus.perjanjian, triwulan=siklus.triwulan
    ).first()
    r.nilai = r.nilai + Decimal("1.25")
    r.save(update_fields=["nilai"])
    sesudah = harap()
    assert sesudah != sebelum and sesudah.strip() in client.get(url).content.decode()


def test_unknown_cycle_is_404(quarter):
    from django.http import Http404

    quarter.upto("dispose_kadin")
    with pytest.raises(Http404):
        siklus_with_pengukuran(pk=quarter.siklus.pk + 1000)


# --- the plan conditions answered from the table's rows (guards.rencana_dari_tabel) ------------------------------


def _rencana_dua_sasaran(q, b) -> None:
    """Another year's plan of two sasaran placed against their ids, each with four indicators
    placed against theirs, most without the quarter's target (more than five), one IKU."""
    from sop.tests.factories import IndikatorFactory, PerjanjianFactory, SasaranFactory

    pk = PerjanjianFactory(perangkat_daerah=q.siklus.perangkat_daerah, tahun=2097)
    for urutan_s in (2, 1):
        s = SasaranFactory(perjanjian=pk, urutan=urutan_s)
        for i in range(4):
            IndikatorFactory(
                sasaran=s,
                urutan=10 - i,
                nama=f"Ind {urutan_s}.{i}",
                is_iku=(urutan_s, i) == (1, 3),
            )
    TargetTriwulan.objects.filter(indikator__sasaran__perjanjian=pk).update(target=None)
    ind = Indikator.objects.for_pk(pk).order_by("pk").first()
    TargetTriwulan.objects.filter(indikator=ind, triwulan=q.triwulan).update(target=5)
    b.siklus.perjanjian = pk


@pytest.mark.parametrize(
    "keadaan",
    [
        "lengkap",
        "tanpa_target",
        "tanpa_iku",
        "tanpa_iki",
        "tanpa_indikator",
        "dua_sasaran",
    ],
)
def test_plan_conditions_from_the_table_rows_equal_their_query(quarter, keadaan):
    """`rencana_dari_tabel` (the table's sasaran rows and the plan's IKI) gives what
    `_rencana_baca`'s query gives: indicators or none, the first five without the quarter's
    target in plan order, IKU, IKI; and the draft page's cycle carries the plan's IKI."""
    from kinerja import selectors

    quarter.upto("prepare_b")
    b = quarter.b
    b.siklus = quarter.siklus
    if keadaan == "dua_sasaran":
        _rencana_dua_sasaran(quarter, b)
    else:
        _ubah_rencana(quarter, b, keadaan)
    pj, tw = b.siklus.perjanjian, b.siklus.triwulan
    ada_iki = IKI.objects.filter(perjanjian=pj).exists()
    harap = guards._rencana_baca(pj, tw)
    assert guards.rencana_dari_tabel(selectors._baris_sasaran(pj, tw), ada_iki) == harap
    if keadaan == "dua_sasaran":
        assert (
            harap.ada_iku
            and len(harap.tanpa_target) == 5
            and harap.tanpa_target
            == ["Ind 1.3", "Ind 1.2", "Ind 1.1", "Ind 1.0", "Ind 2.3"]
        )
    ada = IKI.objects.filter(
        perjanjian=Siklus.objects.get(pk=quarter.siklus.pk).perjanjian_id
    ).exists()
    assert (siklus_with_pengukuran(pk=quarter.siklus.pk)[0].iki_id is not None) == ada


@pytest.mark.parametrize(
    "keadaan", ["lengkap", "tanpa_target", "tanpa_iku", "tanpa_iki"]
)
def test_draft_page_with_plan_conditions_from_the_table_equals_their_query(
    client, demo, quarter, monkeypatch, keadaan
):
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
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html), len(
            q.captured_queries
        )

    for bahasa in ("id", "en"):
        cepat, n_cepat = halaman(bahasa)
        with monkeypatch.context() as m:
            m.setattr(
                guards, "rencana_dari_tabel", lambda rows, ada_iki: None
            )  # the conditions read the plan
            lambat, n_lambat = halaman(bahasa)
        assert cepat == lambat
        assert n_cepat == n_lambat - 1


def test_draft_page_never_shows_figures_older_than_the_services_last_write(
    client, demo, quarter
):
    """Viewed, then changed through the services (an indicator's realisasi, a programme's
    budget realisation), the draft page shows the new figures at once; viewed again in
    English it shows the table as English readers get it, and after a change back the old one again."""
    from decimal import Decimal

    from django.template import engines
    from django.urls import reverse
    from django.utils import translation

    from kinerja import services as kinerja_services
    from kinerja.models import Realisasi
    from kinerja.selectors import tabel_pengukuran
    from kinerja.tests.factories import ProgramFactory

    quarter.upto("submit_draft")
    siklus = siklus_get(pk=quarter.siklus.pk)
    program = ProgramFactory(perjanjian=siklus.perjanjian)
    include = engines["django"].from_string(
        '{% include "sop/_tabel_pengukuran.html" %}'
    )
    client.force_login(demo["timsakip"].user)
    url = reverse("sop:pengukuran_draft", args=[siklus.pk])

    def harap(bahasa="id"):
        with translation.override(bahasa):
            return include.render(
                {
                    "tabel": tabel_pengukuran(
                        perjanjian=siklus.perjanjian, triwulan=siklus.triwulan
                    )
                }
            ).strip()

    def halaman(bahasa="id"):
        client.cookies["django_language"] = bahasa
        return client.get(url).content.decode()

    awal = harap()
    assert awal in halaman() and awal in halaman()
    r = Realisasi.objects.filter(
        indikator__sasaran__perjanjian=siklus.perjanjian, triwulan=siklus.triwulan
    ).first()
    lama = r.nilai
    kinerja_services.realisasi_save(
        indikator=r.indikator,
        triwulan=r.triwulan,
        nilai=lama + Decimal("7"),
        catatan="Dikoreksi.",
        actor=demo["timsakip"],
    )
    dikoreksi = harap()
    assert dikoreksi != awal and dikoreksi in halaman()
    kinerja_services.realisasi_anggaran_save(
        program=program,
        triwulan=siklus.triwulan,
        nilai=Decimal("123456789"),
        actor=demo["timsakip"],
    )
    anggaran = harap()
    assert anggaran != dikoreksi and anggaran in halaman()
    assert harap("en") in halaman("en")
    kinerja_services.realisasi_save(
        indikator=r.indikator,
        triwulan=r.triwulan,
        nilai=lama,
        catatan="Dikembalikan.",
        actor=demo["timsakip"],
    )
    assert harap() in halaman() and harap() != anggaran
