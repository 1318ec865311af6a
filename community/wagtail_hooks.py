"""The report queue in the Wagtail admin menu, and the moderation actions' audit labels."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, moderation


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_moderate_anything(request.user)


@hooks.register("register_admin_urls")
def report_queue_urls():
    return [
        path("community/reports/", admin_views.report_queue, name="community_reports"),
        path(
            "community/reports/<uuid:report_id>/",
            admin_views.handle_report,
            name="community_handle_report",
        ),
        path(
            "community/bans/<uuid:ban_id>/lift/",
            admin_views.lift_ban,
            name="community_lift_ban",
        ),
    ]


@hooks.register("register_admin_menu_item")
def report_queue_menu_item():
    return ModeratorsMenuItem(
        _("Discussion reports"), reverse("community_reports"), icon_name="warning", order=450
    )


@hooks.register("register_log_actions")
def moderation_log_actions(actions):
    for action, label in moderation.ACTIONS.items():
        actions.register_action(action, label, label)
