"""The LKjIP draft (Laporan Kinerja Instansi Pemerintah), Bab III Akuntabilitas Kinerja:
per sasaran the indicators with target, realisasi and capaian of the year, last
year's realisasi beside them, the budget table, and per indicator the facts an
analysis starts from. The PDF and the .docx are both drawn from `lkjip_data`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from kinerja import calculations as calc
from kinerja.models import TRIWULAN_ROMAWI, Indikator, PerjanjianKinerja, Polaritas
from kinerja.selectors import pk_berlaku, skala_predikat
from organisasi.models import PerangkatDaerah, today
from umum import format as fmt

from ._capaian import (
    TRIWULAN,
    CapaianIndikator,
    hitung_indikator,
    indikator_prefetch,
    rata_rata,
    triwulan_terakhir_berdata,
)
from .dasbor import BarisProgram, baris_program, program_prefetch


class Perbandingan:
    LEBIH_BAIK = "lebih_baik"
    LEBIH_BURUK = "lebih_buruk"
    SAMA = "sama"


@dataclass
class IndikatorLKjIP:
    nomor: int
    ini: CapaianIndikator
    # last year's indicator (same code, or same name) over its whole year and up to the same quarter
    lalu: CapaianIndikator | None
    lalu_sd: CapaianIndikator | None
    perbandingan: str | None
    analisis: list[str] = field(default_factory=list)

    @property
    def realisasi_lalu(self) -> Decimal | None:
        return self.lalu.kumulatif.realisasi if self.lalu else None


@dataclass
class SasaranLKjIP:
    kode: str
    uraian: str
    indikator: list[IndikatorLKjIP]


@dataclass
class DataLKjIP:
    pd: PerangkatDaerah
    tahun: int
    perjanjian: PerjanjianKinerja
    perjanjian_lalu: PerjanjianKinerja | None
    # the year is reported up to this quarter (4 when the year's data is complete)
    sampai: int
    sasaran: list[SasaranLKjIP]
    program: list[BarisProgram]
    skala: list[calc.Predikat]
    tanggal: datetime.date

    @property
    def lengkap(self) -> bool:
        return self.sampai == 4

    @property
    def periode(self) -> str:
        return (
            _("Triwulan I–%(tw)s") % {"tw": TRIWULAN_ROMAWI[self.sampai]}
            if self.sampai > 1
            else _("Triwulan I")
        )

    @property
    def tahun_lalu(self) -> int:
        return self.tahun - 1

    @property
    def indikator(self) -> list[IndikatorLKjIP]:
        return [i for s in self.sasaran for i in s.indikator]

    @property
    def rata_rata_capaian(self) -> Decimal | None:
        return rata_rata(i.ini.kumulatif.capaian for i in self.indikator)

    @property
    def predikat(self) -> calc.Predikat | None:
        return calc.predikat(self.rata_rata_capaian, self.skala)

    @property
    def total_anggaran(self) -> Decimal:
        return sum((p.anggaran for p in self.program), Decimal(0))

    @property
    def total_realisasi(self) -> Decimal | None:
        ada = [p.realisasi_sd for p in self.program if p.realisasi_sd is not None]
        return sum(ada, Decimal(0)) if ada else None

    @property
    def total_serapan(self) -> Decimal | None:
        return calc.serapan_anggaran(self.total_anggaran, self.total_realisasi)


def _kunci(ind: Indikator) -> tuple[str, str]:
    return ind.kode.strip().lower(), " ".join(ind.nama.lower().split())


def _cocokkan(lalu: list[Indikator]):
    """Look-up of last year's indicators: by code when it has one, else by name."""
    by_kode = {k: ind for ind in lalu if (k := _kunci(ind)[0])}
    by_nama = {_kunci(ind)[1]: ind for ind in lalu}

    def cari(ind: Indikator) -> Indikator | None:
        kode, nama = _kunci(ind)
        return (by_kode.get(kode) if kode else None) or by_nama.get(nama)

    return cari


def bandingkan(
    ini: Decimal | None, lalu: Decimal | None, ind: CapaianIndikator
) -> str | None:
    """This year's realisasi against last year's in the indicator's direction (`calculations.is_worse`)."""
    if ini is None or lalu is None:
        return None
    kw = {"target": ind.target_tahunan, "target_maks": ind.target_tahunan_maks}
    if calc.is_worse(lalu, ini, ind.polaritas, **kw):
        return Perbandingan.LEBIH_BURUK
    if calc.is_worse(ini, lalu, ind.polaritas, **kw):
        return Perbandingan.LEBIH_BAIK
    return Perbandingan.SAMA


