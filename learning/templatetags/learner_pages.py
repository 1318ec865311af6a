from django import template
from django.utils.translation import ngettext

from ..localization import learner_url, untranslated_language_name

register = template.Library()


@register.simple_tag(takes_context=True)
def learner_pageurl(context, page) -> str:
    return learner_url(page, context.get("request"))


@register.simple_tag
def untranslated_language(page) -> str | None:
    """The active language's name when ``page`` is shown untranslated, else None."""
    return untranslated_language_name(page)


@register.filter
def duration_minutes(minutes: int | None) -> str:
    """A human duration: '45 min', '2 h', '2 h 30 min'."""
    if not minutes:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return ngettext("%(count)d min", "%(count)d min", rest) % {"count": rest}
    if not rest:
        return ngettext("%(count)d h", "%(count)d h", hours) % {"count": hours}
    return ngettext("%(hours)d h %(minutes)d min", "%(hours)d h %(minutes)d min", hours) % {
        "hours": hours,
        "minutes": rest,
    }
