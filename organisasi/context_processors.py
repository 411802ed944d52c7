from .access import peran_request
from .roles import is_admin_kabupaten


def pegawai(request):
    """The signed-in person, his roles and whether he is the kabupaten admin."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    peran = peran_request(request)
    return {
        "saya": peran.pegawai,
        "peran_saya": peran,
        "admin_kabupaten": is_admin_kabupaten(user),
    }
