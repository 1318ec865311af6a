"""One version number for all learning content, bumped whenever what learners see changes.

Cached fragments (catalog cards, syllabi, outlines) put the version in their key, so a publish,
unpublish, move or delete anywhere makes every stale fragment unreachable at once; the cache
evicts them in its own time. Simpler and safer than tracking which fragment shows which page.

The version is a PostgreSQL sequence (migration 0007), not a cache entry: culling or a cache
restart cannot send it back to an old number whose fragments may still be cached
(docs/decisions/0031-signed-in-page-speed.md). A request reads it once
(``ContentVersionMiddleware``); outside a request every call reads the sequence.
"""

from contextvars import ContextVar

from django.core.cache import cache
from django.db import connection

CONTENT_VERSION_SEQUENCE = "learning_content_version"

# The version read by the current request, or None outside a request.
_request_version: ContextVar[list | None] = ContextVar("learning_content_version", default=None)
# The shared values this request already read (learning.content.shared), by their full key,
# or None outside a request. Lives and dies with the request, so no other request (and so no
# other learner) ever sees an object this one holds.
_request_values: ContextVar[dict | None] = ContextVar("learning_shared_values", default=None)


def request_values() -> dict | None:
    """This request's memo of shared values (a dict), or None outside a request."""
    return _request_values.get()


# A sequence nobody has called yet reports its start as last_value, and its first nextval
# hands out that same number: counting one more once it was called makes the first bump
# move the version too.
def _read_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT last_value + is_called::int FROM {CONTENT_VERSION_SEQUENCE}"  # noqa: S608
        )
        return cursor.fetchone()[0]


def content_version() -> int:
    """The current content version: never smaller than any version handed out before."""
    memo = _request_version.get()
    if memo is None:
        return _read_version()
    if not memo:
        memo.append(_read_version())
    return memo[0]


def bump_content_version() -> int:
    """Make every cached fragment stale (call after the change commits)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s) + 1", [CONTENT_VERSION_SEQUENCE])
        version = cursor.fetchone()[0]
    memo = _request_version.get()
    if memo is not None:
        memo[:] = [version]
    return version


class ContentVersionMiddleware:
    """Read the content version at most once per request (and only if something asks), and
    give the request its own memo of the shared values it reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set([])
        values_token = _request_values.set({})
        try:
            return self.get_response(request)
        finally:
            _request_values.reset(values_token)
            _request_version.reset(token)


class AnonymousPageCacheMiddleware:
    """Serve repeat anonymous GETs of the learner site from the cache, before routing.

    Only visitors without a session cookie, Authorization or X-Session-Token header are served
    from it, and only responses that are 200, set no cookie and are not marked private or
    no-cache are stored (so nothing with a CSRF token, a flash message or a learner's state is
    ever shared). Keys carry the content version: a publish, unpublish, move or delete
    elsewhere makes every entry stale.
    ``ANONYMOUS_PAGE_CACHE_SECONDS = 0`` turns it off.
    """

    CACHED_PREFIXES = ("/api/v3/pages/",)

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.timeout = getattr(settings, "ANONYMOUS_PAGE_CACHE_SECONDS", 300)
        self.private_cookies = {settings.SESSION_COOKIE_NAME, "messages"}
        self.language_prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        key = self._key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self._may_store(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, self.timeout)
        return response

    def _may_use_cache(self, request) -> bool:
        return (
            self.timeout > 0
            and request.method in ("GET", "HEAD")
            and not self.private_cookies & request.COOKIES.keys()
            and "HTTP_AUTHORIZATION" not in request.META
            and "HTTP_X_SESSION_TOKEN" not in request.META
            and "HTTP_HX_REQUEST" not in request.META
            and request.path.startswith(self.language_prefixes + self.CACHED_PREFIXES)
            and "/accounts/" not in request.path
        )

    def _key(self, request) -> str:
        import hashlib

        url = f"{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(url.encode()).hexdigest()
        return f"learning:page:{content_version()}:{request.method}:{digest}"

    @staticmethod
    def _may_store(response) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and "private" not in cache_control
            and "no-cache" not in cache_control
            and "no-store" not in cache_control
        )
