"""Assessments in the Wagtail admin: a snippet with drafts, revisions, previews, the
moderation workflow and wagtail-localize's translation."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import Assessment, GradebookPolicy


class AssessmentViewSet(SnippetViewSet):
    model = Assessment
    icon = "form"
    menu_label = _("Assessments")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "assessment_type", "module", "locale"]
    list_filter = ["assessment_type", "locale"]
    search_fields = ["title"]


register_snippet(AssessmentViewSet)


class GradebookPolicyViewSet(ModelViewSet):
    """Per program: weights per course and assessment type, and the lowest grades dropped."""

    model = GradebookPolicy
    icon = "table"
    menu_label = _("Gradebook policies")
    add_to_settings_menu = True
    form_fields = ["program", "course_weights", "type_weights", "drop_lowest"]
    list_display = ["program", "drop_lowest"]


gradebook_policy_viewset = GradebookPolicyViewSet("gradebook_policies")


@hooks.register("register_admin_viewset")
def register_gradebook_policy_viewset():
    return gradebook_policy_viewset
