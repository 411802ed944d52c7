"""Test artifacts: the PDFs tests produce, and a PNG of each one's first page, under test-artifacts/."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from django.conf import settings


def folder_artefak() -> Path:
    path = Path(settings.BASE_DIR) / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


def simpan_artefak(nama: str, pdf: bytes) -> Path | None:
    """Write `<nama>.pdf` and, when pdftoppm is installed, `<nama>.png` (first page, 60 dpi).

    Returns the PNG path, or None without pdftoppm (the PDF is still written).
    """
    folder = folder_artefak()
    pdf_path = folder / f"{nama}.pdf"
    pdf_path.write_bytes(pdf)
    if shutil.which("pdftoppm") is None:
        return None
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf_path),
            str(folder / nama),
        ],
        check=True,
        timeout=60,
    )
    return folder / f"{nama}.png"
