import datetime
import io
import zipfile
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja import services
from kinerja.models import (
    IKI,
    AnggaranTriwulan,
    BuktiDukung,
    Indikator,
    PerjanjianKinerja,
    Polaritas,
    Program,
    Realisasi,
    RealisasiAnggaran,
    SasaranStrategis,
    TargetTriwulan,
)
from kinerja.services import KonflikRevisi, TargetTW
from organisasi.models import Jabatan
from organisasi.tests.factories import JabatanFactory, PegawaiFactory, UnitFactory

from .factories import (
    IKIFactory,
    IndikatorFactory,
    PerjanjianKinerjaFactory,
    ProgramFactory,
    RealisasiAnggaranFactory,
    RealisasiFactory,
    SasaranFactory,
    tim_sakip,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 20


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Bukti"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _zip(names) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n in names:
            zf.writestr(n, "x")
    return buf.getvalue()


@pytest.fixture
def indikator():
    return IndikatorFactory(target_tahunan=D("400"))


@pytest.fixture
def pegawai(indikator):
    return PegawaiFactory(perangkat_daerah=indikator.sasaran.perjanjian.perangkat_daerah)


# --- realisasi -------------------------------------------------------------------------------


def test_realisasi_save_creates_then_bumps_revisi_and_records_who(indikator, pegawai):
    r = services.realisasi_save(indikator=indikator, triwulan=1, nilai=D("95"), catatan="", actor=pegawai)
    assert (r.nilai, r.revisi, r.diisi_oleh, r.diisi_pada is not None) == (D("95"), 1, pegawai, True)
    r = services.realisasi_save(indikator=indikator, triwulan=1, nilai=D("97"), catatan="koreksi", actor=pegawai,
                                revisi_diharapkan=1)
    assert (r.nilai, r.catatan, r.revisi) == (D("97"), "koreksi", 2)
    assert Realisasi.objects.count() == 1


def test_stale_revisi_raises_konflik_and_changes_nothing(indikator, pegawai):
    services.realisasi_save(indikator=indikator, triwulan=1, nilai=D("95"), catatan="", actor=pegawai)
    other = PegawaiFactory(perangkat_daerah=pegawai.perangkat_daerah)
    services.realisasi_save(indikator=indikator, triwulan=1, nilai=D("99"), catatan="", actor=other, revisi_diharapkan=1)
    with pytest.raises(KonflikRevisi) as exc:
        services.realisasi_save(indikator=indikator, triwulan=1, nilai=D("10"), catatan="", actor=pegawai,
                                revisi_diharapkan=1)
    assert exc.value.realisasi.revisi == 2
    r = Realisasi.objects.get()
    assert (r.nilai, r.revisi, r.diisi_oleh) == (D("99"), 2, other)


def test_expected_revisi_of_a_new_row_is_zero(indikator, pegawai):
    with pytest.raises(KonflikRevisi):
        services.realisasi_save(indikator=indikator, triwulan=2, nilai=D("1"), catatan="", actor=pegawai,
                                revisi_diharapkan=3)
    r = services.realisasi_save(indikator=indikator, triwulan=2, nilai=D("1"), catatan="", actor=pegawai,
                                revisi_diharapkan=0)
    assert r.revisi == 1


@pytest.mark.parametrize(
    "polaritas, prev, cur, needs_note",
    [
        (Polaritas.NAIK, D("100"), D("90"), True),
        (Polaritas.NAIK, D("100"), D("100"), False),
        (Polaritas.NAIK, D("100"), D("120"), False),
        (Polaritas.TURUN, D("5"), D("6"), True),
        (Polaritas.TURUN, D("5"), D("4"), False),
        (Polaritas.RENTANG, D("4"), D("7"), True),  # range 3–5: left the range
        (Polaritas.RENTANG, D("7"), D("6"), False),
    ],
)
def test_worse_than_previous_quarter_needs_a_note(polaritas, prev, cur, needs_note, indikator, pegawai):
    extra = {"target_tahunan": D("3"), "target_tahunan_maks": D("5")} if polaritas == Polaritas.RENTANG else {}
    ind = IndikatorFactory(sasaran=indikator.sasaran, polaritas=polaritas, agregasi="terakhir", **extra)
    services.realisasi_save(indikator=ind, triwulan=1, nilai=prev, catatan="", actor=pegawai)
    if needs_note:
        with pytest.raises(ValidationError) as exc:
            services.realisasi_save(indikator=ind, triwulan=2, nilai=cur, catatan="  ", actor=pegawai)
        assert "catatan" in exc.value.message_dict
        assert "lebih buruk" in exc.value.message_dict["catatan"][0]
        assert not Realisasi.objects.filter(indikator=ind, triwulan=2).exists()
        r = services.realisasi_save(indikator=ind, triwulan=2, nilai=cur, catatan="Server OSS gangguan", actor=pegawai)
        assert r.catatan == "Server OSS gangguan"
    else:
        services.realisasi_save(indikator=ind, triwulan=2, nilai=cur, catatan="", actor=pegawai)


def test_first_quarter_and_missing_previous_need_no_note(indikator, pegawai):
    services.realisasi_save(indikator=indikator, triwulan=1, nilai=D("0"), catatan="", actor=pegawai)
    services.realisasi_save(indikator=indikator, triwulan=3, nilai=D("0"), catatan="", actor=pegawai)


def test_realisasi_rejects_bad_input(indikator, pegawai):
    with pytest.raises(ValidationError) as exc:
        services.realisasi_save(indikator=indikator, triwulan=5, nilai=D("1"), catatan="", actor=pegawai)
    assert "triwulan" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.realisasi_save(indikator=indikator, triwulan=1, nilai=D("1E+30"), catatan="", actor=pegawai)
    assert "nilai" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.realisasi_save(indikator=indikator, triwulan=1, nilai=D("NaN"), catatan="", actor=pegawai)
    with pytest.raises(PermissionDenied):
        services.realisasi_save(indikator=indikator, triwulan=1, nilai=D("1"), catatan="", actor=PegawaiFactory())
    assert not Realisasi.objects.exists()


def test_realisasi_may_be_cleared(indikator, pegawai):
    services.realisasi_save(indikator=indikator, triwulan=1, nilai=D("5"), catatan="", actor=pegawai)
    r = services.realisasi_save(indikator=indikator, triwulan=1, nilai=None, catatan="", actor=pegawai)
    assert r.nilai is None and r.revisi == 2


# --- bukti dukung ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, name, mime, stored",
    [
        (PDF, "Laporan TW I.PDF", "application/pdf", "Laporan TW I.pdf"),
        (PNG, "grafik.png", "image/png", "grafik.png"),
        (JPEG, "foto.jpeg", "image/jpeg", "foto.jpg"),
        (PNG, "foto.jpg", "image/png", "foto.png"),  # the content decides
        (PDF, "../../etc/passwd", "application/pdf", "passwd.pdf"),
        (PDF, "C:\\Users\\dewi\\rekap<>|?.pdf", "application/pdf", "rekap.pdf"),
    ],
)
def test_bukti_add_accepts_allowed_types_by_content(indikator, pegawai, content, name, mime, stored):
    r = RealisasiFactory(indikator=indikator)
    bukti = services.bukti_add(realisasi=r, berkas=SimpleUploadedFile(name, content, "text/plain"), actor=pegawai,
                               keterangan="Rekap OSS")
    assert (bukti.jenis_konten, bukti.nama_asli, bukti.ukuran, bukti.diunggah_oleh) == (mime, stored, len(content), pegawai)
    assert bukti.berkas.name.startswith(f"bukti/{indikator.sasaran.perjanjian.perangkat_daerah_id}/2026/tw1/")
    with bukti.berkas.open("rb") as f:
        assert f.read() == content


