"""A module: a lesson, quiz, project or discussion within a course."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from culturedegree.models import BasePage

from ..blocks import (
    OverviewStreamBlock,
)
from .base import LearningPage, ModuleType, tabs


class ModulePage(LearningPage):
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    module_type = models.CharField(
        _("type"), max_length=20, choices=ModuleType.choices, default=ModuleType.LESSON
    )
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"))
    overview = StreamField(OverviewStreamBlock(), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("overview"),
    ]
    detail_panels = [FieldRowPanel([FieldPanel("module_type"), FieldPanel("estimated_minutes")])]
    edit_handler = tabs(content=content_panels, details=detail_panels)

    search_fields = [*BasePage.search_fields, index.SearchField("summary")]

    override_translatable_fields = [
        SynchronizedField("module_type"),
        SynchronizedField("estimated_minutes"),
    ]

    parent_page_types = ["learning.CoursePage"]
    subpage_types = ["learning.ContentItemPage"]

    api_fields = [
        APIField("summary"),
        APIField("module_type"),
        APIField("estimated_minutes"),
        APIField("overview"),
    ]
