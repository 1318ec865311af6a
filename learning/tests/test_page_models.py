"""The page types: tree rules, fields, validation and the program's requirements."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from learning.models import ContentItemPage, CoursePage, ModulePage, ProgramPage
from learning.requirements import RequirementGroup

from .factories import (
    ContentItemPageFactory,
    CoursePageFactory,
    ModulePageFactory,
    ProgramPageFactory,
    build_program,
)

pytestmark = pytest.mark.django_db


def test_build_program_makes_the_whole_tree_in_order():
    program = build_program(courses=2, modules=2, items=3)
    courses = CoursePage.objects.child_of(program).order_by("path")
    assert [c.slug for c in courses] == ["course-1", "course-2"]
    assert ModulePage.objects.descendant_of(program).count() == 4
    items = ContentItemPage.objects.descendant_of(program).order_by("path")
    assert items.count() == 12
    assert items.first().title.endswith("module 1 item 1")


def test_tree_rules_allow_only_the_learning_hierarchy():
    assert ProgramPage.allowed_subpage_models() == [CoursePage]
    assert CoursePage.allowed_parent_page_models() == [ProgramPage]
    assert ModulePage.allowed_subpage_models() == [ContentItemPage]
    assert ContentItemPage.allowed_subpage_models() == []