def _arah_label(arah: str | None) -> str:
    return {
        Perbandingan.LEBIH_BAIK: _("lebih baik"),
        Perbandingan.LEBIH_BURUK: _("lebih buruk"),
        Perbandingan.SAMA: _("sama"),
    }.get(arah, "")


def analisis_fakta(
    item: CapaianIndikator,
    *,
    tahun: int,
    sampai: int,
    lalu: CapaianIndikator | None,
    lalu_sd: CapaianIndikator | None,
    ada_pk_lalu: bool,
) -> list[str]:
    """The facts an indicator's analysis starts from, as sentences in Indonesian: the year's
    result and predikat, the trend over the quarters, last year, and the notes entered with the data."""
    d, sat = item.desimal, item.satuan
    k = item.kumulatif
    periode = (
        _("tahun %(tahun)s") % {"tahun": tahun}
        if sampai == 4
        else _("tahun %(tahun)s s.d. Triwulan %(tw)s")
        % {"tahun": tahun, "tw": TRIWULAN_ROMAWI[sampai]}
    )
    fakta = []
    if k.capaian is not None:
        fakta.append(
            _(
                "Realisasi %(periode)s sebesar %(realisasi)s %(satuan)s dari target tahunan %(target)s "
                "%(satuan)s, capaian %(capaian)s dengan predikat %(predikat)s."
            )
            % {
                "periode": periode,
                "realisasi": fmt.angka(k.realisasi, d),
                "satuan": sat,
                "target": fmt.angka(k.target, d),
                "capaian": fmt.persen(k.capaian),
                "predikat": k.predikat,
            }
        )
    elif k.realisasi is None:
        fakta.append(_("Belum ada data realisasi %(periode)s.") % {"periode": periode})
    else:
        fakta.append(
            _(
                "Realisasi %(periode)s sebesar %(realisasi)s %(satuan)s; capaian tidak dapat dihitung "
                "(target tahunan %(target)s)."
            )
            % {
                "periode": periode,
                "realisasi": fmt.angka(k.realisasi, d),
                "satuan": sat,
                "target": fmt.angka(k.target, d),
            }
        )
    per_tw = [
        _("%(tw)s %(realisasi)s (capaian %(capaian)s)")
        % {
            "tw": n.label,
            "realisasi": fmt.angka(n.realisasi, d),
            "capaian": fmt.persen(n.capaian),
        }
        for n in item.triwulan
        if n.realisasi is not None
    ]
    if per_tw:
        fakta.append(
            _("Realisasi per triwulan: %(daftar)s.") % {"daftar": "; ".join(per_tw)}
        )
    berdata = [tw for tw in TRIWULAN if item.realisasi_per_tw.get(tw) is not None]
    for a, b in zip(berdata, berdata[1:], strict=False):
        arah = bandingkan(item.realisasi_per_tw[b], item.realisasi_per_tw[a], item)
        teks = {
            Perbandingan.LEBIH_BAIK: _("membaik"),
            Perbandingan.LEBIH_BURUK: _("memburuk"),
            Perbandingan.SAMA: _("tetap"),
        }[arah]
        fakta.append(
            _("Dari TW %(a)s ke TW %(b)s realisasi %(arah)s.")
            % {"a": TRIWULAN_ROMAWI[a], "b": TRIWULAN_ROMAWI[b], "arah": teks}
        )
    if not ada_pk_lalu:
        fakta.append(
            _("Tidak ada Perjanjian Kinerja tahun %(tahun)s untuk pembanding.")
            % {"tahun": tahun - 1}
        )
    elif lalu is None:
        fakta.append(
            _("Indikator ini tidak ada dalam Perjanjian Kinerja tahun %(tahun)s.")
            % {"tahun": tahun - 1}
        )
    else:
        kl = lalu.kumulatif
        fakta.append(
            _(
                "Realisasi tahun %(tahun)s sebesar %(realisasi)s %(satuan)s (capaian %(capaian)s)."
            )
            % {
                "tahun": tahun - 1,
                "realisasi": fmt.angka(kl.realisasi, d),
                "satuan": sat,
                "capaian": fmt.persen(kl.capaian),
            }
        )
        pembanding = lalu if sampai == 4 else lalu_sd
        arah = bandingkan(
            k.realisasi, pembanding.kumulatif.realisasi if pembanding else None, item
        )
        if arah is not None:
            if sampai == 4:
                fakta.append(
                    _("Dibandingkan tahun %(tahun)s, realisasi tahun ini %(arah)s.")
                    % {"tahun": tahun - 1, "arah": _arah_label(arah)}
                )
            else:
                fakta.append(
                    _(
                        "Dibandingkan periode yang sama tahun %(tahun)s (%(realisasi)s %(satuan)s), "
                        "realisasi tahun ini %(arah)s."
                    )
                    % {
                        "tahun": tahun - 1,
                        "realisasi": fmt.angka(pembanding.kumulatif.realisasi, d),
                        "satuan": sat,
                        "arah": _arah_label(arah),
                    }
                )
    for tw, catatan in sorted(item.catatan.items()):
        fakta.append(
            _("Catatan pengisian TW %(tw)s: %(catatan)s")
            % {"tw": TRIWULAN_ROMAWI[tw], "catatan": catatan}
        )
    return fakta


