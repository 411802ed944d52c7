from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from organisasi.access import peran_request
from organisasi.roles import is_admin_kabupaten
from sop.selectors.inbox import inbox_for


@login_required
def beranda(request):
    """Home: greets the person and lists the SOP work waiting for him."""
    peran = peran_request(request)
    tugas = inbox_for(peran=peran) if peran.pegawai else []
    return render(
        request,
        "beranda.html",
        {
            "peran": peran,
            "tugas": tugas,
            "is_admin_kabupaten": is_admin_kabupaten(request.user),
        },
    )
