"""One whole quarter (TW III of the demo year) through both SOPs, in Chromium, by
clicking and typing as each demo person would: the Kadin opens the cycle and
disposes, the Kabid disposes on, the Kasubbag splits the work, two Tim Kerja members
enter their data with evidence, the completeness check sends one member's data back
once, Tim SAKIP measures, the Kadin sends the draft back once, then passes and
ratifies it, and Tim SAKIP archives it. It ends with the ratified measurement
document downloaded from the archive: a PDF, signed with the office's demo
certificate. Each role's main page is saved as a screenshot, and no page asks any
host but the app for anything.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRIWULAN = 3
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """An Indonesian office PC: dates typed and shown day/month/year, Jakarta time."""
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Jakarta"}


def _bukti(nama: str) -> dict:
    return {"name": nama, "mimeType": "application/pdf", "buffer": PDF}


def _shot(page: Page, artifacts_dir, name: str) -> None:
    page.screenshot(path=str(artifacts_dir / f"walk-{name}.png"), full_page=True)


def _home(
    page: Page, live_server, sign_in, artifacts_dir, username: str, *, shot: bool = True
) -> None:
    """Sign in and land on the home page ("Tugas saya") with its inbox."""
    sign_in(username)
    expect(page.get_by_role("heading", name="Tugas yang menunggu Anda")).to_be_visible()
    if shot:
        _shot(page, artifacts_dir, f"beranda-{username}")


def _open_inbox(page: Page, href: str | None = None) -> None:
    """Click the waiting step in the inbox (the one leading to `href` when given)."""
    inbox = page.locator("table.tabel-inbox")
    link = (
        inbox.locator(f'a[href="{href}"]') if href else inbox.get_by_role("link").first
    )
    expect(link).to_be_visible()
    link.click()
    page.wait_for_load_state()


def _success(page: Page, text: str) -> None:
    expect(page.locator(".alert-success")).to_contain_text(text)


def test_one_quarter_through_both_sops(
    page: Page, live_server, sign_in, artifacts_dir, foreign_requests
):
    from dokumen.signing import verify_pdf
    from kinerja.models import Indikator, PerjanjianKinerja, TargetTriwulan
    from sop.demo import load_demo
    from sop.forms import format_angka, pegawai_label
    from sop.models import ProsesPengukuran, ProsesPengumpulan, Siklus, TugasPengumpulan

    org = load_demo()
    from django.core.management import call_command

    call_command(
        "buat_sertifikat_demo",
        pd="DPMPTSP",
        kode_naskah="427.59",
        stdout=open("/dev/null", "w"),
    )
    tahun = timezone.localdate().year
    pk = PerjanjianKinerja.objects.get(
        perangkat_daerah=org.dpmptsp, tahun=tahun, berlaku=True
    )
    indikator = list(
        Indikator.objects.for_pk(pk).order_by(
            "sasaran__urutan", "sasaran_id", "urutan", "pk"
        )
    )
    target = {
        t.indikator_id: t
        for t in TargetTriwulan.objects.filter(
            indikator__in=indikator, triwulan=TRIWULAN
        )
    }
    page.set_viewport_size({"width": 1366, "height": 900})

    # --- Kadin: opens TW III and disposes to the Kabid (once refused: no instruction text) ---------------
    _home(page, live_server, sign_in, artifacts_dir, "kadin", shot=False)
    page.get_by_role("link", name="Siklus SOP").click()
    expect(page).to_have_title(re.compile(f"Siklus {tahun}"))
    page.get_by_role("combobox", name="Triwulan").select_option(str(TRIWULAN))
    page.get_by_role("button", name="Buka siklus").click()
    _success(page, "Siklus Triwulan III")
    siklus = Siklus.objects.get(
        perangkat_daerah=org.dpmptsp, tahun=tahun, triwulan=TRIWULAN
    )
    expect(page).to_have_title(re.compile("Triwulan III"))
    page.get_by_role("link", name="Tugas saya").first.click()
    _shot(page, artifacts_dir, "beranda-kadin")
    _open_inbox(page)
    expect(page).to_have_title(re.compile("Disposisi Kepala Dinas"))
    page.get_by_role("combobox", name="Kepada").select_option(
        label=pegawai_label(org["kabid"])
    )
    page.get_by_role("button", name="Kirim disposisi").click()
    expect(page.locator(".invalid-feedback")).to_contain_text(
        "Isi disposisi wajib diisi."
    )
    expect(page.get_by_role("combobox", name="Kepada")).to_have_value(
        str(org["kabid"].pk)
    )  # kept
    _shot(page, artifacts_dir, "disposisi-ditolak")
    page.get_by_role("textbox", name="Isi disposisi").fill(
        "Mohon dikumpulkan data kinerja Triwulan III beserta bukti dukungnya."
    )
    page.get_by_role("button", name="Kirim disposisi").click()
    _success(page, "Disposisi terkirim kepada BUDI SANTOSO")

    # --- Kabid: disposes to the Kasubbag ---------------------------------------------------------------
    _home(page, live_server, sign_in, artifacts_dir, "kabid")
    _open_inbox(page)
    expect(
        page.get_by_text("Mohon dikumpulkan data kinerja Triwulan III")
    ).to_be_visible()
    page.get_by_role("combobox", name="Kepada").select_option(
        label=pegawai_label(org["kasubbag"])
    )
    page.get_by_role("textbox", name="Isi disposisi").fill(
        "Siapkan data kinerja TW III bersama Tim Kerja, tenggat dua hari."
    )
    page.get_by_role("button", name="Kirim disposisi").click()
    _success(page, "RINA WULANDARI")

    # --- Kasubbag: splits the indicators between the two Tim Kerja members ------------------------------
    _home(page, live_server, sign_in, artifacts_dir, "kasubbag")
    _open_inbox(page)
    expect(page).to_have_title(re.compile("Pembagian tugas"))
    anggota = {}
    for i, ind in enumerate(indikator):
        member = "timkerja" if i % 2 == 0 else "timkerja2"
        anggota[ind.pk] = member
        page.locator(f"#id_ind_{ind.pk}").select_option(str(org[member].pk))
    _shot(page, artifacts_dir, "pembagian-kasubbag")
    page.get_by_role("textbox", name="Catatan pembagian tugas").fill(
        "Dewi: indikator ganjil; Fajar: indikator genap. Bukti dari laporan bidang."
    )
    page.get_by_role("button", name="Bagikan tugas").click()
    _success(page, "2 anggota Tim Kerja")
    assert (
        siklus.pengumpulan.__class__.objects.get(pk=siklus.pengumpulan.pk).status
        == ProsesPengumpulan.Status.PENGUMPULAN
    )

    # --- Tim Kerja: each member enters realisasi and evidence, saves a draft, hands it in ---------------
    def fill_grid(member: str, *, shot: bool):
        _home(page, live_server, sign_in, artifacts_dir, member, shot=shot)
        _open_inbox(page)
        expect(page).to_have_title(re.compile("Pengumpulan data kinerja"))
        for ind in indikator:
            if anggota[ind.pk] != member:
                continue
            t = target[ind.pk]
            page.locator(f"#id_r{ind.pk}-nilai").fill(format_angka(t.target))
            page.locator(f"#id_r{ind.pk}-catatan").fill(
                "Sesuai laporan bidang Triwulan III."
            )
            page.locator(f"#id_r{ind.pk}-berkas").set_input_files(
                _bukti(f"bukti-{ind.kode or ind.pk}.pdf")
            )
        page.get_by_role("button", name="Simpan draf").click()
        _success(page, "Draf data kinerja tersimpan")
        page.get_by_role("button", name="Simpan dan serahkan").click()
        _success(page, "diserahkan untuk diperiksa")

    first = next(ind for ind in indikator if anggota[ind.pk] == "timkerja")
    # one refused entry on the way: text in a number field keeps what was typed
    _home(page, live_server, sign_in, artifacts_dir, "timkerja", shot=False)
    _open_inbox(page)
    page.locator(f"#id_r{first.pk}-nilai").fill("tiga ratus")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.locator(f"#id_r{first.pk}-nilai")).to_have_value("tiga ratus")
    expect(
        page.get_by_text("Masukkan angka, mis. 87,5 atau 1.250.000.")
    ).to_be_visible()
    _shot(page, artifacts_dir, "isian-ditolak")
    fill_grid("timkerja", shot=True)
    fill_grid("timkerja2", shot=True)

    # --- Kasubbag: completeness check; Dewi's first indicator goes back once -----------------------------
    tugas = {
        t.anggota.user.username: t
        for t in TugasPengumpulan.objects.filter(proses__siklus=siklus)
    }
    _home(page, live_server, sign_in, artifacts_dir, "kasubbag", shot=False)
    _open_inbox(page, f"/sop/tugas/{tugas['timkerja'].pk}/pemeriksaan/")
    expect(page).to_have_title(re.compile("Pemeriksaan kelengkapan data"))
    blok = page.get_by_role("region", name=re.compile(re.escape(first.nama)))
    blok.get_by_label("Dikembalikan untuk dilengkapi/diperbaiki").check()
    blok.get_by_label("Alasan dikembalikan").fill(
        "Bukti dukung belum memuat rekap bulan September."
    )
    _shot(page, artifacts_dir, "pemeriksaan-kasubbag")
    page.get_by_role("button", name="Simpan hasil pemeriksaan").click()
    _success(page, "dikembalikan untuk dilengkapi/diperbaiki (1 indikator)")
    page.get_by_role("link", name="Tugas saya").first.click()
    _open_inbox(page, f"/sop/tugas/{tugas['timkerja2'].pk}/pemeriksaan/")
    page.get_by_role("button", name="Simpan hasil pemeriksaan").click()
    _success(page, "diterima")

    # --- Tim Kerja (Dewi): sees the reason, adds the evidence, hands in again -------------------------------
    _home(page, live_server, sign_in, artifacts_dir, "timkerja", shot=False)
    _open_inbox(page)
    expect(
        page.get_by_text("Bukti dukung belum memuat rekap bulan September.")
    ).to_be_visible()
    page.locator(f"#id_r{first.pk}-berkas").set_input_files(
        _bukti("rekap-september.pdf")
    )
    page.locator(f"#id_r{first.pk}-catatan").fill("Rekap September ditambahkan.")
    page.get_by_role("button", name="Simpan dan serahkan").click()
    _success(page, "diserahkan untuk diperiksa")

    # --- Kasubbag: accepts, then hands the data over (step 6) ---------------------------------------------
    _home(page, live_server, sign_in, artifacts_dir, "kasubbag", shot=False)
    _open_inbox(page, f"/sop/tugas/{tugas['timkerja'].pk}/pemeriksaan/")
    expect(page.get_by_text("rekap-september.pdf")).to_be_visible()
    page.get_by_role("button", name="Simpan hasil pemeriksaan").click()
    _success(page, "diterima")
    page.get_by_role("link", name="Tugas saya").first.click()
    _open_inbox(page)
    expect(page).to_have_title(re.compile("Persiapan penyusunan dokumen"))
    page.get_by_role("textbox", name="Catatan", exact=True).fill(
        "Data kinerja TW III lengkap dan sudah diperiksa."
    )
    page.get_by_role("button", name="Serahkan ke Tim SAKIP").click()
    _success(page, "SOP Pengukuran Kinerja dimulai")

    # --- Tim SAKIP: prepares and submits the measurement draft --------------------------------------------
    _home(page, live_server, sign_in, artifacts_dir, "timsakip")
    _open_inbox(page)
    expect(page).to_have_title(re.compile("Persiapan data kinerja"))
    page.get_by_role("button", name="Data siap").click()
    _success(page, "siap diukur")
    page.get_by_role("link", name="Tugas saya").first.click()
    _open_inbox(page)
    expect(page).to_have_title(re.compile("Pengukuran dan draft dokumen"))
    expect(page.get_by_text("Rata-rata capaian")).to_be_visible()
    _shot(page, artifacts_dir, "draft-timsakip")
    page.get_by_role("textbox", name="Catatan", exact=True).fill(
        "Draft pengukuran TW III."
    )
    page.get_by_role("button", name="Ajukan draft untuk direviu").click()
    _success(page, "diajukan untuk direviu")

    # --- Kadin: returns the draft once (a return without notes is refused first) --------------------------
    _home(page, live_server, sign_in, artifacts_dir, "kadin", shot=False)
    _open_inbox(page)
    expect(page).to_have_title(re.compile("Reviu draft"))
    _shot(page, artifacts_dir, "reviu-kadin")
    page.get_by_role("button", name="Kembalikan draft").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("Tuliskan catatan reviu")
    page.get_by_role("textbox", name="Catatan reviu").fill(
        "Lengkapi penjelasan capaian IKU.4 pada catatan."
    )
    page.get_by_role("button", name="Kembalikan draft").click()
    _success(page, "dikembalikan kepada Tim SAKIP")

    # --- Tim SAKIP: submits revision 2 -----------------------------------------------------------------------
    _home(page, live_server, sign_in, artifacts_dir, "timsakip", shot=False)
    _open_inbox(page)
    expect(
        page.get_by_text("Lengkapi penjelasan capaian IKU.4 pada catatan.").first
    ).to_be_visible()
    page.get_by_role("textbox", name="Catatan", exact=True).fill(
        "Penjelasan capaian IKU.4 dilengkapi."
    )
    page.get_by_role("button", name="Ajukan draft untuk direviu").click()
    _success(page, "diajukan untuk direviu")

    # --- Kadin: passes and ratifies ----------------------------------------------------------------------------
    _home(page, live_server, sign_in, artifacts_dir, "kadin", shot=False)
    _open_inbox(page)
    page.get_by_role("button", name="Setujui draft").click()
    _success(page, "menunggu pengesahan")
    page.get_by_role("link", name="Tugas saya").first.click()
    _open_inbox(page)
    expect(page).to_have_title(re.compile("Pengesahan"))
    expect(page.get_by_text("ditandatangani secara elektronik")).to_be_visible()
    _shot(page, artifacts_dir, "pengesahan-kadin")
    page.get_by_role("button", name="Sahkan dokumen").click()
    _success(page, "disahkan")

    # --- Tim SAKIP: archives; the signed PDF downloads from the archive ------------------------------------------
    _home(page, live_server, sign_in, artifacts_dir, "timsakip", shot=False)
    _open_inbox(page)
    expect(page).to_have_title(re.compile("Pengarsipan"))
    page.get_by_role("button", name="Arsipkan").click()
    _success(page, "siap untuk laporan kinerja")
    assert (
        ProsesPengukuran.objects.get(siklus=siklus).status
        == ProsesPengukuran.Status.DIARSIPKAN
    )
    assert Siklus.objects.get(pk=siklus.pk).status == Siklus.Status.SIAP_LAPORAN
    _shot(page, artifacts_dir, "siklus-selesai")
    page.get_by_role("link", name="Arsip", exact=True).click()
    expect(page).to_have_title(re.compile(f"Arsip {tahun}"))
    _shot(page, artifacts_dir, "arsip-timsakip")
    with page.expect_download() as unduhan:
        page.get_by_role("link", name=re.compile("Unduh PDF")).first.click()
    data = open(unduhan.value.path(), "rb").read()
    assert data.startswith(b"%PDF")
    # pyHanko verifies with asyncio; Playwright's loop runs in this thread, so check in another one
    with ThreadPoolExecutor(max_workers=1) as pool:
        hasil = pool.submit(verify_pdf, data).result()
    assert hasil.sah, hasil

    # --- the kabupaten administrator sees every office -----------------------------------------------------------
    _home(page, live_server, sign_in, artifacts_dir, "adminkab")
    page.get_by_role("link", name="Siklus SOP").click()
    expect(page.get_by_text("Triwulan III " + str(tahun)).first).to_be_visible()
    _shot(page, artifacts_dir, "kabupaten-adminkab")

    # --- and on a phone the quarter page still reads -----------------------------------------------------------------
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in("kadin")
    page.goto(f"{live_server.url}/sop/siklus/{siklus.pk}/")
    expect(page.get_by_role("heading", name=re.compile("Triwulan III"))).to_be_visible()
    _shot(page, artifacts_dir, "siklus-ponsel")
    page.get_by_role("button", name="Buka menu").click()
    page.get_by_role("link", name="Siklus SOP").click()
    expect(
        page.get_by_role("heading", name=re.compile("Siklus triwulan"))
    ).to_be_visible()
    _shot(page, artifacts_dir, "tahun-ponsel")

    assert foreign_requests == []
