"""Printed SOP documents: the SOP sheet with its swimlane flowchart, the lembar
disposisi (steps 1 and 2 of SOP A) and the catatan pembagian tugas (step 3).

The flowchart is drawn from the sheet's data (`SOP.kolom_pelaksana` and its
`LangkahSOP` rows) as inline SVG: one lane per actor column, a rounded terminator
for the first and last step, rectangles for processes, a diamond for the
completeness check / review, elbow arrows between steps and the return loop of
a decision. The SVG sits in one table cell spanning the lane columns of all the
rows of a page; the rows get fixed heights (estimated generously from their
text) through a per-document stylesheet, so the shapes line up with their rows.
A flowchart longer than a page continues on the next page through lettered
off-page connectors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

from django.utils import timezone
from django.utils.translation import gettext as _

from dokumen.models import DokumenResmi, Jenis
from dokumen.pdf import blok_tanda_tangan, label_jabatan_resmi, render_pdf
from kinerja.models import TRIWULAN_ROMAWI
from organisasi.models import Pegawai

from .models import (
    SOP,
    Disposisi,
    DokumenPengukuran,
    Jejak,
    KodeLangkah,
    LangkahSOP,
    ProsesPengumpulan,
)

# Decision steps and the step their "no" branch returns to (machine keys survive revisions).
KEPUTUSAN_KEMBALI_KE = {
    KodeLangkah.PEMERIKSAAN: KodeLangkah.PENGUMPULAN_DATA,
    KodeLangkah.REVIU: KodeLangkah.PENGUKURAN,
}

# Landscape A4 content width (842pt minus 1.8cm + 1.5cm margins, see cetak.css) and the fixed columns.
LEBAR_KONTEN = 748.0
KOLOM_TETAP = {
    "no": 24.0,
    "kegiatan": 150.0,
    "kelengkapan": 100.0,
    "waktu": 44.0,
    "output": 100.0,
    "ket": 62.0,
}
TINGGI_MAKS_HALAMAN = 395.0  # rows of one flowchart page, below its title and header
FONT_PT = 9.0
BARIS_PT = FONT_PT * 1.25
PADDING_PT = 8.0
TINGGI_MIN = 52.0
RUANG_KONEKTOR = 24.0


def _baris_teks(teks: list[str], lebar_pt: float) -> int:
    """Lines `teks` needs in a column `lebar_pt` wide, overestimated (0.5 em per
    character plus a fifth for word-wrap waste): a row too tall looks fine, one too
    short would push the text out of line with its flowchart shape."""
    per_baris = max(1, int((lebar_pt - PADDING_PT) / (FONT_PT * 0.5)))
    return sum(max(1, math.ceil(len(t) * 1.2 / per_baris)) for t in teks) if teks else 1


def tinggi_baris(langkah: LangkahSOP) -> float:
    lines = max(
        _baris_teks([langkah.kegiatan], KOLOM_TETAP["kegiatan"]),
        _baris_teks(langkah.kelengkapan_list, KOLOM_TETAP["kelengkapan"]),
        _baris_teks([langkah.waktu], KOLOM_TETAP["waktu"]),
        _baris_teks(langkah.output_list, KOLOM_TETAP["output"]),
        _baris_teks(
            [langkah.keterangan] if langkah.keterangan else [], KOLOM_TETAP["ket"]
        ),
    )
    return max(TINGGI_MIN, math.ceil(lines * BARIS_PT + PADDING_PT + 6))


# --- geometry -----------------------------------------------------------------------------------------------


@dataclass
class Baris:
    indeks: int  # 0-based position in the whole flowchart
    langkah: LangkahSOP
    lajur: int
    tinggi: float
    bentuk: str  # "terminator" | "proses" | "keputusan"
    konektor_atas: str = ""  # letter of an off-page connector above the shape (continued from the previous page)
    konektor_bawah: str = ""  # letter of an off-page connector below the shape (continues on the next page)
    svg: str = ""  # this row's slice of the page's drawing


@dataclass
class Halaman:
    baris: list[Baris] = field(default_factory=list)

    @property
    def tinggi(self) -> float:
        return sum(b.tinggi for b in self.baris)


def _lajur_index(sop: SOP) -> dict[str, int]:
    return {kolom[0]: i for i, kolom in enumerate(sop.kolom_pelaksana)}


def susun_halaman(
    sop: SOP, langkah: list[LangkahSOP], *, tinggi_maks: float = TINGGI_MAKS_HALAMAN
) -> list[Halaman]:
    """Rows of the flowchart split into pages. A decision and the step it returns to
    stay on one page, so that the return loop never crosses a page."""
    lajur = _lajur_index(sop)
    n = len(langkah)
    kode_ke_indeks = {lk.kode: i for i, lk in enumerate(langkah)}
    rows = []
    for i, lk in enumerate(langkah):
        if (
            lk.kode in KEPUTUSAN_KEMBALI_KE
            and KEPUTUSAN_KEMBALI_KE[lk.kode] in kode_ke_indeks
        ):
            bentuk = "keputusan"
        elif i in (0, n - 1):
            bentuk = "terminator"
        else:
            bentuk = "proses"
        rows.append(
            Baris(
                indeks=i,
                langkah=lk,
                lajur=lajur.get(lk.pelaksana, 0),
                tinggi=tinggi_baris(lk),
                bentuk=bentuk,
            )
        )
    # groups that must not be split: a return target through its decision
    grup: list[list[Baris]] = []
    i = 0
    while i < n:
        akhir = i
        for j in range(i, n):
            kembali = KEPUTUSAN_KEMBALI_KE.get(rows[j].langkah.kode)
            if (
                kembali in kode_ke_indeks
                and i <= kode_ke_indeks[kembali] <= akhir
                and j > akhir
            ):
                akhir = j
            if j > akhir:
                break
        grup.append(rows[i : akhir + 1])
        i = akhir + 1
    halaman: list[Halaman] = [Halaman()]
    if sum(b.tinggi for b in rows) <= tinggi_maks:
        halaman[0].baris = rows
        return halaman
    # room for the off-page connectors a split adds at the bottom and top of a page
    batas = tinggi_maks - 2 * RUANG_KONEKTOR
    for g in grup:
        if halaman[-1].baris and halaman[-1].tinggi + sum(b.tinggi for b in g) > batas:
            halaman.append(Halaman())
        halaman[-1].baris.extend(g)
    huruf = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for a, b in zip(halaman, halaman[1:], strict=False):
        label = next(huruf, "Z")
        a.baris[-1].konektor_bawah = label
        a.baris[-1].tinggi += RUANG_KONEKTOR
        b.baris[0].konektor_atas = label
        b.baris[0].tinggi += RUANG_KONEKTOR
    return halaman


def _panah(x: float, y: float, arah: str, ukuran: float = 4.5) -> str:
    """A filled arrowhead with its tip at (x, y) pointing `arah` (down/up/left/right)."""
    s = ukuran
    titik = {
        "down": [(x, y), (x - s * 0.6, y - s), (x + s * 0.6, y - s)],
        "up": [(x, y), (x - s * 0.6, y + s), (x + s * 0.6, y + s)],
        "left": [(x, y), (x + s, y - s * 0.6), (x + s, y + s * 0.6)],
        "right": [(x, y), (x - s, y - s * 0.6), (x - s, y + s * 0.6)],
    }[arah]
    return '<polygon points="%s" fill="#000"/>' % " ".join(
        f"{a:.1f},{b:.1f}" for a, b in titik
    )


def _garis(titik: list[tuple[float, float]]) -> str:
    d = "M " + " L ".join(f"{x:.1f},{y:.1f}" for x, y in titik)
    return f'<path d="{d}" fill="none" stroke="#000" stroke-width="0.9"/>'


def _teks(
    x: float, y: float, isi: str, *, ukuran: float = 6.5, anchor: str = "start"
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="Liberation Sans, Arial, sans-serif" '
        f'font-size="{ukuran}" text-anchor="{anchor}">{escape(isi)}</text>'
    )


def gambar_svg(halaman: Halaman, *, jumlah_lajur: int, lebar_lajur: float) -> str:
    """The swimlane drawing of one flowchart page (SVG elements in pt, y = 0 at the top of
    its first row): lane separators, shapes, arrows, the return loops."""
    lebar = jumlah_lajur * lebar_lajur
    tinggi = halaman.tinggi
    w_proses = min(lebar_lajur * 0.62, 64.0)
    h_proses = 18.0
    w_kep = min(lebar_lajur * 0.66, 58.0)
    h_kep = 28.0
    offset_loop = max(4.0, min(8.0, (lebar_lajur - w_proses) / 2 - 5))
    el: list[str] = []
    for i in range(1, jumlah_lajur):
        el.append(
            f'<line x1="{i * lebar_lajur:.1f}" y1="0" x2="{i * lebar_lajur:.1f}" y2="{tinggi:.1f}" '
            'stroke="#000" stroke-width="0.6"/>'
        )
    posisi: dict[
        int, tuple[float, float, float]
    ] = {}  # indeks -> (x, y centre, half height)
    y = 0.0
    for b in halaman.baris:
        atas = y + (RUANG_KONEKTOR if b.konektor_atas else 0)
        bawah = y + b.tinggi - (RUANG_KONEKTOR if b.konektor_bawah else 0)
        cx = (b.lajur + 0.5) * lebar_lajur
        cy = (atas + bawah) / 2
        if b.bentuk == "keputusan":
            hh = h_kep / 2
            el.append(
                '<polygon points="%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="#fff" stroke="#000" '
                'stroke-width="0.9"/>'
                % (cx, cy - hh, cx + w_kep / 2, cy, cx, cy + hh, cx - w_kep / 2, cy)
            )
        else:
            hh = h_proses / 2
            rx = hh if b.bentuk == "terminator" else 0
            el.append(
                f'<rect x="{cx - w_proses / 2:.1f}" y="{cy - hh:.1f}" width="{w_proses:.1f}" '
                f'height="{h_proses:.1f}" rx="{rx:.1f}" ry="{rx:.1f}" fill="#fff" stroke="#000" stroke-width="0.9"/>'
            )
        posisi[b.indeks] = (cx, cy, hh)
        if b.konektor_atas:
            el.extend(_konektor_halaman(cx, y + 3, b.konektor_atas))
            el.append(_garis([(cx, y + 19), (cx, cy - hh)]))
            el.append(_panah(cx, cy - hh, "down"))
        if b.konektor_bawah:
            dasar = y + b.tinggi - RUANG_KONEKTOR + 2
            el.append(_garis([(cx, cy + hh), (cx, dasar)]))
            el.append(_panah(cx, dasar, "down"))
            el.extend(_konektor_halaman(cx, dasar, b.konektor_bawah))
        y += b.tinggi
    # arrows from each step to the next one on this page
    ada_loop: set[int] = set()
    for a, b in zip(halaman.baris, halaman.baris[1:], strict=False):
        xa, ya, ha = posisi[a.indeks]
        xb, yb, hb = posisi[b.indeks]
        mulai, akhir = ya + ha, yb - hb
        if abs(xa - xb) < 0.1:
            el.append(_garis([(xa, mulai), (xb, akhir)]))
        else:
            batas = sum(r.tinggi for r in halaman.baris[: halaman.baris.index(b)])
            y_siku = (mulai + batas) / 2
            el.append(_garis([(xa, mulai), (xa, y_siku), (xb, y_siku), (xb, akhir)]))
        el.append(_panah(xb, akhir, "down"))
        if a.bentuk == "keputusan":
            el.append(_teks(xa + 3, mulai + 8, _("Ya")))
    # the return loop of each decision
    indeks_kode = {b.langkah.kode: b for b in halaman.baris}
    for b in halaman.baris:
        if b.bentuk != "keputusan":
            continue
        target = indeks_kode.get(KEPUTUSAN_KEMBALI_KE[b.langkah.kode])
        if target is None or b.indeks in ada_loop:
            continue
        ada_loop.add(b.indeks)
        xd, yd, _hd = posisi[b.indeks]
        xt, yt, _ht = posisi[target.indeks]
        ke_kanan = target.lajur >= b.lajur
        if ke_kanan:
            keluar = xd + w_kep / 2
            x_loop = max(xt + w_proses / 2 + offset_loop, keluar + offset_loop)
            x_loop = min(x_loop, lebar - 2)
            masuk = xt + w_proses / 2
            el.append(_garis([(keluar, yd), (x_loop, yd), (x_loop, yt), (masuk, yt)]))
            el.append(_panah(masuk, yt, "left"))
            el.append(_teks(keluar + 2, yd - 3, _("Tidak")))
        else:
            keluar = xd - w_kep / 2
            x_loop = max(2, min(xt - w_proses / 2 - offset_loop, keluar - offset_loop))
            masuk = xt - w_proses / 2
            el.append(_garis([(keluar, yd), (x_loop, yd), (x_loop, yt), (masuk, yt)]))
            el.append(_panah(masuk, yt, "right"))
            el.append(_teks(keluar - 2, yd - 3, _("Tidak"), anchor="end"))
    return "".join(el)


def potong_svg(gambar: str, *, lebar: float, atas: float, tinggi: float) -> str:
    """One row's window [atas, atas + tinggi] of a page's drawing, as an SVG exactly as tall
    as the row. Each row carries its own slice (no cell spans rows: WeasyPrint paginates
    tall row-spanning cells badly); the slices join into one seamless drawing."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="alur-svg" width="{lebar:.2f}pt" height="{tinggi:.2f}pt" '
        f'viewBox="0 {atas:.2f} {lebar:.2f} {tinggi:.2f}" preserveAspectRatio="none">{gambar}</svg>'
    )


