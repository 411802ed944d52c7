"""The benchmark's synthetic kabupaten (`bench/generate.py`) is data the app itself could
have produced: valid NIPs and roles, finished quarters with a complete trail and
timings on the office calendar, and quarters in progress that the real SOP services
carry on to the end."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from bench.generate import JAKARTA, KANTOR, generate
from kinerja.models import Indikator, Realisasi
from kinerja.selectors import TabelPengukuran
from organisasi.models import Pegawai, Peran
from organisasi.nip import nip_errors
from organisasi.roles import peran_pegawai
from sop import services, worktime
from sop.models import (
    DraftPengukuran,
    Jejak,
    LangkahBerjalan,
    ProsesPengukuran,
    Siklus,
    TugasPengumpulan,
)
from sop.selectors.kalender import kalender_kerja

SEKARANG = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=JAKARTA)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _kecil(seed: int = 7) -> dict[str, int]:
    return generate(
        seed=seed, kantor=4, tahun=2, indikator=6, indikator_pdf=9, sekarang=SEKARANG
    )


def _user(username: str):
    return Pegawai.objects.get(user__username=username).user


def _terkini(singkatan: str) -> Siklus:
    return (
        Siklus.objects.filter(perangkat_daerah__singkatan=singkatan)
        .order_by("-tahun", "-triwulan")
        .first()
    )


class _Batal(Exception):
    pass


def _sidik_jari(seed: int) -> str:
    """A digest of the generated content (natural values, not primary keys), rolled back afterwards."""
    h = hashlib.sha256()
    try:
        with transaction.atomic():
            _kecil(seed)
            for row in Pegawai.objects.order_by("nip").values_list(
                "nip", "nama", "user__username"
            ):
                h.update(repr(row).encode())
            for row in Realisasi.objects.order_by(
                "indikator__kode",
                "indikator__sasaran__perjanjian__tahun",
                "indikator__sasaran__perjanjian__perangkat_daerah__singkatan",
                "triwulan",
            ).values_list("indikator__kode", "triwulan", "nilai"):
                h.update(repr(row).encode())
            for row in Jejak.objects.order_by(
                "waktu", "transisi", "aktor_nip"
            ).values_list("transisi", "waktu", "menit_kerja", "aktor_nip"):
                h.update(repr(row).encode())
            raise _Batal
    except _Batal:
        pass
    return h.hexdigest()


def test_same_seed_gives_the_same_kabupaten_and_another_seed_another(db):
    a, b, c = _sidik_jari(7), _sidik_jari(7), _sidik_jari(8)
    assert a == b
    assert a != c


def test_people_have_valid_nips_and_the_roles_the_benchmark_signs_in_with(db):
    counts = _kecil()
    assert counts["organisasi.PerangkatDaerah"] == 4
    assert all(
        not nip_errors(nip) for nip in Pegawai.objects.values_list("nip", flat=True)
    )
    prefix = KANTOR[0][0].lower()
    expected = {
        "kadin": Peran.KADIN,
        "sekretaris": Peran.KABID,
        "kasubbag2": Peran.KASUBBAG,
        "subkoor1": Peran.KASUBBAG,
        "timkerja1": Peran.TIM_KERJA,
        "timsakip1": Peran.TIM_SAKIP,
    }
    for name, peran in expected.items():
        assert peran_pegawai(
            Pegawai.objects.get(user__username=f"{prefix}.{name}")
        ).peran == {peran}
    assert (
        peran_pegawai(Pegawai.objects.get(user__username=f"{prefix}.staf1")).peran
        == frozenset()
    )


def test_finished_quarters_have_their_whole_trail_and_calendar_timings(db):
    _kecil()
    kal = kalender_kerja()
    selesai = Siklus.objects.filter(status=Siklus.Status.SIAP_LAPORAN)
    # every office: all quarters of last year and the first two of this year are finished
    assert selesai.count() >= 4 * 6
    for s in selesai.select_related("pengumpulan", "pengukuran"):
        assert (
            s.pengumpulan.status == "selesai"
            and s.pengukuran.status == ProsesPengukuran.Status.DIARSIPKAN
        )
        assert not s.langkah_berjalan.filter(selesai__isnull=True).exists()
        transisi = list(
            s.jejak.order_by("waktu", "pk").values_list("transisi", flat=True)
        )
        assert transisi[0] == "open" and transisi[-1] == "mark_ready"
        assert transisi.count("accept") == s.pengumpulan.tugas.count()
        assert s.pengukuran.dokumen.get().diarsipkan_pada is not None
        assert (
            s.pengukuran.draft.filter(hasil_reviu=DraftPengukuran.Hasil.LOLOS).count()
            == 1
        )
    for lb in LangkahBerjalan.objects.filter(selesai__isnull=False)[:200]:
        assert lb.menit_kerja == worktime.menit_kerja(lb.mulai, lb.selesai, kal)
        assert lb.terlambat == (lb.menit_kerja > lb.standar_menit)
    # a draft is the measurement table of its quarter, as `TabelPengukuran` reads it back
    d = DraftPengukuran.objects.select_related("proses__siklus").first()
    tabel = TabelPengukuran.from_dict(d.data)
    assert tabel.triwulan == d.proses.siklus.triwulan
    assert (
        tabel.jumlah_indikator
        == Indikator.objects.for_pk(d.proses.siklus.perjanjian).count()
    )
    assert all(
        v is None
        for b in tabel.baris
        for tw, v in b.realisasi_per_tw.items()
        if tw > tabel.triwulan
    )


def test_quarters_in_progress_are_carried_to_the_end_by_the_real_services(
    db, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _kecil()
    p0, p1, p2 = (k[0].lower() for k in KANTOR[:3])

    # office 0 waits at step 4 of SOP A: one member with every indicator, a third entered
    s = _terkini(KANTOR[0][0])
    anggota = _user(f"{p0}.timkerja1")
    tugas = TugasPengumpulan.objects.get(proses__siklus=s, anggota__user=anggota)
    assert tugas.status == TugasPengumpulan.Status.PENGISIAN
    assert tugas.indikator.count() == Indikator.objects.for_pk(s.perjanjian).count()
    for ind in tugas.indikator.all():
        if not Realisasi.objects.filter(indikator=ind, triwulan=s.triwulan).exists():
            services.tugas_realisasi_save(
                tugas=tugas,
                indikator=ind,
                nilai=Decimal("50"),
                catatan="Data SIMPEL",
                actor=anggota,
            )
            services.tugas_bukti_add(
                tugas=tugas,
                indikator=ind,
                actor=anggota,
                berkas=SimpleUploadedFile(
                    "bukti.pdf", PDF, content_type="application/pdf"
                ),
            )
    services.tugas_submit(tugas=tugas, actor=anggota)
    pemeriksa = s.pengumpulan.disposisi_kabid.kepada.user
    services.tugas_check(
        tugas=TugasPengumpulan.objects.get(pk=tugas.pk), actor=pemeriksa
    )
    services.pengumpulan_prepare(
        proses=Siklus.objects.get(pk=s.pk).pengumpulan, actor=pemeriksa
    )
    sakip, kadin = _user(f"{p0}.timsakip1"), _user(f"{p0}.kadin")
    services.pengukuran_prepare(
        proses=Siklus.objects.get(pk=s.pk).pengukuran, actor=sakip
    )
    services.pengukuran_draft_submit(
        proses=Siklus.objects.get(pk=s.pk).pengukuran, actor=sakip
    )
    services.pengukuran_draft_pass(
        proses=Siklus.objects.get(pk=s.pk).pengukuran, actor=kadin
    )
    services.pengukuran_ratify(
        proses=Siklus.objects.get(pk=s.pk).pengukuran, actor=kadin
    )
    assert (
        services.pengukuran_archive(
            proses=Siklus.objects.get(pk=s.pk).pengukuran, actor=sakip
        ).status
        == Siklus.Status.SIAP_LAPORAN
    )

    # office 1 measures again after a returned draft; office 2's Kadin reviews revision 1
    s1 = _terkini(KANTOR[1][0])
    assert s1.pengukuran.status == ProsesPengukuran.Status.PENGUKURAN
    assert (
        services.pengukuran_draft_submit(
            proses=s1.pengukuran, actor=_user(f"{p1}.timsakip1")
        ).revisi
        == 2
    )
    s2 = _terkini(KANTOR[2][0])
    assert s2.pengukuran.status == ProsesPengukuran.Status.REVIU
    draft = services.pengukuran_draft_return(
        proses=s2.pengukuran, actor=_user(f"{p2}.kadin"), catatan="Perbaiki."
    )
    assert (draft.revisi, draft.hasil_reviu) == (1, DraftPengukuran.Hasil.DIKEMBALIKAN)


@pytest.mark.parametrize("kantor", [0, 41])
def test_refuses_an_impossible_number_of_offices(db, kantor):
    with pytest.raises(ValueError):
        generate(kantor=kantor, tahun=1, indikator=2, sekarang=SEKARANG)
