import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ["kadin", "sekretaris", "kasubbag", "timkerja", "timsakip", "adminkab"]


def test_each_demo_role_signs_in_and_sees_the_home_page(
    page, live_server, sign_in, artifacts_dir, foreign_requests
):
    from sop.demo import load_demo

    load_demo()
    for username in ROLES:
        sign_in(username)
        assert page.get_by_role(
            "heading", name="Tugas yang menunggu Anda"
        ).is_visible(), username
        page.screenshot(
            path=str(artifacts_dir / f"beranda-{username}.png"), full_page=True
        )
        page.get_by_role("button", name="Keluar").click()
        page.wait_for_url(f"{live_server.url}/masuk/")
    assert foreign_requests == []


def test_wrong_password_shows_an_indonesian_error(page, live_server, sign_in):
    from sop.demo import load_demo

    load_demo()
    sign_in("kadin", "bukan-sandinya")
    assert page.get_by_text("Nama pengguna atau sandi salah").first.is_visible()