def _konektor_halaman(cx: float, y: float, label: str) -> list[str]:
    """Off-page connector (a pentagon pointing down) with its letter, top edge at y."""
    w, h = 16.0, 16.0
    titik = [
        (cx - w / 2, y),
        (cx + w / 2, y),
        (cx + w / 2, y + h * 0.6),
        (cx, y + h),
        (cx - w / 2, y + h * 0.6),
    ]
    return [
        '<polygon points="%s" fill="#fff" stroke="#000" stroke-width="0.9"/>'
        % " ".join(f"{a:.1f},{b:.1f}" for a, b in titik),
        _teks(cx, y + 9, label, ukuran=7, anchor="middle"),
    ]


# --- the SOP sheet ------------------------------------------------------------------------------------------


def konteks_sop(sop: SOP) -> tuple[dict, str]:
    """Template context and the per-document stylesheet of an SOP sheet."""
    langkah = list(sop.langkah.order_by("nomor"))
    jumlah_lajur = max(1, len(sop.kolom_pelaksana))
    lebar_lajur = (LEBAR_KONTEN - sum(KOLOM_TETAP.values())) / jumlah_lajur
    halaman = susun_halaman(sop, langkah)
    css = [f".sop-alur col.k-lajur {{ width: {lebar_lajur:.2f}pt; }}"]
    for h in halaman:
        gambar = gambar_svg(h, jumlah_lajur=jumlah_lajur, lebar_lajur=lebar_lajur)
        atas = 0.0
        for b in h.baris:
            b.svg = potong_svg(
                gambar, lebar=jumlah_lajur * lebar_lajur, atas=atas, tinggi=b.tinggi
            )
            atas += b.tinggi
            css.append(f".sop-alur tr.baris-{b.indeks} {{ height: {b.tinggi:.1f}pt; }}")
    for nama, lebar in KOLOM_TETAP.items():
        css.append(f".sop-alur col.k-{nama} {{ width: {lebar:.1f}pt; }}")
    konteks = {
        "sop": sop,
        "lajur": [{"peran": k[0], "label": k[1]} for k in sop.kolom_pelaksana],
        "halaman_alur": halaman,
    }
    return konteks, "\n".join(css)


