import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kinerja import excel, services
from kinerja.models import IKI, Indikator, PerjanjianKinerja, Program, SasaranStrategis
from kinerja.selectors import pk_berlaku

from .factories import IndikatorFactory, ProgramFactory, SasaranFactory

pytestmark = pytest.mark.django_db

TAHUN = timezone.localdate().year


@pytest.fixture
def pk(demo):
    """The demo office's locked plan of this year."""
    return pk_berlaku(pd=demo.dpmptsp, tahun=TAHUN)


@pytest.fixture
def terbuka(demo):
    """An unlocked plan of next year with one sasaran and one indicator."""
    p = services.pk_create(
        perangkat_daerah=demo.dpmptsp, actor=demo["timsakip"].user, tahun=TAHUN + 1
    )
    s = services.sasaran_create(
        perjanjian=p,
        actor=demo["timsakip"].user,
        uraian="Meningkatnya investasi",
        kode="S1",
    )
    services.indikator_create(
        sasaran=s,
        actor=demo["timsakip"].user,
        nama="Nilai investasi",
        satuan="Rupiah",
        is_iku=True,
        target_tahunan=D("100"),
    )
    return p


def _login(client, demo, username):
    client.force_login(demo[username].user)
    return client


def _pages(pk):
    s = pk.sasaran.first()
    ind = Indikator.objects.for_pk(pk).first()
    prog = pk.program.first()
    iki = pk.iki.first()
    view = [
        reverse("kinerja:pk_detail", args=[pk.pk]),
        reverse("kinerja:pengukuran", args=[pk.pk]),
        reverse("kinerja:pk_export", args=[pk.pk]),
        reverse("kinerja:pengukuran_export", args=[pk.pk]) + "?triwulan=2",
    ]
    edit = [
        reverse("kinerja:pk_edit", args=[pk.pk]),
        reverse("kinerja:pk_revise", args=[pk.pk]),
        reverse("kinerja:sasaran_create", args=[pk.pk]),
        reverse("kinerja:indikator_create", args=[pk.pk]),
        reverse("kinerja:program_create", args=[pk.pk]),
        reverse("kinerja:iki_create", args=[pk.pk]),
        reverse("kinerja:sasaran_edit", args=[s.pk]),
        reverse("kinerja:sasaran_delete", args=[s.pk]),
        reverse("kinerja:indikator_edit", args=[ind.pk]),
        reverse("kinerja:indikator_delete", args=[ind.pk]),
    ]
    if prog:
        edit += [
            reverse("kinerja:program_edit", args=[prog.pk]),
            reverse("kinerja:program_delete", args=[prog.pk]),
        ]
    if iki:
        edit += [
            reverse("kinerja:iki_edit", args=[iki.pk]),
            reverse("kinerja:iki_delete", args=[iki.pk]),
        ]
    return view, edit


def test_anonymous_is_sent_to_sign_in(client, pk):
    view, edit = _pages(pk)
    for url in [
        reverse("kinerja:pk_list"),
        reverse("kinerja:impor"),
        reverse("kinerja:templat"),
        *view,
        *edit,
    ]:
        r = client.get(url)
        assert r.status_code == 302 and r.url.startswith(reverse("login")), url


def test_office_staff_read_but_only_tim_sakip_edits(client, demo, pk):
    view, edit = _pages(pk)
    _login(client, demo, "kadin")
    for url in view:
        assert client.get(url).status_code == 200, url
    for url in [*edit, reverse("kinerja:impor"), reverse("kinerja:pk_create")]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("kinerja:pk_lock", args=[pk.pk])).status_code == 403
    client.force_login(demo["timsakip"].user)
    for url in [*view, *edit, reverse("kinerja:impor"), reverse("kinerja:pk_create")]:
        assert client.get(url).status_code == 200, url


def test_another_office_gets_404(client, demo, pk):
    view, edit = _pages(pk)
    _login(client, demo, "timsakip.kominfo")
    for url in [*view, *edit]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("kinerja:pk_lock", args=[pk.pk])).status_code == 404


def test_list_shows_own_office_and_admin_picks_an_office(client, demo, pk):
    r = _login(client, demo, "timkerja").get(reverse("kinerja:pk_list"))
    assert r.status_code == 200 and pk.get_absolute_url().encode() in r.content
    kominfo = pk_berlaku(pd=demo.kominfo, tahun=TAHUN)
    assert kominfo.get_absolute_url().encode() not in r.content
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="adminkab"))
    r = client.get(reverse("kinerja:pk_list") + f"?pd={demo.kominfo.pk}")
    assert r.status_code == 200 and kominfo.get_absolute_url().encode() in r.content
    assert client.get(kominfo.get_absolute_url()).status_code == 200
    assert (
        client.get(reverse("kinerja:sasaran_create", args=[kominfo.pk])).status_code
        == 404
    )


