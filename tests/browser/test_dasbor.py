"""The office dashboard in a real browser: charts drawn by the vendored Chart.js under
the strict CSP, nothing fetched from another host; screenshots in test-artifacts/."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _demo_with_a_running_quarter():
    from kinerja.selectors import pk_berlaku
    from organisasi.models import today
    from sop import services
    from sop.demo import load_demo

    org = load_demo()
    tahun = today().year
    assert pk_berlaku(pd=org.dpmptsp, tahun=tahun) is not None
    siklus = services.siklus_open(
        pd=org.dpmptsp, tahun=tahun, triwulan=3, actor=org["kadin"].user
    )
    services.pengumpulan_dispose_kadin(
        proses=siklus.pengumpulan,
        actor=org["kadin"].user,
        kepada=org["kabid"],
        isi="Mohon kumpulkan data kinerja triwulan III.",
    )
    return org


def _console_errors(page):
    errors: list[str] = []
    page.on(
        "console", lambda msg: errors.append(msg.text) if msg.type == "error" else None
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def test_kadin_sees_the_dashboard_with_charts(
    page, live_server, sign_in, artifacts_dir, foreign_requests
):
    from kinerja.models import Indikator

    org = _demo_with_a_running_quarter()
    jumlah_iku = Indikator.objects.filter(
        sasaran__perjanjian__perangkat_daerah=org.dpmptsp,
        is_iku=True,
        sasaran__perjanjian__berlaku=True,
    ).count()
    errors = _console_errors(page)
    sign_in("kadin")
    page.get_by_role("link", name="Dasbor").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Dasbor kinerja").is_visible()
    assert page.get_by_role("heading", name="Capaian IKU per triwulan").is_visible()
    drawn = page.evaluate(
        "() => Array.from(document.querySelectorAll('canvas[data-grafik]'))"
        ".map(c => !!Chart.getChart(c) && c.width > 0 && c.height > 0)"
    )
    assert drawn == [True] * (jumlah_iku + 1)  # one chart per IKU, one for the budget
    # predikat badges coloured from the data by the script (no inline style attributes in the HTML)
    assert (
        page.locator(".badge-predikat").first.evaluate("el => el.style.backgroundColor")
        != ""
    )
    assert (
        page.get_by_role("table", name="Capaian IKU per triwulan").is_visible()
        or page.locator("#tabel-capaian").is_visible()
    )
    assert page.get_by_text("Draft LKjIP (PDF)").is_visible()
    page.screenshot(path=str(artifacts_dir / "dasbor-kadin.png"), full_page=True)
    assert errors == []
    assert foreign_requests == []


def test_admin_overview_and_timeliness_pages(
    page, live_server, sign_in, artifacts_dir, foreign_requests
):
    _demo_with_a_running_quarter()
    errors = _console_errors(page)
    sign_in("adminkab")
    page.get_by_role("link", name="Ringkasan kabupaten").click()
    page.wait_for_load_state("networkidle")
    rows = page.locator("#tabel-kabupaten tbody tr")
    assert rows.count() == 2
    page.screenshot(path=str(artifacts_dir / "dasbor-kabupaten.png"), full_page=True)
    page.get_by_role(
        "link", name="Capaian IKU"
    ).click()  # sort by capaian, largest first
    page.wait_for_load_state("networkidle")
    assert "urut=-capaian" in page.url
    rows.first.get_by_role("link").click()  # into that office's dashboard
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Dasbor kinerja").is_visible()
    page.get_by_role("link", name="Ketepatan waktu SOP").click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate(
        "() => !!Chart.getChart(document.querySelector('canvas[data-grafik=ketepatan]'))"
    )
    page.screenshot(path=str(artifacts_dir / "dasbor-ketepatan.png"), full_page=True)
    assert errors == []
    assert foreign_requests == []
