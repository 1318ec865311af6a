from django import template

from certificates.dashboard_panel import panel_html

register = template.Library()


@register.simple_tag(takes_context=True)
def achievements_panel(context):
    """The achievements, streak and points panel of My learning, kept per learner beside the
    cached journey body, under its own fingerprint (certificates.dashboard_panel)."""
    request = context["request"]
    return panel_html(learner=request.user, request=request)
