from django import template
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.translation import ngettext
from wagtail.models import Locale

from learning.content.localization import learner_url, untranslated_language_name

register = template.Library()


@register.simple_tag(takes_context=True)
def content_lang(context, page) -> str:
    """` lang=".." dir=".."` for an element holding text of ``page`` when the page is shown
    in another language than the interface (an untranslated fallback); nothing otherwise.

    Only the content is marked, so the interface around it keeps the learner's language and
    direction. Locales are read once per request."""
    if page is None:
        return ""
    request = context.get("request")
    languages = getattr(request, "content_locale_languages", None)
    if languages is None:
        languages = dict(Locale.objects.values_list("id", "language_code"))
        if request is not None:
            request.content_locale_languages = languages
    language = languages.get(page.locale_id)
    if language is None or language == translation.get_language():
        return ""
    try:
        direction = "rtl" if translation.get_language_info(language)["bidi"] else "ltr"
    except KeyError:
        direction = "auto"
    return format_html(' lang="{}" dir="{}"', language, direction)


@register.simple_tag(takes_context=True)
def learner_pageurl(context, page) -> str:
    return learner_url(page, context.get("request"))


@register.simple_tag
def untranslated_language(page) -> str | None:
    """The active language's name when ``page`` is shown untranslated, else None."""
    return untranslated_language_name(page)


@register.simple_tag(takes_context=True)
def content_text(context, page, text) -> str:
    """``text`` of ``page``, in a span marked with its language when it is a fallback, for
    use inside a translated sentence: {% content_text page page.title as title %}."""
    attributes = content_lang(context, page)
    if not attributes:
        return conditional_escape(text)
    return format_html("<span{}>{}</span>", attributes, text)


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