def test_bukti_add_accepts_a_real_xlsx(indikator, pegawai):
    r = RealisasiFactory(indikator=indikator)
    bukti = services.bukti_add(realisasi=r, berkas=SimpleUploadedFile("rekap.xlsx", _xlsx()), actor=pegawai)
    assert bukti.jenis_konten.endswith("spreadsheetml.sheet") and bukti.nama_asli == "rekap.xlsx"


@pytest.mark.parametrize(
    "content, name",
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 100, "laporan.pdf"),  # an executable named .pdf
        (b"<html><script>alert(1)</script></html>", "laporan.pdf"),
        (_zip(["word/document.xml", "[Content_Types].xml"]), "rekap.xlsx"),  # a docx is not an xlsx
        (_zip(["a.txt"]), "rekap.xlsx"),
        (_zip(["[Content_Types].xml", "xl/workbook.xml", "xl/vbaProject.bin"]), "rekap.xlsx"),  # macros
        (b"GIF89a" + b"\x00" * 30, "foto.png"),
    ],
)
def test_bukti_add_refuses_other_content(indikator, pegawai, content, name):
    r = RealisasiFactory(indikator=indikator)
    with pytest.raises(ValidationError) as exc:
        services.bukti_add(realisasi=r, berkas=SimpleUploadedFile(name, content, "application/pdf"), actor=pegawai)
    assert "Jenis berkas tidak diizinkan" in exc.value.message_dict["berkas"][0]
    assert not BuktiDukung.objects.exists()


def test_bukti_add_refuses_too_large_and_empty_files(indikator, pegawai, settings):
    settings.BUKTI_MAX_BYTES = 100
    r = RealisasiFactory(indikator=indikator)
    with pytest.raises(ValidationError) as exc:
        services.bukti_add(realisasi=r, berkas=SimpleUploadedFile("a.pdf", PDF + b"0" * 100), actor=pegawai)
    assert "terlalu besar" in exc.value.message_dict["berkas"][0]
    with pytest.raises(ValidationError) as exc:
        services.bukti_add(realisasi=r, berkas=SimpleUploadedFile("a.pdf", b""), actor=pegawai)
    assert "kosong" in exc.value.message_dict["berkas"][0]
    assert not BuktiDukung.objects.exists()


def test_bukti_add_refuses_another_office(indikator):
    r = RealisasiFactory(indikator=indikator)
    with pytest.raises(PermissionDenied):
        services.bukti_add(realisasi=r, berkas=SimpleUploadedFile("a.pdf", PDF), actor=PegawaiFactory())


