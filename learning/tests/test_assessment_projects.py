"""Projects: text and private files, graded by instructors with a rubric; peer review with
the median of K anonymous reviews and staff when peers do not come."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from learning.assessments.attempts import AttemptError, save_answers, start_attempt, submit_attempt
from learning.assessments.peer_review import assigned_reviews, overdue_for_staff, submit_review
from learning.assessments.projects import add_file
from learning.assessments.staff import grade_project
from learning.journey.enrollment import enroll
from learning.models import AttemptFile, Enrollment, ReviewAssignment

from .assessment_helpers import PDF, build_project, criterion_ids
from .journey_helpers import build_tree, make_learner
from .test_admin_enrollments import instructor_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    tree = build_tree(courses=1, items_per_course=1)
    other = build_tree(courses=1, items_per_course=1, title="Andes")
    learners = [make_learner(f"p{i}@example.com") for i in range(4)]
    for learner in learners:
        enroll(learner=learner, program=tree.program)
    return {
        "tree": tree,
        "learners": learners,
        "teacher": instructor_of(tree.program, "teacher@example.com"),
        "stranger": instructor_of(other.program, "andes@example.com"),
    }


def submit_project(learner, project, text="My essay on the tea house.", with_file=True):
    attempt = start_attempt(learner=learner, assessment=project)
    save_answers(learner=learner, attempt_id=attempt.pk, answers={"text": text})
    if with_file:
        add_file(
            learner=learner,
            attempt_id=attempt.pk,
            upload=SimpleUploadedFile("essay.pdf", PDF, content_type="application/pdf"),
        )
    return submit_attempt(learner=learner, attempt_id=attempt.pk)


def test_a_project_is_graded_by_an_instructor_with_the_rubric(world, client):
    learner = world["learners"][0]
    project = build_project(world["tree"].modules[0], max_attempts=2)
    attempt = submit_project(learner, project)
    assert attempt.status == "awaiting_grading"
    sources, argument = criterion_ids(project)
    client.force_login(world["teacher"])
    url = reverse("assessment_admin_attempt", args=[attempt.pk])
    page = client.get(url).content.decode()
    assert "My essay on the tea house." in page and "essay.pdf" in page
    client.post(url, {f"level-{sources}": "2", f"level-{argument}": "1", "feedback": "Fine work."})
    attempt.refresh_from_db()
    assert attempt.status == "graded" and attempt.score == 100 and attempt.passed
    assert Enrollment.objects.get(learner=learner).completed_items == 1
    mine = Client()
    mine.force_login(learner)
    result = mine.get(f"/en/attempts/{attempt.pk}/").content.decode()
    assert "Fine work." in result and "Well chosen" in result
    # The learner may resubmit while attempts remain.
    assert start_attempt(learner=learner, assessment=project).attempt_number == 2


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "invalid"),
        ("essay.pdf", b"<html><script>alert(1)</script>", "invalid"),
        ("image.svg", b"<svg></svg>", "invalid"),
        ("notes.txt", b"\x00\x01binary", "invalid"),
        ("huge.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "too_large"),
    ],
)
def test_files_of_the_wrong_type_or_too_big_are_refused(world, name, content, code):
    learner = world["learners"][0]
    project = build_project(world["tree"].modules[0])
    attempt = start_attempt(learner=learner, assessment=project)
    with pytest.raises(AttemptError) as refused:
        add_file(learner=learner, attempt_id=attempt.pk, upload=SimpleUploadedFile(name, content))
    assert refused.value.code == code
    assert not AttemptFile.objects.exists()


def test_files_reach_the_learner_staff_and_reviewers_only(world, client):
    learner, other = world["learners"][:2]
    project = build_project(world["tree"].modules[0])
    submit_project(learner, project)
    stored = AttemptFile.objects.get()
    url = reverse("attempt_file", args=[stored.pk])
    api_url = f"/api/v1/attempt-files/{stored.pk}"
    for user, allowed in (
        (learner, True),
        (other, False),
        (world["teacher"], True),
        (world["stranger"], False),
    ):
        client.force_login(user)
        response = client.get(url)
        assert (response.status_code == 200) == allowed, user
        if allowed:
            assert response["Content-Disposition"].startswith("attachment")
            assert b"".join(response.streaming_content) == PDF
        assert (client.get(api_url).status_code == 200) == allowed
    client.logout()
    assert client.get(url).status_code == 302


def test_peer_review_gives_k_anonymous_reviews_and_grades_with_the_median(world, client):
    project = build_project(world["tree"].modules[0], peer=True, review_count=2)
    learners = world["learners"]
    attempts = [submit_project(learner, project) for learner in learners[:3]]
    sources, argument = criterion_ids(project)
    levels = [
        {sources: 2, argument: 1},  # 100 %
        {sources: 1, argument: 1},  # 80 %
        {sources: 0, argument: 0},  # 0 %
    ]
    seen = {attempt.pk: 0 for attempt in attempts}
    for round_ in range(2):
        for index, reviewer in enumerate(learners[:3]):
            [review] = [
                r
                for r in assigned_reviews(reviewer=reviewer, assessment=project)
                if not r.submitted_at
            ]
            assert review.attempt.learner_id != reviewer.pk
            seen[review.attempt_id] += 1
            submit_review(
                reviewer=reviewer,
                review_id=review.pk,
                levels=levels[(index + round_) % 3],
                comment="Thoughtful.",
            )
    assert set(seen.values()) == {2}
    for attempt in attempts:
        attempt.refresh_from_db()
        assert attempt.status == "graded"
        assert attempt.results["rubric"]["by"] == "peers"
    assert ReviewAssignment.objects.count() == 6
    # A reviewer never sees who wrote the work.
    client.force_login(learners[0])
    page = client.get(f"/en/assessments/{project.pk}/reviews/").content.decode()
    assert "p1@example.com" not in page and "p2@example.com" not in page
    # Reviewing your own work, or work not assigned to you, is refused.
    own = ReviewAssignment.objects.exclude(reviewer=learners[0]).first()
    with pytest.raises(AttemptError):
        submit_review(reviewer=learners[0], review_id=own.pk, levels={}, comment="")


def test_staff_override_of_a_peer_grade_is_audited(world):
    from wagtail.models import ModelLogEntry

    from culturedegree import audit

    project = build_project(world["tree"].modules[0], peer=True, review_count=1)
    first, second = world["learners"][:2]
    attempt = submit_project(first, project)
    submit_project(second, project)
    [review] = list(assigned_reviews(reviewer=second, assessment=project))
    sources, argument = criterion_ids(project)
    submit_review(
        reviewer=second, review_id=review.pk, levels={sources: 0, argument: 0}, comment=""
    )
    attempt.refresh_from_db()
    assert attempt.passed is False
    grade_project(
        staff=world["teacher"],
        attempt_id=attempt.pk,
        levels={sources: 2, argument: 1},
        feedback="Regraded.",
    )
    attempt.refresh_from_db()
    assert attempt.passed is True and attempt.results["rubric"]["by"] == "staff"
    entry = ModelLogEntry.objects.filter(action=audit.ATTEMPT_GRADED_BY_STAFF).get()
    assert entry.data["override_of_peers"] is True


def test_a_submission_short_of_reviews_falls_back_to_staff(world):
    project = build_project(world["tree"].modules[0], peer=True, review_count=3, review_days=2)
    start = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        attempt = submit_project(world["learners"][0], project)
    late = world["learners"][1]
    with time_machine.travel(start + dt.timedelta(days=3), tick=False):
        submit_project(late, project)
        reviews = assigned_reviews(reviewer=late, assessment=project)
        assert [r.attempt_id for r in reviews] == []
        assert list(overdue_for_staff(assessment_ids=[project.pk])) == [attempt]