def lkjip_data(*, pd: PerangkatDaerah, tahun: int) -> DataLKjIP | None:
    """Bab III of the office's LKjIP for `tahun`; None when the office has no valid plan that year.

    The year is reported up to the latest quarter with realisasi (TW IV when complete);
    year-to-date values roll the quarters up by each indicator's `agregasi` and compare
    with the year's target. A constant number of queries.
    """
    perjanjian = pk_berlaku(pd=pd, tahun=tahun)
    if perjanjian is None:
        return None
    skala = skala_predikat()
    ind_qs = indikator_prefetch(Indikator.objects.all())
    sasaran = list(
        perjanjian.sasaran.prefetch_related(Prefetch("indikator", queryset=ind_qs))
    )
    semua = [ind for s in sasaran for ind in s.indikator.all()]
    sampai = triwulan_terakhir_berdata(semua) or 4
    lalu_pk = pk_berlaku(pd=pd, tahun=tahun - 1)
    cari = lambda ind: None  # noqa: E731 — no plan last year
    if lalu_pk is not None:
        cari = _cocokkan(list(indikator_prefetch(Indikator.objects.for_pk(lalu_pk))))
    hasil = []
    nomor = 0
    for s in sasaran:
        baris = []
        for ind in s.indikator.all():
            nomor += 1
            ini = hitung_indikator(ind, sampai=sampai, skala=skala)
            ind_lalu = cari(ind)
            lalu = (
                hitung_indikator(ind_lalu, sampai=4, skala=skala) if ind_lalu else None
            )
            lalu_sd = (
                hitung_indikator(ind_lalu, sampai=sampai, skala=skala)
                if ind_lalu
                else None
            )
            pembanding = lalu if sampai == 4 else lalu_sd
            baris.append(
                IndikatorLKjIP(
                    nomor=nomor,
                    ini=ini,
                    lalu=lalu,
                    lalu_sd=lalu_sd,
                    perbandingan=bandingkan(
                        ini.kumulatif.realisasi, pembanding.kumulatif.realisasi, ini
                    )
                    if pembanding
                    else None,
                    analisis=analisis_fakta(
                        ini,
                        tahun=tahun,
                        sampai=sampai,
                        lalu=lalu,
                        lalu_sd=lalu_sd,
                        ada_pk_lalu=lalu_pk is not None,
                    ),
                )
            )
        hasil.append(SasaranLKjIP(kode=s.kode, uraian=s.uraian, indikator=baris))
    return DataLKjIP(
        pd=pd,
        tahun=tahun,
        perjanjian=perjanjian,
        perjanjian_lalu=lalu_pk,
        sampai=sampai,
        sasaran=hasil,
        program=[baris_program(p, sampai=sampai) for p in program_prefetch(perjanjian)],
        skala=skala,
        tanggal=today(),
    )


def polaritas_label(polaritas: str) -> str:
    return (
        str(Polaritas(polaritas).label) if polaritas in Polaritas.values else polaritas
    )