def test_bukti_delete_keeps_a_file_still_used_by_a_revision(indikator, pegawai, django_capture_on_commit_callbacks):
    r = RealisasiFactory(indikator=indikator)
    bukti = services.bukti_add(realisasi=r, berkas=SimpleUploadedFile("a.pdf", PDF), actor=pegawai)
    pk = indikator.sasaran.perjanjian
    baru = services.pk_revise(perjanjian=pk, alasan="Perubahan", tanggal=datetime.date(2026, 7, 1), actor=tim_sakip(pk))
    copy = BuktiDukung.objects.get(realisasi__indikator__sasaran__perjanjian=baru)
    assert copy.berkas.name == bukti.berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        services.bukti_delete(bukti=bukti, actor=pegawai)
    assert copy.berkas.storage.exists(copy.berkas.name)
    with django_capture_on_commit_callbacks(execute=True):
        services.bukti_delete(bukti=copy, actor=pegawai)
    assert not copy.berkas.storage.exists(copy.berkas.name)


# --- budget realisation ------------------------------------------------------------------------


def test_realisasi_anggaran_save_creates_and_replaces():
    program = ProgramFactory()
    actor = PegawaiFactory(perangkat_daerah=program.perjanjian.perangkat_daerah)
    services.realisasi_anggaran_save(program=program, triwulan=1, nilai=D("1000.50"), actor=actor)
    obj = services.realisasi_anggaran_save(program=program, triwulan=1, nilai=D("2000"), actor=actor)
    assert RealisasiAnggaran.objects.get().nilai == D("2000") and obj.diisi_oleh == actor
    for bad in (D("-1"), D("1E+20"), D("1.001"), None):
        with pytest.raises(ValidationError) as exc:
            services.realisasi_anggaran_save(program=program, triwulan=2, nilai=bad, actor=actor)
        assert "nilai" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.realisasi_anggaran_save(program=program, triwulan=2, nilai=D("1"), actor=PegawaiFactory())


# --- plan edits and the frozen year -------------------------------------------------------------


def test_pk_create_refuses_a_second_plan_for_the_year():
    pk = PerjanjianKinerjaFactory(tahun=2026)
    with pytest.raises(ValidationError) as exc:
        services.pk_create(perangkat_daerah=pk.perangkat_daerah, actor=tim_sakip(pk.perangkat_daerah), tahun=2026)
    assert "tahun" in exc.value.message_dict
    baru = services.pk_create(perangkat_daerah=pk.perangkat_daerah, actor=tim_sakip(pk.perangkat_daerah), tahun=2027)
    assert (baru.versi, baru.berlaku, baru.terkunci) == (1, True, False)


def test_indikator_create_stores_four_quarterly_targets():
    s = SasaranFactory()
    ind = services.indikator_create(
        sasaran=s, actor=tim_sakip(s), nama="Nilai realisasi investasi", satuan="Rupiah", polaritas="naik", agregasi="jumlah", desimal=0,
        is_iku=True, target_tahunan=D("1000"),
        target_triwulan={1: D("200"), 2: TargetTW(D("300"), rencana_aksi="Promosi investasi"), 3: {"target": D("300")}},
    )
    rows = {t.triwulan: (t.target, t.rencana_aksi) for t in ind.target_triwulan.all()}
    assert rows == {1: (D("200"), ""), 2: (D("300"), "Promosi investasi"), 3: (D("300"), ""), 4: (None, "")}
    assert ind.urutan == 1


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"nama": " "}, "nama"),
        ({"satuan": ""}, "satuan"),
        ({"polaritas": "miring"}, "polaritas"),
        ({"agregasi": "median"}, "agregasi"),
        ({"desimal": 7}, "desimal"),
        ({"target_tahunan": D("1E+17")}, "target_tahunan"),
        ({"target_tahunan": D("1.00001")}, "target_tahunan"),
        ({"target_tahunan_maks": D("5")}, "target_tahunan_maks"),  # not a range indicator
        ({"polaritas": "rentang", "target_tahunan": D("5")}, "target_tahunan_maks"),
        ({"polaritas": "rentang", "target_tahunan": D("5"), "target_tahunan_maks": D("4")}, "target_tahunan_maks"),
        ({"target_triwulan": {2: D("1E+20")}}, "target_tw2"),
        ({"polaritas": "rentang", "target_tahunan": D("3"), "target_tahunan_maks": D("5"),
          "target_triwulan": {3: TargetTW(D("5"), D("4"))}}, "target_maks_tw3"),
    ],
)
def test_indikator_create_refuses_bad_values(kwargs, field):
    s = SasaranFactory()
    data = dict(sasaran=s, actor=tim_sakip(s), nama="IKM", satuan="indeks", polaritas="naik", agregasi="terakhir", desimal=2, **{})
    data.update(kwargs)
    with pytest.raises(ValidationError) as exc:
        services.indikator_create(**data)
    assert field in exc.value.message_dict
    assert not Indikator.objects.exists()


def test_indikator_unit_must_be_of_the_same_office():
    s = SasaranFactory()
    with pytest.raises(ValidationError) as exc:
        services.indikator_create(sasaran=s, actor=tim_sakip(s), nama="x", satuan="%", unit_penanggung_jawab=UnitFactory())
    assert "unit_penanggung_jawab" in exc.value.message_dict
    own = UnitFactory(perangkat_daerah=s.perjanjian.perangkat_daerah)
    assert services.indikator_create(sasaran=s, actor=tim_sakip(s), nama="x", satuan="%", unit_penanggung_jawab=own).unit_penanggung_jawab == own


