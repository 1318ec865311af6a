"""Wagtail hooks of the certificates app: the template snippet and the staff screens."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import (
    achievements_admin,  # noqa: F401 (registers the snippet, admin URLs and hooks)
    admin_views,  # noqa: F401  (certificates and name corrections screens)
    awards_admin,  # noqa: F401  (the awards listing and the achievements staff may award)
)
from .models import CertificateTemplate


class CertificateTemplateViewSet(SnippetViewSet):
    """Editors manage what certificates say and show; every save is a revision, and each
    certificate keeps the revision it was issued with."""

    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = _("Certificate templates")
    list_display = ["name", "program", "updated_at"]


register_snippet(CertificateTemplateViewSet)
