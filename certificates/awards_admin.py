"""The staff's list of earned achievements (Wagtail's generic index: filters, search on the
learner's email, pagination), scoped to their programs by certificates.award_access, and the
page listing the special achievements they may award."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from learning.journey.staff_access import programs_for_staff
from learning.models import ProgramPage

from .award_access import (
    awardable_achievements,
    awards_for_staff,
    in_programs,
    may_list_awards,
)
from .models import Achievement, UserAchievement


class AwardFilterSet(WagtailFilterSet):
    achievement = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Achievement"), queryset=Achievement.objects.none()
    )
    program = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Program"),
        queryset=ProgramPage.objects.none(),
        method="filter_program",
    )

    class Meta:
        model = UserAchievement
        fields = ["achievement", "program"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is None:
            return
        programs = programs_for_staff(user=request.user)
        self.filters["program"].queryset = programs.order_by("title")
        achievements = Achievement.objects.filter(locale=Locale.get_default())
        if not request.user.is_superuser:
            achievements = achievements.filter(Q(program__isnull=True) | Q(program__in=programs))
        self.filters["achievement"].queryset = achievements.order_by("name")

    def filter_program(self, queryset, name, value):
        return queryset.filter(in_programs([value.pk])) if value else queryset


class AwardsPolicy(ModelPermissionPolicy):
    """Awards are made by the evaluation and the award screen only: staff list those of
    their programs."""

    def user_has_permission(self, user, action):
        return action == "view" and may_list_awards(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and may_list_awards(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and awards_for_staff(user=user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" not in actions:
            return UserAchievement.objects.none()
        return awards_for_staff(user=user)


def how_awarded(award: UserAchievement) -> str:
    if award.awarded_by_id is None:
        return _("Automatically")
    return _("Awarded by %(staff)s: %(reason)s") % {
        "staff": award.awarded_by.email,
        "reason": award.reason,
    }


class AwardIndexView(IndexView):
    def get_base_queryset(self):
        return awards_for_staff(user=self.request.user).select_related(
            "learner", "achievement__program", "awarded_by"
        )

    @cached_property
    def permissions_asked(self) -> dict[str, bool]:
        return {}

    def user_has_permission(self, permission):
        # Asked for each row's buttons: the answer does not change within a request.
        if permission not in self.permissions_asked:
            self.permissions_asked[permission] = super().user_has_permission(permission)
        return self.permissions_asked[permission]

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if awardable_achievements(user=self.request.user).exists():
            buttons.append(
                HeaderButton(
                    _("Award an achievement"),
                    url=reverse("certificates_award_choose"),
                    icon_name="pick",
                )
            )
        return buttons


class AwardViewSet(ModelViewSet):
    model = UserAchievement
    icon = "pick"
    menu_label = gettext_lazy("Awards")
    add_to_admin_menu = True
    menu_order = 291  # beside Achievements
    index_view_class = AwardIndexView
    copy_view_enabled = False
    form_fields = ["reason"]  # required by ModelViewSet; nobody may add or change an award
    filterset_class = AwardFilterSet
    list_display = [
        Column("learner", label=gettext_lazy("Learner"), accessor="learner.email"),
        Column("achievement", label=gettext_lazy("Achievement"), accessor="achievement.name"),
        Column("program", label=gettext_lazy("Program"), accessor="achievement.program.title"),
        DateColumn("earned_at", label=gettext_lazy("Earned"), sort_key="earned_at"),
        Column("how", label=gettext_lazy("How"), accessor=how_awarded),
    ]
    search_fields = ["learner__email"]
    ordering = "-earned_at"
    list_per_page = 50


register_permission_policy(UserAchievement, AwardsPolicy(UserAchievement))
award_viewset = AwardViewSet("achievement_awards", url_prefix="achievements/awards")


@hooks.register("register_admin_viewset")
def register_award_viewset():
    return award_viewset


def choose_view(request):
    """The special achievements this member of staff may award, each with its award link."""
    achievements = awardable_achievements(user=request.user).select_related("program")
    if not may_list_awards(request.user) and not achievements.exists():
        raise PermissionDenied
    return TemplateResponse(
        request, "certificates/admin/award_choose.html", {"achievements": achievements}
    )


@hooks.register("register_admin_urls")
def award_choose_urls():
    return [path("achievements/award/", choose_view, name="certificates_award_choose")]
