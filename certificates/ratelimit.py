"""A fixed-window limit on public look-ups per client address (SECURITY.md item 20)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse

from culturedegree.audit import client_ip

WINDOW_SECONDS = 60


def retry_after(request, *, bucket: str = "lookup") -> int | None:
    """Seconds to wait if this client is over the limit, else None (and count the call)."""
    now = int(time.time())
    window = now - now % WINDOW_SECONDS
    key = f"certificates:rate:{bucket}:{client_ip(request) or 'unknown'}:{window}"
    cache.add(key, 0, WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1
    if count > settings.CERTIFICATES_LOOKUPS_PER_MINUTE:
        return window + WINDOW_SECONDS - now or 1
    return None


def too_many(seconds: int):
    response = JsonResponse({"message": "Too many look-ups. Try again in a minute."}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def limited(view):
    """Answer 429 with Retry-After once the client has made too many public look-ups."""

    def wrapped(request, *args, **kwargs):
        wait = retry_after(request)
        if wait is not None:
            return too_many(wait)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    wrapped.__module__ = view.__module__
    return wrapped
