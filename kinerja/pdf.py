"""Dokumen Pengukuran Kinerja: the measurement document of an office for a quarter
or for the year, in the form of PermenPAN-RB 53/2014, printed with WeasyPrint.

Two entry points:

- `render_pengukuran(...)` → PDF bytes: the draft (watermarked DRAFT) during SOP B,
  or a plain print;
- `terbitkan_dokumen_pengukuran(...)` → `dokumen.models.DokumenResmi`: the final
  document at ratification — numbered, with QR code and short verification URL,
  signed with the office's certificate when it has one, archived unchanged.

Both print the table as `kinerja.selectors.tabel_pengukuran` computes it, or, when
`tabel` is given, a frozen snapshot (e.g. `DraftPengukuran.data`, the draft the
Kadin reviewed), so the ratified document shows exactly what was reviewed.
"""

from __future__ import annotations

import datetime
from typing import Any

from dokumen.models import DokumenResmi, Jenis
from dokumen.pdf import blok_tanda_tangan, render_pdf
from dokumen.services import dokumen_terbitkan
from organisasi.models import Pegawai, today

from .models import TRIWULAN_ROMAWI, PerjanjianKinerja
from .selectors import TabelPengukuran, tabel_pengukuran


def _tabel(
    perjanjian: PerjanjianKinerja,
    triwulan: int | None,
    tabel: TabelPengukuran | dict | None,
) -> TabelPengukuran:
    if tabel is None:
        return tabel_pengukuran(perjanjian=perjanjian, triwulan=triwulan)
    if isinstance(tabel, dict):
        return TabelPengukuran.from_dict(tabel)
    return tabel


def judul_periode(triwulan: int | None, tahun: int) -> str:
    """`TRIWULAN II TAHUN 2026`, or `TAHUN 2026` for the year."""
    if triwulan:
        return f"TRIWULAN {TRIWULAN_ROMAWI[triwulan]} TAHUN {tahun}"
    return f"TAHUN {tahun}"


def konteks_pengukuran(
    *,
    perjanjian: PerjanjianKinerja,
    triwulan: int | None,
    tabel: TabelPengukuran | dict | None = None,
    penandatangan: Pegawai | None = None,
    label_jabatan: str | None = None,
    tanggal: datetime.date | None = None,
) -> dict[str, Any]:
    """Template context of the measurement document (shared by the PDF and any HTML preview)."""
    kantor = perjanjian.perangkat_daerah
    t = _tabel(perjanjian, triwulan, tabel)
    if penandatangan is None:
        penandatangan = perjanjian.pihak_pertama
    ttd = blok_tanda_tangan(
        pd=kantor,
        pegawai=penandatangan,
        tanggal=tanggal or today(),
        label_jabatan=label_jabatan,
    )
    baris = []
    nomor = 0
    for g in t.sasaran:
        for i, ind in enumerate(g.indikator):
            if i == 0:
                nomor += 1
            baris.append(
                {
                    "grup": g,
                    "ind": ind,
                    "pertama": i == 0,
                    "rowspan": len(g.indikator),
                    "nomor": nomor,
                }
            )
    return {
        "kantor": kantor,
        "perjanjian": perjanjian,
        "tabel": t,
        "baris": baris,
        "periode": judul_periode(t.triwulan, t.tahun),
        "triwulan_romawi": TRIWULAN_ROMAWI.get(t.triwulan or 0, ""),
        "ttd": ttd,
    }


def render_pengukuran(
    *,
    perjanjian: PerjanjianKinerja,
    triwulan: int | None,
    draft: bool,
    nomor: str | None = None,
    verify_url: str | None = None,
    qr: str | None = None,
    penandatangan: Pegawai | None = None,
    label_jabatan: str | None = None,
    tanggal: datetime.date | None = None,
    tabel: TabelPengukuran | dict | None = None,
    ditandatangani: bool = False,
) -> bytes:
    """The Dokumen Pengukuran Kinerja of `perjanjian`'s office for quarter `triwulan`
    (1–4) or the year (None), as landscape A4 PDF bytes.

    Kop surat, title and period, the measurement table grouped by sasaran (No,
    Sasaran Strategis, Indikator Kinerja, Satuan, Target, Realisasi, Capaian %), the
    budget table (Program, Anggaran, Realisasi, %), the signature block. `draft`
    watermarks every page. `penandatangan` defaults to the PK's pihak pertama;
    `label_jabatan` None prints his position (with "Plt." when acting), a role label
    such as "Plt. Kepala Dinas" is expanded to the position title. `tanggal` is the
    date by the signature (default today). `tabel` prints a frozen snapshot
    (`TabelPengukuran` or its `as_dict()`) instead of the live data.
    """
    konteks = konteks_pengukuran(
        perjanjian=perjanjian,
        triwulan=triwulan,
        tabel=tabel,
        penandatangan=penandatangan,
        label_jabatan=label_jabatan,
        tanggal=tanggal,
    )
    konteks.update(
        nomor=nomor, verify_url=verify_url, qr=qr, ditandatangani=ditandatangani
    )
    return render_pdf("kinerja/pdf/pengukuran.html", konteks, draft=draft)


def terbitkan_dokumen_pengukuran(
    *,
    perjanjian: PerjanjianKinerja,
    triwulan: int | None,
    penandatangan: Pegawai,
    label_jabatan: str | None,
    actor,
    supersedes: DokumenResmi | None = None,
    tabel: TabelPengukuran | dict | None = None,
    tanggal: datetime.date | None = None,
) -> DokumenResmi:
    """Issue the final (ratified) measurement document: number it, render it with its QR
    code and verification URL, sign it with the office's certificate when configured
    (else it carries the "not digitally signed" mark), and archive it for good.

    Call it inside the ratification transaction; an exception rolls everything back.
    Pass `tabel=draft.data` to print the reviewed draft's snapshot. A correction of an
    issued document passes `supersedes=<the DokumenResmi it replaces>`.
    """
    t = _tabel(perjanjian, triwulan, tabel)
    tanggal = tanggal or today()

    def render(
        nomor: str, verify_url: str, qr_data_uri: str, *, ditandatangani: bool
    ) -> bytes:
        return render_pengukuran(
            perjanjian=perjanjian,
            triwulan=triwulan,
            draft=False,
            nomor=nomor,
            verify_url=verify_url,
            qr=qr_data_uri,
            penandatangan=penandatangan,
            label_jabatan=label_jabatan,
            tanggal=tanggal,
            tabel=t,
            ditandatangani=ditandatangani,
        )

    ttd = blok_tanda_tangan(
        pd=perjanjian.perangkat_daerah,
        pegawai=penandatangan,
        tanggal=tanggal,
        label_jabatan=label_jabatan,
    )
    return dokumen_terbitkan(
        jenis=Jenis.PENGUKURAN_TRIWULAN if triwulan else Jenis.PENGUKURAN_TAHUNAN,
        pd=perjanjian.perangkat_daerah,
        tahun=perjanjian.tahun,
        triwulan=triwulan,
        render=render,
        penandatangan=penandatangan,
        label_jabatan=ttd.jabatan_lengkap,
        actor=actor,
        supersedes=supersedes,
        judul=(
            f"Pengukuran Kinerja Triwulan {TRIWULAN_ROMAWI[triwulan]} Tahun {perjanjian.tahun}"
            if triwulan
            else f"Pengukuran Kinerja Tahun {perjanjian.tahun}"
        ),
    )
