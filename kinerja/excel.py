"""Excel in and out (openpyxl): the PK + Rencana Aksi template, its import, and exports.

One format serves the template, the import and the plan export, so a plan
exported, imported into an empty year and exported again gives the same cells.

Import is two steps: `baca_rencana(data, pd)` parses and validates everything
(with the same rules as the services) into a `PratinjauImpor` with one error per
bad cell/row, touching nothing; `impor_rencana(...)` then saves a clean preview in
one transaction — on any error nothing is saved.

Numbers are written as numeric cells (ints when whole); a value that a float
cannot hold exactly is written as text with a decimal point so it round-trips.
Text cells are read with `validators.parse_angka` (Indonesian `1.234,56` too).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from defusedxml import ElementTree as ET
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation

from organisasi.models import PerangkatDaerah, Unit
from umum.format import angka, bulatkan

from . import services
from .models import TRIWULAN_ROMAWI, Agregasi, PerjanjianKinerja, Polaritas
from .selectors import TabelPengukuran, pk_rencana, program_list, tabel_pengukuran
from .validators import is_xlsx, parse_angka

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BARIS = 1000
# An .xlsx is a ZIP: a 2 MB upload inflated to 2 GB held a worker for 9 s. The declared
# sizes are checked before openpyxl opens it (zipfile never inflates a member past its
# declared size). A filled template of MAX_BARIS rows inflates to about 1 MB.
MAKS_TERURAI = 50 * 1024 * 1024
MAKS_RASIO = 100

LEMBAR_INDIKATOR = "Indikator"
LEMBAR_PROGRAM = "Program"
LEMBAR_PETUNJUK = "Petunjuk"

# (key, header) of the indicator sheet, in column order
KOLOM_INDIKATOR: list[tuple[str, str]] = [
    ("sasaran_kode", "Kode Sasaran"),
    ("sasaran", "Sasaran Strategis"),
    ("kode", "Kode Indikator"),
    ("nama", "Indikator Kinerja"),
    ("satuan", "Satuan"),
    ("is_iku", "IKU (Ya/Tidak)"),
    ("polaritas", "Arah"),
    ("agregasi", "Agregasi Tahunan"),
    ("desimal", "Desimal"),
    ("unit", "Unit Penanggung Jawab"),
    ("target_tahunan", "Target Tahunan"),
    ("target_tahunan_maks", "Batas Atas Target Tahunan"),
    *[(f"target_tw{tw}", f"Target TW {TRIWULAN_ROMAWI[tw]}") for tw in range(1, 5)],
    *[
        (f"target_maks_tw{tw}", f"Batas Atas TW {TRIWULAN_ROMAWI[tw]}")
        for tw in range(1, 5)
    ],
    *[
        (f"rencana_aksi_tw{tw}", f"Rencana Aksi TW {TRIWULAN_ROMAWI[tw]}")
        for tw in range(1, 5)
    ],
]
KOLOM_PROGRAM: list[tuple[str, str]] = [
    ("kode", "Kode"),
    ("nama", "Program/Kegiatan"),
    ("anggaran", "Anggaran Tahunan (Rp)"),
    *[
        (f"anggaran_tw{tw}", f"Anggaran TW {TRIWULAN_ROMAWI[tw]} (Rp)")
        for tw in range(1, 5)
    ],
]

ARAH_KE_TEKS = {
    Polaritas.NAIK: "naik",
    Polaritas.TURUN: "turun",
    Polaritas.RENTANG: "rentang",
}
AGREGASI_KE_TEKS = {
    Agregasi.JUMLAH: "jumlah",
    Agregasi.TERAKHIR: "terakhir",
    Agregasi.RATA_RATA: "rata-rata",
    Agregasi.MANUAL: "manual",
}


def _kunci(teks: str) -> str:
    return " ".join(str(teks).lower().replace("_", " ").replace("-", " ").split())


TEKS_KE_ARAH = {_kunci(v): k for k, v in ARAH_KE_TEKS.items()} | {
    _kunci(c.label): c.value for c in Polaritas
}
TEKS_KE_AGREGASI = {_kunci(v): k for k, v in AGREGASI_KE_TEKS.items()} | {
    _kunci(c.label): c.value for c in Agregasi
}

PETUNJUK = [
    "Templat Perjanjian Kinerja dan Rencana Aksi",
    "",
    "Lembar 'Indikator': satu baris per indikator kinerja. Baris dengan Kode Sasaran dan Sasaran Strategis yang sama "
    "dikelompokkan ke sasaran yang sama, sesuai urutan baris.",
    "IKU: isi Ya atau Tidak.",
    "Arah: naik (semakin tinggi semakin baik), turun (semakin rendah semakin baik), "
    "rentang (dalam rentang; isi juga kolom Batas Atas).",
    "Agregasi Tahunan: jumlah (target/realisasi per triwulan dijumlahkan), terakhir (nilai kumulatif, triwulan "
    "terakhir dipakai), rata-rata (rata-rata triwulan), manual (nilai akhir diisi pada TW IV).",
    "Desimal: jumlah angka di belakang koma (0 sampai 4).",
    "Unit Penanggung Jawab: nama unit persis seperti di aplikasi, boleh kosong.",
    "Angka ditulis sebagai angka Excel, atau teks dengan koma sebagai tanda desimal dan titik sebagai pemisah ribuan "
    "(1.234.567,89).",
    "Lembar 'Program': satu baris per program/kegiatan. Anggaran per triwulan boleh kosong semua; jika diisi, "
    "jumlahnya harus sama dengan anggaran tahunan.",
    "Jangan mengubah judul kolom atau nama lembar. Berkas diperiksa dahulu; tidak ada yang disimpan selama masih ada "
    "kesalahan.",
]

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


# --- writing -----------------------------------------------------------------------------------


def _angka_sel(value: Decimal | None) -> Any:
    """A Decimal as an Excel cell value that reads back exactly."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) == value.normalize():
        return as_float
    return format(value.normalize(), "f")


