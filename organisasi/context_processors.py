from .roles import is_admin_kabupaten, peran_user


def pegawai(request):
    """The signed-in person, his roles and whether he is the kabupaten admin."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not hasattr(request, "_peran_cache"):
        request._peran_cache = peran_user(user)
    peran = request._peran_cache
    return {"saya": peran.pegawai, "peran_saya": peran, "admin_kabupaten": is_admin_kabupaten(user)}
