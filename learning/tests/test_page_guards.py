"""Security finding 13: no way in moves or deletes pages that learners have records on.

The single-page admin views are covered in test_admin_enrollments; here the bulk actions
and the content API's actions, which skipped the rule.
"""

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import APIToken, Page

from learning.journey.access import resolve_item
from learning.journey.enrollment import enroll
from learning.journey.progress import complete_item
from learning.models import ContentItemPage, CoursePage, Enrollment, Progress

from .factories import staff_user
from .journey_helpers import build_tree, make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return staff_user("admin@example.com", superuser=True)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def records(tree):
    """A learner enrolled in the tree's program, with progress in its first course, and
    Wagtail's reference index up to date (its own PROTECT check then runs too)."""
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    complete_item(learner=learner, item=resolve_item(page_id=tree.items[0][0].id))
    call_command("rebuild_references_index", verbosity=0)
    return learner


@pytest.fixture
def other_program():
    return build_tree(title="Andes", courses=1).program


def bulk_url(action: str, *pages) -> str:
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
    return url + "?" + "&".join(f"id={page.id}" for page in pages)


def messages_of(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def parent_id(page) -> int:
    return Page.objects.get(id=page.id).get_parent().id


def test_bulk_move_of_a_course_with_progress_is_refused(admin_client, tree, records, other_program):
    course = tree.courses[0]
    response = admin_client.post(bulk_url("move", course), {"chooser": other_program.id})
    assert response.status_code == 409
    assert "cannot be moved" in messages_of(response)
    assert parent_id(course) == tree.program.id


def test_bulk_move_refuses_the_whole_selection_when_one_page_has_records(
    admin_client, tree, records, other_program
):
    with_records, untouched = tree.courses
    response = admin_client.post(
        bulk_url("move", with_records, untouched), {"chooser": other_program.id}
    )
    assert response.status_code == 409
    assert parent_id(untouched) == tree.program.id


def test_bulk_move_of_pages_without_records_still_works(admin_client, tree, other_program):
    course = tree.courses[1]
    response = admin_client.post(bulk_url("move", course), {"chooser": other_program.id})
    assert response.status_code == 302
    assert parent_id(course) == other_program.id


def test_bulk_delete_of_a_page_with_progress_is_refused(admin_client, tree, records):
    item = tree.items[0][0]
    response = admin_client.post(bulk_url("delete", item))
    assert response.status_code == 409
    assert "cannot be deleted" in messages_of(response)
    assert ContentItemPage.objects.filter(id=item.id).exists()
    assert Progress.objects.count() == 1


def test_bulk_delete_of_a_program_with_enrollments_is_refused(admin_client, tree, records):
    response = admin_client.post(bulk_url("delete", tree.program))
    assert response.status_code == 409
    assert Enrollment.objects.count() == 1


def test_bulk_delete_of_pages_without_records_still_works(admin_client, tree, records):
    untouched = tree.items[1][1]
    response = admin_client.post(bulk_url("delete", untouched))
    assert response.status_code == 302
    assert not ContentItemPage.objects.filter(id=untouched.id).exists()


def test_bulk_unpublish_is_allowed_and_keeps_the_records(admin_client, tree, records):
    course = tree.courses[0]
    response = admin_client.post(bulk_url("unpublish", course), {"include_descendants": "on"})
    assert response.status_code == 302
    assert not CoursePage.objects.get(id=course.id).live
    assert (Enrollment.objects.count(), Progress.objects.count()) == (1, 1)


@pytest.fixture
def api_headers(admin):
    _, token = APIToken.create_token(user=admin, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_api_move_of_a_course_with_progress_is_refused_with_409(
    client, tree, records, other_program, api_headers
):
    course = tree.courses[0]
    response = client.post(
        f"/api/v3/pages/{course.id}/actions/move/",
        {"destination_id": other_program.id, "position": "last-child"},
        content_type="application/json",
        **api_headers,
    )
    assert response.status_code == 409
    assert "cannot be moved" in response.json()["detail"]
    assert parent_id(course) == tree.program.id


def test_api_reorder_among_siblings_is_allowed(client, tree, records, api_headers):
    first, second = tree.courses
    response = client.post(
        f"/api/v3/pages/{first.id}/actions/move/",
        {"destination_id": second.id, "position": "right"},
        content_type="application/json",
        **api_headers,
    )
    assert response.status_code == 200
    assert parent_id(first) == tree.program.id


@pytest.mark.parametrize("url", ["/api/v3/pages/{id}/", "/api/v3/pages/{id}/actions/delete/"])
def test_api_delete_of_a_page_with_progress_is_refused_with_409(
    client, tree, records, api_headers, url
):
    item = tree.items[0][0]
    response = client.delete(url.format(id=item.id), **api_headers)
    assert response.status_code == 409
    assert "cannot be deleted" in response.json()["detail"]
    assert ContentItemPage.objects.filter(id=item.id).exists()


def test_api_delete_of_a_page_without_records_still_works(client, tree, records, api_headers):
    untouched = tree.items[1][1]
    response = client.delete(f"/api/v3/pages/{untouched.id}/", **api_headers)
    assert response.status_code == 204
    assert not ContentItemPage.objects.filter(id=untouched.id).exists()