def test_detail_shows_plan_budget_iki_and_lock(client, demo, pk):
    r = _login(client, demo, "timsakip").get(pk.get_absolute_url())
    html = r.content.decode()
    assert "Nilai realisasi investasi PMA dan PMDN" in html
    assert "1.250.000.000.000" in html  # Indonesian thousands
    assert "Program Pelayanan Penanaman Modal" in html
    assert "Sub Koordinator Pelayanan Perizinan" in html  # an IKI holder
    assert (
        "Dikunci sejak" in html and reverse("kinerja:pk_revise", args=[pk.pk]) in html
    )
    assert (
        reverse("kinerja:sasaran_create", args=[pk.pk]) not in html
    )  # locked: no edit buttons
    assert 'style="' not in html and "onclick" not in html


def test_detail_page_query_count_does_not_grow_with_the_plan(client, demo, terbuka):
    _login(client, demo, "timsakip")
    url = terbuka.get_absolute_url()
    ProgramFactory(
        perjanjian=terbuka
    )  # with none at all, Django skips the budget prefetch
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    s = SasaranFactory(perjanjian=terbuka)
    for _ in range(8):
        IndikatorFactory(sasaran=s)
        ProgramFactory(perjanjian=terbuka)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)


def test_a_locked_plan_refuses_changes_with_a_message(client, demo, pk):
    _login(client, demo, "timsakip")
    before = SasaranStrategis.objects.count()
    r = client.post(
        reverse("kinerja:sasaran_create", args=[pk.pk]),
        {"uraian": "Sasaran baru", "kode": "SS.9"},
    )
    assert r.status_code == 200
    assert "sudah dikunci" in r.content.decode()
    assert "Sasaran baru" in r.content.decode()  # kept what was typed
    assert SasaranStrategis.objects.count() == before


def test_tim_sakip_builds_a_plan(client, demo, terbuka):
    _login(client, demo, "timsakip")
    r = client.post(
        reverse("kinerja:sasaran_create", args=[terbuka.pk]),
        {"uraian": "Meningkatnya layanan", "kode": "S2"},
    )
    assert r.status_code == 302
    s2 = terbuka.sasaran.get(kode="S2")
    data = {
        "sasaran": s2.pk,
        "kode": "I2",
        "nama": "Rata-rata waktu penanganan pengaduan",
        "satuan": "hari",
        "polaritas": "turun",
        "agregasi": "rata_rata",
        "desimal": "1",
        "target_tahunan": "4,5",
        "target_tw1": "5",
        "target_tw2": "4,5",
        "target_tw3": "4,5",
        "target_tw4": "4",
        "rencana_aksi_tw1": "SP4N",
    }
    r = client.post(reverse("kinerja:indikator_create", args=[terbuka.pk]), data)
    assert r.status_code == 302, r.content.decode()[:2000]
    ind = Indikator.objects.get(kode="I2")
    assert (
        ind.target_tahunan,
        ind.polaritas,
        ind.target_triwulan.get(triwulan=2).target,
    ) == (D("4.5"), "turun", D("4.5"))
    r = client.post(
        reverse("kinerja:program_create", args=[terbuka.pk]),
        {
            "kode": "2.18.04",
            "nama": "Program Pelayanan Penanaman Modal",
            "anggaran": "1.000.000,00",
            "anggaran_tw1": "250.000",
            "anggaran_tw2": "250.000",
            "anggaran_tw3": "250.000",
            "anggaran_tw4": "250.000",
        },
    )
    assert r.status_code == 302
    assert Program.objects.get(perjanjian=terbuka).anggaran == D("1000000")
    iku = Indikator.objects.get(sasaran__perjanjian=terbuka, is_iku=True)
    r = client.post(
        reverse("kinerja:iki_create", args=[terbuka.pk]),
        {
            "jabatan": demo["kadin"].jabatan.pk,
            "induk": f"iku:{iku.pk}",
            "nama": "Nilai investasi",
            "satuan": "Rupiah",
            "polaritas": "naik",
            "target_tahunan": "100",
        },
    )
    assert r.status_code == 302
    kadin_iki = IKI.objects.get(perjanjian=terbuka)
    r = client.post(
        reverse("kinerja:iki_create", args=[terbuka.pk]),
        {
            "jabatan": demo["kabid"].jabatan.pk,
            "induk": f"iki:{kadin_iki.pk}",
            "nama": "Investasi bidang",
            "satuan": "Rupiah",
            "polaritas": "naik",
        },
    )
    assert r.status_code == 302
    assert (
        IKI.objects.get(jabatan=demo["kabid"].jabatan, perjanjian=terbuka).induk_iki
        == kadin_iki
    )
    r = client.post(reverse("kinerja:pk_lock", args=[terbuka.pk]))
    assert r.status_code == 302
    terbuka.refresh_from_db()
    assert terbuka.terkunci


