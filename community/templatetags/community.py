from django import template
from django.utils.translation import gettext as _

from ..notifications import mention_handle

register = template.Library()


@register.filter
def person(user) -> str:
    """A person as other learners see them: their name, never their email address."""
    if user is None:
        return _("Deleted learner")
    return user.name or _("A learner")


@register.filter
def handle(user) -> str:
    return mention_handle(user) if user is not None else ""
