"""The administrator's kabupaten view: latest results per office and SOP, late steps,
a fixed number of queries whatever the size of the kabupaten, and nobody else."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench.generate import JAKARTA, generate
from monev.models import (
    Evaluasi,
    EvaluasiJawaban,
    Monitoring,
    MonitoringLangkah,
    StatusForm,
)
from organisasi.models import Pegawai, PerangkatDaerah
from sop.models import SOP, JenisSOP

pytestmark = pytest.mark.django_db

SEKARANG = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=JAKARTA)
UKURAN = {"kecil": (2, 1), "besar": (5, 2)}  # offices, years
# session, user, admin flag, person (menu); offices, latest monitoring, latest evaluation,
# the sheets' steps, runs per step and office
PIN = 9
URL = reverse("monev:kabupaten") + "?mulai=2025-01-01&selesai=2026-11-30"


def _forms():
    """An issued monitoring (one form older, one newer) and evaluation per office and SOP."""
    for pd in PerangkatDaerah.objects.all():
        penilai = Pegawai.objects.filter(perangkat_daerah=pd).first()
        for jenis in JenisSOP.values:
            sop = SOP.objects.get(jenis=jenis, berlaku=True)
            for i, (mulai, selesai) in enumerate(
                [
                    (datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)),
                    (datetime.date(2025, 7, 1), datetime.date(2025, 12, 31)),
                ]
            ):
                m = Monitoring.objects.create(
                    perangkat_daerah=pd,
                    jenis=jenis,
                    sop=sop,
                    mulai=mulai,
                    selesai=selesai,
                    ambang_persen=80,
                    status=StatusForm.DITERBITKAN,
                    dibuat_oleh=penilai,
                    dibuat_pada=timezone.now(),
                )
                MonitoringLangkah.objects.bulk_create(
                    MonitoringLangkah(
                        monitoring=m,
                        nomor=lk.nomor,
                        kode=lk.kode,
                        kegiatan=lk.kegiatan,
                        standar_menit=5,
                        standar_teks=lk.waktu,
                        baik=(lk.nomor != 2 or i == 0),
                    )
                    for lk in sop.langkah.all()
                )
                ev = Evaluasi.objects.create(
                    perangkat_daerah=pd,
                    jenis=jenis,
                    sop=sop,
                    mulai=mulai,
                    selesai=selesai,
                    status=StatusForm.DITERBITKAN,
                    dibuat_oleh=penilai,
                    dibuat_pada=timezone.now(),
                )
                EvaluasiJawaban.objects.bulk_create(
                    EvaluasiJawaban(
                        evaluasi=ev, nomor=n, kode=str(n), pertanyaan="?", ya=n != 3
                    )
                    for n in range(1, 8)
                )


@pytest.mark.parametrize("ukuran", list(UKURAN))
def test_the_kabupaten_view_runs_a_fixed_number_of_queries(
    ukuran, django_assert_num_queries
):
    kantor, tahun = UKURAN[ukuran]
    generate(
        seed=7,
        kantor=kantor,
        tahun=tahun,
        indikator=3,
        indikator_pdf=3,
        sekarang=SEKARANG,
    )
    _forms()
    c = Client()
    c.force_login(get_user_model().objects.get(username="adminkab"))
    c.get(URL)
    with django_assert_num_queries(PIN):
        r = c.get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    # the newer monitoring of each office, with step 2 judged "tidak berjalan dengan baik"
    n_langkah = {
        j: SOP.objects.get(jenis=j, berlaku=True).langkah.count()
        for j in JenisSOP.values
    }
    assert (
        html.count(
            f"{n_langkah['pengumpulan'] - 1} prosedur berjalan dengan baik, 1 tidak"
        )
        == kantor
    )
    assert html.count('6 "Ya", 1 "Tidak"') == 2 * kantor
    data = r.context["data"]
    assert data.langkah and all(lk.jumlah for lk in data.langkah)
    persen = [lk.persen_tepat for lk in data.langkah]
    assert persen == sorted(persen)
    assert all(lk.kantor <= kantor for lk in data.langkah)


def test_late_steps_name_the_offices_under_the_threshold(demo, clock):
    from .runs import run_quarter

    run_quarter(demo, clock)
    c = Client()
    c.force_login(_admin())
    r = c.get(reverse("monev:kabupaten") + "?mulai=2025-07-01&selesai=2025-07-31")
    langkah = {lk.kode: lk for lk in r.context["data"].langkah}
    assert langkah["disposisi_kabid"].persen_tepat == 0 and langkah[
        "disposisi_kabid"
    ].kantor_di_bawah == ["DPMPTSP"]
    assert langkah["reviu"].kantor_di_bawah == []
    assert list(langkah)[0] in {"disposisi_kabid", "persiapan_pengukuran"}  # 0 % first


def _admin():
    return get_user_model().objects.get(username="adminkab")


@pytest.mark.parametrize("who", ["kadin", "sekretaris", "kadin.kominfo"])
def test_only_the_administrator_sees_it(client, demo, who):
    client.force_login(demo[who].user)
    assert client.get(reverse("monev:kabupaten")).status_code == 403


def test_the_administrator_lands_on_it_and_bad_dates_get_a_message(client, demo):
    client.force_login(_admin())
    assert client.get(reverse("monev:beranda")).url == reverse("monev:kabupaten")
    r = client.get(reverse("monev:kabupaten") + "?mulai=2025-07-01&selesai=2025-01-01")
    assert r.status_code == 200 and any(
        m.level_tag == "error" for m in r.context["messages"]
    )
    assert client.get(reverse("monev:kabupaten") + "?mulai=besok").status_code == 200
