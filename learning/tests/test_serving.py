"""Routes and view restrictions kept per content version follow every change at once."""

import pytest
from wagtail.models import PageViewRestriction

from learning.models import CoursePage
from learning.tests.factories import build_program

pytestmark = pytest.mark.django_db


def test_a_restriction_added_after_a_visit_applies_at_once(
    client, settings, django_capture_on_commit_callbacks
):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    program = build_program(courses=1, modules=1, items=1)
    course = CoursePage.objects.child_of(program).get()
    assert client.get(course.url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=program, restriction_type=PageViewRestriction.LOGIN
        )
    assert client.get(course.url).status_code == 302  # to the sign-in page

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert client.get(course.url).status_code == 200


def test_a_renamed_page_answers_at_its_new_address(
    client, settings, django_capture_on_commit_callbacks
):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    program = build_program(courses=1, modules=1, items=1)
    course = CoursePage.objects.child_of(program).get()
    old_url = course.url
    assert client.get(old_url).status_code == 200

    course.slug = "renamed-course"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()

    new_url = CoursePage.objects.get(pk=course.pk).url
    old = client.get(old_url)
    assert (old.status_code, old["Location"]) == (301, new_url)  # Wagtail's automatic redirect
    assert client.get(new_url).status_code == 200


def test_an_unpublished_page_stops_answering_at_once(
    client, settings, django_capture_on_commit_callbacks
):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    program = build_program(courses=1, modules=1, items=1)
    course = CoursePage.objects.child_of(program).get()
    assert client.get(course.url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        course.unpublish()

    assert client.get(course.url).status_code == 404