@pytest.mark.parametrize(
    "field, value, pesan",
    [
        ("target_tahunan", "seratus", "Masukkan angka"),
        ("target_tahunan", "1" + "0" * 25, "tidak melebihi 20 angka"),
        ("target_tw3", "1,23456", "desimal"),
        ("desimal", "9", ""),
        ("target_tahunan_maks", "200", "rentang"),
    ],
)
def test_a_rejected_indicator_form_keeps_what_was_typed(
    client, demo, terbuka, field, value, pesan
):
    _login(client, demo, "timsakip")
    s = terbuka.sasaran.first()
    data = {
        "sasaran": s.pk,
        "kode": "I9",
        "nama": "Indikator yang diketik",
        "satuan": "%",
        "polaritas": "naik",
        "agregasi": "terakhir",
        "desimal": "2",
        "target_tahunan": "90",
        "target_tw1": "80,5",
        field: value,
    }
    before = Indikator.objects.count()
    r = client.post(reverse("kinerja:indikator_create", args=[terbuka.pk]), data)
    assert r.status_code == 200
    html = r.content.decode()
    assert (
        "Indikator yang diketik" in html
        and f'value="{value}"' in html
        and 'value="80,5"' in html
    )
    assert "is-invalid" in html and pesan in html
    assert Indikator.objects.count() == before


