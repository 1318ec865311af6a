"""SECURITY.md item 9: who may reach what, for every learner endpoint, from the URL list.

The endpoints are read from Django's URL resolver: every pattern of the learner API
(/api/v1/) and every view of `learning.views.actions` needs a row in MATRIX, so a new
endpoint fails `test_every_endpoint_has_a_row` until someone decides who may call it.

For each row: the owner succeeds; another learner gets 404 for the owner's objects (or, on
endpoints that only ever touch the caller's own records, cannot see or change the owner's);
an anonymous caller gets 401 from the API and a redirect to sign-in from a page. Nothing of
the owner's changes through someone else's call. There are no instructor roles yet: when
they arrive, they get their own column here.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from wagtail.documents.models import Document

from certificates import grading
from certificates.evaluation import award as award_achievement
from certificates.issuing import issue as issue_certificate
from certificates.issuing import publish
from certificates.models import (
    Achievement,
    Certificate,
    LeaderboardOptIn,
    LearnerGoals,
    UserAchievement,
)
from learning.assessments.attempts import start_attempt, submit_attempt
from learning.assessments.peer_review import assigned_reviews
from learning.assessments.projects import add_file
from learning.journey.enrollment import enroll
from learning.models import (
    AssessmentAttempt,
    AttemptFile,
    ContentItemPage,
    CoursePage,
    Enrollment,
    ModulePage,
    Progress,
    ReviewAssignment,
)

from .assessment_helpers import PDF, build_assessment, build_project, criterion_ids
from .factories import build_program
from .journey_helpers import make_learner
from .module_worlds import afresh, rolled_back

pytestmark = pytest.mark.django_db
JSON = "application/json"
API_PREFIX = "api/v1/"
PAGE_VIEWS_MODULES = {
    "learning.views.actions",
    "certificates.achievement_views",
    "learning.assessments.views",
}
# django-ninja's own documents: no learner data, no id, public by design.
PUBLIC_API = {"openapi-json", "openapi-view", "api-root"}

OWNED = "owned"  # an object of the owner's: another learner gets 404
OWN_ONLY = "own-only"  # acts on the caller's records only: another learner sees none of the owner's


@dataclass(frozen=True)
class Row:
    method: str
    url: str  # formatted with the objects of the `world` fixture
    kind: str
    body: dict | None = None
    other_status: set[int] = field(default_factory=lambda: {404})
    # Writes progress on an item: the owner is refused (403) in a course locked by its
    # prerequisites, and nothing is recorded.
    on_item: bool = False
    # A page endpoint answering JSON (the quiz's autosave) rather than redirecting.
    json_page: bool = False
    # Sends a project file (multipart) rather than a JSON or form body.
    upload: bool = False


MATRIX: dict[str, Row] = {
    "api:list_enrollments": Row("GET", "/api/v1/enrollments", OWN_ONLY, other_status={200}),
    # Enrolling creates the caller's own enrollment; it never returns the owner's.
    "api:create_enrollment": Row(
        "POST",
        "/api/v1/enrollments",
        OWN_ONLY,
        body={"program_id": "{program_id}"},
        other_status={201},
    ),
    "api:get_enrollment": Row("GET", "/api/v1/enrollments/{enrollment_id}", OWNED),
    "api:update_enrollment": Row(
        "PATCH", "/api/v1/enrollments/{enrollment_id}", OWNED, body={"status": "dropped"}
    ),
    # Progress is keyed by (caller, item): another learner reaches only their own record,
    # and is refused as not enrolled.
    "api:start": Row(
        "POST", "/api/v1/progress/{item_id}/start", OWN_ONLY, other_status={403}, on_item=True
    ),
    "api:progress_heartbeat": Row(
        "POST",
        "/api/v1/progress/{item_id}/heartbeat",
        OWN_ONLY,
        body={"seconds": 10},
        other_status={403},
        on_item=True,
    ),
    # A batch answers 200 with each entry's own status: the owner's item is refused (403).
    "api:heartbeats": Row(
        "POST",
        "/api/v1/heartbeats",
        OWN_ONLY,
        body={
            "heartbeats": [
                {
                    "content_item_id": "{item_id}",
                    "seconds": 10,
                    "client_sent_at": "2026-12-01T08:00:00Z",
                }
            ]
        },
        other_status={200},
    ),
    "api:progress_complete": Row(
        "POST", "/api/v1/progress/{item_id}/complete", OWN_ONLY, other_status={403}, on_item=True
    ),
    # Undoing touches only the caller's own record; another learner is not enrolled (403).
    "api:progress_uncomplete": Row(
        "DELETE", "/api/v1/progress/{item_id}/complete", OWN_ONLY, other_status={403}
    ),
    "api:list_progress": Row(
        "GET", "/api/v1/progress?program_id={program_id}", OWN_ONLY, other_status={200}
    ),
    "api:get_dashboard": Row("GET", "/api/v1/dashboard", OWN_ONLY, other_status={200}),
    # The caller's own data only: another learner downloads theirs, never the owner's.
    "api:export_my_data": Row("GET", "/api/v1/me/export", OWN_ONLY, other_status={200}),
    # Certificates: the caller's own list; another learner's certificate id gives 404.
    "api:list_certificates": Row("GET", "/api/v1/certificates", OWN_ONLY, other_status={200}),
    "api:get_certificate_credential": Row(
        "GET", "/api/v1/certificates/{certificate_id}/credential", OWNED
    ),
    "api:get_certificate_transcript": Row(
        "GET", "/api/v1/certificates/{certificate_id}/transcript", OWNED
    ),
    "page:my_learning": Row("GET", "/en/my-learning/", OWN_ONLY, other_status={200}),
    # Achievements: the caller's own list, goals and leaderboards of their own programs.
    "api:list_achievements": Row("GET", "/api/v1/achievements", OWN_ONLY, other_status={200}),
    "page:learning_goals": Row(
        "POST",
        "/en/my-learning/goals/",
        OWN_ONLY,
        body={"goal_kind": "weekly", "days_per_week": "3"},
        other_status={302},
    ),
    "page:program_leaderboard": Row("GET", "/en/my-learning/leaderboard/{program_id}/", OWNED),
    # Appearing on a leaderboard: only learners enrolled in the program; others get 404.
    "page:leaderboard_appearance": Row(
        "POST",
        "/en/my-learning/leaderboard/{program_id}/appearance/",
        OWNED,
        body={"appear": "yes"},
    ),
    "page:achievement_seen": Row("POST", "/en/my-learning/achievements/{award_id}/seen/", OWNED),
    "page:enroll": Row("POST", "/en/programs/{program_id}/enroll/", OWN_ONLY, other_status={302}),
    "page:enrollment_target_date": Row(
        "POST",
        "/en/enrollments/{enrollment_id}/target-date/",
        OWNED,
        body={"target_completion_date": "2030-01-01"},
    ),
    "page:enrollment_status": Row("POST", "/en/enrollments/{enrollment_id}/pause/", OWNED),
    # Marks the caller's own progress; another learner is sent back with a message.
    "page:item_completion": Row(
        "POST", "/en/items/{item_id}/complete/", OWN_ONLY, other_status={302}
    ),
    # Assessments: rules and the caller's own standing; attempts are their owner's alone.
    "api:get_assessment": Row(
        "GET", "/api/v1/assessments/{assessment_id}", OWN_ONLY, other_status={200}
    ),
    "api:list_attempts": Row(
        "GET", "/api/v1/assessments/{assessment_id}/attempts", OWN_ONLY, other_status={200}
    ),
    # Another learner is not enrolled in the owner's program.
    "api:start_attempt": Row(
        "POST", "/api/v1/assessments/{assessment_id}/attempts", OWN_ONLY, other_status={403}
    ),
    "api:get_attempt": Row("GET", "/api/v1/attempts/{attempt_id}", OWNED),
    "api:save_attempt": Row("PATCH", "/api/v1/attempts/{attempt_id}", OWNED, body={"answers": {}}),
    "api:submit_attempt": Row("POST", "/api/v1/attempts/{attempt_id}/submit", OWNED),
    "page:assessment": Row("GET", "/en/assessments/{assessment_id}/", OWN_ONLY, other_status={200}),
    "page:assessment_start": Row(
        "POST", "/en/assessments/{assessment_id}/start/", OWN_ONLY, other_status={302}
    ),
    "page:attempt": Row("GET", "/en/attempts/{attempt_id}/", OWNED),
    "page:attempt_save": Row("POST", "/en/attempts/{attempt_id}/save/", OWNED, json_page=True),
    "page:attempt_submit": Row("POST", "/en/attempts/{attempt_id}/submit/", OWNED),
    # Project files: the owner's, their instructors' and assigned reviewers' only.
    "api:upload_attempt_file": Row(
        "POST", "/api/v1/attempts/{project_attempt_id}/files", OWNED, upload=True
    ),
    "api:list_attempt_files": Row("GET", "/api/v1/attempts/{project_attempt_id}/files", OWNED),
    "api:download_attempt_file": Row("GET", "/api/v1/attempt-files/{file_id}", OWNED),
    "api:delete_attempt_file": Row("DELETE", "/api/v1/attempt-files/{file_id}", OWNED),
    "page:attempt_upload": Row(
        "POST", "/en/attempts/{project_attempt_id}/files/", OWNED, upload=True
    ),
    "page:attempt_file": Row("GET", "/en/attempt-files/{file_id}/", OWNED),
    "page:attempt_file_delete": Row("POST", "/en/attempt-files/{file_id}/delete/", OWNED),
    # Peer reviews: another learner has not submitted work, so is not given any to review.
    "api:assigned": Row(
        "GET", "/api/v1/reviews/assigned?assessment_id={peer_id}", OWN_ONLY, other_status={403}
    ),
    "api:send_review": Row("POST", "/api/v1/reviews/{review_id}", OWNED, body="review"),
    "page:assessment_reviews": Row(
        "GET", "/en/assessments/{peer_id}/reviews/", OWN_ONLY, other_status={302}
    ),
    # The caller's own standing in a program.
    "api:grades": Row(
        "GET", "/api/v1/grades?program_id={program_id}", OWN_ONLY, other_status={200}
    ),
    "page:review_submit": Row("POST", "/en/reviews/{review_id}/", OWNED, body="review_form"),
}


def _fill(value, world: dict):
    """The row's body with the world's ids put in (ids as numbers), at any depth."""
    if isinstance(value, str):
        filled = value.format(**world)
        return int(filled) if filled.isdigit() else filled
    if isinstance(value, dict):
        return {key: _fill(item, world) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill(item, world) for item in value]
    return value


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


# API modules whose endpoints have their own matrix: community/tests/test_access_matrix.py.
OTHER_MATRICES = {"community.api"}


def operation_module(pattern) -> str:
    """The module of the function django-ninja serves under the pattern's name."""
    for cell in getattr(pattern.callback, "__closure__", None) or ():
        for operation in getattr(cell.cell_contents, "operations", ()):
            if operation.view_func.__name__ == pattern.name:
                return operation.view_func.__module__
    return ""


