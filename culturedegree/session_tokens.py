"""allauth headless session tokens, looked up in one query instead of two.

allauth's SessionTokenStrategy checks `exists()` and then loads the session; its own
`sessionkit.lookup_session` loads it once (a missing or expired session clears the key).
Every API call made with `X-Session-Token` pays this, heartbeats included.
"""

from allauth.headless.internal import sessionkit
from allauth.headless.tokens.strategies.sessions import SessionTokenStrategy
from django.contrib.sessions.backends.base import SessionBase


class OneQuerySessionTokenStrategy(SessionTokenStrategy):
    def lookup_session(self, session_token: str) -> SessionBase | None:
        return sessionkit.lookup_session(session_token)
