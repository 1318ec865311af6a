"""Assessments in the Wagtail admin: a snippet with drafts, revisions, previews, the
moderation workflow and wagtail-localize's translation, each editor seeing and working on
the assessments of the modules they may edit (learning.assessments.authoring)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import Assessment, GradebookPolicy
from .authoring import (
    AssessmentPermissionPolicy,
    InAuthoringScopeChooserMixin,
    InAuthoringScopeMixin,
    authorable_assessments,
)

# Before the viewset is registered, or Wagtail falls back to the model-wide policy.
register_permission_policy(Assessment, AssessmentPermissionPolicy(Assessment))


def in_authoring_scope(view_class, *mixins):
    name = f"InAuthoringScope{view_class.__name__}"
    return type(name, (*mixins, InAuthoringScopeMixin, view_class), {})


class AssessmentChooserViewSet(SnippetChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        scoped = in_authoring_scope(view_class, InAuthoringScopeChooserMixin)
        return super().construct_view(scoped, **kwargs)


class AssessmentViewSet(SnippetViewSet):
    model = Assessment
    icon = "form"
    menu_label = _("Assessments")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "assessment_type", "module", "locale"]
    list_filter = ["assessment_type", "locale"]
    search_fields = ["title"]
    chooser_viewset_class = AssessmentChooserViewSet

    def get_queryset(self, request):
        return authorable_assessments(request.user)

    def construct_view(self, view_class, **kwargs):
        """Every view of the viewset (edit, delete, history, usage, revisions, unpublish,
        workflow, copy, preview…) answers 404 for an assessment outside the scope."""
        scoped = in_authoring_scope(view_class)
        return super().construct_view(scoped, **kwargs)


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
