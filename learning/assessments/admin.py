"""Assessments in the Wagtail admin: a snippet with drafts, revisions, previews, the
moderation workflow and wagtail-localize's translation."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import Assessment


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
