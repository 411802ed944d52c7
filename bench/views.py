"""The benchmark's floor: the cheapest signed-in page the stack can serve.

Routed only when `settings.BENCH_FLOOR` is on (`bench/run.py` sets it). It pays what
every page pays — middleware, the session read and save, the user lookup — and
nothing else, so a page's time divided by this one is the cost of the page itself.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def floor(request):
    """Two bytes of plain text for a signed-in user."""
    return HttpResponse(b"ok", content_type="text/plain; charset=utf-8")
