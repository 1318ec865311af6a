"""Editors' side of the journey: enrollments per program (filters, CSV/XLSX export). The
refusal to delete or move pages that learners have records on is in page_guards."""

import django_filters
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from culturedegree.spreadsheets import FormulaSafeIndexView
from learning.journey.staff_access import programs_for_staff
from learning.models import Enrollment, EnrollmentStatus, ProgramPage


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


class EnrollmentIndexView(FormulaSafeIndexView):
    """Staff see the enrollments of their programs; exported cells never run as formulas
    (learners choose their names)."""

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
