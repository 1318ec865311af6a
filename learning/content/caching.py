"""One version number for all learning content, bumped whenever what learners see changes.

Cached fragments (catalog cards, syllabi, outlines) put the version in their key, so a publish,
unpublish, move or delete anywhere makes every stale fragment unreachable at once; the cache
evicts them in its own time. Simpler and safer than tracking which fragment shows which page.
"""

from django.core.cache import cache

CONTENT_VERSION_KEY = "learning:content-version"


def content_version() -> int:
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, 1, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY, 1)
    return version


def bump_content_version() -> None:
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 2, timeout=None)


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
