"""Small pieces of markup every page repeats, as tags rather than included templates.

An item page showed about a dozen icons, each an ``{% include %}``: a template look-up, a new
context and a ``{% static %}``. A tag is one function call (docs/decisions/0031).
"""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()

ICON_SPRITE = "img/icons.svg"


@register.simple_tag
def icon(name: str, directional: bool = False) -> str:
    """An icon from static/img/icons.svg, decorative (hidden from assistive technology).

        {% load components %}{% icon "clock" %}

    ``directional=True`` for icons that point (arrows): they mirror in right-to-left languages.
    """
    return format_html(
        '<svg class="icon{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        " icon--directional" if directional else "",
        static(ICON_SPRITE),
        name,
    )
