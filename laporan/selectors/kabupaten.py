"""The kabupaten overview: every office's quarter at a glance, for the administrator."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja import calculations as calc
from kinerja.models import Indikator, PerjanjianKinerja, Realisasi
from kinerja.selectors import skala_predikat
from organisasi.models import PerangkatDaerah
from sop import worktime
from sop.models import LangkahBerjalan, ProsesPengukuran, ProsesPengumpulan, Siklus
from sop.selectors import kalender_kerja

from ._capaian import TRIWULAN, hitung_kumulatif, rata_rata

# Steps of each SOP already behind a process in a given state (SOP A has 6 steps, SOP B 5).
LANGKAH_SELESAI_A = {
    ProsesPengumpulan.Status.DISPOSISI_KADIN: 0, ProsesPengumpulan.Status.DISPOSISI_KABID: 1,
    ProsesPengumpulan.Status.PEMBAGIAN_TUGAS: 2, ProsesPengumpulan.Status.PENGUMPULAN: 3,
    ProsesPengumpulan.Status.PERSIAPAN: 5, ProsesPengumpulan.Status.SELESAI: 6,
}
LANGKAH_SELESAI_B = {
    ProsesPengukuran.Status.PERSIAPAN: 0, ProsesPengukuran.Status.PENGUKURAN: 1, ProsesPengukuran.Status.REVIU: 2,
    ProsesPengukuran.Status.PENGESAHAN: 3, ProsesPengukuran.Status.PENGARSIPAN: 4,
    ProsesPengukuran.Status.DIARSIPKAN: 5,
}
JUMLAH_LANGKAH = 11

URUTAN = ("nama", "tahap", "capaian", "terlambat")


@dataclass(frozen=True)
class BarisKantor:
    pd: PerangkatDaerah
    siklus: Siklus | None
    status_pengumpulan: str
    status_pengukuran: str
    tahap: int | None
    jumlah_iku: int
    jumlah_berdata: int
    rata_rata_capaian: Decimal | None
    predikat: calc.Predikat | None
    # IKUs per predikat band, in scale order: (band, count)
    sebaran: list[tuple[calc.Predikat, int]]
    terlambat_selesai: int
    terlambat_berjalan: int

    @property
    def terlambat(self) -> int:
        return self.terlambat_selesai + self.terlambat_berjalan

    @property
    def ada_pk(self) -> bool:
        return self.jumlah_iku > 0


def tahap_siklus(siklus: Siklus | None) -> int | None:
    """How many of the quarter's eleven SOP steps are behind it (None without a cycle)."""
    if siklus is None:
        return None
    a = getattr(siklus, "pengumpulan", None)
    b = getattr(siklus, "pengukuran", None)
    return (LANGKAH_SELESAI_A.get(a.status, 0) if a else 0) + (LANGKAH_SELESAI_B.get(b.status, 0) if b else 0)


def triwulan_terakhir(*, tahun: int, kabupaten: str | None = None) -> int:
    """The latest quarter of `tahun` in which any office has opened a cycle (TW I when none)."""
    qs = Siklus.objects.filter(tahun=tahun)
    if kabupaten:
        qs = qs.filter(perangkat_daerah__kabupaten=kabupaten)
    return qs.aggregate(tw=Max("triwulan"))["tw"] or 1


def _kunci(urut: str):
    def nilai(b: BarisKantor):
        return {
            "nama": b.pd.nama.lower(), "tahap": b.tahap, "capaian": b.rata_rata_capaian, "terlambat": b.terlambat,
        }[urut]

    return nilai


def urutkan(baris: list[BarisKantor], urut: str) -> list[BarisKantor]:
    """Sort by `urut` (one of URUTAN, "-" in front for descending); rows without a value go last
    either way, ties by office name. An unknown key sorts by name."""
    turun = urut.startswith("-")
    kunci = urut.lstrip("-")
    if kunci not in URUTAN:
        kunci, turun = "nama", False
    ambil = _kunci(kunci)
    per_nama = sorted(baris, key=lambda b: b.pd.nama.lower())
    ada = [b for b in per_nama if ambil(b) is not None]
    kosong = [b for b in per_nama if ambil(b) is None]
    return sorted(ada, key=ambil, reverse=turun) + kosong


