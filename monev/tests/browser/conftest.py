"""The suite's Playwright set-up (Debian's chromium, sign-in, artifacts folder) for monev's browser test."""

from tests.browser.conftest import (  # noqa: F401  (fixtures and the skip hook, re-exported for pytest)
    artifacts_dir,
    browser_type_launch_args,
    foreign_requests,
    pytest_collection_modifyitems,
    sign_in,
)
