"""The LKjIP draft (Bab III) as an editable Word document (python-docx), with the same
content as the PDF: Tim SAKIP completes the analysis paragraphs in Word."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from umum import format as fmt

from .selectors.lkjip import DataLKjIP

KANAN = WD_ALIGN_PARAGRAPH.RIGHT
TENGAH = WD_ALIGN_PARAGRAPH.CENTER


def _tabel(
    doc,
    header: list[str],
    rows: list[list[str]],
    *,
    kanan: set[int] = frozenset(),
    tengah: set[int] = frozenset(),
    footer: list[str] | None = None,
):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, teks in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(teks)
        run.bold = True
        cell.paragraphs[0].alignment = TENGAH
    for baris in rows + ([footer] if footer else []):
        cells = table.add_row().cells
        for i, (cell, teks) in enumerate(zip(cells, baris, strict=True)):
            cell.text = teks
            if i in kanan:
                cell.paragraphs[0].alignment = KANAN
            elif i in tengah:
                cell.paragraphs[0].alignment = TENGAH
    if footer:
        for cell in table.rows[-1].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
    for cell in table.columns[0].cells:
        cell.width = Cm(1)
    return table


def _judul(doc, teks: str, size: int = 13) -> None:
    p = doc.add_paragraph()
    p.alignment = TENGAH
    run = p.add_run(teks.upper())
    run.bold = True
    run.font.size = Pt(size)


def lkjip_docx(data: DataLKjIP) -> bytes:
    """Bab III Akuntabilitas Kinerja of `data` as .docx bytes."""
    with translation.override("id"):
        return _bangun(data)


def _bangun(data: DataLKjIP) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    doc.core_properties.title = f"LKjIP {data.pd.singkatan} {data.tahun} — Bab III"
    doc.core_properties.author = data.pd.nama

    _judul(doc, data.pd.kop_pemerintah, 12)
    _judul(doc, data.pd.nama, 12)
    _judul(
        doc,
        _("Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun %(tahun)s")
        % {"tahun": data.tahun},
    )
    _judul(doc, _("Bab III Akuntabilitas Kinerja"))

    catatan = [
        _(
            "Draft disusun otomatis dari data SAKIP-SOP pada %(tanggal)s untuk dilengkapi Tim SAKIP."
        )
        % {"tanggal": fmt.tanggal(data.tanggal)}
    ]
    if data.lengkap:
        catatan.append(_("Data realisasi mencakup Triwulan I–IV."))
    else:
        catatan.append(
            _(
                "Tahun belum lengkap: realisasi %(periode)s dijumlahkan sesuai agregasi tiap indikator "
                "dan dibandingkan dengan target tahunan."
            )
            % {"periode": data.periode}
        )
    catatan.append(
        _("Perjanjian Kinerja versi %(versi)s.") % {"versi": data.perjanjian.versi}
    )
    p = doc.add_paragraph(" ".join(catatan))
    p.runs[0].italic = True

    doc.add_heading(_("A. Capaian Kinerja Organisasi"), level=2)
    doc.add_paragraph(
        _(
            "Rata-rata capaian %(n)s indikator kinerja adalah %(rata)s dengan predikat %(predikat)s."
        )
        % {
            "n": len(data.indikator),
            "rata": fmt.persen(data.rata_rata_capaian),
            "predikat": data.predikat.nama if data.predikat else fmt.KOSONG,
        }
    )
    header = [
        _("No."),
        _("Indikator Kinerja"),
        _("Satuan"),
        _("Target %(tahun)s") % {"tahun": data.tahun},
        _("Realisasi %(tahun)s") % {"tahun": data.tahun},
        _("Capaian"),
        _("Predikat"),
        _("Realisasi %(tahun)s") % {"tahun": data.tahun_lalu},
        _("Capaian %(tahun)s") % {"tahun": data.tahun_lalu},
    ]
    for n, s in enumerate(data.sasaran, start=1):
        p = doc.add_paragraph()
        p.add_run(
            _("Sasaran %(kode)s: %(uraian)s")
            % {"kode": s.kode or n, "uraian": s.uraian}
        ).bold = True
        rows = []
        for i in s.indikator:
            k, d = i.ini.kumulatif, i.ini.desimal
            rows.append(
                [
                    str(i.nomor),
                    i.ini.nama + (" (IKU)" if i.ini.is_iku else ""),
                    i.ini.satuan,
                    fmt.angka(k.target, d),
                    fmt.angka(k.realisasi, d),
                    fmt.persen(k.capaian),
                    k.predikat or fmt.KOSONG,
                    fmt.angka(i.lalu.kumulatif.realisasi, d) if i.lalu else fmt.KOSONG,
                    fmt.persen(i.lalu.kumulatif.capaian) if i.lalu else fmt.KOSONG,
                ]
            )
        _tabel(doc, header, rows, kanan={3, 4, 5, 7, 8}, tengah={0, 2, 6})

    doc.add_heading(_("B. Analisis Capaian Kinerja"), level=2)
    for i in data.indikator:
        doc.add_heading(f"{i.nomor}. {i.ini.nama}", level=3)
        for fakta in i.analisis:
            doc.add_paragraph(fakta, style="List Bullet")
        isian = doc.add_paragraph(
            _(
                "[Diisi Tim SAKIP: penyebab keberhasilan atau kegagalan, upaya yang telah dilakukan, efisiensi "
                "penggunaan sumber daya, dan rencana tindak lanjut.]"
            )
        )
        isian.runs[0].italic = True

    doc.add_heading(_("C. Realisasi Anggaran"), level=2)
    rows = [
        [
            str(n),
            f"{p.kode} {p.nama}".strip(),
            fmt.angka(p.anggaran, 0),
            fmt.angka(p.realisasi_sd, 0),
            fmt.persen(p.serapan_sd),
        ]
        for n, p in enumerate(data.program, start=1)
    ]
    _tabel(
        doc,
        [
            _("No."),
            _("Program/Kegiatan"),
            _("Anggaran (Rp)"),
            _("Realisasi (Rp)"),
            _("Serapan"),
        ],
        rows,
        kanan={2, 3, 4},
        tengah={0},
        footer=[
            "",
            _("Jumlah"),
            fmt.angka(data.total_anggaran, 0),
            fmt.angka(data.total_realisasi, 0),
            fmt.persen(data.total_serapan),
        ],
    )

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