def test_program_budget_per_quarter_must_add_up():
    pk = PerjanjianKinerjaFactory()
    with pytest.raises(ValidationError) as exc:
        services.program_create(perjanjian=pk, actor=tim_sakip(pk), nama="Program A", anggaran=D("100"), anggaran_triwulan={1: D("10")})
    assert "anggaran" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.program_create(perjanjian=pk, actor=tim_sakip(pk), nama="Program A", anggaran=D("-100"))
    assert "anggaran" in exc.value.message_dict
    p = services.program_create(perjanjian=pk, actor=tim_sakip(pk), nama="Program A", anggaran=D("100"))  # no breakdown
    assert sorted(p.anggaran_triwulan.values_list("anggaran", flat=True)) == [0, 0, 0, 0]
    p = services.program_update(program=p, actor=tim_sakip(p), nama="Program A", anggaran=D("100"),
                                anggaran_triwulan={1: D("10"), 2: D("20"), 3: D("30"), 4: D("40")})
    assert [a.anggaran for a in p.anggaran_triwulan.order_by("triwulan")] == [10, 20, 30, 40]


def test_delete_is_refused_once_realisasi_exist():
    r = RealisasiFactory()
    with pytest.raises(ValidationError):
        services.indikator_delete(indikator=r.indikator, actor=tim_sakip(r.indikator))
    with pytest.raises(ValidationError):
        services.sasaran_delete(sasaran=r.indikator.sasaran, actor=tim_sakip(r.indikator.sasaran))
    ra = RealisasiAnggaranFactory()
    with pytest.raises(ValidationError):
        services.program_delete(program=ra.program, actor=tim_sakip(ra.program))
    ind = IndikatorFactory()
    services.indikator_delete(indikator=ind, actor=tim_sakip(ind))
    assert not Indikator.objects.filter(pk=ind.pk).exists()


def test_pk_lock_is_idempotent_and_keeps_the_first_time():
    pk = PerjanjianKinerjaFactory()
    services.pk_lock(perjanjian=pk, actor=tim_sakip(pk))
    first = pk.dikunci_pada
    assert first is not None
    services.pk_lock(perjanjian=PerjanjianKinerja.objects.get(pk=pk.pk), actor=tim_sakip(pk))
    assert PerjanjianKinerja.objects.get(pk=pk.pk).dikunci_pada == first


def test_a_locked_plan_refuses_every_plan_edit():
    ind = IndikatorFactory()
    pk = ind.sasaran.perjanjian
    program = ProgramFactory(perjanjian=pk)
    iki = IKIFactory(perjanjian=pk, induk_indikator=ind)
    services.pk_lock(perjanjian=pk, actor=tim_sakip(pk))
    stale_sasaran = SasaranStrategis.objects.get(pk=ind.sasaran_id)  # loaded objects do not bypass the lock
    edits = [
        lambda: services.sasaran_create(perjanjian=pk, actor=tim_sakip(pk), uraian="Baru"),
        lambda: services.sasaran_update(sasaran=stale_sasaran, actor=tim_sakip(stale_sasaran), uraian="Ubah"),
        lambda: services.sasaran_delete(sasaran=stale_sasaran, actor=tim_sakip(stale_sasaran)),
        lambda: services.indikator_create(sasaran=stale_sasaran, actor=tim_sakip(stale_sasaran), nama="Baru", satuan="%"),
        lambda: services.indikator_update(indikator=ind, actor=tim_sakip(ind), nama="Ubah", satuan="%", polaritas="naik", agregasi="jumlah",
                                          desimal=0, is_iku=True, target_tahunan=D("1")),
        lambda: services.indikator_delete(indikator=ind, actor=tim_sakip(ind)),
        lambda: services.program_create(perjanjian=pk, actor=tim_sakip(pk), nama="Baru", anggaran=D("1")),
        lambda: services.program_update(program=program, actor=tim_sakip(program), nama="Ubah", anggaran=D("1")),
        lambda: services.program_delete(program=program, actor=tim_sakip(program)),
        lambda: services.iki_create(perjanjian=pk, actor=tim_sakip(pk), jabatan=iki.jabatan, nama="Baru", satuan="%", induk_indikator=ind),
        lambda: services.iki_delete(iki=iki, actor=tim_sakip(iki)),
    ]
    for edit in edits:
        with pytest.raises(ValidationError) as exc:
            edit()
        assert "sudah dikunci; buat revisi" in exc.value.messages[0]
    ind.refresh_from_db()
    assert ind.nama != "Ubah" and Indikator.objects.count() == 1 and Program.objects.count() == 1


def test_realisasi_may_still_be_entered_on_a_locked_plan(indikator, pegawai):
    services.pk_lock(perjanjian=indikator.sasaran.perjanjian, actor=tim_sakip(indikator.sasaran.perjanjian))
    assert services.realisasi_save(indikator=indikator, triwulan=1, nilai=D("1"), catatan="", actor=pegawai).revisi == 1


# --- revision ----------------------------------------------------------------------------------


