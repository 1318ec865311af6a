"""The interface follows the signed-in user's preferred language."""

from django.conf import settings
from django.http import HttpResponseBase
from django.urls import translate_url
from django.utils import translation


def localised_url(*, url: str, language: str) -> str:
    """``url`` under ``language``'s prefix; URLs outside the translated patterns are kept."""
    if url in ("", "/"):
        return f"/{language}/"
    # translate_url resolves under the active language, so resolve under the URL's own.
    with translation.override(translation.get_language_from_path(url) or language):
        return translate_url(url, language)


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


def redirect_in_language(*, response: HttpResponseBase, language: str) -> HttpResponseBase:
    """Point a redirect at ``language``'s version of its target and set the language cookie."""
    location = response.get("Location")
    if location is not None:
        response["Location"] = localised_url(url=location, language=language)
    switch_language(response=response, language=language)
    return response
