"""The learning content tree: catalog > program > course > module > content item."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Locale
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from culturedegree.models import BasePage

from .. import learner_pages
from ..blocks import (
    ContentStreamBlock,
    ObjectivesStreamBlock,
    OverviewStreamBlock,
    RequirementsStreamBlock,
)
from ..content_readers import ItemBodyField, RequirementsField
from ..localization import route_with_fallback
from ..requirements import RequirementGroup
from ..validators import find_prerequisite_cycle, validate_content_slug


def journey_context(request, page) -> dict:
    """The learner's enrollment and marks for the journey partials (learning.page_journey)."""
    from ..page_journey import learner_context

    return learner_context(request, page)


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

    # The learner-site context of this page type (a function of learning.learner_pages), and
    # whether the learner's own journey (enroll, progress marks) is shown on it.
    learner_context = None
    shows_journey = True

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.learner_context(request))
        if self.shows_journey:
            context.update(journey_context(request, self))
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


class ProgramIndexPage(LearningPage):
    """The catalog of programs."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    edit_handler = tabs(content=content_panels)

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["culturedegree.HomePage"]
    subpage_types = ["learning.ProgramPage"]
    max_count_per_parent = 1

    api_fields = [APIField("intro")]

    learner_context = learner_pages.program_index_context
    shows_journey = False


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

    learner_context = learner_pages.program_context

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


class CoursePageForm(WagtailAdminPageForm):
    """Offers only the other courses of the same program as prerequisites."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        field = self.fields.get("prerequisites")
        if field is None:
            return
        program = parent_page or (self.instance.get_parent() if self.instance.pk else None)
        siblings = CoursePage.objects.child_of(program) if program else CoursePage.objects.none()
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        field.queryset = siblings.order_by("path")

    def clean(self):
        cleaned_data = super().clean()
        # The form holds the editor's choice; the page's relation still holds the saved one.
        if self.instance.pk and "prerequisites" in cleaned_data:
            try:
                self.instance.validate_prerequisites(list(cleaned_data["prerequisites"]))
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class CoursePage(LearningPage):
    summary = models.TextField(_("summary"), max_length=500)
    estimated_hours = models.PositiveSmallIntegerField(_("estimated hours"))
    learning_objectives = StreamField(ObjectivesStreamBlock(), blank=True)
    prerequisites = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("prerequisites"),
        help_text=_("Courses of this program to complete before starting this one."),
    )

    base_form_class = CoursePageForm
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
    ]
    detail_panels = [
        FieldPanel("estimated_hours"),
        FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
    ]
    edit_handler = tabs(content=content_panels, details=detail_panels)

    search_fields = [*BasePage.search_fields, index.SearchField("summary")]

    override_translatable_fields = [SynchronizedField("estimated_hours")]

    parent_page_types = ["learning.ProgramPage"]
    subpage_types = ["learning.ModulePage"]

    api_fields = [
        APIField("summary"),
        APIField("estimated_hours"),
        APIField("learning_objectives"),
    ]

    learner_context = learner_pages.course_context

    def clean(self):
        super().clean()
        if self.pk is not None:
            self.validate_prerequisites(list(self.prerequisites.all()))

    def validate_prerequisites(self, chosen: list["CoursePage"]) -> None:
        """Same program only, and no loop through other courses' prerequisites."""
        program_key = self.get_parent().translation_key
        foreign = [c.title for c in chosen if c.get_parent().translation_key != program_key]
        if foreign:
            raise ValidationError(
                {
                    "prerequisites": ValidationError(
                        _("Prerequisites must be courses of the same program: %(courses)s is not."),
                        code="prerequisite_other_program",
                        params={"courses": ", ".join(foreign)},
                    )
                }
            )
        if any(course.pk == self.pk for course in chosen):
            raise ValidationError({"prerequisites": _("A course cannot be its own prerequisite.")})
        edges: dict[int, set[int]] = {}
        through = CoursePage.prerequisites.through.objects.filter(
            from_coursepage__path__startswith=self.get_parent().path
        ).exclude(from_coursepage_id=self.pk)
        for from_id, to_id in through.values_list("from_coursepage_id", "to_coursepage_id"):
            edges.setdefault(from_id, set()).add(to_id)
        cycle = find_prerequisite_cycle(
            course_id=self.pk, prerequisite_ids=[c.pk for c in chosen], edges=edges
        )
        if cycle:
            titles = dict(CoursePage.objects.filter(pk__in=cycle).values_list("pk", "title"))
            titles[self.pk] = self.title
            raise ValidationError(
                {
                    "prerequisites": ValidationError(
                        _("These prerequisites would form a loop: %(loop)s."),
                        code="prerequisite_cycle",
                        params={"loop": " → ".join(titles[pk] for pk in cycle)},
                    )
                }
            )


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

    learner_context = learner_pages.module_context


