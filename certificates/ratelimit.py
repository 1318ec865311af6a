"""A fixed-window limit on public look-ups per client address (SECURITY.md item 20).

One `INSERT ... ON CONFLICT DO UPDATE` per request counts the call (the database cache would
take a dozen queries for the same); the first call of a window also clears old windows.
"""

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone

from culturedegree.audit import client_ip

from .models import LookupCounter

WINDOW_SECONDS = 60
TABLE = LookupCounter._meta.db_table
COUNT_SQL = f"""
INSERT INTO {TABLE} (id, client, window_start, count) VALUES (gen_random_uuid(), %s, %s, 1)
ON CONFLICT (client, window_start) DO UPDATE SET count = {TABLE}.count + 1
RETURNING count
"""  # noqa: S608 (the table name is ours)


def client_key(request) -> str:
    address = client_ip(request) or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def retry_after(request) -> int | None:
    """Seconds to wait if this client is over the limit, else None (and count the call)."""
    now = timezone.now()
    window = now.replace(second=0, microsecond=0)
    with connection.cursor() as cursor:
        cursor.execute(COUNT_SQL, [client_key(request), window])
        count = cursor.fetchone()[0]
    if count == 1:
        LookupCounter.objects.filter(window_start__lt=window - dt.timedelta(minutes=1)).delete()
    if count > settings.CERTIFICATES_LOOKUPS_PER_MINUTE:
        return max(1, WINDOW_SECONDS - now.second)
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
