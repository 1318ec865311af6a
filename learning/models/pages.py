"""The learning content tree: catalog > program > course > module > content item."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from culturedegree.models import BasePage

from ..blocks import ContentStreamBlock, ObjectivesStreamBlock, OverviewStreamBlock


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


class ProgramIndexPage(BasePage):
    """The catalog of programs."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["culturedegree.HomePage"]
    subpage_types = ["learning.ProgramPage"]
    max_count_per_parent = 1


class ProgramPage(BasePage):
    """A degree-like learning path made of courses."""

    summary = models.TextField(_("summary"), max_length=500)
    overview = StreamField(OverviewStreamBlock(), blank=True)
    difficulty = models.CharField(
        _("difficulty"), max_length=20, choices=Difficulty.choices, default=Difficulty.BEGINNER
    )
    estimated_duration_weeks = models.PositiveSmallIntegerField(_("estimated duration (weeks)"))
    thumbnail = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("thumbnail"),
        FieldPanel("overview"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("overview"),
        index.FilterField("difficulty"),
        index.FilterField("estimated_duration_weeks"),
    ]

    parent_page_types = ["learning.ProgramIndexPage"]
    subpage_types = ["learning.CoursePage"]


class CoursePage(BasePage):
    summary = models.TextField(_("summary"), max_length=500)
    estimated_hours = models.PositiveSmallIntegerField(_("estimated hours"))
    learning_objectives = StreamField(ObjectivesStreamBlock(), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("summary")]

    parent_page_types = ["learning.ProgramPage"]
    subpage_types = ["learning.ModulePage"]


class ModulePage(BasePage):
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    module_type = models.CharField(
        _("type"), max_length=20, choices=ModuleType.choices, default=ModuleType.LESSON
    )
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"))
    overview = StreamField(OverviewStreamBlock(), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("module_type"),
        FieldPanel("estimated_minutes"),
        FieldPanel("overview"),
    ]

    parent_page_types = ["learning.CoursePage"]
    subpage_types = ["learning.ContentItemPage"]


class ContentItemPage(BasePage):
    item_type = models.CharField(
        _("type"), max_length=20, choices=ContentType.choices, default=ContentType.TEXT
    )
    body = StreamField(ContentStreamBlock())
    duration_seconds = models.PositiveIntegerField(
        _("duration (seconds)"), null=True, blank=True, help_text=_("For video and audio.")
    )
    is_free_preview = models.BooleanField(
        _("free preview"),
        default=False,
        help_text=_("Open to everyone, enrolled or not."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("item_type"),
        FieldPanel("body"),
        FieldPanel("duration_seconds"),
        FieldPanel("is_free_preview"),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["learning.ModulePage"]
    subpage_types: list[str] = []
