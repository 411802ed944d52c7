"""The idle timeout without a session write on every request.

`SESSION_SAVE_EVERY_REQUEST = True` kept the 30-minute idle timeout by writing the
session row (an UPDATE) on every request of a signed-in person. This middleware writes it
only when the session's last write is older than `SESSION_TOUCH_INTERVAL` seconds (60 by
default): the row's expiry then moves forward at most once a minute, and a person is
signed out between `SESSION_COOKIE_AGE - SESSION_TOUCH_INTERVAL` and `SESSION_COOKIE_AGE`
seconds after his last request (29 to 30 minutes with the defaults).

It uses the documented session API only: a timestamp stored under one key, whose change
marks the session modified, so `SessionMiddleware` saves it (with a new expiry) on the way
out. Place it right after `AuthenticationMiddleware`.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

SESSION_KEY = (
    "sentuh"  # seconds since the epoch of the session's last write by this middleware
)


class SentuhSesiMiddleware:
    """Write a signed-in person's session at most once per `SESSION_TOUCH_INTERVAL` seconds."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.interval = getattr(settings, "SESSION_TOUCH_INTERVAL", 60)

    def __call__(self, request):
        # anonymous visitors keep no session row (as SessionMiddleware does for empty sessions)
        if request.user.is_authenticated:
            now = int(
                timezone.now().timestamp()
            )  # the clock the session's expiry is set by
            if now - request.session.get(SESSION_KEY, 0) >= self.interval:
                request.session[SESSION_KEY] = now
        return self.get_response(request)


def tandai_sentuhan_saat_masuk(sender, request, user, **kwargs) -> None:
    """Signing in writes the session anyway: count that as its last touch, so the first
    page after the sign-in does not write it again."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = int(timezone.now().timestamp())
