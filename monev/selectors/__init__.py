"""Reads of the monitoring and evaluation app: the figures from the runs (`angka`),
who may assess (`penilai`) and what the pages show (`halaman`)."""

from .angka import (
    AngkaLangkah,
    angka_langkah,
    kalender_jam_kerja,
    langkah_lembar,
    rentang,
    siklus_selesai,
)
from .penilai import boleh_menilai, penunjukan_berlaku

__all__ = [
    "AngkaLangkah",
    "angka_langkah",
    "boleh_menilai",
    "kalender_jam_kerja",
    "langkah_lembar",
    "penunjukan_berlaku",
    "rentang",
    "siklus_selesai",
    "siklus_selesai",
]