def render_sop(
    *,
    sop: SOP,
    nomor: str | None = None,
    verify_url: str | None = None,
    qr: str | None = None,
    ditandatangani: bool = False,
) -> bytes:
    """The SOP sheet (landscape A4): identity table, the lists, the swimlane flowchart."""
    konteks, css = konteks_sop(sop)
    konteks.update(
        nomor=nomor, verify_url=verify_url, qr=qr, ditandatangani=ditandatangani
    )
    return render_pdf("sop/pdf/sop.html", konteks, extra_css=css)


# --- lembar disposisi and catatan pembagian tugas -----------------------------------------------------------


def _langkah_sop(sop: SOP, kode: str) -> LangkahSOP | None:
    return sop.langkah.filter(kode=kode).first()


def render_disposisi(
    *,
    disposisi: Disposisi,
    nomor: str | None = None,
    verify_url: str | None = None,
    qr: str | None = None,
    ditandatangani: bool = False,
) -> bytes:
    """Lembar disposisi of step 1 (Kadin → Kabid/Sekretaris) or step 2 (Kabid/Sekretaris →
    Kasubbag/Sub Koordinator) of SOP Pengumpulan Data Kinerja."""
    d = Disposisi.objects.select_related(
        "dari__jabatan",
        "kepada__jabatan",
        "perjanjian",
        "proses__siklus__perangkat_daerah",
        "proses__siklus__sop_pengumpulan",
    ).get(pk=disposisi.pk)
    siklus = d.proses.siklus
    kantor = siklus.perangkat_daerah
    sop = siklus.sop_pengumpulan
    langkah = _langkah_sop(sop, d.langkah)
    ttd = blok_tanda_tangan(
        pd=kantor, pegawai=d.dari, tanggal=d.tanggal, label_jabatan=d.dari_label
    )
    # the disposition states a deadline: the next step's time standard
    berikut = sop.langkah.filter(nomor=(langkah.nomor + 1) if langkah else 0).first()
    return render_pdf(
        "sop/pdf/disposisi.html",
        {
            "kantor": kantor,
            "d": d,
            "siklus": siklus,
            "sop": sop,
            "langkah": langkah,
            "langkah_berikut": berikut,
            "periode": _periode(siklus.triwulan, siklus.tahun),
            "ttd": ttd,
            "nomor": nomor,
            "verify_url": verify_url,
            "qr": qr,
            "ditandatangani": ditandatangani,
        },
    )