def ringkasan_kabupaten(
    *, tahun: int, triwulan: int, kabupaten: str | None = None, urut: str = "nama"
) -> list[BarisKantor]:
    """Every office (of `kabupaten`, or all) in quarter `triwulan` of `tahun`: the state of
    its cycle, the year-to-date capaian of its IKUs (mean, predikat, spread over the
    bands) and its late steps (finished over the standard, and open past it now).

    A constant number of queries, whatever the number of offices or indicators.
    """
    pds = PerangkatDaerah.objects.all()
    if kabupaten:
        pds = pds.filter(kabupaten=kabupaten)
    pds = list(pds.order_by("nama"))
    pd_ids = [p.pk for p in pds]
    skala = skala_predikat()
    siklus = {
        s.perangkat_daerah_id: s
        for s in Siklus.objects.filter(perangkat_daerah_id__in=pd_ids, tahun=tahun, triwulan=triwulan)
        .select_related("pengumpulan", "pengukuran")
    }
    pk_ke_pd = dict(
        PerjanjianKinerja.objects.filter(perangkat_daerah_id__in=pd_ids, tahun=tahun, berlaku=True)
        .values_list("pk", "perangkat_daerah_id")
    )
    # Only the year to date is shown: plain rows (no model instances, no quarterly targets).
    iku = list(
        Indikator.objects.filter(sasaran__perjanjian_id__in=list(pk_ke_pd), is_iku=True)
        .values_list("pk", "sasaran__perjanjian_id", "target_tahunan", "target_tahunan_maks", "polaritas", "agregasi")
    )
    realisasi: dict[int, dict[int, Decimal | None]] = {i[0]: dict.fromkeys(TRIWULAN) for i in iku}
    for ind_id, tw, nilai_tw in Realisasi.objects.filter(indikator_id__in=list(realisasi)).values_list(
        "indikator_id", "triwulan", "nilai"
    ):
        realisasi[ind_id][tw] = nilai_tw
    capaian: dict[int, list] = {}
    for ind_id, pk_id, target, target_maks, polaritas, agregasi in iku:
        capaian.setdefault(pk_ke_pd[pk_id], []).append(hitung_kumulatif(
            target_tahunan=target, target_tahunan_maks=target_maks, polaritas=polaritas, agregasi=agregasi,
            realisasi=realisasi[ind_id], sampai=triwulan, skala=skala,
        ))
    siklus_ids = [s.pk for s in siklus.values()]
    selesai_lewat = dict(
        LangkahBerjalan.objects.filter(siklus_id__in=siklus_ids, selesai__isnull=False,
                                       menit_kerja__gt=F("standar_menit"))
        .order_by().values("siklus__perangkat_daerah_id").annotate(n=Count("pk"))
        .values_list("siklus__perangkat_daerah_id", "n")
    )
    terbuka = list(
        LangkahBerjalan.objects.terbuka().filter(siklus_id__in=siklus_ids)
        .values_list("siklus__perangkat_daerah_id", "mulai", "standar_menit")
    )
    berjalan_lewat: dict[int, int] = {}
    if terbuka:
        kal = kalender_kerja()
        now = timezone.now()
        for pd_id, mulai, standar in terbuka:
            if worktime.menit_kerja(mulai, now, kal) > standar:
                berjalan_lewat[pd_id] = berjalan_lewat.get(pd_id, 0) + 1
    baris = []
    for pd in pds:
        s = siklus.get(pd.pk)
        nilai = capaian.get(pd.pk, [])
        rata = rata_rata(n.capaian for n in nilai)
        sebaran = [(band, sum(1 for n in nilai if n.predikat == band.nama)) for band in skala]
        a = getattr(s, "pengumpulan", None) if s else None
        b = getattr(s, "pengukuran", None) if s else None
        baris.append(BarisKantor(
            pd=pd, siklus=s,
            status_pengumpulan=str(a.get_status_display()) if a else "",
            status_pengukuran=str(b.get_status_display()) if b else "",
            tahap=tahap_siklus(s),
            jumlah_iku=len(nilai), jumlah_berdata=sum(1 for n in nilai if n.capaian is not None),
            rata_rata_capaian=rata, predikat=calc.predikat(rata, skala),
            sebaran=sebaran,
            terlambat_selesai=selesai_lewat.get(pd.pk, 0), terlambat_berjalan=berjalan_lewat.get(pd.pk, 0),
        ))
    return urutkan(baris, urut)


def kolom_urut(urut: str) -> list[dict[str, str]]:
    """The sortable column headers: each with the sort key a click sets (toggling the
    direction of the current column) and its `aria-sort` state."""
    label = {"nama": _("Perangkat daerah"), "tahap": _("Tahap siklus"), "capaian": _("Capaian IKU"),
             "terlambat": _("Langkah terlambat")}
    aktif, turun = urut.lstrip("-"), urut.startswith("-")
    if aktif not in URUTAN:
        aktif, turun = "nama", False
    kolom = []
    for k in URUTAN:
        if k == aktif:
            kolom.append({"kunci": k, "label": label[k], "urut": k if turun else f"-{k}",
                          "aria": "descending" if turun else "ascending"})
        else:
            # numbers read best largest first, names A–Z
            kolom.append({"kunci": k, "label": label[k], "urut": k if k == "nama" else f"-{k}", "aria": "none"})
    return kolom
