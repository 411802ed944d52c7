"""`selectors._capaian.predikat_terurut`: the band `kinerja.calculations.predikat` gives, with
the scale sorted once per page instead of once per capaian (dashboard bars, kabupaten IKUs)."""

from __future__ import annotations

import random
from decimal import Decimal

from kinerja import calculations as calc
from laporan.selectors._capaian import predikat_terurut, skala_terurut

SKALA = [
    list(calc.SKALA_BAKU),
    list(reversed(calc.SKALA_BAKU)),
    [],
    [calc.Predikat(Decimal(50), "A"), calc.Predikat(Decimal(50), "B"), calc.Predikat(Decimal("75.5"), "C")],
    [calc.Predikat(Decimal(10), "satu")],
    [calc.Predikat(Decimal("-20"), "negatif"), calc.Predikat(Decimal("100.005"), "penuh")],
]


def _capaian() -> list:
    tetap = [None, Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), 91, 90.995, "91",
             *(Decimal(v) for v in ("0", "-0", "-5", "50", "50.5", "50.994", "50.995", "75.499", "75.5", "90.99",
                                    "90.994999", "90.995", "91", "100", "100.004", "100.005", "1E+40", "-1E+40",
                                    "1E-30", "9" * 40))]
    rng = random.Random(3)
    acak = [Decimal(rng.randint(-20000, 200000)).scaleb(-rng.randint(0, 6)) for _ in range(2000)]
    return tetap + acak


def test_predikat_terurut_is_calc_predikat():
    for skala in SKALA:
        bands = skala_terurut(skala)
        for c in _capaian():
            assert predikat_terurut(c, bands) is calc.predikat(c, skala), (c, skala)
