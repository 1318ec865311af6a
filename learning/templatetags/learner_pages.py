from django import template
from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from culturedegree.templatetags.components import icon
from learning.content.localization import learner_url, untranslated_language_name
from learning.content.shared import locale_languages

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
        languages = locale_languages()
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


@register.simple_tag
def outline_lines(children) -> str:
    """The lines of the learner's outline (``partials/page_progress.html``): each child with
    a link (none while locked) and the learner's mark on it: done, started with its share,
    or locked with what to finish first, and the minutes left. Rendered here rather than by
    a template loop, which cost a program page 1.5 of its 10 ms (docs/decisions/0031)."""
    return format_html_join("\n", "{}", ((_outline_line(child),) for child in children))


def _outline_line(child: dict) -> str:
    mark, title, url = child.get("mark"), child["title"], child["url"]
    state = mark["state"] if mark else ""
    if state == "locked":
        label = format_html("<span>{}</span>", title)
    else:
        label = format_html('<a href="{}">{}</a>', url, title)
    return format_html(
        '<li class="journey-outline__line" data-line-state="{}">{}{}</li>',
        state,
        label,
        _outline_mark(mark) if mark else "",
    )


def _outline_mark(mark: dict) -> str:
    state = mark["state"]
    if state == "done":
        body = format_html(
            '<span class="journey-mark__icon">{}</span><span class="visually-hidden">{}</span>',
            icon("check"),
            gettext("Completed"),
        )
    elif state == "started":
        body = format_html(
            '<span class="journey-mark__icon" aria-hidden="true">◐</span>'
            '<span class="visually-hidden">{}</span>{}',
            gettext("Started"),
            f" {mark['percent']}%" if mark.get("percent") else "",
        )
    elif state == "locked":
        locked_by = mark.get("locked_by")
        if locked_by:
            # As {% blocktranslate %}: the message is ours, the course titles are escaped.
            said = mark_safe(  # noqa: S308
                gettext("Locked: finish %(courses)s first")
                % {"courses": conditional_escape(", ".join(locked_by))}
            )
        else:
            said = gettext("Locked")
        body = format_html('<span class="journey-mark__icon">{}</span> {}', icon("lock"), said)
    else:
        body = ""
    left = mark.get("minutes_left")
    if left:
        body = format_html(
            '{}<span class="journey-mark__left">{}</span>',
            body,
            ngettext("%(minutes)s min left", "%(minutes)s min left", left) % {"minutes": left},
        )
    return format_html(
        '<span class="journey-mark journey-mark--{}" data-mark="{}">{}</span>', state, state, body
    )
