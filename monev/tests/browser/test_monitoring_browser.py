"""The Sekretaris drafts the monitoring form of SOP Pengumpulan Data Kinerja from the
runs of July 2025 in Chromium, writes the action for each procedure the product
suggests is not running well, issues the form and downloads its PDF. The first page is
saved as test-artifacts/monev-monitoring.png (and the page as monev-monitoring-halaman.png)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dokumen.tests.artefak import simpan_artefak
from monev.models import Monitoring

from ..runs import ALASAN, run_quarter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TINDAKAN = {
    "disposisi_kabid": "Kabid/Sekretaris meneruskan disposisi pada hari yang sama melalui aplikasi.",
    "pengumpulan_data": "Bimbingan teknis unggah bukti dukung bagi Tim Kerja sebelum triwulan berikut.",
    "persiapan_pengukuran": "Kasubbag menyerahkan data ke Tim SAKIP segera setelah pemeriksaan selesai.",
}


def test_the_assessor_issues_the_monitoring_form_and_downloads_it(
    page, live_server, sign_in, artifacts_dir, foreign_requests, demo, clock
):
    run_quarter(demo, clock)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in("sekretaris")
    page.get_by_role("link", name="Monev SOP").click()
    expect(
        page.get_by_role("heading", name="Monitoring dan evaluasi SOP AP")
    ).to_be_visible()
    page.locator("#id_jenis").select_option(label="Pengumpulan Data Kinerja")
    page.get_by_label("Periode mulai").fill("2025-07-01")
    page.get_by_label("Periode selesai").fill("2025-07-31")
    page.get_by_role("button", name="Susun monitoring").click()
    expect(
        page.get_by_role("heading", name="Monitoring pelaksanaan SOP AP")
    ).to_be_visible()
    expect(page.locator('[data-kode="pengumpulan_data"]')).to_contain_text(ALASAN)
    expect(page.locator('[data-kode="pengumpulan_data"]')).to_contain_text("berulang")
    for kode, teks in TINDAKAN.items():
        page.locator(f"#id_{kode}-tindakan").fill(teks)
    page.screenshot(
        path=str(artifacts_dir / "monev-monitoring-halaman.png"), full_page=True
    )
    page.get_by_role("button", name="Simpan dan terbitkan").click()
    expect(page.locator(".alert-success")).to_contain_text("diterbitkan dengan nomor")
    m = Monitoring.objects.get()
    assert m.diterbitkan and m.dokumen is not None

    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh PDF").click()
    pdf = info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    with m.dokumen.berkas.open("rb") as fh:
        assert fh.read() == pdf  # the archived file, unchanged
    png = simpan_artefak("monev-monitoring", pdf)
    assert png is None or png.stat().st_size > 0
    assert foreign_requests == [] and errors == []