def _tambah(ws, values: list[Any]) -> None:
    """Append a row; every text cell is a literal string, never a formula.

    openpyxl takes a string starting with `=` for a formula, so an indicator named
    `=HYPERLINK(...)` became a live link in the export; `data_type = "s"` writes it as text."""
    ws.append(values)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _format_angka(desimal: int) -> str:
    return "#,##0" + ("." + "0" * desimal if desimal > 0 else "")


def _angka_bulat(value: Decimal | None, desimal: int) -> int | float | None:
    """A computed number as a numeric cell, rounded half up at `desimal` places (umum.format)."""
    d = bulatkan(value, desimal)
    if d is None:
        return None
    return int(d) if desimal == 0 else float(d)


def _header(
    ws, kolom: list[tuple[str, str]], widths: dict[str, int] | None = None
) -> None:
    _tambah(ws, [h for _k, h in kolom])
    for i, (key, _h) in enumerate(kolom, start=1):
        c = ws.cell(row=1, column=i)
        c.font = _HEADER_FONT
        c.fill = _HEADER_FILL
        c.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = (widths or {}).get(key, 16)
    ws.freeze_panes = "A2"


def _workbook_rencana() -> tuple[Workbook, Any, Any]:
    wb = Workbook()
    petunjuk = wb.active
    petunjuk.title = LEMBAR_PETUNJUK
    for line in PETUNJUK:
        _tambah(petunjuk, [line])
    petunjuk["A1"].font = Font(bold=True, size=13)
    petunjuk.column_dimensions["A"].width = 140

    ws = wb.create_sheet(LEMBAR_INDIKATOR)
    _header(
        ws,
        KOLOM_INDIKATOR,
        {
            "sasaran": 40,
            "nama": 48,
            "unit": 30,
            **{f"rencana_aksi_tw{i}": 30 for i in range(1, 5)},
        },
    )
    col = {
        k: get_column_letter(i) for i, (k, _h) in enumerate(KOLOM_INDIKATOR, start=1)
    }
    for key, pilihan in (
        ("is_iku", "Ya,Tidak"),
        ("polaritas", ",".join(ARAH_KE_TEKS.values())),
        ("agregasi", ",".join(AGREGASI_KE_TEKS.values())),
    ):
        dv = DataValidation(type="list", formula1=f'"{pilihan}"', allow_blank=True)
        dv.error = _("Pilih dari daftar.")
        ws.add_data_validation(dv)
        dv.add(f"{col[key]}2:{col[key]}{MAX_BARIS}")

    wp = wb.create_sheet(LEMBAR_PROGRAM)
    _header(wp, KOLOM_PROGRAM, {"nama": 60, "anggaran": 22})
    return wb, ws, wp