@pytest.mark.parametrize(
    "value, pesan",
    [("-5", "kurang dari"), ("abc", "Masukkan angka"), ("9" * 30, "tidak melebihi")],
)
def test_a_rejected_programme_form_keeps_what_was_typed(
    client, demo, terbuka, value, pesan
):
    _login(client, demo, "timsakip")
    r = client.post(
        reverse("kinerja:program_create", args=[terbuka.pk]),
        {"nama": "Program diketik", "anggaran": value},
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "Program diketik" in html and f'value="{value}"' in html and pesan in html
    assert not Program.objects.filter(perjanjian=terbuka).exists()


def test_budget_quarters_must_add_up_error_is_shown(client, demo, terbuka):
    _login(client, demo, "timsakip")
    r = client.post(
        reverse("kinerja:program_create", args=[terbuka.pk]),
        {"nama": "Program", "anggaran": "100", "anggaran_tw1": "10"},
    )
    assert (
        r.status_code == 200
        and "harus sama dengan anggaran tahunan" in r.content.decode()
    )


def test_edit_form_shows_stored_numbers_the_indonesian_way(client, demo, pk):
    ind = Indikator.objects.for_pk(pk).get(satuan="Rupiah")
    _login(client, demo, "timsakip")
    html = client.get(reverse("kinerja:indikator_edit", args=[ind.pk])).content.decode()
    assert 'value="1.250.000.000.000"' in html


def test_revision_through_the_page(client, demo, pk):
    _login(client, demo, "timsakip")
    r = client.post(
        reverse("kinerja:pk_revise", args=[pk.pk]),
        {"alasan": "", "tanggal": f"{TAHUN}-07-01"},
    )
    assert r.status_code == 200 and "is-invalid" in r.content.decode()
    r = client.post(
        reverse("kinerja:pk_revise", args=[pk.pk]),
        {"alasan": "Refocusing APBD", "tanggal": f"{TAHUN}-07-01"},
    )
    baru = pk_berlaku(pd=demo.dpmptsp, tahun=TAHUN)
    assert r.status_code == 302 and r.url == baru.get_absolute_url()
    assert baru.versi == pk.versi + 1 and not baru.terkunci
    html = client.get(baru.get_absolute_url()).content.decode()
    assert (
        "Refocusing APBD" in html
        and reverse("kinerja:sasaran_create", args=[baru.pk]) in html
    )


def test_delete_confirmation_then_delete(client, demo, terbuka):
    _login(client, demo, "timsakip")
    ind = Indikator.objects.for_pk(terbuka).get()
    url = reverse("kinerja:indikator_delete", args=[ind.pk])
    assert "Hapus" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Indikator.objects.filter(pk=ind.pk).exists()


def test_measurement_page_and_bad_quarter(client, demo, pk):
    _login(client, demo, "timkerja")
    r = client.get(reverse("kinerja:pengukuran", args=[pk.pk]) + "?triwulan=2")
    html = r.content.decode()
    assert r.status_code == 200 and "84,00" in html and "kinerja-predikat" in html
    r = client.get(reverse("kinerja:pengukuran", args=[pk.pk]) + "?triwulan=3")
    assert "belum ada data" in r.content.decode()
    assert (
        client.get(
            reverse("kinerja:pengukuran", args=[pk.pk]) + "?triwulan=9"
        ).status_code
        == 404
    )
    r = client.get(reverse("kinerja:pengukuran_export", args=[pk.pk]))
    assert (
        r["Content-Type"] == excel.XLSX_CONTENT_TYPE
        and "tahunan" in r["Content-Disposition"]
    )
    assert (
        r["Cache-Control"] == "private, no-store"
    )  # a private download, like every other


def test_import_preview_then_save(client, demo, pk):
    _login(client, demo, "timsakip")
    data = client.get(reverse("kinerja:pk_export", args=[pk.pk])).content
    r = client.post(
        reverse("kinerja:impor"),
        {"tahun": TAHUN + 2, "berkas": SimpleUploadedFile("pk.xlsx", data)},
    )
    html = r.content.decode()
    assert r.status_code == 200 and "Berkas dapat diimpor" in html
    assert not PerjanjianKinerja.objects.filter(tahun=TAHUN + 2).exists()
    sidik = client.session["kinerja_impor"]["sidik"]
    r = client.post(reverse("kinerja:impor_simpan"), {"sidik": sidik})
    baru = PerjanjianKinerja.objects.get(perangkat_daerah=demo.dpmptsp, tahun=TAHUN + 2)
    assert r.status_code == 302 and r.url == baru.get_absolute_url()
    assert (
        Indikator.objects.for_pk(baru).count() == Indikator.objects.for_pk(pk).count()
    )
    assert "kinerja_impor" not in client.session
    # a second confirm (double click) saves nothing more
    r = client.post(reverse("kinerja:impor_simpan"), {"sidik": sidik})
    assert (
        r.status_code == 302
        and PerjanjianKinerja.objects.filter(tahun=TAHUN + 2).count() == 1
    )


def test_import_with_bad_rows_shows_each_error_and_saves_nothing(client, demo):
    _login(client, demo, "timsakip")
    wb = openpyxl.load_workbook(io.BytesIO(excel.templat_rencana()))
    wb["Indikator"].append(
        [
            "S1",
            "Investasi",
            "I1",
            "Nilai investasi",
            "Rp",
            "Ya",
            "naik",
            "jumlah",
            0,
            None,
            "banyak",
        ]
    )
    wb["Indikator"].append(["S1", "Investasi", "I2", "IKM", "nilai", "Ya", "ke atas"])
    buf = io.BytesIO()
    wb.save(buf)
    r = client.post(
        reverse("kinerja:impor"),
        {"tahun": TAHUN + 2, "berkas": SimpleUploadedFile("x.xlsx", buf.getvalue())},
    )
    html = r.content.decode()
    assert (
        "Ada 2 kesalahan" in html
        and "Bukan angka: banyak" in html
        and "Arah harus naik" in html
    )
    assert reverse("kinerja:impor_simpan") not in html
    assert "kinerja_impor" not in client.session
    r = client.post(reverse("kinerja:impor_simpan"), {"sidik": "x"})
    assert (
        r.status_code == 302
        and not PerjanjianKinerja.objects.filter(tahun=TAHUN + 2).exists()
    )


@pytest.mark.parametrize("content", [b"garbage bytes" * 10, b"%PDF-1.4 hello"])
def test_import_of_a_non_excel_file_says_so(client, demo, content):
    _login(client, demo, "timsakip")
    r = client.post(
        reverse("kinerja:impor"),
        {"tahun": TAHUN + 2, "berkas": SimpleUploadedFile("x.xlsx", content)},
    )
    assert r.status_code == 200 and "bukan file Excel" in r.content.decode()


def test_import_form_errors_keep_the_year(client, demo):
    _login(client, demo, "timsakip")
    r = client.post(reverse("kinerja:impor"), {"tahun": "duaribu"})
    html = r.content.decode()
    assert r.status_code == 200 and 'value="duaribu"' in html and "is-invalid" in html


def test_create_pk_form(client, demo):
    _login(client, demo, "timsakip")
    r = client.post(
        reverse("kinerja:pk_create"), {"tahun": TAHUN, "pihak_kedua_jabatan": "Bupati"}
    )
    assert r.status_code == 200 and "sudah ada" in r.content.decode()
    r = client.post(
        reverse("kinerja:pk_create"),
        {
            "tahun": TAHUN + 3,
            "pihak_kedua_jabatan": "Bupati Lumajang",
            "pihak_pertama": demo["kadin"].pk,
            "tanggal": f"{TAHUN + 3}-01-02",
        },
    )
    baru = PerjanjianKinerja.objects.get(tahun=TAHUN + 3)
    assert r.status_code == 302 and baru.pihak_pertama == demo["kadin"]
