"""The client's network address, read through the trusted reverse proxies.

Behind a reverse proxy every request arrives from the proxy's address; the client's own
address is in ``X-Forwarded-For``, to which each proxy appends the address it received the
request from. Only the last ``TRUSTED_PROXY_COUNT`` entries were written by our proxies;
anything to their left was sent by the client and may be forged. So the client is the
entry ``TRUSTED_PROXY_COUNT`` places from the right, and with no trusted proxy (the
default) the header is ignored and ``REMOTE_ADDR`` is the client.

django-axes reads it through ``AXES_CLIENT_IP_CALLABLE`` (lock-outs hit the attacker's
address, not the account everywhere) and so does the verification page's rate limit.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def alamat_klien(request: HttpRequest) -> str:
    """The client's IP address: ``REMOTE_ADDR``, or the entry written by the outermost trusted proxy."""
    langsung = request.META.get("REMOTE_ADDR", "")
    jumlah_proksi = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if jumlah_proksi <= 0:
        return langsung
    diteruskan = [
        a.strip()
        for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if a.strip()
    ]
    if len(diteruskan) < jumlah_proksi:
        # Not through every trusted proxy (a direct request, or a misconfigured proxy).
        return langsung
    kandidat = diteruskan[-jumlah_proksi]
    try:
        return str(ipaddress.ip_address(kandidat))
    except ValueError:
        return langsung
