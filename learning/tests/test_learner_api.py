import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from learning.models import Enrollment, LearningEvent, Progress

from .journey_helpers import build_tree, make_learner, make_video, translate_tree

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def learner():
    return make_learner()


@pytest.fixture
def api(client, learner):
    client.force_login(learner)
    return client


def enrolled(api, tree) -> dict:
    response = api.post("/api/v1/enrollments", {"program_id": tree.program.id}, content_type=JSON)
    assert response.status_code == 201, response.content
    return response.json()


def test_enroll_then_enroll_again_returns_the_existing_one(api, tree):
    first = enrolled(api, tree)
    again = api.post("/api/v1/enrollments", {"program_id": tree.program.id}, content_type=JSON)
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert api.get("/api/v1/enrollments").json()[0]["total_items"] == 4


def test_unknown_program_is_404_with_a_message(api):
    response = api.post("/api/v1/enrollments", {"program_id": 999999}, content_type=JSON)
    assert response.status_code == 404
    assert response.json()["message"]


def test_extra_fields_are_forbidden(api, tree, learner):
    response = api.post(
        "/api/v1/enrollments",
        {"program_id": tree.program.id, "learner": "someone-else", "completion_percentage": 100},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert not Enrollment.objects.exists()


def test_malformed_json_is_a_4xx_json_answer(api, tree):
    response = api.post("/api/v1/enrollments", "{not json", content_type=JSON)
    assert 400 <= response.status_code < 500
    assert "message" in response.json()
    assert not Enrollment.objects.exists()


def test_patch_status_and_target_date(api, tree):
    enrollment = enrolled(api, tree)
    url = f"/api/v1/enrollments/{enrollment['id']}"
    target = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    response = api.patch(
        url, {"status": "paused", "target_completion_date": target}, content_type=JSON
    )
    assert response.status_code == 200
    assert response.json()["status"] == "paused"
    assert response.json()["target_completion_date"] == target


def test_invalid_transition_is_409_and_changes_nothing(api, tree):
    enrollment = enrolled(api, tree)
    Enrollment.objects.update(status="completed")
    response = api.patch(
        f"/api/v1/enrollments/{enrollment['id']}", {"status": "paused"}, content_type=JSON
    )
    assert response.status_code == 409
    assert response.json()["message"]
    assert Enrollment.objects.get().status == "completed"


def test_status_outside_the_list_is_422(api, tree):
    enrollment = enrolled(api, tree)
    response = api.patch(
        f"/api/v1/enrollments/{enrollment['id']}", {"status": "completed"}, content_type=JSON
    )
    assert response.status_code == 422
    assert Enrollment.objects.get().status == "active"


def test_heartbeat_and_complete(api, tree):
    enrolled(api, tree)
    item = tree.items[0][0]
    response = api.post(
        f"/api/v1/progress/{item.id}/heartbeat",
        {"seconds": 15, "progress_data": {"position": 3.5}},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    assert response.json()["progress"]["progress_data"]["position"] == 3.5
    response = api.post(f"/api/v1/progress/{item.id}/complete")
    assert response.status_code == 200
    body = response.json()
    assert body["completed_now"] and body["enrollment"]["completed_items"] == 1
    assert api.post(f"/api/v1/progress/{item.id}/complete").json()["completed_now"] is False
    listed = api.get(f"/api/v1/progress?program_id={tree.program.id}").json()
    assert [row["content_item_id"] for row in listed] == [item.id]
    assert api.get(f"/api/v1/progress?course_id={tree.courses[1].id}").json() == []


@pytest.mark.parametrize(
    "body",
    [
        {"seconds": -5},
        {"seconds": 10**9},
        {"seconds": "lots"},
        {"seconds": 5, "progress_data": {"position": -1}},
        {"seconds": 5, "progress_data": {"score": 100}},
        {"seconds": 5, "progress_data": {"state": {"blob": "x" * 5000}}},
        {"seconds": 5, "time_spent_seconds": 9999},
    ],
)
def test_bad_heartbeats_are_422_and_change_nothing(api, tree, body):
    enrolled(api, tree)
    response = api.post(
        f"/api/v1/progress/{tree.items[0][0].id}/heartbeat", body, content_type=JSON
    )
    assert response.status_code == 422, response.content
    assert response.json()["message"]
    assert not Progress.objects.exists()


def test_unpublished_and_unknown_items_are_404(api, tree):
    enrolled(api, tree)
    item = tree.items[0][0]
    item.unpublish()
    assert api.post(f"/api/v1/progress/{item.id}/complete").status_code == 404
    assert api.post("/api/v1/progress/99999/complete").status_code == 404
    tree.modules[1].unpublish()
    assert api.post(f"/api/v1/progress/{tree.items[1][0].id}/complete").status_code == 404
    assert not Progress.objects.exists()


def test_item_of_a_program_not_enrolled_in_is_403(api, tree):
    other = build_tree(title="Andes")
    enrolled(api, tree)
    response = api.post(f"/api/v1/progress/{other.items[0][0].id}/complete")
    assert response.status_code == 403
    assert not Progress.objects.exists()


def test_paused_enrollment_heartbeat_is_409(api, tree):
    enrollment = enrolled(api, tree)
    api.patch(f"/api/v1/enrollments/{enrollment['id']}", {"status": "paused"}, content_type=JSON)
    response = api.post(
        f"/api/v1/progress/{tree.items[0][0].id}/heartbeat", {"seconds": 5}, content_type=JSON
    )
    assert response.status_code == 409


def test_translated_page_ids_resolve_to_the_same_records(api, tree):
    mapping = translate_tree(tree)
    response = api.post(
        "/api/v1/enrollments", {"program_id": mapping[tree.program.id]}, content_type=JSON
    )
    assert response.status_code == 201
    assert response.json()["program_id"] == tree.program.id
    item = tree.items[0][0]
    assert api.post(f"/api/v1/progress/{mapping[item.id]}/complete").status_code == 200
    assert Progress.objects.get().content_item_id == item.id


def test_video_completes_itself_at_ninety_percent(api, tree):
    enrolled(api, tree)
    video = make_video(tree.items[0][0], seconds=10)
    response = api.post(
        f"/api/v1/progress/{video.id}/heartbeat",
        {"seconds": 1, "progress_data": {"position": 9.5}},
        content_type=JSON,
    )
    assert response.json()["completed_now"] is True


def test_dashboard_endpoint(api, tree):
    enrolled(api, tree)
    body = api.get("/api/v1/dashboard").json()
    assert body["enrollments"][0]["program_id"] == tree.program.id
    assert body["enrollments"][0]["next_item"]["id"] == tree.items[0][0].id
    assert len(body["chart"]) == 28


def test_session_without_csrf_token_is_refused(tree, learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = client.post(
        "/api/v1/enrollments", {"program_id": tree.program.id}, content_type=JSON
    )
    assert response.status_code == 403
    assert not Enrollment.objects.exists()
    assert client.get("/api/v1/enrollments").status_code == 200


def test_headless_session_token_authenticates(tree, learner):
    client = Client(enforce_csrf_checks=True)
    login = client.post(
        "/_allauth/app/v1/auth/login",
        {"email": learner.email, "password": "a-long-password-2026"},
        content_type=JSON,
    )
    assert login.status_code == 200, login.content
    token = login.json()["meta"]["session_token"]
    token_client = Client(enforce_csrf_checks=True, headers={"X-Session-Token": token})
    response = token_client.post(
        "/api/v1/enrollments", {"program_id": tree.program.id}, content_type=JSON
    )
    assert response.status_code == 201
    assert LearningEvent.objects.filter(actor=learner, verb="registered").exists()


def test_openapi_document_and_docs_page_use_local_assets(client):
    document = client.get("/api/v1/openapi.json")
    assert document.status_code == 200
    assert "/api/v1/progress/{content_item_id}/heartbeat" in document.json()["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn." not in html and "/static/ninja/swagger-ui-bundle.js" in html
