"""Editors' side of the journey: enrollments per program (filters, CSV/XLSX export) and the
refusal to delete or move pages that learners have records on."""

import django_filters
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Enrollment, EnrollmentStatus, ProgramPage, Progress
from .staff_access import programs_for_staff


def learner_records_under(page) -> int:
    """How many enrollments and progress rows point at this page or a page below it."""
    descendants = {"path__startswith": page.path}
    enrollments = Enrollment.objects.filter(
        program__in=ProgramPage.objects.filter(**descendants)
    ).count()
    progress = Progress.objects.filter(content_item__path__startswith=page.path).count()
    return enrollments + progress


@hooks.register("before_delete_page")
def refuse_deleting_pages_with_learner_records(request, page):
    count = learner_records_under(page)
    if count:
        messages.error(
            request,
            _(
                "“%(title)s” cannot be deleted: learners have %(count)s enrollment or progress "
                "records on it or the pages below it. Unpublish it instead; their records stay."
            )
            % {"title": page.get_admin_display_title(), "count": count},
        )
        return redirect("wagtailadmin_explore", page.get_parent().id)
    return None


@hooks.register("before_move_page")
def refuse_moving_pages_with_learner_records(request, page, destination):
    if page.get_parent().id == destination.id:
        return None
    count = learner_records_under(page)
    if count:
        messages.error(
            request,
            _(
                "“%(title)s” cannot be moved: learners have %(count)s enrollment or progress "
                "records on it or the pages below it, counted in its current program. Copy it "
                "to the new place instead."
            )
            % {"title": page.get_admin_display_title(), "count": count},
        )
        return redirect("wagtailadmin_explore", page.get_parent().id)
    return None


class EnrollmentFilterSet(WagtailFilterSet):
    program = django_filters.ModelChoiceFilter(
        label=_("Program"),
        queryset=ProgramPage.objects.filter(locale__language_code="en").order_by("title"),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EnrollmentStatus.choices)
    enrolled_at = django_filters.DateFromToRangeFilter(
        label=_("Enrolled"), widget=DateRangePickerWidget
    )
    last_activity_at = django_filters.DateFromToRangeFilter(
        label=_("Last activity"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Enrollment
        fields = ["program", "status", "enrolled_at", "last_activity_at"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["program"].queryset = programs_for_staff(user=request.user).order_by(
                "title"
            )


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Enrollments change through the learner's actions only: staff view and export those of
    the programs they hold a role on."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return user.is_active and (user.is_superuser or user.has_perm("learning.view_enrollment"))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and programs_for_staff(user=user).filter(pk=instance.program_id).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Enrollment.objects.none()
        return Enrollment.objects.filter(program__in=programs_for_staff(user=user))


def completion_percent(enrollment) -> str:
    return f"{enrollment.completion_percentage:.0f} %"


class EnrollmentIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(program__in=programs_for_staff(user=self.request.user))
        )


class EnrollmentInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        enrollment = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "view", enrollment
        ):
            raise Http404
        return enrollment


class EnrollmentViewSet(ModelViewSet):
    model = Enrollment
    icon = "group"
    menu_label = _("Enrollments")
    add_to_admin_menu = True
    menu_order = 250
    inspect_view_enabled = True
    index_view_class = EnrollmentIndexView
    inspect_view_class = EnrollmentInspectView
    form_fields = ["status", "target_completion_date"]
    filterset_class = EnrollmentFilterSet
    list_display = [
        "learner",
        "program",
        "status",
        Column("completion_percentage", label=_("Completion"), accessor=completion_percent),
        "enrolled_at",
        "last_activity_at",
        "target_completion_date",
    ]
    list_export = [
        "learner",
        "learner.email",
        "program",
        "status",
        "completion_percentage",
        "completed_items",
        "total_items",
        "time_spent_seconds",
        "enrolled_at",
        "completed_at",
        "last_activity_at",
        "target_completion_date",
    ]
    export_headings = {"learner.email": _("Email"), "program": _("Program")}
    export_filename = "enrollments"
    search_fields = ["learner__email", "learner__name", "program__title"]
    ordering = ["-enrolled_at"]


register_permission_policy(Enrollment, ReadOnlyPolicy(Enrollment))
enrollment_viewset = EnrollmentViewSet("enrollments")


@hooks.register("register_admin_viewset")
def register_enrollment_viewset():
    return enrollment_viewset
