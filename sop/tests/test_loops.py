"""The two return loops go round as often as needed and lose nothing."""

from decimal import Decimal

import pytest

from kinerja.models import BuktiDukung, Realisasi
from sop import services
from sop.models import (
    DraftPengukuran,
    Jejak,
    KodeLangkah,
    LangkahBerjalan,
    ProsesPengukuran,
    TugasPengumpulan,
)
from sop.tests.factories import bukti

pytestmark = pytest.mark.django_db


def test_step_5_returns_twice_then_accepts_and_keeps_every_round(quarter):
    q = quarter.upto("check")
    t = q.tugas("timkerja")
    ind1, ind2 = list(t.indikator.order_by("pk"))
    member = t.anggota.user

    # round 1: indicator 1 goes back
    q.check("timkerja", dikembalikan={ind1.pk: "Bukti dukung belum ditandatangani."})
    t = q.tugas("timkerja")
    assert (t.status, t.putaran) == (TugasPengumpulan.Status.DIKEMBALIKAN, 2)
    # nothing entered is lost: both values and their evidence are still there
    assert Realisasi.objects.get(indikator=ind1, triwulan=1).nilai == Decimal("20")
    assert Realisasi.objects.get(indikator=ind2, triwulan=1).nilai == Decimal("20")
    assert (
        BuktiDukung.objects.filter(realisasi__indikator__in=[ind1, ind2]).count() == 2
    )
    services.tugas_realisasi_save(
        tugas=t, indikator=ind1, nilai=Decimal("21"), catatan="Dikoreksi", actor=member
    )
    q.submit("timkerja")

    # round 2: indicator 2 goes back this time
    q.check("timkerja", dikembalikan={ind2.pk: "Satuan tidak sesuai."})
    t = q.tugas("timkerja")
    assert (t.status, t.putaran) == (TugasPengumpulan.Status.DIKEMBALIKAN, 3)
    services.tugas_bukti_add(
        tugas=t, indikator=ind2, berkas=bukti("revisi.pdf"), actor=member
    )
    q.submit("timkerja")

    # round 3: accepted
    q.check("timkerja")
    t = q.tugas("timkerja")
    assert t.status == TugasPengumpulan.Status.DITERIMA

    rounds = list(
        t.pemeriksaan.order_by("putaran", "indikator_id").values_list(
            "putaran", "indikator_id", "diterima", "alasan", "nilai_diperiksa"
        )
    )
    assert rounds == [
        (1, ind1.pk, False, "Bukti dukung belum ditandatangani.", Decimal("20")),
        (1, ind2.pk, True, "", Decimal("20")),
        (2, ind1.pk, True, "", Decimal("21")),
        (2, ind2.pk, False, "Satuan tidak sesuai.", Decimal("20")),
        (3, ind1.pk, True, "", Decimal("21")),
        (3, ind2.pk, True, "", Decimal("20")),
    ]
    assert Realisasi.objects.get(indikator=ind1, triwulan=1).nilai == Decimal("21")
    assert BuktiDukung.objects.filter(realisasi__indikator=ind2).count() == 2
    steps = LangkahBerjalan.objects.filter(tugas=t).order_by("mulai", "pk")
    assert [(s.kode, s.putaran) for s in steps] == [
        (KodeLangkah.PENGUMPULAN_DATA, 1),
        (KodeLangkah.PEMERIKSAAN, 1),
        (KodeLangkah.PENGUMPULAN_DATA, 2),
        (KodeLangkah.PEMERIKSAAN, 2),
        (KodeLangkah.PENGUMPULAN_DATA, 3),
        (KodeLangkah.PEMERIKSAAN, 3),
    ]
    assert all(s.selesai is not None for s in steps)
    returns = Jejak.objects.filter(siklus=q.siklus, transisi="return_data").order_by(
        "pk"
    )
    assert [r.catatan for r in returns] == [
        f"{ind1.nama}: Bukti dukung belum ditandatangani.",
        f"{ind2.nama}: Satuan tidak sesuai.",
    ]
    # the quarter goes on once the other member's data is accepted too
    q.fill("timkerja2")
    q.submit("timkerja2")
    q.check("timkerja2")
    assert q.a.status == "persiapan"


def test_review_returns_the_draft_twice_and_every_revision_is_kept(quarter, demo):
    q = quarter.upto("pass_review")
    q.return_draft(catatan="Capaian indikator 2 belum dihitung kumulatif.")
    assert q.b.status == ProsesPengukuran.Status.PENGUKURAN
    q.submit_draft()
    q.return_draft(catatan="Lengkapi analisis penyebab.")
    q.submit_draft()
    q.pass_review()
    assert q.b.status == ProsesPengukuran.Status.PENGESAHAN
    drafts = list(
        DraftPengukuran.objects.filter(proses__siklus=q.siklus).order_by("revisi")
    )
    assert [(d.revisi, d.hasil_reviu, d.catatan_reviu) for d in drafts] == [
        (1, "dikembalikan", "Capaian indikator 2 belum dihitung kumulatif."),
        (2, "dikembalikan", "Lengkapi analisis penyebab."),
        (3, "lolos", ""),
    ]
    assert all(
        d.data and d.dibuat_oleh == demo["timsakip"] and d.direviu_oleh == demo["kadin"]
        for d in drafts
    )
    dok = q.ratify()
    assert dok.draft == drafts[-1]
    steps = LangkahBerjalan.objects.filter(
        siklus=q.siklus, kode__in=[KodeLangkah.PENGUKURAN, KodeLangkah.REVIU]
    )
    assert sorted(steps.values_list("kode", "putaran")) == sorted(
        [
            (KodeLangkah.PENGUKURAN, 1),
            (KodeLangkah.REVIU, 1),
            (KodeLangkah.PENGUKURAN, 2),
            (KodeLangkah.REVIU, 2),
            (KodeLangkah.PENGUKURAN, 3),
            (KodeLangkah.REVIU, 3),
        ]
    )
