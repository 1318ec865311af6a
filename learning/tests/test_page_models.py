"""The page types: tree rules, fields, validation and the program's requirements."""

import pytest
from django.core.exceptions import ValidationError

from learning.content.requirements import RequirementGroup
from learning.models import ContentItemPage, CoursePage, ModulePage, ProgramPage

from .factories import (
    ContentItemPageFactory,
    ProgramPageFactory,
    build_program,
    staff_user,
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


def courses_of(program):
    return list(CoursePage.objects.child_of(program).order_by("path"))


def test_prerequisite_from_another_program_is_refused():
    first, second = build_program(courses=1, modules=0), build_program(courses=1, modules=0)
    course, foreign = courses_of(first)[0], courses_of(second)[0]
    course.prerequisites.set([foreign])
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    message = error.value.message_dict["prerequisites"][0]
    assert "same program" in message and foreign.title in message


def test_prerequisite_cycle_is_refused_naming_the_loop():
    a, b, c = courses_of(build_program(courses=3, modules=0))
    b.prerequisites.set([a])
    b.save()
    c.prerequisites.set([b])
    c.save()
    a.prerequisites.set([c])
    with pytest.raises(ValidationError) as error:
        a.full_clean()
    message = error.value.message_dict["prerequisites"][0]
    assert "loop" in message and f"{a.title} → {c.title} → {b.title} → {a.title}" in message


def test_course_cannot_be_its_own_prerequisite():
    (course,) = courses_of(build_program(courses=1, modules=0))
    course.prerequisites.set([course])
    with pytest.raises(ValidationError):
        course.full_clean()


def test_prerequisites_without_a_loop_are_accepted():
    a, b, c = courses_of(build_program(courses=3, modules=0))
    b.prerequisites.set([a])
    b.save()
    c.prerequisites.set([a, b])
    c.full_clean()


def test_without_requirements_every_live_course_is_required_in_one_group():
    program = build_program(courses=3, modules=0)
    a, b, c = courses_of(program)
    c.unpublish()
    groups = program.requirement_groups()
    assert groups == [RequirementGroup("Required courses", [a.pk, b.pk], 2)]


def requirements(*, required, elective, minimum):
    return [
        ("required_courses", {"title": "Core", "courses": required}),
        ("elective_group", {"title": "Options", "min_required": minimum, "courses": elective}),
    ]


def test_requirement_groups_follow_the_requirements_field():
    program = build_program(courses=3, modules=0)
    a, b, c = courses_of(program)
    program.requirements = requirements(required=[a], elective=[b, c], minimum=1)
    program.full_clean()
    program.save()
    assert program.requirement_groups() == [
        RequirementGroup("Core", [a.pk], 1),
        RequirementGroup("Options", [b.pk, c.pk], 1),
    ]


def test_requirements_listing_another_programs_course_are_refused():
    program = build_program(courses=1, modules=0)
    (own,) = courses_of(program)
    (foreign,) = courses_of(build_program(courses=1, modules=0))
    program.requirements = requirements(required=[own], elective=[foreign], minimum=1)
    with pytest.raises(ValidationError) as error:
        program.full_clean()
    assert foreign.title in error.value.message_dict["requirements"][0]


@pytest.mark.parametrize("slug", ["Hello World!", "api", "Wabi-Sabi"])
def test_invalid_or_reserved_slugs_are_refused(slug):
    program = ProgramPageFactory()
    program.slug = slug
    with pytest.raises(ValidationError) as error:
        program.full_clean()
    assert "slug" in error.value.message_dict


def test_a_video_item_must_contain_a_video_block():
    item = ContentItemPageFactory()
    item.item_type = "video"
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "Video" in error.value.message_dict["body"][0]


def test_media_duration_falls_back_to_the_editors_figure_without_a_file():
    item = ContentItemPageFactory(duration_seconds=95)
    assert item.media_duration_seconds == 95
    assert ContentItemPageFactory().media_duration_seconds is None


def test_pages_are_ordered_by_the_tree_and_can_be_reordered():
    program = build_program(courses=3, modules=0)
    a, b, c = courses_of(program)
    c.move(a, pos="left")
    assert [course.pk for course in courses_of(program)] == [c.pk, a.pk, b.pk]


@pytest.fixture
def admin_client(client):
    client.force_login(staff_user("root@example.org", superuser=True))
    return client


def test_editor_sees_the_cycle_error_in_the_admin_edit_view(admin_client):
    a, b = courses_of(build_program(courses=2, modules=0))
    b.prerequisites.set([a])
    b.save()
    response = admin_client.post(
        f"/admin/pages/{a.pk}/edit/",
        {
            "title": a.title,
            "slug": a.slug,
            "summary": a.summary,
            "estimated_hours": "6",
            "learning_objectives-count": "0",
            "prerequisites": [str(b.pk)],
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "These prerequisites would form a loop" in content
    a.refresh_from_db()
    assert list(a.prerequisites.all()) == []


def test_admin_offers_only_courses_of_the_same_program_as_prerequisites(admin_client):
    a, b = courses_of(build_program(courses=2, modules=0))
    (foreign,) = courses_of(build_program(courses=1, modules=0))
    response = admin_client.get(f"/admin/pages/{a.pk}/edit/")
    assert response.status_code == 200
    content = response.content.decode()
    assert f'value="{b.pk}"' in content
    assert f'name="prerequisites" value="{foreign.pk}"' not in content
    assert all(tab in content for tab in ("Content", "Details", "Promotion", "Settings"))


def test_every_learning_page_type_opens_in_the_admin_for_adding_and_editing(admin_client):
    program = build_program(courses=1, modules=1, items=1)
    course = CoursePage.objects.child_of(program).get()
    module = ModulePage.objects.child_of(course).get()
    item = ContentItemPage.objects.child_of(module).get()
    for page in (program.get_parent(), program, course, module, item):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
    for parent, model in (
        (program, "coursepage"),
        (course, "modulepage"),
        (module, "contentitempage"),
    ):
        response = admin_client.get(f"/admin/pages/add/learning/{model}/{parent.pk}/")
        assert response.status_code == 200, model
