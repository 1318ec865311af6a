"""Blocks that say which courses of a program a learner must complete."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class RequiredCoursesBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, default="Required courses")
    courses = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="learning.CoursePage", label=_("Course")),
        label=_("Courses"),
        min_num=1,
    )

    def get_api_representation(self, value, context=None):
        courses = [course for course in value["courses"] if course and course.live]
        return {
            "title": value["title"],
            "course_ids": [course.pk for course in courses],
            "min_required": len(courses),
        }

    class Meta:
        icon = "list-ul"
        label = _("Required courses")
        template = "learning/blocks/requirement_group.html"


class ElectiveGroupBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    min_required = blocks.IntegerBlock(
        label=_("At least N of these courses"), min_value=1, default=1
    )
    courses = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="learning.CoursePage", label=_("Course")),
        label=_("Courses"),
        min_num=1,
    )

    def clean(self, value):
        value = super().clean(value)
        size = len([course for course in value["courses"] if course])
        if not 1 <= value["min_required"] <= size:
            raise StructBlockValidationError(
                block_errors={
                    "min_required": ValidationError(
                        _("Choose a number between 1 and %(size)s, the number of courses listed."),
                        code="min_required_out_of_range",
                        params={"size": size},
                    )
                }
            )
        return value

    def get_api_representation(self, value, context=None):
        return {
            "title": value["title"],
            "course_ids": [course.pk for course in value["courses"] if course and course.live],
            "min_required": value["min_required"],
        }

    class Meta:
        icon = "tasks"
        label = _("Elective group")
        template = "learning/blocks/requirement_group.html"


class RequirementsStreamBlock(blocks.StreamBlock):
    required_courses = RequiredCoursesBlock()
    elective_group = ElectiveGroupBlock()