@pytest.fixture
def rencana():
    """A locked plan with two sasaran, a range indicator, a programme, an IKI tree and TW I realisasi."""
    pk = PerjanjianKinerjaFactory(tahun=2026, pihak_kedua_nama="Bupati Lumajang")
    pd = pk.perangkat_daerah
    kadin = JabatanFactory(perangkat_daerah=pd, tingkat=Jabatan.Tingkat.KEPALA)
    kabid = JabatanFactory(perangkat_daerah=pd, tingkat=Jabatan.Tingkat.KABID)
    actor = tim_sakip(pd).pegawai  # the office's Tim SAKIP, who also enters a realisasi here
    s1 = SasaranFactory(perjanjian=pk)
    s2 = SasaranFactory(perjanjian=pk)
    i1 = IndikatorFactory(sasaran=s1, is_iku=True)
    i2 = IndikatorFactory(sasaran=s2, polaritas="rentang", agregasi="terakhir", target_tahunan=D("3"),
                          target_tahunan_maks=D("5"))
    program = ProgramFactory(perjanjian=pk)
    RealisasiAnggaranFactory(program=program, triwulan=1)
    akar = IKIFactory(perjanjian=pk, jabatan=kadin, induk_indikator=i1)
    IKIFactory(perjanjian=pk, jabatan=kabid, induk_indikator=None, induk_iki=akar)
    r = services.realisasi_save(indikator=i1, triwulan=1, nilai=D("90"), catatan="TW I", actor=actor)
    services.bukti_add(realisasi=r, berkas=SimpleUploadedFile("a.pdf", PDF), actor=actor)
    services.pk_lock(perjanjian=pk, actor=tim_sakip(pk))
    return pk, actor


def test_pk_revise_copies_the_whole_plan_into_a_new_version(rencana):
    lama, actor = rencana
    baru = services.pk_revise(perjanjian=lama, alasan="Refocusing anggaran", tanggal=datetime.date(2026, 7, 1),
                              actor=actor.user)
    lama.refresh_from_db()
    assert (lama.berlaku, baru.berlaku, baru.versi, baru.terkunci) == (False, True, 2, False)
    assert (baru.alasan_revisi, baru.tanggal_revisi, baru.pihak_kedua_nama) == (
        "Refocusing anggaran", datetime.date(2026, 7, 1), "Bupati Lumajang")
    assert PerjanjianKinerja.objects.berlaku().get(perangkat_daerah=lama.perangkat_daerah, tahun=2026) == baru

    def snapshot(pk):
        return {
            "sasaran": list(pk.sasaran.values_list("kode", "uraian", "urutan")),
            "indikator": list(Indikator.objects.for_pk(pk).values_list(
                "kode", "nama", "polaritas", "agregasi", "target_tahunan", "target_tahunan_maks", "is_iku")),
            "target": list(TargetTriwulan.objects.filter(indikator__sasaran__perjanjian=pk).values_list(
                "indikator__kode", "triwulan", "target", "target_maks").order_by("indikator__kode", "triwulan")),
            "program": list(pk.program.values_list("kode", "nama", "anggaran")),
            "anggaran": list(AnggaranTriwulan.objects.filter(program__perjanjian=pk).values_list(
                "program__kode", "triwulan", "anggaran").order_by("program__kode", "triwulan")),
            "realisasi": list(Realisasi.objects.filter(indikator__sasaran__perjanjian=pk).values_list(
                "indikator__kode", "triwulan", "nilai", "catatan", "diisi_oleh")),
            "realisasi_anggaran": list(RealisasiAnggaran.objects.filter(program__perjanjian=pk).values_list(
                "program__kode", "triwulan", "nilai")),
            "iki": sorted(IKI.objects.filter(perjanjian=pk).values_list(
                "nama", "jabatan", "induk_indikator__kode", "induk_iki__nama")),
            "bukti": list(BuktiDukung.objects.filter(realisasi__indikator__sasaran__perjanjian=pk).values_list(
                "berkas", "nama_asli")),
        }

    assert snapshot(baru) == snapshot(lama)
    assert snapshot(baru)["iki"] and snapshot(baru)["bukti"] and snapshot(baru)["realisasi_anggaran"]
    # the new tree hangs on the new version's rows only
    for iki in IKI.objects.filter(perjanjian=baru):
        if iki.induk_indikator_id:
            assert iki.induk_indikator.sasaran.perjanjian_id == baru.pk
        else:
            assert iki.induk_iki.perjanjian_id == baru.pk


