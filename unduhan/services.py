"""Prepared downloads: start one (the page answers at once), make it in a task, serve it.

A kind of download is registered once, in code, with `daftarkan(Pembuat(...))`: how to make
the file, who may have it, and its title. The registry holds code, not results. The file is
served only to the person who started it, and only while the kind's rights check still lets
him have it (the same check as at the start).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import UnduhanSiap

log = logging.getLogger(__name__)

Lapor = Callable[[int], None]


@dataclass(frozen=True)
class Pembuat:
    """One kind of prepared download."""

    jenis: str
    # (parameter, report progress in %) -> (bytes, file name, content type)
    buat: Callable[[dict, Lapor], tuple[bytes, str, str]]
    # may the person of this request have it? (at the start and again at the download)
    boleh: Callable[[HttpRequest, dict], bool]
    judul: Callable[[dict], str]


_PEMBUAT: dict[str, Pembuat] = {}


def daftarkan(pembuat: Pembuat) -> Pembuat:
    _PEMBUAT[pembuat.jenis] = pembuat
    return pembuat


def pembuat(jenis: str) -> Pembuat | None:
    return _PEMBUAT.get(jenis)


def boleh_unduh(unduhan: UnduhanSiap, request: HttpRequest) -> bool:
    """The person who asked for it, while the kind still lets him have it."""
    p = pembuat(unduhan.jenis)
    return (
        unduhan.pemilik_id == request.user.pk
        and p is not None
        and p.boleh(request, unduhan.parameter)
    )


@transaction.atomic
def unduhan_mulai(
    *, pemilik: AbstractBaseUser, jenis: str, parameter: dict
) -> UnduhanSiap:
    """Record the request and queue its task once the transaction commits; returns at once.
    The caller has checked the kind's rights (`Pembuat.boleh`)."""
    from .tasks import siapkan_unduhan

    p = pembuat(jenis)
    if p is None:
        raise LookupError(jenis)
    u = UnduhanSiap.objects.create(
        pemilik=pemilik,
        jenis=jenis,
        parameter=parameter,
        judul=p.judul(parameter)[:200],
    )
    transaction.on_commit(lambda: siapkan_unduhan.enqueue(str(u.pk)))
    return u


def unduhan_jalankan(*, unduhan_id: str) -> UnduhanSiap:
    """The task's body: make the file, store it, mark the download ready (or failed)."""
    u = UnduhanSiap.objects.get(pk=unduhan_id)
    if u.selesai:
        return u
    p = pembuat(u.jenis)
    UnduhanSiap.objects.filter(pk=u.pk).update(
        status=UnduhanSiap.Status.BERJALAN, kemajuan=0
    )

    def lapor(persen: int) -> None:
        UnduhanSiap.objects.filter(pk=u.pk).update(
            kemajuan=max(0, min(99, int(persen)))
        )

    try:
        if p is None:
            raise LookupError(f"jenis unduhan tidak dikenal: {u.jenis}")
        data, nama, jenis_konten = p.buat(u.parameter, lapor)
    except Exception:
        log.exception("unduhan %s (%s) gagal", u.pk, u.jenis)
        UnduhanSiap.objects.filter(pk=u.pk).update(
            status=UnduhanSiap.Status.GAGAL,
            pesan=_("Berkas gagal disiapkan. Silakan coba lagi."),
            selesai_pada=timezone.now(),
        )
        u.refresh_from_db()
        return u
    u.refresh_from_db()
    u.berkas.save(nama, ContentFile(data), save=False)
    u.nama_berkas, u.jenis_konten = nama, jenis_konten
    u.status, u.kemajuan, u.selesai_pada = (
        UnduhanSiap.Status.SELESAI,
        100,
        timezone.now(),
    )
    u.save()
    return u
