"""The kinerja contracts this engine uses, in one place.

`kinerja.selectors` / `kinerja.services` own these operations; the two small
fallbacks below only keep the SOP engine usable if the kinerja module is absent
(same query, same field), and are not used once it exists.
"""

from __future__ import annotations

from django.utils import timezone

from kinerja.models import PerjanjianKinerja


def pk_berlaku(*, pd, tahun: int) -> PerjanjianKinerja | None:
    try:
        from kinerja.selectors import pk_berlaku as impl
    except ImportError:
        return PerjanjianKinerja.objects.filter(
            perangkat_daerah=pd, tahun=tahun, berlaku=True
        ).first()
    return impl(pd=pd, tahun=tahun)


def pk_lock(*, perjanjian: PerjanjianKinerja, actor) -> None:
    """Frozen-year rule: the plan a cycle runs with is locked (by `actor`, who opens the cycle)."""
    try:
        from kinerja.services import pk_lock as impl
    except ImportError:
        PerjanjianKinerja.objects.filter(
            pk=perjanjian.pk, dikunci_pada__isnull=True
        ).update(dikunci_pada=timezone.now())
        return
    impl(perjanjian=perjanjian, actor=actor)


def tabel_pengukuran(*, perjanjian: PerjanjianKinerja, triwulan: int) -> dict:
    from kinerja.selectors import tabel_pengukuran as impl

    return impl(perjanjian=perjanjian, triwulan=triwulan).as_dict()


def realisasi_save(**kwargs):
    from kinerja.services import realisasi_save as impl

    return impl(**kwargs)


def bukti_add(**kwargs):
    from kinerja.services import bukti_add as impl

    return impl(**kwargs)
