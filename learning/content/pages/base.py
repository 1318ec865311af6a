"""What the learning page types share: their choices, the editor's tabs, routing with locale
fallback, and the learner site's context.

The page layer names no view. The learner site's context of each page type is registered by
learning.views.pages when the app is ready (register_page_context), and the item gate runs in
Wagtail's before_serve_page hook (learning.views.gates); see docs/decisions/0029.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, TabbedInterface
from wagtail.models import Locale

from culturedegree.models import BasePage

from ..localization import route_with_fallback
from ..validators import validate_content_slug

# The learner site's context builders, in registration order: each takes (page, request) and
# returns a dict merged into the page's template context (learning.views.pages registers one).
PAGE_CONTEXT_BUILDERS: list = []


def register_page_context(builder):
    """Add a builder of the learner site's context for every learning page; returns it."""
    if builder not in PAGE_CONTEXT_BUILDERS:
        PAGE_CONTEXT_BUILDERS.append(builder)
    return builder


class Difficulty(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class ModuleType(models.TextChoices):
    LESSON = "lesson", _("Lesson")
    QUIZ = "quiz", _("Quiz")
    PROJECT = "project", _("Project")
    DISCUSSION = "discussion", _("Discussion")


class ContentType(models.TextChoices):
    TEXT = "text", _("Text")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Audio")
    IMAGE = "image", _("Image")
    INTERACTIVE = "interactive", _("Interactive")
    DOCUMENT = "document", _("Document")


# The block a content item of each type must contain, so that "a video" really is one.
BLOCKS_FOR_ITEM_TYPE = {
    ContentType.VIDEO: {"video"},
    ContentType.AUDIO: {"audio"},
    ContentType.IMAGE: {"image"},
    ContentType.DOCUMENT: {"document"},
    ContentType.INTERACTIVE: {"flashcards", "timeline", "embed"},
}


def tabs(*, content, details=(), page_class=BasePage) -> TabbedInterface:
    """The editor's tabs, the same on every learning page: Content, Details, Promotion, Settings."""
    panels = [ObjectList(content, heading=_("Content"))]
    if details:
        panels.append(ObjectList(details, heading=_("Details")))
    panels += [
        ObjectList(page_class.promote_panels, heading=_("Promotion")),
        ObjectList(page_class.settings_panels, heading=_("Settings")),
    ]
    return TabbedInterface(panels)


class LearningPage(BasePage):
    """What the learning page types share: routing with locale fallback, learner context."""

    # The learner-site context of this page type (a function of learning.views.pages), and
    # whether the learner's own journey (enroll, progress marks) is shown on it.
    learner_context = None
    shows_journey = True

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for builder in PAGE_CONTEXT_BUILDERS:
            context.update(builder(self, request))
        return context

    def route(self, request, path_components):
        return route_with_fallback(
            page=self, request=request, path_components=path_components, route=super().route
        )

    def clean(self):
        super().clean()
        if self.slug:
            try:
                validate_content_slug(self.slug)
            except ValidationError as error:
                raise ValidationError({"slug": error}) from error

    def default_locale_page(self):
        """This page in the default locale, the one learner records point at."""
        if self.locale_id == Locale.get_default().pk or not self.translation_key:
            return self
        return self.get_translation_or_none(Locale.get_default()) or self
