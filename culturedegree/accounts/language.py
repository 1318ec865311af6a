"""The interface follows the signed-in user's preferred language."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from wagtail.models import Site


def _wagtail_page_exists(*, request: HttpRequest, path: str, language: str) -> bool:
    """Whether Wagtail serves ``path`` (without language prefix) in ``language``'s tree."""
    site = Site.find_for_request(request)
    if site is None:
        return False
    components = [component for component in path.split("/") if component]
    with translation.override(language):
        root = site.root_page.localized.specific
        try:
            root.route(request, components)
        except Http404:
            return False
    return True


def localised_url(*, url: str, language: str, request: HttpRequest | None = None) -> str:
    """``url`` under ``language``'s prefix, when that page exists there; otherwise ``url``."""
    if url in ("", "/"):
        return f"/{language}/"
    source = translation.get_language_from_path(url) or language
    # translate_url resolves under the active language, so resolve under the URL's own.
    with translation.override(source):
        try:
            match = resolve(url.split("?")[0])
        except Resolver404:
            return url
        translated = translate_url(url, language)
    # A page may not be translated yet: better the page asked for than a 404.
    if match.url_name != "wagtail_serve" or translated == url:
        return translated
    path = match.args[0] if match.args else ""
    if request is not None and _wagtail_page_exists(request=request, path=path, language=language):
        return translated
    return url


def switch_language(*, response: HttpResponseBase, language: str) -> None:
    """Activate ``language`` for the rest of the request and remember it in the cookie."""
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def redirect_in_language(
    *, request: HttpRequest, response: HttpResponseBase, language: str
) -> HttpResponseBase:
    """Point a redirect at ``language``'s version of its target and set the language cookie."""
    location = response.get("Location")
    if location is not None:
        response["Location"] = localised_url(url=location, language=language, request=request)
    switch_language(response=response, language=language)
    return response