def test_after_a_revision_the_old_version_keeps_its_values_and_the_new_one_is_editable(rencana):
    lama, actor = rencana
    baru = services.pk_revise(perjanjian=lama, alasan="Perubahan", tanggal=datetime.date(2026, 7, 1), actor=actor.user)
    ind_baru = Indikator.objects.for_pk(baru).get(sasaran__urutan=lama.sasaran.first().urutan)
    services.indikator_update(indikator=ind_baru, actor=tim_sakip(ind_baru), kode=ind_baru.kode, nama="Diubah", satuan="izin", polaritas="naik",
                              agregasi="jumlah", desimal=0, is_iku=True, target_tahunan=D("500"))
    services.realisasi_save(indikator=ind_baru, triwulan=1, nilai=D("91"), catatan="koreksi", actor=actor)
    ind_lama = Indikator.objects.for_pk(lama).get(kode=ind_baru.kode)
    assert (ind_lama.nama, ind_lama.target_tahunan) != ("Diubah", D("500"))
    assert ind_lama.realisasi.get(triwulan=1).nilai == D("90")
    with pytest.raises(ValidationError) as exc:
        services.sasaran_create(perjanjian=lama, actor=tim_sakip(lama), uraian="x")
    assert "tidak berlaku" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        services.pk_revise(perjanjian=lama, alasan="lagi", tanggal=datetime.date(2026, 8, 1), actor=actor.user)
    services.pk_lock(perjanjian=baru, actor=tim_sakip(baru))
    v3 = services.pk_revise(perjanjian=baru, alasan="lagi", tanggal=datetime.date(2026, 8, 1), actor=actor.user)
    assert v3.versi == 3


@pytest.mark.parametrize(
    "alasan, tanggal, field",
    [("", datetime.date(2026, 7, 1), "alasan"), ("  ", datetime.date(2026, 7, 1), "alasan"),
     ("ok", None, "tanggal"), ("ok", datetime.date(2025, 12, 31), "tanggal")],
)
def test_pk_revise_needs_a_reason_and_a_date_in_the_year(rencana, alasan, tanggal, field):
    lama, actor = rencana
    with pytest.raises(ValidationError) as exc:
        services.pk_revise(perjanjian=lama, alasan=alasan, tanggal=tanggal, actor=actor.user)
    assert field in exc.value.message_dict
    assert PerjanjianKinerja.objects.count() == 1


def test_pk_revise_refuses_another_office(rencana):
    lama, _actor = rencana
    with pytest.raises(PermissionDenied):
        services.pk_revise(perjanjian=lama, alasan="x", tanggal=datetime.date(2026, 7, 1), actor=PegawaiFactory().user)


# --- IKI tree ----------------------------------------------------------------------------------


@pytest.fixture
def pohon():
    pk = PerjanjianKinerjaFactory()
    pd = pk.perangkat_daerah
    jab = {t: JabatanFactory(perangkat_daerah=pd, tingkat=t) for t in Jabatan.Tingkat.values}
    iku = IndikatorFactory(sasaran__perjanjian=pk, is_iku=True)
    return pk, jab, iku


def test_iki_cascades_from_an_iku_then_down_the_levels(pohon):
    pk, jab, iku = pohon
    kadin = services.iki_create(perjanjian=pk, actor=tim_sakip(pk), jabatan=jab["kepala"], nama="IKI Kadin", satuan="%", induk_indikator=iku,
                                target_tahunan=D("90"), target_triwulan={1: D("80"), 4: D("90")})
    kabid = services.iki_create(perjanjian=pk, actor=tim_sakip(pk), jabatan=jab["kabid"], nama="IKI Kabid", satuan="%", induk_iki=kadin)
    kasub = services.iki_create(perjanjian=pk, actor=tim_sakip(pk), jabatan=jab["kasubbag"], nama="IKI Kasubbag", satuan="%", induk_iki=kabid)
    assert (kadin.target_tw1, kadin.target_tw4, kadin.target_tw2) == (D("80"), D("90"), None)
    assert list(kadin.turunan.all()) == [kabid] and list(kabid.turunan.all()) == [kasub]


@pytest.mark.parametrize("case", ["no_parent", "two_parents", "not_iku", "other_pk_iku", "other_pk_iki",
                                  "same_level", "lower_level", "other_office_jabatan", "turun_ok_rentang_not"])
def test_iki_parent_rules(pohon, case):
    pk, jab, iku = pohon
    kabid_iki = services.iki_create(perjanjian=pk, actor=tim_sakip(pk), jabatan=jab["kabid"], nama="A", satuan="%", induk_indikator=iku)
    kwargs = dict(perjanjian=pk, actor=tim_sakip(pk), jabatan=jab["kasubbag"], nama="B", satuan="%")
    if case == "no_parent":
        pass
    elif case == "two_parents":
        kwargs.update(induk_indikator=iku, induk_iki=kabid_iki)
    elif case == "not_iku":
        kwargs.update(induk_indikator=IndikatorFactory(sasaran=iku.sasaran, is_iku=False))
    elif case == "other_pk_iku":
        kwargs.update(induk_indikator=IndikatorFactory(is_iku=True))
    elif case == "other_pk_iki":
        kwargs.update(induk_iki=IKIFactory(jabatan__tingkat=Jabatan.Tingkat.KEPALA))
    elif case == "same_level":
        kwargs.update(jabatan=JabatanFactory(perangkat_daerah=pk.perangkat_daerah, tingkat="kabid"), induk_iki=kabid_iki)
    elif case == "lower_level":
        kwargs.update(jabatan=jab["kepala"], induk_iki=kabid_iki)
    elif case == "other_office_jabatan":
        kwargs.update(jabatan=JabatanFactory(tingkat="kasubbag"), induk_iki=kabid_iki)
    elif case == "turun_ok_rentang_not":
        kwargs.update(induk_iki=kabid_iki, polaritas="rentang")
    with pytest.raises(ValidationError):
        services.iki_create(**kwargs)
    assert IKI.objects.filter(perjanjian=pk).count() == 1


