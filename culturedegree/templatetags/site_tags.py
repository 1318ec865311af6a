"""Template tags of the learner site's frame: catalog link, language switcher, breadcrumbs."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Locale, Page

register = template.Library()


@register.simple_tag(takes_context=True)
def may_access_admin(context) -> bool:
    """Whether the Wagtail userbar can show (its own check costs two queries a page)."""
    from culturedegree.admin_access import may_access_admin as user_may_access_admin

    request = context.get("request")
    return user_may_access_admin(getattr(request, "user", None))


@register.simple_tag
def notification_poll_seconds() -> int:
    """How often the bell asks for the unread count (NOTIFICATION_POLL_SECONDS)."""
    return settings.NOTIFICATION_POLL_SECONDS


@register.filter(is_safe=True)
def with_site_name(title: str) -> str:
    """A page title followed by the site's name, once: the home page and any page titled
    like the site read just "Culture Degree"."""
    title = title.strip()
    if not title or title == settings.WAGTAIL_SITE_NAME:
        return settings.WAGTAIL_SITE_NAME
    return f"{title} · {settings.WAGTAIL_SITE_NAME}"


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str


def _wagtail_page(context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) else None


def swap_language_prefix(*, path: str, language_code: str) -> str:
    """The same path under another language prefix (every learner URL is prefixed)."""
    codes = {code for code, _name in settings.LANGUAGES}
    segments = path.lstrip("/").split("/", 1)
    rest = segments[1] if len(segments) > 1 and segments[0] in codes else ""
    return f"/{language_code}/{rest}"


def _home_urls(request: HttpRequest | None) -> dict[str, str]:
    from culturedegree.models import HomePage

    return {
        home.locale.language_code: home.get_url(request)
        for home in HomePage.objects.live().select_related("locale")
    }


def _page_language_urls(page: Page, request: HttpRequest | None) -> dict[str, str]:
    urls = _home_urls(request)
    translations = (
        Page.objects.live().filter(translation_key=page.translation_key).select_related("locale")
    )
    urls.update({t.locale.language_code: t.get_url(request) for t in translations})
    return urls


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """One link per interface language to this page in that language.

    Wagtail pages link to their live translation, else that language's home page (or its
    bare prefix); other URLs keep their path under the other language prefix.
    """
    request = context.get("request")
    current = get_language()
    page = _wagtail_page(context)
    urls: dict[str, str] = {}
    if page is not None:
        from learning.content.shared import shared

        host = request.get_host() if request is not None else ""
        urls = shared("language-links", (page.pk, host), lambda: _page_language_urls(page, request))
    path = request.path if request is not None and page is None else "/"
    return [
        LanguageLink(
            code=code,
            name=name,
            url=urls.get(code) or swap_language_prefix(path=path, language_code=code),
            is_current=code == current,
        )
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def catalog_url(context) -> str:
    """The URL of the live catalog in the current language, or "" when there is none.

    A language without its own catalog gets the default language's, under its own prefix:
    the site serves untranslated pages there with the interface in that language.
    """
    from learning.content.caching import content_version

    request = context.get("request")
    host = request.get_host() if request is not None else ""
    key = f"site:catalog-url:{content_version()}:{get_language()}:{host}"
    fragments = caches["fragments"]  # versioned key: a worker's own copy is never stale
    url = fragments.get(key)
    if url is None:
        url = _catalog_url(request)
        fragments.set(key, url, timeout=3600)
    return url


def _catalog_url(request: HttpRequest | None) -> str:
    from learning.models import ProgramIndexPage

    try:
        active = Locale.get_active()
    except Locale.DoesNotExist:
        return ""
    catalogs = {
        catalog.locale_id: catalog
        for catalog in ProgramIndexPage.objects.live().filter(
            locale__language_code__in=[active.language_code, settings.LANGUAGE_CODE]
        )
    }
    catalog = catalogs.get(active.pk) or next(iter(catalogs.values()), None)
    if catalog is None:
        return ""
    url = catalog.get_url(request)
    if catalog.locale_id != active.pk:
        url = swap_language_prefix(path=url, language_code=active.language_code)
    return url


@register.simple_tag(takes_context=True)
def page_breadcrumbs(context, page: Page | None = None) -> list[Crumb]:
    """The live ancestors of a Wagtail page from the home page down, for the breadcrumb."""
    page = page or _wagtail_page(context)
    if page is None:
        return []
    request = context.get("request")
    ancestors = page.get_ancestors().filter(depth__gte=2).live()
    return [Crumb(title=ancestor.title, url=ancestor.get_url(request)) for ancestor in ancestors]
