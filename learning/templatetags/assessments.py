"""The assessments a module page lists."""

from django import template
from django.utils import translation

from learning.models import Assessment

register = template.Library()


@register.simple_tag
def module_assessments(page) -> list[Assessment]:
    """The module's live assessments, in the interface language where translated. Two
    queries: the canonical module id, then the assessments."""
    canonical_id = page.default_locale_page().pk
    rows = list(
        Assessment.objects.filter(module_id=canonical_id, live=True)
        .select_related("locale")
        .order_by("title")
    )
    keys = [row.translation_key for row in rows]
    language = translation.get_language()
    translated = {}
    if keys:
        translated = {
            a.translation_key: a
            for a in Assessment.objects.filter(
                translation_key__in=keys, locale__language_code=language, live=True
            )
        }
    return [translated.get(row.translation_key, row) for row in rows]
