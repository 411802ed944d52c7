"""Access rules shared by every view: office sealing and role checks.

A person sees and changes only his own office's data, and only what his role
allows; the kabupaten administrator sees every office (read access).
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from .models import PerangkatDaerah
from .roles import PeranPegawai, is_admin_kabupaten, pengguna_masuk, peran_user


def peran_request(request: HttpRequest) -> PeranPegawai:
    """The signed-in person's roles, computed once per request.

    They are kept with the user object's `Masuk` (``request.user.sakip_masuk.peran``),
    so that permission checks deeper down (django-fsm ``permission=``, which get only the
    user) give the same answer without computing it again."""
    user = request.user
    if not user.is_authenticated:
        return peran_user(user)
    masuk = pengguna_masuk(user)
    if masuk.peran is None:
        masuk.peran = peran_user(user)
    return masuk.peran


def can_view_office(request: HttpRequest, pd_id: int) -> bool:
    if is_admin_kabupaten(request.user):
        return True
    peran = peran_request(request)
    return peran.pegawai is not None and peran.pegawai.perangkat_daerah_id == pd_id


def ensure_office(request: HttpRequest, pd_id: int) -> None:
    """404 for another office's objects: their existence is not revealed."""
    if not can_view_office(request, pd_id):
        raise Http404


def ensure_peran(request: HttpRequest, pd_id: int, *peran: str) -> PeranPegawai:
    """The person must belong to office `pd_id` (404 otherwise) and hold one of `peran` (403 otherwise)."""
    p = peran_request(request)
    if p.pegawai is None or p.pegawai.perangkat_daerah_id != pd_id:
        raise Http404
    if not any(p.punya(x) for x in peran):
        raise PermissionDenied
    return p


def office_of(request: HttpRequest) -> PerangkatDaerah | None:
    p = peran_request(request)
    return p.pegawai.perangkat_daerah if p.pegawai else None


def require_pegawai(view):
    """Views for office staff: a login without a Pegawai record (other than the kabupaten admin) gets 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if peran_request(request).pegawai is None and not is_admin_kabupaten(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
