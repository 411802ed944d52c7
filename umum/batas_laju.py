"""A fixed-window rate limit on Django's cache framework.

The count lives in the ``default`` cache, so every app server shares it when the cache
is shared (Redis, Memcached, the database cache); with the per-process local-memory
cache each process counts on its own, which still bounds a burst.
"""

from django.core.cache import cache


def dalam_batas(kunci: str, *, batas: int, jendela_detik: int) -> bool:
    """Count one more event under ``kunci``; False once more than ``batas`` fall in the window.

    The window starts at the first event and lasts ``jendela_detik`` seconds.
    """
    nama = f"batas-laju:{kunci}"
    cache.add(nama, 0, timeout=jendela_detik)
    try:
        jumlah = cache.incr(nama)
    except ValueError:  # the window ended between add() and incr()
        cache.set(nama, 1, timeout=jendela_detik)
        jumlah = 1
    return jumlah <= batas
