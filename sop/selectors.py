"""Reads that feed SOP pages."""

from __future__ import annotations

from organisasi.roles import PeranPegawai


def inbox_for(peran: PeranPegawai) -> list:
    """Every SOP step waiting for this person (filled in by the SOP engine)."""
    return []