class ContentItemPage(LearningPage):
    item_type = models.CharField(
        _("type"), max_length=20, choices=ContentType.choices, default=ContentType.TEXT
    )
    body = StreamField(ContentStreamBlock())
    duration_seconds = models.PositiveIntegerField(
        _("duration (seconds)"),
        null=True,
        blank=True,
        help_text=_(
            "For video and audio, read from the media file when the page is saved. Type it"
            " only for a file whose length cannot be read."
        ),
    )
    is_free_preview = models.BooleanField(
        _("free preview"),
        default=False,
        help_text=_("Open to everyone, enrolled or not."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    detail_panels = [
        FieldPanel("item_type"),
        FieldPanel("duration_seconds"),
        FieldPanel("is_free_preview"),
    ]
    edit_handler = tabs(content=content_panels, details=detail_panels)

    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    override_translatable_fields = [
        SynchronizedField("item_type"),
        SynchronizedField("duration_seconds"),
        SynchronizedField("is_free_preview"),
    ]

    parent_page_types = ["learning.ModulePage"]
    subpage_types: list[str] = []

    api_fields = [
        APIField("item_type"),
        APIField("duration_seconds"),
        APIField("is_free_preview"),
        # Free previews for everyone, the rest for enrolled learners of an unlocked course.
        APIField("body", serializer=ItemBodyField()),
    ]

    learner_context = learner_pages.item_context

    def clean(self):
        super().clean()
        expected = BLOCKS_FOR_ITEM_TYPE.get(self.item_type)
        present = {block.block_type for block in self.body}
        if expected and not expected & present:
            raise ValidationError(
                {
                    "body": ValidationError(
                        _("A “%(type)s” item needs at least one of these blocks: %(blocks)s."),
                        code="item_type_block_missing",
                        params={
                            "type": self.get_item_type_display(),
                            "blocks": ", ".join(
                                str(self.body.stream_block.child_blocks[name].label)
                                for name in sorted(expected)
                            ),
                        },
                    )
                }
            )

    def file_duration_seconds(self) -> int | None:
        """How long the body's first video or audio lasts, from the media file."""
        for block in self.body:
            if block.block_type in {"video", "audio"}:
                seconds = block.value.duration_seconds()
                if seconds:
                    return seconds
        return None

    @property
    def media_duration_seconds(self) -> int | None:
        """How long the item's video or audio lasts: the file's figure, else the editor's."""
        return self.file_duration_seconds() or self.duration_seconds

    def save(self, *args, **kwargs):
        # The server's own duration is what media completion is measured against, so a
        # client cannot finish a video by reporting it as one second long.
        self.duration_seconds = self.file_duration_seconds() or self.duration_seconds
        return super().save(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        from ..access import item_gate

        gate = item_gate(request, self)
        if gate.redirect_to is not None:
            return redirect(gate.redirect_to)
        response = super().serve(request, *args, **kwargs)
        if gate.lock is not None:
            response.context_data["course_lock"] = learner_pages.lock_context(gate.lock, request)
            response.context_data["show_body"] = gate.show_body
            if not gate.show_body:
                response.status_code = 403
        return response
