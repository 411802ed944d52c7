"""HTML text helpers for the report tables written in Python (`laporan/templatetags/`)."""

from __future__ import annotations

import html


def esc(text) -> str:
    """The text `django.utils.html.conditional_escape(text)` gives (safe text as it is, anything
    else `html.escape(str(text))`, which is Django's `escape`), as a plain str: without
    `escape`'s lazy-text wrapper and SafeString, ~3x cheaper for the hundreds of cells of a
    report page. For text put into a larger string that is marked safe as a whole."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))
