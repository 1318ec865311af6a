"""What is the same for every visitor, worked out once per content version and kept in memory.

Wagtail routes a request through the site, the home page, its translation and each level below,
two queries a level, and asks each ancestor for view restrictions: the same answer for every
request until content changes. Here that answer is kept in the worker's ``fragments`` cache
under the content version (learning.content.caching), which every publish, unpublish, move,
delete and change of a site, locale or view restriction bumps, so a kept answer is never
stale. What is kept is content only (a page as published, a URL, a title); nothing here
depends on who asks.
See docs/decisions/0031-signed-in-page-speed.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction

from .caching import content_version, request_values

SHARED_SECONDS = 86400
MISSING = object()


def fragments():
    return caches["fragments"]


def shared(name: str, parts: tuple, build: Callable[[], Any]) -> Any:
    """``build()``'s value, kept per content version under ``name`` and ``parts``.

    Only for values every visitor is shown alike: the key carries no learner. Within a request
    a value is read from ``fragments`` (and unpickled) once: the request's memo
    (``caching.request_values``) hands the same object to its later readers, and goes with
    the request. A value read through it must not be changed in place."""
    key = ":".join(["learning:shared", name, str(content_version()), *map(str, parts)])
    memo = request_values()
    if memo is not None:
        value = memo.get(key, MISSING)
        if value is not MISSING:
            return value
    cache = fragments()
    value = cache.get(key, MISSING)
    if value is MISSING:
        value = build()
        cache.set(key, value, SHARED_SECONDS)
    if memo is not None:
        memo[key] = value
    return value


def route(request, path: str):
    """Wagtail's route for this request (page, args, kwargs), or Http404. A page routed
    without arguments is kept for the next request to the same host, language and path."""
    parts = (request.get_host(), request.get_port(), translation.get_language(), path)
    key = ":".join(["learning:route", str(content_version()), *map(str, parts)])
    cache = fragments()
    page = cache.get(key)
    if page is not None:
        return page, (), {}
    result = Page.route_for_request(request, path)
    if result is None:
        raise Http404
    page, args, kwargs = result
    if not args and not kwargs:
        cache.set(key, page, SHARED_SECONDS)
    return page, args, kwargs


def url_parts(page: Page, request, build: Callable[[HttpRequest | None], Any]):
    """``build(request)`` (Wagtail's ``Page.get_url_parts``) for a request, kept per content
    version. Its answer depends on the page's ``url_path`` (in the key, so a draft's own path
    never reads another's), the sites (a change bumps the version), the active language and,
    where a page belongs to several sites, the request's host. Without a request, not kept."""
    if not isinstance(request, HttpRequest):
        return build(request)
    path = hashlib.sha256(page.url_path.encode()).hexdigest()  # a bounded key
    parts = (path, translation.get_language(), request.get_host())
    return shared("url-parts", parts, lambda: build(request))


def is_unrestricted(page: Page) -> bool:
    """Whether no view restriction applies to the page or an ancestor (kept per version)."""

    def build() -> bool:
        restrictions = Page.get_view_restrictions(page)
        return not restrictions.exists()

    return shared("unrestricted", (page.pk,), build)


def view_restrictions(page: Page):
    """Page.get_view_restrictions, answered without a query when none applies (the usual
    case). Still a queryset, as Wagtail's admin expects."""
    if page.pk and is_unrestricted(page):
        return PageViewRestriction.objects.none()
    return Page.get_view_restrictions(page)


def restricted_paths() -> list[str]:
    """The paths of the pages that carry a view restriction (kept per version)."""
    return shared(
        "restricted-paths",
        (),
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def public(queryset):
    """``queryset.public()`` (Wagtail's: no page under a view restriction) without its query."""
    under_restriction = Q()
    for path in restricted_paths():
        under_restriction |= Q(path__startswith=path)
    return queryset.exclude(under_restriction) if under_restriction else queryset


def hidden_paths() -> list[str]:
    """The paths of unpublished pages that have children (kept per version)."""
    return shared(
        "hidden-paths",
        (),
        lambda: list(
            Page.objects.filter(live=False, numchild__gt=0).values_list("path", flat=True)
        ),
    )


def locale_languages() -> dict[int, str]:
    """Every locale's language code by id."""
    return shared("locales", (), lambda: dict(Locale.objects.values_list("id", "language_code")))


def locale_for(language_code: str | None) -> Locale | None:
    """The Locale of a language code, or None (kept per version)."""
    return shared(
        "locale",
        (language_code,),
        lambda: Locale.objects.filter(language_code=language_code).first(),
    )


def default_locale() -> Locale:
    """The default Locale (kept per version)."""
    return shared("default-locale", (), Locale.get_default)
