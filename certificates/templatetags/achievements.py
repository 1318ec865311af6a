from django import template

from certificates.summary import achievements_summary

register = template.Library()


@register.inclusion_tag("certificates/partials/dashboard_achievements.html", takes_context=True)
def achievements_panel(context):
    """The achievements, streak and points panel of My learning (not part of the cached
    dashboard body: it is read fresh, in a constant number of queries)."""
    request = context["request"]
    return {
        "summary": achievements_summary(learner=request.user),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
