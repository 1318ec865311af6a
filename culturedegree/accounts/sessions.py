"""Django's database sessions, read with one plain statement (SESSION_ENGINE).

Every signed-in request loads its session first: the page, each heartbeat, every API call.
Django's store reads the row through the ORM, whose query building costs about as much
CPU again as the round trip and the decoding together (docs/decisions/0031). This store
reads the same row with one statement built once from the model's ``_meta``; writes, expiry,
deletion and sign-out everywhere are Django's own.

A key with no live row (unknown, expired, ended on another device) goes to Django's own
load, which forgets the key, so a visitor can never choose the key of the session they are
given. That costs a second query only for such a key.
"""

from functools import cache

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def load(self):
        database = router.db_for_read(self.model)
        with connections[database].cursor() as cursor:
            cursor.execute(_load_sql(self.model, database), [self.session_key, timezone.now()])
            row = cursor.fetchone()
        if row is None:
            return super().load()
        return self.decode(row[0])


@cache
def _load_sql(model, database: str) -> str:
    quote = connections[database].ops.quote_name
    meta = model._meta
    key, data, expiry = (
        quote(meta.get_field(name).column)
        for name in ("session_key", "session_data", "expire_date")
    )
    # Names from the model's _meta, quoted; the key and the time are bound parameters.
    return f"SELECT {data} FROM {quote(meta.db_table)} WHERE {key} = %s AND {expiry} > %s"  # noqa: S608
