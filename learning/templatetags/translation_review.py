"""The translation editor's review bar: progress, what is out of date, submit for review."""

from django import template

from learning.admin.translation_review import translation_state

register = template.Library()


@register.inclusion_tag("learning/admin/translation_review_bar.html", takes_context=True)
def translation_review_bar(context, translation, page):
    request = context["request"]
    source_page = translation.source.get_source_instance()
    permissions = page.permissions_for_user(request.user)
    return {
        "request": request,
        "translation": translation,
        "state": translation_state(translation=translation, page=page, source_page=source_page),
        "workflow_state": page.current_workflow_state,
        "can_submit": permissions.can_edit() and permissions.can_submit_for_moderation(),
        "csrf_token": context.get("csrf_token"),
    }