def test_iki_update_refuses_cycles_and_levels_below_children(pohon):
    pk, jab, iku = pohon
    a = services.iki_create(perjanjian=pk, actor=tim_sakip(pk), jabatan=jab["kepala"], nama="A", satuan="%", induk_indikator=iku)
    b = services.iki_create(perjanjian=pk, actor=tim_sakip(pk), jabatan=jab["kabid"], nama="B", satuan="%", induk_iki=a)
    c = services.iki_create(perjanjian=pk, actor=tim_sakip(pk), jabatan=jab["kasubbag"], nama="C", satuan="%", induk_iki=b)
    # A under its own grandchild: refused
    with pytest.raises(ValidationError) as exc:
        services.iki_update(iki=a, actor=tim_sakip(a), jabatan=jab["pelaksana"], nama="A", satuan="%", polaritas="naik", induk_iki=c)
    assert "induk_iki" in exc.value.message_dict or "jabatan" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.iki_update(iki=a, actor=tim_sakip(a), jabatan=jab["kepala"], nama="A", satuan="%", polaritas="naik", induk_iki=a)
    assert "induk_iki" in exc.value.message_dict
    # B demoted below its child C: refused
    with pytest.raises(ValidationError) as exc:
        services.iki_update(iki=b, actor=tim_sakip(b), jabatan=jab["pelaksana"], nama="B", satuan="%", polaritas="naik", induk_iki=a)
    assert "jabatan" in exc.value.message_dict
    a.refresh_from_db()
    assert a.induk_indikator == iku and a.induk_iki is None
    # moving C straight under A is fine
    services.iki_update(iki=c, actor=tim_sakip(c), jabatan=jab["kasubbag"], nama="C", satuan="%", polaritas="turun", induk_iki=a)
    with pytest.raises(ValidationError):
        services.iki_delete(iki=a, actor=tim_sakip(a))
    services.iki_delete(iki=b, actor=tim_sakip(b))
    assert set(IKI.objects.values_list("nama", flat=True)) == {"A", "C"}


def test_unmarking_an_iku_with_iki_is_refused(pohon):
    pk, jab, iku = pohon
    services.iki_create(perjanjian=pk, actor=tim_sakip(pk), jabatan=jab["kepala"], nama="A", satuan="%", induk_indikator=iku)
    with pytest.raises(ValidationError) as exc:
        services.indikator_update(indikator=iku, actor=tim_sakip(iku), nama=iku.nama, satuan="%", polaritas="naik", agregasi="jumlah",
                                  desimal=0, is_iku=False)
    assert "is_iku" in exc.value.message_dict


# --- who may change a plan, and its trail --------------------------------------------------------


def _bagian_rencana():
    """An open plan with one of each part, and a login of each kind that may not change it."""
    from kinerja.models import JejakRencana  # noqa: F401  (the trail the services write)

    ind = IndikatorFactory(is_iku=True)
    pk = ind.sasaran.perjanjian
    program = ProgramFactory(perjanjian=pk)
    iki = IKIFactory(perjanjian=pk, induk_indikator=ind, jabatan__perangkat_daerah=pk.perangkat_daerah,
                     jabatan__tingkat=Jabatan.Tingkat.KEPALA)
    return pk, ind, program, iki


def _edits(pk, ind, program, iki):
    return {
        "pk_create": lambda a: services.pk_create(perangkat_daerah=pk.perangkat_daerah, tahun=2030, actor=a),
        "pk_update": lambda a: services.pk_update(perjanjian=pk, tanggal=None, pihak_pertama=None,
                                                  pihak_kedua_nama="Bupati", pihak_kedua_jabatan="Bupati", actor=a),
        "sasaran_create": lambda a: services.sasaran_create(perjanjian=pk, uraian="Baru", actor=a),
        "sasaran_update": lambda a: services.sasaran_update(sasaran=ind.sasaran, uraian="Ubah", actor=a),
        "indikator_create": lambda a: services.indikator_create(sasaran=ind.sasaran, nama="Baru", satuan="%", actor=a),
        "indikator_update": lambda a: services.indikator_update(
            indikator=ind, nama="Ubah", satuan="%", polaritas="naik", agregasi="jumlah", desimal=0, is_iku=True,
            actor=a),
        "program_create": lambda a: services.program_create(perjanjian=pk, nama="Baru", anggaran=D("1"), actor=a),
        "program_update": lambda a: services.program_update(program=program, nama="Ubah", anggaran=D("1"), actor=a),
        "program_delete": lambda a: services.program_delete(program=program, actor=a),
        "iki_create": lambda a: services.iki_create(perjanjian=pk, jabatan=iki.jabatan, nama="Baru", satuan="%",
                                                    induk_indikator=ind, actor=a),
        "iki_update": lambda a: services.iki_update(iki=iki, jabatan=iki.jabatan, nama="Ubah", satuan="%",
                                                    polaritas="naik", induk_indikator=ind, actor=a),
        "iki_delete": lambda a: services.iki_delete(iki=iki, actor=a),
        "indikator_delete": lambda a: services.indikator_delete(indikator=IndikatorFactory(sasaran=ind.sasaran), actor=a),
        "sasaran_delete": lambda a: services.sasaran_delete(sasaran=SasaranFactory(perjanjian=pk), actor=a),
        "pk_lock": lambda a: services.pk_lock(perjanjian=pk, actor=a),
        "pk_revise": lambda a: services.pk_revise(perjanjian=pk, alasan="Refocusing", tanggal=datetime.date(2026, 7, 1),
                                                  actor=a),
    }


