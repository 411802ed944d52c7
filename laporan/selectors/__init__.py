"""Reads behind the dashboards and the LKjIP draft (they only read; nothing here writes)."""

from .dasbor import Dasbor, dasbor_kantor, tahun_tersedia
from .kabupaten import URUTAN, BarisKantor, ringkasan_kabupaten, triwulan_terakhir
from .ketepatan import StatistikLangkah, ketepatan_waktu
from .lkjip import DataLKjIP, lkjip_data

__all__ = [
    "URUTAN",
    "BarisKantor",
    "Dasbor",
    "DataLKjIP",
    "StatistikLangkah",
    "dasbor_kantor",
    "ketepatan_waktu",
    "lkjip_data",
    "ringkasan_kabupaten",
    "tahun_tersedia",
    "triwulan_terakhir",
]
