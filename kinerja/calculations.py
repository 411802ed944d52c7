"""Capaian (achievement) arithmetic: pure functions on `Decimal`, no ORM, no floats.

Every function accepts any `Decimal` (also negative, huge, NaN, Infinity) or
`None` and never raises; a result that cannot be computed is `None`, which the
pages show as "belum ada data" / "tidak dapat dihitung" — never a silent 0.
Results keep full precision; display rounding (half up at the indicator's decimals) belongs to
`umum.format` (`angka`, `persen`, the `format_id` template filters).

Direction (`polaritas`, the strings of `kinerja.models.Polaritas`):

* ``naik``  (higher is better):  ``capaian = R / T × 100``.
* ``turun`` (lower is better):   ``capaian = (2 − R / T) × 100``
  (PermenPAN-RB 8/2021, Bab VI; *not* ``T / R``, which explodes at R = 0 and
  is not linear in R).
* ``rentang`` (within a range [T, T_maks]): a value inside the range (bounds
  included) is 100; below the lower bound it is measured as ``naik`` against the
  lower bound (``R / T_min × 100``); above the upper bound as ``turun`` against
  the upper bound (``(2 − R / T_maks) × 100``). Without ``target_maks`` the range
  is the single point ``[T, T]``; bounds given the wrong way round are swapped.

Explicit rules for the corner cases:

* realisasi missing (``None``) or not finite → ``None`` ("belum ada data").
* target missing or not finite → ``None``.
* target 0, ``naik`` → ``None``: R / 0 is undefined, not 0 %.
* target 0, ``turun`` (e.g. "zero complaints"): R ≤ 0 → 100 (target met);
  R > 0 → 0 (target missed; how badly cannot be measured against zero).
* realisasi 0, ``turun``, T > 0 → 200 (the formula's own value).
* No cap and no floor: PermenPAN-RB allows capaian above 100, so 200 for a
  perfect lower-is-better result is reported as 200; and a lower-is-better
  realisasi more than twice its target gives a negative capaian, reported as is.
  The predikat scale maps everything from its lowest band down to that band.
* negative target: the formulas above are rewritten around ``|T|`` so that the
  direction is kept (a higher R is still better for ``naik``):
  ``naik``: ``(1 + (R − T) / |T|) × 100``; ``turun``: ``(1 − (R − T) / |T|) × 100``.
  For T > 0 these are exactly the PermenPAN formulas.
* a result too large to represent (overflow) → ``None``.

Roll-up of quarters (`agregasi`, the strings of `kinerja.models.Agregasi`) and
how quarterly targets (Rencana Aksi) read under each:

* ``jumlah``: quarterly values and targets are per quarter (a flow, e.g.
  investment realised in the quarter); the year-to-date value is their sum and
  the year's target should equal the sum of the four quarterly targets.
* ``terakhir``: values and targets are positions at the end of the quarter
  (cumulative, e.g. a satisfaction index, number of registered businesses); the
  year-to-date value is the latest quarter that has data; TW IV's target is the year's.
* ``rata_rata``: values per quarter; the year-to-date value is the mean of the
  quarters that have data; the year's target should equal the mean of the quarterly targets.
* ``manual``: the year's value is entered by hand as the final value: the
  year-to-date value up to quarter n is exactly quarter n's value (for the year,
  TW IV's), with no fallback to earlier quarters.

Quarters without data are left out of a roll-up (they are not counted as 0);
a roll-up over no data is ``None``.

Capaian of a quarter compares the quarter's realisasi with the quarter's target;
year-to-date capaian compares the rolled-up realisasi (TW I … TW n) with the
*year's* target (progress towards the year). The year's capaian is the
year-to-date capaian at TW IV.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, localcontext

from umum import format as fmt

NAIK = "naik"
TURUN = "turun"
RENTANG = "rentang"

JUMLAH = "jumlah"
TERAKHIR = "terakhir"
RATA_RATA = "rata_rata"
MANUAL = "manual"

SERATUS = Decimal(100)
DUA = Decimal(2)
NOL = Decimal(0)
TRIWULAN = (1, 2, 3, 4)

# Wide exponent range and no traps: an overflow becomes Infinity (→ None) instead of an exception.
# The computations keep full precision (28 digits); nothing here rounds for display.
_CTX = Context(prec=28, rounding=ROUND_HALF_UP, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[])


def _angka(value: object) -> Decimal | None:
    """`value` as a finite Decimal, or None (None, NaN, Infinity, garbage)."""
    if value is None or isinstance(value, bool):
        return None
    if not isinstance(value, Decimal):
        if isinstance(value, (int, str)):
            try:
                with localcontext(_CTX):
                    value = Decimal(value)
            except (ArithmeticError, ValueError, TypeError):
                return None
        else:
            return None
    return value if value.is_finite() else None


def _hasil(value: Decimal) -> Decimal | None:
    return value if value.is_finite() else None


def _capaian_naik(target: Decimal, realisasi: Decimal) -> Decimal | None:
    if target.is_zero():
        return None
    if target > 0:
        return _hasil(realisasi / target * SERATUS)
    return _hasil((1 + (realisasi - target) / abs(target)) * SERATUS)


def _capaian_turun(target: Decimal, realisasi: Decimal) -> Decimal | None:
    if target.is_zero():
        return SERATUS if realisasi <= 0 else NOL
    if target > 0:
        return _hasil((DUA - realisasi / target) * SERATUS)
    return _hasil((1 - (realisasi - target) / abs(target)) * SERATUS)


def capaian_persen(
    *,
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: str,
    target_maks: Decimal | None = None,
) -> Decimal | None:
    """Achievement in percent of `realisasi` against `target` in the indicator's direction.

    None when it cannot be computed (missing data, NAIK with target 0, unknown
    direction, overflow). See the module docstring for every rule.
    """
    with localcontext(_CTX):
        r = _angka(realisasi)
        t = _angka(target)
        if r is None or t is None:
            return None
        if polaritas == NAIK:
            return _capaian_naik(t, r)
        if polaritas == TURUN:
            return _capaian_turun(t, r)
        if polaritas == RENTANG:
            t_maks = _angka(target_maks)
            if target_maks is not None and t_maks is None:
                return None  # an upper bound was given but is NaN/Infinity
            lo, hi = (t, t if t_maks is None else t_maks)
            if lo > hi:
                lo, hi = hi, lo
            if r < lo:
                return _capaian_naik(lo, r)
            if r > hi:
                return _capaian_turun(hi, r)
            return SERATUS
        return None


def agregasi_triwulan(
    nilai: Mapping[int, Decimal | None] | Sequence[Decimal | None],
    *,
    agregasi: str,
    sampai: int = 4,
) -> Decimal | None:
    """Roll quarters TW I … TW `sampai` up to one value under `agregasi`.

    `nilai` maps quarter number (1–4) to its value, or is a sequence in quarter
    order. Works the same for realisasi and for quarterly targets. Quarters
    without a finite value are left out; None when nothing is left (or for
    `manual`, when quarter `sampai` itself has no value).
    """
    if isinstance(nilai, Mapping):
        per_tw = {tw: _angka(nilai.get(tw)) for tw in TRIWULAN}
    else:
        per_tw = {tw: _angka(v) for tw, v in zip(TRIWULAN, nilai)}
    if not isinstance(sampai, int) or isinstance(sampai, bool) or not 1 <= sampai <= 4:
        return None
    ada = [per_tw.get(tw) for tw in TRIWULAN if tw <= sampai and per_tw.get(tw) is not None]
    with localcontext(_CTX):
        if agregasi == MANUAL:
            return per_tw.get(sampai)
        if not ada:
            return None
        if agregasi == JUMLAH:
            return _hasil(sum(ada, NOL))
        if agregasi == TERAKHIR:
            return ada[-1]
        if agregasi == RATA_RATA:
            return _hasil(sum(ada, NOL) / len(ada))
    return None


def capaian_triwulan(
    *,
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: str,
    target_maks: Decimal | None = None,
) -> Decimal | None:
    """Capaian of one quarter: the quarter's realisasi against the quarter's own target."""
    return capaian_persen(target=target, realisasi=realisasi, polaritas=polaritas, target_maks=target_maks)


def capaian_kumulatif(
    *,
    target_tahunan: Decimal | None,
    realisasi: Mapping[int, Decimal | None] | Sequence[Decimal | None],
    polaritas: str,
    agregasi: str,
    sampai: int = 4,
    target_tahunan_maks: Decimal | None = None,
) -> Decimal | None:
    """Year-to-date capaian: realisasi TW I … TW `sampai`, rolled up, against the year's target.

    With `sampai=4` this is the capaian of the whole year.
    """
    nilai = agregasi_triwulan(realisasi, agregasi=agregasi, sampai=sampai)
    return capaian_persen(target=target_tahunan, realisasi=nilai, polaritas=polaritas, target_maks=target_tahunan_maks)


def target_konsisten(
    *,
    target_tahunan: Decimal | None,
    target_triwulan: Mapping[int, Decimal | None] | Sequence[Decimal | None],
    agregasi: str,
) -> bool | None:
    """Whether the quarterly targets roll up to the year's target (a warning on the plan, not an error).

    None when it cannot be checked (missing targets or `manual` roll-up).
    """
    tahunan = _angka(target_tahunan)
    if tahunan is None or agregasi == MANUAL:
        return None
    if isinstance(target_triwulan, Mapping):
        lengkap = all(_angka(target_triwulan.get(tw)) is not None for tw in TRIWULAN)
    else:
        lengkap = len(target_triwulan) >= 4 and all(_angka(v) is not None for v in list(target_triwulan)[:4])
    if not lengkap:
        return None
    gabungan = agregasi_triwulan(target_triwulan, agregasi=agregasi, sampai=4)
    if gabungan is None:
        return None
    with localcontext(_CTX):
        # compare at 4 decimals (the stored precision): a mean of four may not be exact
        return gabungan.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP) == tahunan.quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        )


def serapan_anggaran(anggaran: Decimal | None, realisasi: Decimal | None) -> Decimal | None:
    """Budget absorption `realisasi / anggaran × 100`; None when either is missing or the budget is ≤ 0."""
    with localcontext(_CTX):
        a = _angka(anggaran)
        r = _angka(realisasi)
        if a is None or r is None or a <= 0:
            return None
        return _hasil(r / a * SERATUS)


@dataclass(frozen=True)
class Predikat:
    """One band of a predikat scale: capaian ≥ `batas_bawah` → `nama`."""

    batas_bawah: Decimal
    nama: str
    warna: str = "#6c757d"


# Permendagri 86/2017: ≥ 91 Sangat Tinggi, 76–90 Tinggi, 66–75 Sedang, 51–65 Rendah, ≤ 50 Sangat Rendah.
SKALA_BAKU: tuple[Predikat, ...] = (
    Predikat(Decimal(91), "Sangat Tinggi", "#198754"),
    Predikat(Decimal(76), "Tinggi", "#0d6efd"),
    Predikat(Decimal(66), "Sedang", "#ffc107"),
    Predikat(Decimal(51), "Rendah", "#fd7e14"),
    Predikat(Decimal(0), "Sangat Rendah", "#dc3545"),
)


def predikat(capaian: Decimal | None, skala: Iterable[Predikat] | None = None) -> Predikat | None:
    """The band of `skala` (default: Permendagri 86/2017) that `capaian` falls in.

    Boundary rule for non-integers: the capaian is first rounded half-up to two
    decimals (what the table displays) and then compared with each band's lower
    bound, so the regulation's gaps between integer bands belong to the lower
    band: 90.99 → Tinggi, 90.995 (displayed 91,00) → Sangat Tinggi, 50.5 →
    Sangat Rendah. A capaian below the lowest bound (e.g. negative) gets the
    lowest band. None when capaian is None or the scale is empty.
    """
    nilai = bulatkan(capaian)
    if nilai is None:
        return None
    bands = sorted(skala if skala is not None else SKALA_BAKU, key=lambda p: p.batas_bawah, reverse=True)
    if not bands:
        return None
    for band in bands:
        if nilai >= band.batas_bawah:
            return band
    return bands[-1]


def _jarak_ke_rentang(nilai: Decimal, lo: Decimal, hi: Decimal) -> Decimal:
    if nilai < lo:
        return lo - nilai
    if nilai > hi:
        return nilai - hi
    return NOL


def is_worse(
    prev: Decimal | None,
    cur: Decimal | None,
    polaritas: str,
    *,
    target: Decimal | None = None,
    target_maks: Decimal | None = None,
) -> bool:
    """Whether `cur` is worse than `prev` in the indicator's direction (a note is then required).

    ``naik``: cur < prev; ``turun``: cur > prev; ``rentang``: cur lies further
    outside the range [target, target_maks] than prev (False without a range).
    False when either value is missing: nothing to compare.
    """
    with localcontext(_CTX):
        p = _angka(prev)
        c = _angka(cur)
        if p is None or c is None:
            return False
        if polaritas == NAIK:
            return c < p
        if polaritas == TURUN:
            return c > p
        if polaritas == RENTANG:
            lo = _angka(target)
            if lo is None:
                return False
            hi = _angka(target_maks)
            hi = lo if hi is None else hi
            lo, hi = min(lo, hi), max(lo, hi)
            return _jarak_ke_rentang(c, lo, hi) > _jarak_ke_rentang(p, lo, hi)
        return False


def bulatkan(value: Decimal | None, places: int = 2) -> Decimal | None:
    """`value` rounded half up to `places` decimals, for display only; None stays None.

    Display rounding has one home, `umum.format` (`fmt.bulatkan`, which `angka`, `persen`
    and the templates' filters use); this name stays for the callers that still ask here.
    The capaian and roll-ups computed above are never rounded before they reach it.
    Like every function here it never raises: a value too large to round (more than
    1000 digits) comes back unchanged."""
    v = _angka(value)
    if v is None:
        return None
    if v.adjusted() > 1000:
        return v
    return fmt.bulatkan(v, places)