def discovered_endpoints() -> dict[str, str]:
    """Matrix key -> route, for every learner API operation and learner page in the URLconf."""
    found = {}
    for route, pattern in _walk(get_resolver().url_patterns):
        if route.startswith(API_PREFIX) and pattern.name not in PUBLIC_API:
            if operation_module(pattern) in OTHER_MATRICES:
                continue
            found[f"api:{pattern.name}"] = route
        elif getattr(pattern.callback, "__module__", "") in PAGE_VIEWS_MODULES:
            found[f"page:{pattern.name}"] = route
    return found


def api_method(name: str) -> str:
    """The HTTP method django-ninja serves the named operation under."""
    for _route, pattern in _walk(get_resolver().url_patterns):
        if pattern.name == name and pattern.callback.__closure__:
            path_view = pattern.callback.__closure__[0].cell_contents
            for operation in path_view.operations:
                if operation.view_func.__name__ == name:
                    return operation.methods[0]
    raise AssertionError(f"no django-ninja operation named {name}")


def test_every_endpoint_has_a_row():
    found = discovered_endpoints()
    missing = sorted(set(found) - set(MATRIX))
    assert not missing, (
        "Endpoints without an access-matrix row in "
        + __file__
        + ":\n"
        + ("\n".join(f"  {key}  ({found[key]})" for key in missing))
    )
    stale = sorted(set(MATRIX) - set(found))
    assert not stale, f"Matrix rows for endpoints that no longer exist: {stale}"


