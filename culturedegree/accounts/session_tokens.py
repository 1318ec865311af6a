"""The app's session token (``X-Session-Token``), looked up in one query.

allauth's SessionTokenStrategy asks the session store whether the key exists and then loads
it: two queries on every app request, heartbeats included. This strategy loads the session
once; a key that is unknown or expired leaves the store without a key, which answers "no
session" as allauth's does. Tokens are still the session keys allauth creates.
"""

from importlib import import_module

from allauth.headless.tokens.strategies.sessions import SessionTokenStrategy
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase


class OneQuerySessionTokenStrategy(SessionTokenStrategy):
    def lookup_session(self, session_token: str) -> SessionBase | None:
        store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_token)
        store.keys()  # loads the session; an unknown or expired key clears session_key
        return store if store.session_key else None
