import pytest
from django.test import Client

from learning.journey.enrollment import change_status, enroll
from learning.models import Enrollment, Progress

from .journey_helpers import make_learner

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def owner(tree):
    learner = make_learner("owner@example.com")
    enroll(learner=learner, program=tree.program)
    return learner


@pytest.fixture
def other(tree):
    return make_learner("other@example.com")


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_another_learners_enrollment_is_404(tree, owner, other):
    enrollment = Enrollment.objects.get(learner=owner)
    client = as_user(other)
    assert client.get(f"/api/v1/enrollments/{enrollment.pk}").status_code == 404
    response = client.patch(
        f"/api/v1/enrollments/{enrollment.pk}", {"status": "dropped"}, content_type=JSON
    )
    assert response.status_code == 404
    assert client.post(f"/en/enrollments/{enrollment.pk}/drop/").status_code == 404
    assert Enrollment.objects.get(pk=enrollment.pk).status == "active"
    assert client.get("/api/v1/enrollments").json() == []


def test_another_learners_progress_is_not_listed(tree, owner, other):
    as_user(owner).post(f"/api/v1/progress/{tree.items[0][0].id}/complete")
    assert as_user(other).get("/api/v1/progress").json() == []
    assert Progress.objects.count() == 1


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/enrollments"),
        ("post", "/api/v1/enrollments"),
        ("get", "/api/v1/progress"),
        ("post", "/api/v1/progress/1/heartbeat"),
        ("post", "/api/v1/progress/1/complete"),
        ("get", "/api/v1/dashboard"),
        ("patch", "/api/v1/enrollments/00000000-0000-0000-0000-000000000000"),
    ],
)
def test_anonymous_gets_401(client, method, url):
    response = getattr(client, method)(url, {}, content_type=JSON)
    assert response.status_code == 401
    assert response.json()["message"]


def test_item_opens_to_enrolled_learner_and_records_start(tree, owner):
    item = tree.items[0][0]
    response = as_user(owner).get(item.url)
    assert response.status_code == 200
    assert Progress.objects.filter(learner=owner, content_item=item).exists()


def test_item_redirects_visitors_to_the_program_page(tree, other, client):
    item = tree.items[0][0]
    for visitor in (client, as_user(other)):
        response = visitor.get(item.url)
        assert response.status_code == 302
        assert response["Location"] == tree.program.url
    assert not Progress.objects.exists()


def test_dropped_learner_is_redirected(tree, owner):
    change_status(enrollment=Enrollment.objects.get(), status="dropped")
    assert as_user(owner).get(tree.items[0][0].url).status_code == 302


def test_free_preview_opens_to_everyone(tree, client, other):
    item = tree.items[0][0]
    item.is_free_preview = True
    item.save_revision().publish()
    assert client.get(item.url).status_code == 200
    assert as_user(other).get(item.url).status_code == 200
    assert not Progress.objects.exists()


def test_editors_can_open_any_item(tree):
    from .factories import staff_user

    editor = staff_user("editor@example.com", superuser=True)
    assert as_user(editor).get(tree.items[0][0].url).status_code == 200


def test_my_learning_needs_sign_in(client):
    response = client.get("/en/my-learning/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_anonymous_enroll_signs_in_first_then_comes_back(tree, client):
    response = client.post(f"/en/programs/{tree.program.id}/enroll/", {"next": tree.program.url})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert "next=" in response["Location"]
    assert not Enrollment.objects.exists()


def test_enroll_form_enrolls_and_returns_to_the_page(tree, other):
    response = as_user(other).post(
        f"/en/programs/{tree.program.id}/enroll/", {"next": tree.program.url}
    )
    assert response.status_code == 302 and response["Location"] == tree.program.url
    assert Enrollment.objects.filter(learner=other).count() == 1


def test_enroll_form_refuses_offsite_next(tree, other):
    response = as_user(other).post(
        f"/en/programs/{tree.program.id}/enroll/", {"next": "https://evil.example/"}
    )
    assert "evil" not in response["Location"]


@pytest.fixture
def locked_tree(tree):
    """`tree` with its second course waiting on the first."""
    tree.courses[1].prerequisites.set([tree.courses[0]])
    tree.courses[1].save_revision().publish()
    return tree


def test_a_locked_course_stays_locked_in_every_language(locked_tree, owner):
    from learning.models import ContentItemPage

    from .journey_helpers import translate_tree

    french = translate_tree(locked_tree, "fr")
    item = ContentItemPage.objects.get(pk=french[locked_tree.items[1][0].id])
    response = as_user(owner).get(item.url)
    assert response.status_code == 403
    assert "data-course-lock" in response.content.decode()
    assert "Read this." not in response.content.decode()
    api = as_user(owner).post(f"/api/v1/progress/{item.id}/complete")
    assert api.status_code == 403
    assert not Progress.objects.filter(learner=owner).exists()
    # Editors still open it.
    from .factories import staff_user

    editor = staff_user("editor@example.com", superuser=True)
    response = as_user(editor).get(item.url)
    assert response.status_code == 200
    assert "data-course-lock" not in response.content.decode()
