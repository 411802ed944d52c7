"""SOP models: the sheets and calendar (`lembar`), the cycle and the two state
machines (`siklus`), the trail and step timing (`jejak`)."""

from .jejak import Jejak, JejakDitolak, LangkahBerjalan
from .lembar import (
    KODE_PER_JENIS,
    SOP,
    HariLibur,
    JamKerja,
    JenisSOP,
    KodeLangkah,
    LangkahSOP,
    WaktuSatuan,
)
from .siklus import (
    Disposisi,
    DokumenPengukuran,
    DraftPengukuran,
    PemeriksaanIndikator,
    ProsesPengukuran,
    ProsesPengumpulan,
    Siklus,
    TugasPengumpulan,
)

__all__ = [
    "KODE_PER_JENIS",
    "SOP",
    "Disposisi",
    "DokumenPengukuran",
    "DraftPengukuran",
    "HariLibur",
    "JamKerja",
    "Jejak",
    "JejakDitolak",
    "JenisSOP",
    "KodeLangkah",
    "LangkahBerjalan",
    "LangkahSOP",
    "PemeriksaanIndikator",
    "ProsesPengukuran",
    "ProsesPengumpulan",
    "Siklus",
    "TugasPengumpulan",
    "WaktuSatuan",
]
