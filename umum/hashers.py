"""How passwords are stored.

Argon2id with OWASP's recommended minimum (19 MiB of memory, 2 passes, 1 lane) instead
of Django's default PBKDF2 with 1,000,000 SHA-256 rounds. Per guess, Argon2id costs
an attacker memory as well as time, which GPUs and ASICs cannot cheapen the way they
cheapen PBKDF2, so it resists an offline attack on a stolen database better at a
fraction of the server's time: about 25 ms per sign-in on our 2-core servers instead
of about 500 ms — which matters at 07:30, when a whole office signs in at once.
Online guessing is stopped separately, by django-axes (locked after 5 failures).

Existing PBKDF2 hashes keep working (PBKDF2 stays listed) and are re-hashed with
Argon2id at the person's next sign-in; so are Argon2 hashes made with other
parameters (Django compares them on every sign-in).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id, m=19 MiB, t=2, p=1 (OWASP Password Storage Cheat Sheet, first option)."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