@pytest.mark.parametrize("key", [key for key in MATRIX if key.startswith("api:")])
def test_api_rows_use_the_served_method(key):
    assert MATRIX[key].method == api_method(key.removeprefix("api:"))


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module (it takes seconds: a program, a certificate, an award,
    quizzes, a project with a file, a peer review) inside a transaction rolled back at the
    module's end, as community's matrix does; each test runs in a savepoint of its own
    (pytest-django's transaction, nested), so every role meets the same world. Its media
    files live in a directory of the module."""
    media = tmp_path_factory.mktemp("access-matrix-media")
    with (
        override_settings(MEDIA_ROOT=str(media)),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield _build_world(), media
        transaction.set_rollback(True)


@pytest.fixture
def world(built_world, settings):
    world, media = built_world
    settings.MEDIA_ROOT = str(media)
    return world


def _build_world():
    program = build_program(courses=2, modules=1, items=2)
    first, second = CoursePage.objects.child_of(program).order_by("path")
    second.prerequisites.set([first])
    second.save_revision().publish()
    owner = make_learner("owner@example.com")
    other = make_learner("other@example.com")
    enrollment = enroll(learner=owner, program=program)[0]
    item = ContentItemPage.objects.descendant_of(first).live().first()
    locked_item = ContentItemPage.objects.descendant_of(second).live().first()
    assert as_user(owner).post(f"/api/v1/progress/{item.id}/start").status_code == 200
    document = Document.objects.create(title="Reading list")
    document.file.save("reading.txt", ContentFile(b"Chapter one"), save=True)
    page = ContentItemPage.objects.get(pk=item.pk)
    page.body = [("document", {"document": document, "description": "What to read."})]
    page.save_revision().publish()
    certificate = issue_certificate(
        learner=owner,
        program=program,
        result=grading.Result(completed_at=timezone.now(), grade=grading.COMPLETED_GRADE),
    )[0]
    publish(certificate=certificate)
    award = award_achievement(
        learner=owner,
        achievement=Achievement.objects.create(
            name="Helping hand", description="Help.", kind="special", locale=program.locale
        ),
        reason="Ran the study group",
    )
    module = ModulePage.objects.child_of(first).first()
    quiz = build_assessment(module, title="To start")
    open_quiz = build_assessment(module, title="In progress")
    attempt = start_attempt(learner=owner, assessment=open_quiz)
    project = build_project(module, max_attempts=0)
    project_attempt = start_attempt(learner=owner, assessment=project)
    stored = add_file(
        learner=owner,
        attempt_id=project_attempt.pk,
        upload=SimpleUploadedFile("essay.pdf", PDF),
    )
    peer = build_project(module, peer=True, review_count=1)
    writer = make_learner("writer@example.com")
    enroll(learner=writer, program=program)
    for learner in (writer, owner):
        mine = start_attempt(learner=learner, assessment=peer)
        submit_attempt(learner=learner, attempt_id=mine.pk, answers={"text": "Work."})
    [review] = assigned_reviews(reviewer=owner, assessment=peer)
    levels = dict.fromkeys(criterion_ids(peer), 0)
    return {
        "award_id": str(award.pk),
        "certificate_id": str(certificate.pk),
        "project_attempt_id": str(project_attempt.pk),
        "file_id": str(stored.pk),
        "peer_id": str(peer.pk),
        "review_id": str(review.pk),
        "review": {"levels": levels, "comment": "Good."},
        "review_form": {f"level-{key}": str(value) for key, value in levels.items()},
        "assessment_id": str(quiz.pk),
        "attempt_id": str(attempt.pk),
        "owner": owner,
        "other": other,
        "program_id": program.id,
        "enrollment_id": str(enrollment.pk),
        "item_id": item.id,
        "locked_item_id": locked_item.id,
        "document_url": document.url,
    }


def as_user(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def call(client: Client, row: Row, world: dict):
    url = row.url.format(**world)
    body = world[row.body] if isinstance(row.body, str) else _fill(row.body or {}, world)
    method = getattr(client, row.method.lower())
    if row.method == "GET":
        return method(url)
    if row.upload:
        return method(url, {"file": SimpleUploadedFile("notes.pdf", PDF)})
    if url.startswith("/api/"):
        return method(url, body, content_type=JSON)
    return method(url, body)


def owners_records(world: dict) -> list:
    owner = world["owner"]
    return [
        list(Enrollment.objects.filter(learner=owner).values()),
        list(Progress.objects.filter(learner=owner).values()),
        list(UserAchievement.objects.filter(learner=owner).values()),
        list(LearnerGoals.objects.filter(learner=owner).values()),
        list(LeaderboardOptIn.objects.filter(learner=owner).values()),
        list(Certificate.objects.filter(learner=owner).values()),
        list(AssessmentAttempt.objects.filter(learner=owner).values()),
        list(AttemptFile.objects.filter(attempt__learner=owner).values()),
        list(ReviewAssignment.objects.filter(reviewer=owner).values()),
    ]


def signs_in_first(response) -> bool:
    login = resolve_url(settings.LOGIN_URL)
    return response.status_code == 302 and urlsplit(response["Location"]).path.endswith(
        login.split("/", 2)[-1]
    )


@pytest.mark.parametrize("key", list(MATRIX))
def test_owner_succeeds(key, world):
    row = MATRIX[key]
    response = call(as_user(world["owner"]), row, world)
    if key.startswith("page:") and row.method == "POST" and not row.json_page:
        assert response.status_code == 302, response.content
        assert not signs_in_first(response)
    else:
        assert 200 <= response.status_code < 300, (response.status_code, response.content)


@pytest.mark.parametrize("key", list(MATRIX))
def test_another_learner_cannot_reach_the_owners_data(key, world):
    row = MATRIX[key]
    before = owners_records(world)
    response = call(as_user(world["other"]), row, world)
    assert response.status_code in row.other_status, (response.status_code, response.content)
    # A page links to the URL it was asked for (the language menu): that echo is no leak.
    asked = row.url.format(**world).split("/", 2)[-1]
    shown = response.content.decode().replace(asked, "")
    assert world["enrollment_id"] not in shown
    assert world["attempt_id"] not in shown
    assert owners_records(world) == before


@pytest.mark.parametrize("key", list(MATRIX))
def test_anonymous_is_sent_to_sign_in(key, world):
    row = MATRIX[key]
    before = owners_records(world)
    response = call(as_user(None), row, world)
    if key.startswith("api:"):
        assert response.status_code == 401, response.content
        assert response.json()["message"]
    else:
        assert signs_in_first(response), (response.status_code, response.get("Location"))
    assert owners_records(world) == before


@pytest.mark.parametrize("key", [key for key in MATRIX if MATRIX[key].on_item])
def test_the_owner_is_refused_in_a_course_locked_by_prerequisites(key, world):
    row = MATRIX[key]
    locked_world = {**world, "item_id": world["locked_item_id"]}
    before = owners_records(world)
    response = call(as_user(world["owner"]), row, locked_world)
    assert response.status_code == 403, response.content
    assert "locked" in response.json()["message"]
    assert owners_records(world) == before


# The content the API and the site serve by id: an item's body (free previews aside) and the
# documents it uses are for enrolled learners of an unlocked course.
CONTENT_ROWS = {
    "item body (content API)": "/api/v3/pages/{item_id}/",
    "locked item body (content API)": "/api/v3/pages/{locked_item_id}/",
    "document": "{document_url}",
}


def _readable(response) -> bool:
    if (
        response["Content-Type"].startswith("application/json")
        and "/api/v3/" in (response.request["PATH_INFO"])
    ):
        return response.status_code == 200 and response.json()["body"] is not None
    return response.status_code == 200


@pytest.mark.parametrize("key", list(CONTENT_ROWS))
@pytest.mark.parametrize("who", ["owner", "other", "anonymous"])
def test_item_content_is_for_enrolled_learners_of_an_unlocked_course(key, who, world):
    url = CONTENT_ROWS[key].format(**world)
    response = as_user(world.get(who)).get(url)
    assert _readable(response) == (who == "owner" and not key.startswith("locked")), (
        response.status_code
    )


@pytest.fixture(scope="class")
def built_stranger(built_world, django_db_blocker):
    """An instructor of another program, built once for the class that uses it in a savepoint
    of the module's world, rolled back at the class's end (module_worlds.rolled_back)."""
    from culturedegree import demo

    from .factories import build_program as another_program
    from .factories import staff_user

    with rolled_back(django_db_blocker):
        other_program = another_program(courses=1, modules=1, items=1)
        yield staff_user(
            "stranger@example.com",
            groups=[demo.ensure_program_instructors(program=other_program)],
        )


class TestAnInstructorOfAnotherProgram:
    """Staff of another program are learners here: the owner's objects are 404 to them."""

    @pytest.mark.parametrize("key", [key for key in MATRIX if MATRIX[key].kind == OWNED])
    def test_cannot_reach_the_owners_data(self, key, world, built_stranger):
        stranger = afresh(built_stranger)
        before = owners_records(world)
        response = call(as_user(stranger), MATRIX[key], world)
        assert response.status_code in MATRIX[key].other_status, (response.status_code, key)
        assert owners_records(world) == before


@pytest.mark.parametrize("key", ["api:download_attempt_file", "page:attempt_file"])
def test_an_instructor_of_the_program_downloads_the_learners_files(key, world):
    from culturedegree import demo

    from .factories import staff_user

    program = ContentItemPage.objects.get(pk=world["item_id"]).get_parent().get_parent()
    teacher = staff_user(
        "teacher@example.com",
        groups=[demo.ensure_program_instructors(program=program.get_parent())],
    )
    assert call(as_user(teacher), MATRIX[key], world).status_code == 200