def _periode(triwulan: int | None, tahun: int) -> str:
    if triwulan:
        return _("Triwulan %(tw)s Tahun %(tahun)s") % {
            "tw": TRIWULAN_ROMAWI[triwulan],
            "tahun": tahun,
        }
    return _("Tahun %(tahun)s") % {"tahun": tahun}


def _jejak_langkah(siklus, kode: str) -> Jejak | None:
    return (
        Jejak.objects.filter(siklus=siklus, langkah_kode=kode)
        .order_by("-waktu", "-pk")
        .first()
    )


def render_pembagian_tugas(
    *,
    proses: ProsesPengumpulan,
    nomor: str | None = None,
    verify_url: str | None = None,
    qr: str | None = None,
    ditandatangani: bool = False,
) -> bytes:
    """Catatan pembagian tugas of step 3: who collects which indicators, with the notes,
    signed by the Kasubbag/Sub Koordinator who split the work."""
    proses = ProsesPengumpulan.objects.select_related(
        "siklus__perangkat_daerah", "siklus__sop_pengumpulan", "siklus__perjanjian"
    ).get(pk=proses.pk)
    siklus = proses.siklus
    kantor = siklus.perangkat_daerah
    tugas = list(
        proses.tugas.select_related("anggota__jabatan")
        .prefetch_related("indikator__sasaran")
        .order_by("pk")
    )
    jejak = _jejak_langkah(siklus, KodeLangkah.PEMBAGIAN_TUGAS)
    disposisi = proses.disposisi_kabid
    pembagi: Pegawai | None = (
        jejak.aktor
        if jejak and jejak.aktor_id
        else (disposisi.kepada if disposisi else None)
    )
    label = (jejak.aktor_label if jejak else "") or None
    tanggal = timezone.localtime(jejak.waktu).date() if jejak else None
    ttd = (
        blok_tanda_tangan(
            pd=kantor, pegawai=pembagi, tanggal=tanggal, label_jabatan=label
        )
        if pembagi
        else None
    )
    sop = siklus.sop_pengumpulan
    langkah_kumpul = _langkah_sop(sop, KodeLangkah.PENGUMPULAN_DATA)
    return render_pdf(
        "sop/pdf/pembagian_tugas.html",
        {
            "kantor": kantor,
            "proses": proses,
            "siklus": siklus,
            "sop": sop,
            "tugas": tugas,
            "disposisi": disposisi,
            "dasar_dari": label_jabatan_resmi(
                disposisi.dari, disposisi.dari_label, tanggal=disposisi.tanggal
            )
            if disposisi
            else "",
            "langkah": _langkah_sop(sop, KodeLangkah.PEMBAGIAN_TUGAS),
            "langkah_kumpul": langkah_kumpul,
            "periode": _periode(siklus.triwulan, siklus.tahun),
            "ttd": ttd,
            "tanggal": tanggal,
            "nomor": nomor,
            "verify_url": verify_url,
            "qr": qr,
            "ditandatangani": ditandatangani,
        },
    )


