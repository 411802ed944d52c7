"""Playwright in Debian's chromium against Django's live_server.

`playwright install` cannot download browsers here, so pytest-playwright is
pointed at /usr/bin/chromium through `browser_type_launch_args`. Without the
binary the tests are skipped locally and fail in CI (CI=true).
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(
            f"CI needs Debian's chromium at {CHROMIUM} for the browser tests"
        )
    skip = pytest.mark.skip(
        reason=f"no chromium at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def foreign_requests(page, live_server):
    """Every request the page makes to a host other than the app itself."""
    own = urlparse(live_server.url).netloc
    seen: list[str] = []

    def record(request):
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != own:
            seen.append(request.url)

    page.on("request", record)
    return seen


@pytest.fixture
def sign_in(page, live_server):
    """Sign in through the form as a person would; returns a function(username)."""
    from organisasi.demo import DEMO_PASSWORD

    def _sign_in(username: str, password: str = DEMO_PASSWORD):
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/masuk/")
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state()

    return _sign_in
