"""Template rules that keep pages working as the data grows."""

import re
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
# USE_THOUSAND_SEPARATOR is on (1.234,56), so a bare id prints as "1.234" once ids pass
# 999 — breaking form field names and data attributes. Ids must go through |unlocalize.
BARE_ID = re.compile(
    r"\{\{\s*[\w.]*\.(?!auto_id\b)(pk|id|\w+_id)\s*\}\}"
)  # auto_id is text


def test_ids_in_templates_are_never_localized():
    offenders = []
    for path in BASE.rglob("*.html"):
        rel = path.relative_to(BASE).as_posix()
        if rel.startswith((".venv/", "staticfiles/", "test-artifacts/")):
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if BARE_ID.search(line):
                offenders.append(f"{rel}:{n}")
    assert offenders == []
