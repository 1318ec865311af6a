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