LAYANAN_RENCANA = list(_edits(*(None,) * 4))


def _bukan_tim_sakip(jenis, pk):
    """A login that may not change the plan of `pk`'s office."""
    if jenis == "kantor_lain":
        return tim_sakip(PerjanjianKinerjaFactory())  # Tim SAKIP of another office
    pegawai = PegawaiFactory(perangkat_daerah=pk.perangkat_daerah, jabatan__tingkat=Jabatan.Tingkat.KABID)
    return pegawai.user  # Kabid of the office, in no team


@pytest.mark.parametrize("jenis", ["kantor_lain", "bukan_tim_sakip"])
@pytest.mark.parametrize("layanan", LAYANAN_RENCANA)
def test_only_the_offices_tim_sakip_changes_its_plan(layanan, jenis):
    """Every plan service refuses (PermissionDenied) a login outside the office's Tim SAKIP,
    and writes nothing, not even a trail row."""
    from kinerja.models import JejakRencana

    bagian = _bagian_rencana()
    actor = _bukan_tim_sakip(jenis, bagian[0])
    sebelum = (PerjanjianKinerja.objects.count(), SasaranStrategis.objects.count(), Indikator.objects.count(),
               Program.objects.count(), IKI.objects.count())
    edit = _edits(*bagian)[layanan]
    with pytest.raises(PermissionDenied):
        edit(actor)
    if layanan not in ("indikator_delete", "sasaran_delete"):  # those build the row they try to delete
        assert (PerjanjianKinerja.objects.count(), SasaranStrategis.objects.count(), Indikator.objects.count(),
                Program.objects.count(), IKI.objects.count()) == sebelum
    assert not JejakRencana.objects.exists()
    assert PerjanjianKinerja.objects.get(pk=bagian[0].pk).dikunci_pada is None


@pytest.mark.parametrize("layanan", LAYANAN_RENCANA)
def test_every_plan_change_appends_one_trail_row_with_who_and_what(layanan):
    from kinerja.models import JejakRencana

    bagian = _bagian_rencana()
    if layanan == "pk_revise":
        services.pk_lock(perjanjian=bagian[0], actor=tim_sakip(bagian[0]))
        JejakRencana.objects.all().delete()  # keep only the row under test
    actor = tim_sakip(bagian[0])
    _edits(*bagian)[layanan](actor)
    jejak = JejakRencana.objects.get()
    entitas, aksi = layanan.split("_")
    assert jejak.entitas == {"pk": "perjanjian"}.get(entitas, entitas)
    assert jejak.aksi == {"create": "buat", "update": "ubah", "delete": "hapus", "lock": "kunci",
                          "revise": "revisi"}[aksi]
    assert (jejak.aktor, jejak.aktor_nama) == (actor, actor.pegawai.nama_lengkap)
    assert jejak.perjanjian.perangkat_daerah_id == bagian[0].perangkat_daerah_id
    assert (jejak.sebelum is None) == (aksi == "create") and (jejak.sesudah is None) == (aksi == "delete")


def test_the_trail_keeps_the_values_before_and_after():
    from kinerja.models import JejakRencana

    pk, ind, program, _iki = _bagian_rencana()
    actor = tim_sakip(pk)
    lama = ind.nama
    services.indikator_update(indikator=ind, nama="Waktu layanan", satuan="hari", polaritas="turun",
                              agregasi="rata_rata", desimal=1, is_iku=True, target_tahunan=D("3.5"),
                              target_triwulan={2: TargetTW(D("4"), rencana_aksi="Percepatan")}, actor=actor)
    jejak = JejakRencana.objects.get(entitas="indikator")
    assert (jejak.entitas_id, jejak.sebelum["nama"], jejak.sesudah["nama"]) == (ind.pk, lama, "Waktu layanan")
    assert D(jejak.sesudah["target_tahunan"]) == D("3.5")
    assert jejak.sesudah["target_triwulan"]["2"]["rencana_aksi"] == "Percepatan"
    program_id = program.pk
    services.program_delete(program=program, actor=actor)
    hapus = JejakRencana.objects.get(entitas="program")
    assert (hapus.entitas_id, hapus.sebelum["nama"], hapus.sesudah) == (program_id, program.nama, None)
    assert not Program.objects.filter(pk=program_id).exists()


def test_pk_lock_by_the_kadin_who_opens_a_cycle_is_traced_once():
    from kinerja.models import JejakRencana

    pk = PerjanjianKinerjaFactory()
    kadin = PegawaiFactory(perangkat_daerah=pk.perangkat_daerah, jabatan__tingkat=Jabatan.Tingkat.KEPALA).user
    services.pk_lock(perjanjian=pk, actor=kadin)
    services.pk_lock(perjanjian=pk, actor=kadin)  # already locked: nothing new
    jejak = JejakRencana.objects.get()
    assert (jejak.aksi, jejak.aktor, jejak.sebelum) == ("kunci", kadin, {"dikunci_pada": None})
