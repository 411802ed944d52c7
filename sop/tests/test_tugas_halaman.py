"""The data entry grid (SOP A step 4) reads what handing in checks — each indicator's
realisasi of the quarter and whether evidence is attached — with the list of the task's
indicators it reads anyway (`tugas_halaman(draf=True)`), and the handing-in check then
answers from it (`guards.draf_data_sekali(tugas, hal.draf)`) without reading the draft."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sop import guards, services
from sop.selectors.langkah import aksi_boleh_dan_kurang
from sop.selectors.pengumpulan import URUTAN_INDIKATOR, tugas_halaman
from sop.services import missing_inputs
from sop.tests.factories import bukti, u

pytestmark = pytest.mark.django_db


def _isi_sebagian(quarter):
    """timkerja's task: the first indicator with a value and evidence, the second with a
    value only, the rest empty."""
    quarter.upto("fill")
    t = quarter.tugas("timkerja")
    inds = list(t.indikator.order_by(*URUTAN_INDIKATOR))
    actor = u(quarter.demo, "timkerja")
    for i, ind in enumerate(inds[:2]):
        services.tugas_realisasi_save(
            tugas=t, indikator=ind, nilai=Decimal("5"), catatan="", actor=actor
        )
        if i == 0:
            services.tugas_bukti_add(
                tugas=t, indikator=ind, berkas=bukti(), actor=actor
            )
    return t


@pytest.mark.parametrize("isi", ["kosong", "sebagian", "lengkap"])
def test_the_check_answers_from_the_grid_as_from_the_draft(demo, quarter, isi):
    if isi == "sebagian":
        t = _isi_sebagian(quarter)
    else:
        quarter.upto("fill")
        if isi == "lengkap":
            quarter.fill("timkerja")
        t = quarter.tugas("timkerja")
    user = demo["timkerja"].user
    sendiri = (
        aksi_boleh_dan_kurang(obj=t, action="submit", user=user),
        missing_inputs(t, "submit"),
    )
    hal = tugas_halaman(tugas=t, hal=None, draf=True)
    assert [nama for nama, _n, _b in hal.draf] == [
        i.nama for i in t.indikator.order_by(*URUTAN_INDIKATOR)
    ]
    with guards.draf_data_sekali(t, hal.draf):
        with CaptureQueriesContext(connection) as q:
            kurang = missing_inputs(t, "submit")
        dari_grid = (aksi_boleh_dan_kurang(obj=t, action="submit", user=user), kurang)
    assert dari_grid == sendiri
    assert not [x for x in q.captured_queries if "kinerja_realisasi" in x["sql"]]
    assert not hasattr(t, guards._DRAF_MEMO)
    if isi == "lengkap":
        assert sendiri[0] == (True, "", [])
    else:
        assert sendiri[0][0] is False and sendiri[0][2]


def test_grid_without_draf_reads_as_before(quarter):
    t = _isi_sebagian(quarter)
    biasa = tugas_halaman(tugas=t, hal=None)
    dengan = tugas_halaman(tugas=t, hal=None, draf=True)
    assert biasa.draf is None
    assert (
        biasa.nomor,
        biasa.jumlah,
        biasa.jumlah_halaman,
        biasa.awal,
        biasa.dikembalikan,
    ) == (
        dengan.nomor,
        dengan.jumlah,
        dengan.jumlah_halaman,
        dengan.awal,
        dengan.dikembalikan,
    )
    assert [b.indikator.pk for b in biasa.baris] == [
        b.indikator.pk for b in dengan.baris
    ]


def test_grid_page_shows_the_same_missing_inputs(client, demo, quarter):
    from django.urls import reverse

    t = _isi_sebagian(quarter)
    client.force_login(demo["timkerja"].user)
    page = client.get(reverse("sop:tugas_isi", args=[t.pk])).content.decode()
    for k in missing_inputs(t, "submit"):
        assert k in page


def test_task_read_for_its_member_takes_him_from_the_request(demo, quarter):
    from sop.selectors.pengumpulan import tugas_get

    quarter.upto("fill")
    t = quarter.tugas("timkerja")
    sendiri, lain = demo["timkerja"], demo["timkerja2"]
    with CaptureQueriesContext(connection) as q:
        dibaca = tugas_get(pk=t.pk, pembaca=sendiri)
        nama = dibaca.anggota.nama_lengkap
    assert (
        len(q.captured_queries) == 1
        and dibaca.anggota is sendiri
        and nama == sendiri.nama_lengkap
    )
    oleh_lain = tugas_get(pk=t.pk, pembaca=lain)
    assert (
        oleh_lain.anggota.pk == sendiri.pk and oleh_lain.anggota is not lain
    )  # read on demand
    assert tugas_get(pk=t.pk).anggota.pk == sendiri.pk  # joined, as before
