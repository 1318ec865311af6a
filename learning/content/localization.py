"""Untranslated pages: learners browsing in another language see the default-language page.

A page that has no translation in the learner's language is served from the default-language
tree under the learner's own URL prefix (``/fr/...``), so the interface stays in their language
and the page carries a notice saying it is not yet translated. The home page, the catalog and
search list such pages in the default language, with the same notice; the language switcher
only lists real translations.
"""

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import translation
from wagtail.models import Locale, Page


def route_with_fallback(*, page: Page, request, path_components: list[str], route):
    """Route as Wagtail does; if the child is missing here, look under the default-locale page.

    Wagtail routes through a page that is not live to its live children; an unpublished
    course or module hides everything under it instead.
    """
    if path_components and not page.live:
        raise Http404
    try:
        return route(request, path_components)
    except Http404:
        if not path_components:
            raise
        default_locale = Locale.get_default()
        if page.locale_id == default_locale.pk:
            raise
        canonical = page.get_translation_or_none(default_locale)
        if canonical is None:
            raise
        return canonical.specific.route(request, path_components)


def learner_url(page: Page, request=None) -> str:
    """The page's URL under the active language prefix, so links keep the learner's language."""
    url = page.get_url(request) or ""
    language = translation.get_language() or settings.LANGUAGE_CODE
    parts = url.split("/", 2)
    is_prefixed = len(parts) == 3 and parts[0] == "" and parts[1] in dict(settings.LANGUAGES)
    if is_prefixed and parts[1] != language:
        return f"/{language}/{parts[2]}"
    return url


def untranslated_language_name(page: Page) -> str | None:
    """The active language's name when ``page`` is shown in place of a missing translation."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if page.locale.language_code == language:
        return None
    return str(dict(settings.LANGUAGES).get(language, language))


def shown_in_language(queryset: QuerySet, *, language_code: str) -> QuerySet:
    """The pages of ``queryset`` a learner reading ``language_code`` is shown: those in their
    language, and default-language pages that have no live translation into it yet."""
    default_locale = Locale.get_default()
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None or locale.pk == default_locale.pk:
        return queryset.filter(locale=default_locale)
    translated = Page.objects.live().filter(locale=locale).values("translation_key")
    return queryset.filter(
        Q(locale=locale) | Q(locale=default_locale) & ~Q(translation_key__in=translated)
    )


def languages_shown_in(language_code: str) -> list[str]:
    """The languages whose pages a learner reading ``language_code`` sees: theirs, then the
    default language's for pages not translated yet."""
    return list(dict.fromkeys([language_code, settings.LANGUAGE_CODE]))


def exclude_under_unpublished(queryset: QuerySet) -> QuerySet:
    """Drop pages below an unpublished page: Wagtail leaves them live when a parent is unpublished.

    Only unpublished pages that have children matter, and editors keep those few.
    """
    hidden_paths = Page.objects.filter(live=False, numchild__gt=0).values_list("path", flat=True)
    under_hidden = Q()
    for path in hidden_paths:
        under_hidden |= Q(path__startswith=path)
    return queryset.exclude(under_hidden) if under_hidden else queryset
