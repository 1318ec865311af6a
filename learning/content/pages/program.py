"""A program: the degree-like path, its courses grouped into requirements."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from culturedegree.models import BasePage

from ..blocks import (
    OverviewStreamBlock,
    RequirementsStreamBlock,
)
from ..readers import RequirementsField
from ..requirements import RequirementGroup
from .base import Difficulty, LearningPage, tabs
from .course import CoursePage


class ProgramPage(LearningPage):
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
    requirements = StreamField(
        RequirementsStreamBlock(),
        blank=True,
        verbose_name=_("requirements"),
        help_text=_(
            "Which courses complete the program. Leave empty to require every published course."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("thumbnail"),
        FieldPanel("overview"),
    ]
    detail_panels = [
        FieldRowPanel([FieldPanel("difficulty"), FieldPanel("estimated_duration_weeks")]),
        FieldPanel("requirements"),
    ]
    edit_handler = tabs(content=content_panels, details=detail_panels)

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("overview"),
        index.FilterField("difficulty"),
        index.FilterField("estimated_duration_weeks"),
    ]

    override_translatable_fields = [
        SynchronizedField("difficulty"),
        SynchronizedField("estimated_duration_weeks"),
        SynchronizedField("thumbnail"),
        TranslatableField("requirements"),
    ]

    parent_page_types = ["learning.ProgramIndexPage"]
    subpage_types = ["learning.CoursePage"]

    api_fields = [
        APIField("summary"),
        APIField("difficulty"),
        APIField("estimated_duration_weeks"),
        APIField("thumbnail", serializer=ImageRenditionField("fill-640x360")),
        APIField("overview"),
        APIField("requirements", serializer=RequirementsField()),
    ]

    def clean(self):
        super().clean()
        foreign = []
        for block in self.requirements:
            for course in block.value["courses"]:
                if course is None:
                    continue
                parent = course.get_parent()
                # Translations keep pointing at the source program's courses, hence the key.
                if self.pk is None or parent.translation_key != self.translation_key:
                    foreign.append(course.title)
        if foreign:
            raise ValidationError(
                {
                    "requirements": ValidationError(
                        _(
                            "Requirements may only list courses of this program. "
                            "Not in this program: %(courses)s."
                        ),
                        code="course_not_in_program",
                        params={"courses": ", ".join(foreign)},
                    )
                }
            )

    def requirement_groups(self) -> list[RequirementGroup]:
        """What completing this program takes, in default-locale course ids."""
        program = self.default_locale_page().specific
        live_courses = CoursePage.objects.child_of(program).live().order_by("path")
        live_ids_by_key = {course.translation_key: course.pk for course in live_courses}
        if not program.requirements:
            ids = list(live_ids_by_key.values())
            return [RequirementGroup(str(_("Required courses")), ids, len(ids))]
        # Course choices come from the default-locale page; titles are translated, so from here.
        titles = {block.id: block.value["title"] for block in self.requirements}
        groups = []
        for block in program.requirements:
            ids = [
                live_ids_by_key[course.translation_key]
                for course in block.value["courses"]
                if course is not None and course.translation_key in live_ids_by_key
            ]
            if block.block_type == "elective_group":
                minimum = min(block.value["min_required"], len(ids))
            else:
                minimum = len(ids)
            title = titles.get(block.id) or block.value["title"]
            groups.append(RequirementGroup(title, ids, minimum))
        return groups
