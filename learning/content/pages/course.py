"""A course, with the courses it waits on, and the form that checks them."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from culturedegree.models import BasePage

from ..blocks import (
    ObjectivesStreamBlock,
)
from ..validators import find_prerequisite_cycle
from .base import LearningPage, tabs


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
