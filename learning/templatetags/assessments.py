"""The assessments a module page lists."""

from django import template
from django.utils import translation

from learning.content.shared import shared
from learning.models import Assessment

register = template.Library()


@register.simple_tag
def module_assessments(page) -> list[Assessment]:
    """The module's live assessments, in the interface language where translated.

    The same for every learner: kept per content version (publishing, unpublishing or
    deleting an assessment bumps it, learning/signal_handlers.py), so a warm module page asks
    nothing here."""
    language = translation.get_language()
    return shared("module-assessments", (page.pk, language), lambda: _live(page, language))


def _live(page, language: str) -> list[Assessment]:
    canonical_id = page.default_locale_page().pk
    rows = list(
        Assessment.objects.filter(module_id=canonical_id, live=True)
        .select_related("locale")
        .order_by("title")
    )
    keys = [row.translation_key for row in rows]
    translated = {}
    if keys:
        translated = {
            a.translation_key: a
            for a in Assessment.objects.filter(
                translation_key__in=keys, locale__language_code=language, live=True
            ).select_related("locale")
        }
    return [translated.get(row.translation_key, row) for row in rows]