# --- ratification (SOP B step 4) ----------------------------------------------------------------------------


def terbitkan_pengesahan(dokumen: DokumenPengukuran, actor) -> DokumenResmi:
    """Issue the official, signed file of a just-ratified measurement document.

    Prints the reviewed draft's frozen table (`dokumen.draft.data`) with the
    ratifier as signer ("Plt. ..." when he acts), dated the day of ratification;
    numbers, signs (office certificate) and archives it as a `DokumenResmi`. A
    later ratification of the same quarter (after reopening) is a new revision
    that supersedes the previous archived document, which stays. Stores the
    archived file's path and SHA-256 on `dokumen`. Called by
    `sop.ratification.build_final_document` inside the ratification transaction.
    """
    from kinerja.pdf import terbitkan_dokumen_pengukuran

    data = DokumenPengukuran.objects.select_related(
        "draft", "disahkan_oleh", "proses__siklus__perjanjian__perangkat_daerah"
    ).get(pk=dokumen.pk)
    siklus = data.proses.siklus
    sebelumnya = (
        DokumenResmi.objects.filter(
            perangkat_daerah_id=siklus.perangkat_daerah_id,
            tahun=siklus.tahun,
            triwulan=siklus.triwulan,
            jenis=Jenis.PENGUKURAN_TRIWULAN,
            pengganti__isnull=True,
        )
        .order_by("-revisi", "-pk")
        .first()
    )
    resmi = terbitkan_dokumen_pengukuran(
        perjanjian=siklus.perjanjian,
        triwulan=siklus.triwulan,
        penandatangan=data.disahkan_oleh,
        label_jabatan=data.disahkan_sebagai,
        actor=actor,
        supersedes=sebelumnya,
        tabel=data.draft.data,
        tanggal=timezone.localtime(data.disahkan_pada).date(),
    )
    # the caller's instance is updated too (the service returns it)
    dokumen.berkas.name = resmi.berkas.name
    dokumen.sha256 = resmi.sha256
    dokumen.save(update_fields=["berkas", "sha256"])
    return resmi
