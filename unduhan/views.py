from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dokumen.unduhan import berkas_pribadi

from . import services
from .models import UnduhanSiap


@login_required
@require_POST
def mulai(request, jenis: str):
    """Start a prepared download of kind `jenis` with the POSTed parameters; answers at once
    with a redirect to its status page, before the file exists."""
    p = services.pembuat(jenis)
    if p is None:
        raise Http404
    parameter = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    if not p.boleh(request, parameter):
        raise PermissionDenied
    u = services.unduhan_mulai(pemilik=request.user, jenis=jenis, parameter=parameter)
    return redirect(u)


@login_required
def status(request, pk):
    """Progress of one's own prepared download, and its link when it is ready (404 for others)."""
    u = get_object_or_404(UnduhanSiap, pk=pk, pemilik=request.user)
    return render(
        request,
        "unduhan/status.html",
        {"unduhan": u, "boleh": services.boleh_unduh(u, request)},
    )


@login_required
def berkas(request, pk):
    """The prepared file, for the person who asked for it while he still has the right (404 otherwise)."""
    u = get_object_or_404(UnduhanSiap, pk=pk, status=UnduhanSiap.Status.SELESAI)
    if not services.boleh_unduh(u, request):
        raise Http404
    return berkas_pribadi(u.berkas, nama=u.nama_berkas, content_type=u.jenis_konten)
