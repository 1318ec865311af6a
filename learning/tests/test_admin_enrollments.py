import pytest
from django.urls import reverse

from learning.journey.access import resolve_item
from learning.journey.enrollment import enroll
from learning.journey.progress import complete_item
from learning.models import ContentItemPage, Enrollment, Progress

from .factories import staff_user
from .journey_helpers import build_tree, make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(staff_user("admin@example.com", superuser=True))
    return client


@pytest.fixture
def records(tree):
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    complete_item(learner=learner, item=resolve_item(page_id=tree.items[0][0].id))
    return learner


def test_deleting_an_item_with_progress_is_refused_with_a_message(admin_client, tree, records):
    item = tree.items[0][0]
    url = reverse("wagtailadmin_pages:delete", args=[item.id])
    response = admin_client.post(url, follow=True)
    assert ContentItemPage.objects.filter(id=item.id).exists()
    assert Progress.objects.count() == 1
    assert "cannot be deleted" in response.content.decode()


def test_deleting_a_program_with_enrollments_is_refused(admin_client, tree, records):
    admin_client.post(reverse("wagtailadmin_pages:delete", args=[tree.program.id]))
    assert Enrollment.objects.count() == 1


def test_deleting_an_item_without_records_works_and_updates_totals(
    admin_client, tree, records, django_capture_on_commit_callbacks
):
    untouched = tree.items[1][1]
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("wagtailadmin_pages:delete", args=[untouched.id]))
    assert not ContentItemPage.objects.filter(id=untouched.id).exists()
    assert Enrollment.objects.get().total_items == 3


def test_moving_a_module_with_progress_is_refused(admin_client, tree, records):
    module = tree.modules[0]
    url = reverse("wagtailadmin_pages:move_confirm", args=[module.id, tree.courses[1].id])
    response = admin_client.post(url, follow=True)
    module.refresh_from_db()
    assert module.get_parent().id == tree.courses[0].id
    assert "cannot be moved" in response.content.decode()


def test_unpublishing_recomputes_totals(tree, records, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tree.courses[1].unpublish()
    enrollment = Enrollment.objects.get()
    assert (enrollment.completed_items, enrollment.total_items) == (1, 2)
    with django_capture_on_commit_callbacks(execute=True):
        tree.courses[1].save_revision().publish()
    assert Enrollment.objects.get().total_items == 4


def test_enrollments_listing_filters_and_exports_csv(admin_client, tree, records):
    other = build_tree(title="Andes")
    enroll(learner=make_learner("b@example.com"), program=other.program)
    index = reverse("enrollments:index")
    response = admin_client.get(index, {"program": tree.program.id})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ada@example.com" in html and "b@example.com" not in html
    response = admin_client.get(index, {"status": "active", "export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "ada@example.com" in body and "b@example.com" in body
    assert "Completion" in body or "completion" in body


def test_editors_cannot_edit_enrollments_by_hand(admin_client, tree, records):
    enrollment = Enrollment.objects.get()
    response = admin_client.get(reverse("enrollments:edit", args=[enrollment.pk]))
    assert response.status_code in (302, 403)


def instructor_of(program, email):
    from culturedegree import demo

    return staff_user(email, groups=[demo.ensure_program_instructors(program=program)])


def test_instructors_see_the_enrollments_of_their_program_only(client, tree, records):
    other = build_tree(title="Andes")
    enroll(learner=make_learner("b@example.com"), program=other.program)
    index = reverse("enrollments:index")

    theirs = Enrollment.objects.get(program=tree.program)
    inspect_url = reverse("enrollments:inspect", args=[theirs.pk])
    client.force_login(instructor_of(tree.program, "teacher@example.com"))
    html = client.get(index).content.decode()
    assert "ada@example.com" in html and "b@example.com" not in html
    assert client.get(inspect_url, follow=True).status_code == 200

    client.force_login(instructor_of(other.program, "andes-teacher@example.com"))
    response = client.get(index)
    assert response.status_code == 200
    html = response.content.decode()
    assert "b@example.com" in html and "ada@example.com" not in html
    assert f'value="{tree.program.pk}"' not in html, "another program is not even offered"
    export = client.get(index, {"export": "csv"})
    assert "ada@example.com" not in b"".join(export.streaming_content).decode()
    filtered = client.get(index, {"program": tree.program.pk}).content.decode()
    assert "ada@example.com" not in filtered
    assert client.get(inspect_url, follow=True).status_code == 404


def test_completion_shows_as_a_percentage(admin_client, tree, records):
    html = admin_client.get(reverse("enrollments:index")).content.decode()
    assert "25 %" in html