def _simpan(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def templat_rencana() -> bytes:
    """The empty import template (instructions, indicator sheet with drop-downs, programme sheet)."""
    wb, _ws, _wp = _workbook_rencana()
    return _simpan(wb)


def ekspor_rencana(*, perjanjian: PerjanjianKinerja) -> bytes:
    """A plan in the template's format (re-importable)."""
    wb, ws, wp = _workbook_rencana()
    for s in pk_rencana(perjanjian=perjanjian):
        indikator = list(s.indikator.all())
        if not indikator:
            _tambah(ws, [s.kode, s.uraian])
        for ind in indikator:
            tw = ind.target_per_tw
            _tambah(
                ws,
                [
                    s.kode,
                    s.uraian,
                    ind.kode,
                    ind.nama,
                    ind.satuan,
                    "Ya" if ind.is_iku else "Tidak",
                    ARAH_KE_TEKS.get(ind.polaritas, ind.polaritas),
                    AGREGASI_KE_TEKS.get(ind.agregasi, ind.agregasi),
                    ind.desimal,
                    ind.unit_penanggung_jawab.nama
                    if ind.unit_penanggung_jawab
                    else None,
                    _angka_sel(ind.target_tahunan),
                    _angka_sel(ind.target_tahunan_maks),
                    *[_angka_sel(t.target) if t else None for t in tw],
                    *[_angka_sel(t.target_maks) if t else None for t in tw],
                    *[(t.rencana_aksi or None) if t else None for t in tw],
                ],
            )
    for p in program_list(perjanjian=perjanjian):
        per_tw = [_angka_sel(v) if v else None for v in p.anggaran_per_tw]
        _tambah(wp, [p.kode or None, p.nama, _angka_sel(p.anggaran), *per_tw])
    return _simpan(wb)


# --- reading -----------------------------------------------------------------------------------


@dataclass
class GalatBaris:
    lembar: str
    baris: int | None
    kolom: str
    pesan: str

    def __str__(self) -> str:
        tempat = (
            f"{self.lembar}"
            + (f", baris {self.baris}" if self.baris else "")
            + (f", kolom {self.kolom}" if self.kolom else "")
        )
        return f"{tempat}: {self.pesan}"


@dataclass
class IndikatorImpor:
    baris: int
    kode: str
    nama: str
    satuan: str
    is_iku: bool
    polaritas: str
    agregasi: str
    desimal: int
    unit: Unit | None
    target_tahunan: Decimal | None
    target_tahunan_maks: Decimal | None
    target_triwulan: dict[int, services.TargetTW]


@dataclass
class SasaranImpor:
    baris: int
    kode: str
    uraian: str
    indikator: list[IndikatorImpor] = field(default_factory=list)


@dataclass
class ProgramImpor:
    baris: int
    kode: str
    nama: str
    anggaran: Decimal
    anggaran_triwulan: dict[int, Decimal | None]


@dataclass
class PratinjauImpor:
    """The parsed file: what would be saved, and every error found. Nothing is saved while `galat` is non-empty."""

    sasaran: list[SasaranImpor] = field(default_factory=list)
    program: list[ProgramImpor] = field(default_factory=list)
    galat: list[GalatBaris] = field(default_factory=list)
    # how a cell was read when that is not what it shows (a percent-formatted target)
    catatan: list[GalatBaris] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.galat

    @property
    def jumlah_indikator(self) -> int:
        return sum(len(s.indikator) for s in self.sasaran)

    def galat_per_baris(self) -> dict[tuple[str, int | None], list[GalatBaris]]:
        hasil: dict[tuple[str, int | None], list[GalatBaris]] = {}
        for g in self.galat:
            hasil.setdefault((g.lembar, g.baris), []).append(g)
        return hasil


def _teks(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _baca_angka(value: Any) -> Decimal | None:
    if isinstance(value, str) and value.strip().startswith("="):
        raise ValueError(value)
    return parse_angka(value)


def _baris_kosong(values) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _pesan(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return {"": exc.messages}


# numeric columns: a percent-formatted cell there holds a fraction (85 % is stored as 0.85)
KOLOM_ANGKA = {
    "target_tahunan",
    "target_tahunan_maks",
    *[f"target_tw{tw}" for tw in range(1, 5)],
    *[f"target_maks_tw{tw}" for tw in range(1, 5)],
    "anggaran",
    *[f"anggaran_tw{tw}" for tw in range(1, 5)],
}


def _nilai_sel(
    cell, key: str, nama: str, nomor: int, kolom, pratinjau: PratinjauImpor
) -> Any:
    """A cell's value as the person typed it: a number in a percent-formatted cell is read in
    percentage points (the cell shows 85 %, Excel stores 0.85), and the preview says so."""
    value = cell.value
    if (
        key in KOLOM_ANGKA
        and isinstance(value, (int, float))
        and not isinstance(value, bool)
        and "%" in (getattr(cell, "number_format", "") or "")
    ):
        pecahan = Decimal(repr(value))
        poin = (pecahan * 100).normalize()
        pratinjau.catatan.append(
            GalatBaris(
                nama,
                nomor,
                _label(kolom, key),
                _(
                    "Sel berformat persen: dibaca sebagai %(nilai)s (poin persen), bukan %(pecahan)s."
                )
                % {"nilai": angka(poin), "pecahan": angka(pecahan)},
            )
        )
        return poin
    return value


def _baca_lembar(
    wb,
    nama: str,
    kolom: list[tuple[str, str]],
    pratinjau: PratinjauImpor,
    rumus: set[tuple[int, int]],
) -> list[tuple[int, dict]] | None:
    """The sheet's non-empty rows as {column key: value}; `rumus` holds the (row, column) of
    formula cells: one without a value saved by Excel cannot be read and is refused."""
    if nama not in wb.sheetnames:
        pratinjau.galat.append(
            GalatBaris(
                nama,
                None,
                "",
                _("Lembar '%(nama)s' tidak ditemukan; gunakan templat dari aplikasi.")
                % {"nama": nama},
            )
        )
        return None
    ws = wb[nama]
    rows = ws.iter_rows()
    header = next(rows, None) or ()
    expected = [h for _k, h in kolom]
    got = [_teks(c.value) for c in header[: len(expected)]]
    if got != expected:
        pratinjau.galat.append(
            GalatBaris(
                nama,
                1,
                "",
                _("Judul kolom tidak sesuai templat. Harus: %(kolom)s.")
                % {"kolom": ", ".join(expected)},
            )
        )
        return None
    hasil = []
    for nomor, cells in enumerate(rows, start=2):
        cells = list(cells[: len(kolom)])
        tanpa_nilai = [
            k
            for i, (k, _h) in enumerate(kolom, start=1)
            if (nomor, i) in rumus and (i > len(cells) or cells[i - 1].value is None)
        ]
        if tanpa_nilai:
            for k in tanpa_nilai:
                pratinjau.galat.append(
                    GalatBaris(
                        nama,
                        nomor,
                        _label(kolom, k),
                        _(
                            "Sel berisi rumus tanpa nilai tersimpan. Buka berkas di Excel, simpan ulang, lalu unggah lagi; "
                            "atau ketik nilainya."
                        ),
                    )
                )
            continue
        values = [
            _nilai_sel(c, k, nama, nomor, kolom, pratinjau)
            for c, (k, _h) in zip(cells, kolom, strict=False)
        ]
        values += [None] * max(0, len(kolom) - len(values))
        if _baris_kosong(values):
            continue
        if len(hasil) >= MAX_BARIS:
            pratinjau.galat.append(
                GalatBaris(
                    nama,
                    nomor,
                    "",
                    _("Terlalu banyak baris (maksimum %(n)s).") % {"n": MAX_BARIS},
                )
            )
            break
        hasil.append((nomor, {k: v for (k, _h), v in zip(kolom, values, strict=True)}))
    return hasil


def _sel_rumus(data: bytes) -> dict[str, set[tuple[int, int]]]:
    """(row, column) of every formula cell of the import's two sheets (read as written, not
    as last calculated: the data pass cannot tell an uncalculated formula from an empty cell)."""
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        return {
            nama: {
                (c.row, c.column)
                for row in wb[nama].iter_rows()
                for c in row
                if c.data_type == "f"
            }
            for nama in (LEMBAR_INDIKATOR, LEMBAR_PROGRAM)
            if nama in wb.sheetnames
        }
    finally:
        wb.close()


_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _sel_gabungan(zf: zipfile.ZipFile) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet: (row, column) of each merged cell but the first of its range -> the range.

    openpyxl's read-only mode does not report merged cells, so they are read from the
    sheet's XML (`<mergeCell ref="B2:B5"/>`)."""
    buku = ET.fromstring(zf.read("xl/workbook.xml"))
    relasi = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    target = {
        r.get("Id"): r.get("Target", "") for r in relasi.iter(f"{_NS_PKG}Relationship")
    }
    nama_berkas = set(zf.namelist())
    hasil: dict[str, dict[tuple[int, int], str]] = {}
    for lembar in buku.iter(f"{_NS_MAIN}sheet"):
        if lembar.get("name") not in (LEMBAR_INDIKATOR, LEMBAR_PROGRAM):
            continue
        t = target.get(lembar.get(f"{_NS_REL}id"), "")
        jalur = t.lstrip("/") if t.startswith("/") else f"xl/{t}"
        if jalur not in nama_berkas:
            continue
        sel: dict[tuple[int, int], str] = {}
        with zf.open(jalur) as fh:
            for _peristiwa, el in ET.iterparse(fh):
                if el.tag == f"{_NS_MAIN}mergeCell":
                    rentang = el.get("ref", "")
                    try:
                        kol_a, baris_a, kol_b, baris_b = range_boundaries(rentang)
                    except (TypeError, ValueError):
                        continue
                    for baris in range(
                        baris_a, min(baris_b, baris_a + MAX_BARIS + 1) + 1
                    ):
                        for kol in range(kol_a, min(kol_b, 64) + 1):
                            if (baris, kol) != (baris_a, kol_a):
                                sel[(baris, kol)] = rentang
                elif el.tag == f"{_NS_MAIN}row":
                    el.clear()  # cell data is not needed here; keep memory flat
        hasil[lembar.get("name")] = sel
    return hasil


def _periksa_arsip(zf: zipfile.ZipFile) -> str | None:
    """Why the ZIP must not be opened (a decompression bomb), or None."""
    isi = zf.infolist()
    terurai = sum(i.file_size for i in isi)
    mampat = sum(i.compress_size for i in isi) or 1
    if terurai > MAKS_TERURAI or terurai / mampat > MAKS_RASIO:
        return _(
            "Isi berkas Excel terlalu besar setelah diurai (%(mb)s MB, %(rasio)s kali ukuran berkas); "
            "berkas ditolak tanpa dibuka."
        ) % {"mb": terurai // (1024 * 1024), "rasio": int(terurai / mampat)}
    return None


def _label(kolom: list[tuple[str, str]], key: str) -> str:
    return dict(kolom).get(key, "")


FIELD_KE_KOLOM = {"unit_penanggung_jawab": "unit", "__all__": "", "": ""}


def _pesan_gabungan(rentang: str) -> str:
    return _(
        "Sel ini bagian dari sel gabungan %(rentang)s; sel gabungan hanya menyimpan nilai di baris pertamanya. "
        "Pisahkan sel gabungan dan isi nilainya di setiap baris."
    ) % {"rentang": rentang}


def _baca_indikator(
    rows,
    pd: PerangkatDaerah,
    pratinjau: PratinjauImpor,
    gabungan: dict[tuple[int, int], str] | None = None,
) -> None:
    units = {
        u.nama.strip().lower(): u for u in Unit.objects.filter(perangkat_daerah=pd)
    }
    sasaran_by_key: dict[str, SasaranImpor] = {}
    uraian_by_kode: dict[str, str] = {}
    posisi = {k: i for i, (k, _h) in enumerate(KOLOM_INDIKATOR, start=1)}
    gabungan = gabungan or {}
    baris_per_kode: dict[str, list[int]] = {}
    for nomor, row in rows:
        galat: list[GalatBaris] = []

        def salah(key: str, pesan: str) -> None:
            rentang = gabungan.get((nomor, posisi.get(key)))  # noqa: B023
            if rentang and not _teks(row.get(key)):  # noqa: B023
                pesan = _pesan_gabungan(rentang)  # the real cause of the empty cell
            galat.append(  # noqa: B023
                GalatBaris(LEMBAR_INDIKATOR, nomor, _label(KOLOM_INDIKATOR, key), pesan)  # noqa: B023
            )  # noqa: B023

        if _teks(row["kode"]):
            baris_per_kode.setdefault(_teks(row["kode"]).casefold(), []).append(nomor)

        s_kode, s_uraian = _teks(row["sasaran_kode"]), _teks(row["sasaran"])
        if not s_uraian:
            salah("sasaran", _("Isi sasaran strategis."))
        elif s_kode and uraian_by_kode.setdefault(s_kode, s_uraian) != s_uraian:
            salah(
                "sasaran",
                _("Kode sasaran %(kode)s sudah dipakai untuk sasaran lain.")
                % {"kode": s_kode},
            )

        indicator_cols = [
            k for k, _h in KOLOM_INDIKATOR if k not in ("sasaran_kode", "sasaran")
        ]
        hanya_sasaran = _baris_kosong([row[k] for k in indicator_cols])
        angka: dict[str, Decimal | None] = {}
        ind = None
        if not hanya_sasaran:
            for key in [
                "target_tahunan",
                "target_tahunan_maks",
                *[f"target_tw{i}" for i in range(1, 5)],
                *[f"target_maks_tw{i}" for i in range(1, 5)],
            ]:
                try:
                    angka[key] = _baca_angka(row[key])
                except (ValueError, ArithmeticError):
                    salah(
                        key,
                        _("Bukan angka: %(nilai)s.") % {"nilai": _teks(row[key])[:40]},
                    )
                    angka[key] = None
            iku_teks = _kunci(_teks(row["is_iku"]))
            if iku_teks in ("ya", "y", "iku", "1", "true"):
                is_iku = True
            elif iku_teks in ("", "tidak", "t", "bukan", "0", "false"):
                is_iku = False
            else:
                salah("is_iku", _("Isi Ya atau Tidak."))
                is_iku = False
            polaritas = TEKS_KE_ARAH.get(_kunci(_teks(row["polaritas"])) or "naik")
            if polaritas is None:
                salah("polaritas", _("Arah harus naik, turun, atau rentang."))
            agregasi = TEKS_KE_AGREGASI.get(
                _kunci(_teks(row["agregasi"])) or "terakhir"
            )
            if agregasi is None:
                salah(
                    "agregasi",
                    _("Agregasi harus jumlah, terakhir, rata-rata, atau manual."),
                )
            desimal_teks = _teks(row["desimal"]) or "2"
            desimal = int(desimal_teks) if desimal_teks.isdigit() else None
            if desimal is None or desimal > 4:
                salah("desimal", _("Desimal harus bilangan bulat 0 sampai 4."))
            unit = None
            unit_teks = _teks(row["unit"])
            if unit_teks:
                unit = units.get(unit_teks.lower())
                if unit is None:
                    salah(
                        "unit",
                        _("Unit '%(unit)s' tidak ada di perangkat daerah ini.")
                        % {"unit": unit_teks[:60]},
                    )
            nama, satuan = _teks(row["nama"]), _teks(row["satuan"])
            targets = {
                tw: services.TargetTW(
                    target=angka.get(f"target_tw{tw}"),
                    target_maks=angka.get(f"target_maks_tw{tw}"),
                    rencana_aksi=_teks(row[f"rencana_aksi_tw{tw}"]),
                )
                for tw in range(1, 5)
            }
            # the services' own checks; a column already reported above is not reported twice
            sudah = {g.kolom for g in galat}
            try:
                services._cek_indikator(  # noqa: SLF001
                    pd_id=pd.pk,
                    nama=nama,
                    satuan=satuan,
                    polaritas=polaritas or "",
                    agregasi=agregasi or "",
                    desimal=desimal if desimal is not None else 0,
                    unit_penanggung_jawab=unit,
                    target_tahunan=angka["target_tahunan"],
                    target_tahunan_maks=angka["target_tahunan_maks"],
                    target_triwulan=targets,
                )
            except ValidationError as exc:
                for f, msgs in _pesan(exc).items():
                    key = FIELD_KE_KOLOM.get(f, f)
                    if _label(KOLOM_INDIKATOR, key) not in sudah:
                        for m in msgs:
                            salah(key, m)
            for key, limit in (("kode", 20), ("satuan", 50)):
                if len(_teks(row[key])) > limit:
                    salah(key, _("Paling banyak %(n)s karakter.") % {"n": limit})
            if not galat:
                ind = IndikatorImpor(
                    baris=nomor,
                    kode=_teks(row["kode"]),
                    nama=nama,
                    satuan=satuan,
                    is_iku=is_iku,
                    polaritas=polaritas,
                    agregasi=agregasi,
                    desimal=desimal,
                    unit=unit,
                    target_tahunan=angka["target_tahunan"],
                    target_tahunan_maks=angka["target_tahunan_maks"],
                    target_triwulan=targets,
                )
        if len(s_kode) > 20:
            salah("sasaran_kode", _("Paling banyak 20 karakter."))
        pratinjau.galat.extend(galat)
        if galat or not s_uraian:
            continue
        key = f"{s_kode}\x00{s_uraian}"
        sasaran = sasaran_by_key.get(key)
        if sasaran is None:
            sasaran = sasaran_by_key[key] = SasaranImpor(
                baris=nomor, kode=s_kode, uraian=s_uraian
            )
            pratinjau.sasaran.append(sasaran)
        if ind is not None:
            sasaran.indikator.append(ind)
    # one code, one indicator: two rows with the same code would both be saved
    for baris in baris_per_kode.values():
        if len(baris) > 1:
            for nomor in baris:
                lain = ", ".join(str(b) for b in baris if b != nomor)
                pratinjau.galat.append(
                    GalatBaris(
                        LEMBAR_INDIKATOR,
                        nomor,
                        _label(KOLOM_INDIKATOR, "kode"),
                        _(
                            "Kode indikator dipakai juga di baris %(baris)s; setiap indikator perlu kode sendiri."
                        )
                        % {"baris": lain},
                    )
                )
    pratinjau.galat.sort(
        key=lambda g: (g.lembar != LEMBAR_INDIKATOR, g.lembar, g.baris or 0)
    )


def _baca_program(rows, pratinjau: PratinjauImpor) -> None:
    for nomor, row in rows:
        galat: list[GalatBaris] = []

        def salah(key: str, pesan: str) -> None:
            galat.append(  # noqa: B023
                GalatBaris(LEMBAR_PROGRAM, nomor, _label(KOLOM_PROGRAM, key), pesan)  # noqa: B023
            )  # noqa: B023

        angka: dict[str, Decimal | None] = {}
        for key in ["anggaran", *[f"anggaran_tw{i}" for i in range(1, 5)]]:
            try:
                angka[key] = _baca_angka(row[key])
            except (ValueError, ArithmeticError):
                salah(
                    key, _("Bukan angka: %(nilai)s.") % {"nilai": _teks(row[key])[:40]}
                )
                angka[key] = None
        nama, kode = _teks(row["nama"]), _teks(row["kode"])
        if len(kode) > 30:
            salah("kode", _("Paling banyak 30 karakter."))
        per_tw = {tw: angka.get(f"anggaran_tw{tw}") for tw in range(1, 5)}
        sudah = {g.kolom for g in galat}
        try:
            services._cek_program(nama, angka["anggaran"], per_tw)  # noqa: SLF001
        except ValidationError as exc:
            for f, msgs in _pesan(exc).items():
                if _label(KOLOM_PROGRAM, f) not in sudah:
                    for m in msgs:
                        salah(f, m)
        if galat:
            pratinjau.galat.extend(galat)
            continue
        pratinjau.program.append(
            ProgramImpor(
                baris=nomor,
                kode=kode,
                nama=nama,
                anggaran=angka["anggaran"],
                anggaran_triwulan=per_tw,
            )
        )


def baca_rencana(data: bytes, *, perangkat_daerah: PerangkatDaerah) -> PratinjauImpor:
    """Parse and validate a filled template; never raises on bad input, never writes."""
    pratinjau = PratinjauImpor()
    if not data or not is_xlsx(data):
        pratinjau.galat.append(
            GalatBaris(
                _("Berkas"),
                None,
                "",
                _(
                    "Berkas bukan file Excel (.xlsx) yang valid. Unduh templat, isi, lalu unggah kembali."
                ),
            )
        )
        return pratinjau
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            bom = _periksa_arsip(zf)
            if bom:
                pratinjau.galat.append(GalatBaris(_("Berkas"), None, "", bom))
                return pratinjau
            gabungan = _sel_gabungan(zf)
        rumus = _sel_rumus(data)
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (
        Exception
    ):  # zipfile, ElementTree and openpyxl raise many kinds of errors on damaged files
        pratinjau.galat.append(
            GalatBaris(
                _("Berkas"), None, "", _("Berkas Excel rusak atau tidak dapat dibaca.")
            )
        )
        return pratinjau
    try:
        rows_ind = _baca_lembar(
            wb,
            LEMBAR_INDIKATOR,
            KOLOM_INDIKATOR,
            pratinjau,
            rumus.get(LEMBAR_INDIKATOR, set()),
        )
        rows_prog = _baca_lembar(
            wb,
            LEMBAR_PROGRAM,
            KOLOM_PROGRAM,
            pratinjau,
            rumus.get(LEMBAR_PROGRAM, set()),
        )
        if rows_ind is not None:
            _baca_indikator(
                rows_ind, perangkat_daerah, pratinjau, gabungan.get(LEMBAR_INDIKATOR)
            )
        if rows_prog is not None:
            _baca_program(rows_prog, pratinjau)
    except Exception:  # a damaged sheet part: report, never 500
        pratinjau.galat.append(
            GalatBaris(_("Berkas"), None, "", _("Isi berkas Excel tidak dapat dibaca."))
        )
    finally:
        wb.close()
    if pratinjau.ok and not pratinjau.sasaran and not pratinjau.program:
        pratinjau.galat.append(
            GalatBaris(
                LEMBAR_INDIKATOR,
                None,
                "",
                _("Berkas tidak berisi sasaran, indikator, maupun program."),
            )
        )
    return pratinjau


class ImporGagal(Exception):
    def __init__(self, galat: list[GalatBaris]):
        self.galat = galat
        super().__init__("; ".join(str(g) for g in galat))


@transaction.atomic
def impor_rencana(
    *,
    pratinjau: PratinjauImpor,
    perangkat_daerah: PerangkatDaerah,
    tahun: int,
    actor: User,
) -> PerjanjianKinerja:
    """Save a clean preview as the plan of `tahun`, all or nothing (as `actor`, through the plan services).

    The year must have no plan yet, or a valid, unlocked plan that is still empty
    (no sasaran, no programme); otherwise ImporGagal is raised and nothing changes.
    """
    if not pratinjau.ok:
        raise ImporGagal(pratinjau.galat)
    pk = (
        PerjanjianKinerja.objects.select_for_update()
        .filter(perangkat_daerah=perangkat_daerah, tahun=tahun, berlaku=True)
        .first()
    )
    if pk is None:
        try:
            pk = services.pk_create(
                perangkat_daerah=perangkat_daerah, tahun=tahun, actor=actor
            )
        except ValidationError as exc:
            raise ImporGagal(
                [GalatBaris(_("Tahun"), None, "", m) for m in exc.messages]
            ) from None
    elif pk.sasaran.exists() or pk.program.exists():
        raise ImporGagal(
            [
                GalatBaris(
                    _("Tahun"),
                    None,
                    "",
                    _(
                        "Perjanjian kinerja tahun %(tahun)s sudah berisi rencana; impor hanya ke tahun yang masih kosong."
                    )
                    % {"tahun": tahun},
                )
            ]
        )
    lembar_baris = None
    try:
        for s in pratinjau.sasaran:
            lembar_baris = (LEMBAR_INDIKATOR, s.baris)
            sasaran = services.sasaran_create(
                perjanjian=pk, kode=s.kode, uraian=s.uraian, actor=actor
            )
            for i in s.indikator:
                lembar_baris = (LEMBAR_INDIKATOR, i.baris)
                services.indikator_create(
                    sasaran=sasaran,
                    kode=i.kode,
                    nama=i.nama,
                    satuan=i.satuan,
                    is_iku=i.is_iku,
                    polaritas=i.polaritas,
                    agregasi=i.agregasi,
                    desimal=i.desimal,
                    unit_penanggung_jawab=i.unit,
                    target_tahunan=i.target_tahunan,
                    target_tahunan_maks=i.target_tahunan_maks,
                    target_triwulan=i.target_triwulan,
                    actor=actor,
                )
        for p in pratinjau.program:
            lembar_baris = (LEMBAR_PROGRAM, p.baris)
            services.program_create(
                perjanjian=pk,
                kode=p.kode,
                nama=p.nama,
                anggaran=p.anggaran,
                anggaran_triwulan=p.anggaran_triwulan,
                actor=actor,
            )
    except ValidationError as exc:
        lembar, baris = lembar_baris or ("", None)
        raise ImporGagal(
            [GalatBaris(lembar, baris, "", m) for m in exc.messages]
        ) from None
    return pk


# --- measurement table export ------------------------------------------------------------------


def _persen(value: Decimal | None) -> Any:
    return _angka_bulat(value, 2)


def ekspor_pengukuran(*, perjanjian: PerjanjianKinerja, triwulan: int | None) -> bytes:
    """The measurement table of a quarter (or the year) as a workbook: indicators and budget."""
    tabel: TabelPengukuran = tabel_pengukuran(perjanjian=perjanjian, triwulan=triwulan)
    wb = Workbook()
    ws = wb.active
    ws.title = "Pengukuran"
    periode = f"Triwulan {TRIWULAN_ROMAWI[triwulan]}" if triwulan else "Tahunan"
    _tambah(ws, [f"Pengukuran Kinerja {tabel.perangkat_daerah}"])
    _tambah(ws, [f"Tahun {tabel.tahun} — {periode} (PK versi {tabel.versi})"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    kolom = [
        "No",
        "Sasaran Strategis",
        "Indikator Kinerja",
        "Satuan",
        "IKU",
        "Arah",
        "Target",
        "Batas Atas",
        "Realisasi",
        "Capaian (%)",
        "Predikat",
    ]
    if triwulan:
        kolom += [
            f"Realisasi s.d. TW {TRIWULAN_ROMAWI[triwulan]}",
            "Target Tahunan",
            f"Capaian s.d. TW {TRIWULAN_ROMAWI[triwulan]} (%)",
        ]
    kolom += ["Catatan"]
    _tambah(ws, kolom)
    for i in range(1, len(kolom) + 1):
        c = ws.cell(row=4, column=i)
        c.font = _HEADER_FONT
        c.fill = _HEADER_FILL
        c.alignment = Alignment(wrap_text=True, vertical="center")
    widths = {1: 5, 2: 40, 3: 48, 4: 12}
    for i in range(1, len(kolom) + 1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(i, 15)
    no = 0
    for g in tabel.sasaran:
        for b in g.indikator:
            no += 1
            d = b.desimal
            row = [
                no,
                g.uraian,
                b.nama,
                b.satuan,
                "Ya" if b.is_iku else "Tidak",
                ARAH_KE_TEKS.get(b.polaritas, b.polaritas),
                _angka_bulat(b.target, d),
                _angka_bulat(b.target_maks, d),
                _angka_bulat(b.realisasi, d),
                _persen(b.capaian),
                b.predikat or "",
            ]
            if triwulan:
                row += [
                    _angka_bulat(b.realisasi_ytd, d),
                    _angka_bulat(b.target_tahunan, d),
                    _persen(b.capaian_ytd),
                ]
            row += [b.catatan]
            _tambah(ws, row)
            # the indicator's own decimals for its values, two for percentages
            kolom_angka = [7, 8, 9] + ([12, 13] if triwulan else [])
            kolom_persen = [10] + ([14] if triwulan else [])
            for i in kolom_angka:
                ws.cell(row=ws.max_row, column=i).number_format = _format_angka(d)
            for i in kolom_persen:
                ws.cell(row=ws.max_row, column=i).number_format = _format_angka(2)
    ws.append([])
    _tambah(
        ws,
        [
            "",
            _("Rata-rata capaian"),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            _persen(tabel.rata_rata_capaian),
            tabel.predikat or "",
        ],
    )
    ws.cell(row=ws.max_row, column=10).number_format = _format_angka(2)
    ws.freeze_panes = "A5"

    wa = wb.create_sheet("Anggaran")
    kolom_a = [
        "No",
        "Kode",
        "Program/Kegiatan",
        "Anggaran (Rp)",
        "Realisasi (Rp)",
        "Serapan (%)",
    ]
    if triwulan:
        kolom_a += [
            "Anggaran Tahunan (Rp)",
            f"Realisasi s.d. TW {TRIWULAN_ROMAWI[triwulan]} (Rp)",
            f"Serapan s.d. TW {TRIWULAN_ROMAWI[triwulan]} (%)",
        ]
    _tambah(wa, kolom_a)
    for i in range(1, len(kolom_a) + 1):
        c = wa.cell(row=1, column=i)
        c.font = _HEADER_FONT
        c.fill = _HEADER_FILL
        wa.column_dimensions[get_column_letter(i)].width = 50 if i == 3 else 18
    for no, a in enumerate(tabel.anggaran, start=1):
        row = [
            no,
            a.kode,
            a.nama,
            _angka_bulat(a.anggaran, 2),
            _angka_bulat(a.realisasi, 2),
            _persen(a.serapan),
        ]
        if triwulan:
            row += [
                _angka_bulat(a.anggaran_tahunan, 2),
                _angka_bulat(a.realisasi_ytd, 2),
                _persen(a.serapan_ytd),
            ]
        _tambah(wa, row)
    total = [
        "",
        "",
        _("Jumlah"),
        _angka_bulat(tabel.total_anggaran, 2),
        _angka_bulat(tabel.total_realisasi_anggaran, 2),
        _persen(tabel.serapan_total),
    ]
    if triwulan:
        total += [
            _angka_bulat(tabel.total_anggaran_tahunan, 2),
            _angka_bulat(tabel.total_realisasi_anggaran_ytd, 2),
            _persen(tabel.serapan_total_ytd),
        ]
    _tambah(wa, total)
    for row in wa.iter_rows(min_row=2, min_col=4, max_col=len(kolom_a)):
        for c in row:
            c.number_format = "#,##0.00"
    return _simpan(wb)
