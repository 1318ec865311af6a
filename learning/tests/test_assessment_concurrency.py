"""Races over real concurrent connections: starts against the maximum, double submits."""

import threading
import time

import pytest

from learning.assessments.attempts import AttemptError, start_attempt, submit_attempt
from learning.journey.enrollment import enroll
from learning.models import AssessmentAttempt, LearningEvent

from .assessment_helpers import build_assessment, right_answers
from .journey_helpers import build_tree, make_learner, run_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_twelve_parallel_starts_with_three_attempts_give_attempts_one_to_three():
    """Each of twelve clients starts and submits; a start while another is open waits and
    tries again. Exactly attempts 1, 2 and 3 exist; nine clients get the maximum's 4xx."""
    tree = build_tree(courses=1, items_per_course=1)
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    quiz = build_assessment(tree.modules[0], max_attempts=3)

    def client():
        for _ in range(200):
            try:
                attempt = start_attempt(learner=learner, assessment=quiz)
            except AttemptError as exc:
                if exc.code == "open":
                    time.sleep(0.02)
                    continue
                return exc.code
            submit_attempt(learner=learner, attempt_id=attempt.pk)
            return attempt.attempt_number
        return "gave up"

    results = run_together(client, count=12)
    assert sorted(r for r in results if isinstance(r, int)) == [1, 2, 3]
    assert [r for r in results if not isinstance(r, int)] == ["max_attempts"] * 9
    assert AssessmentAttempt.objects.count() == 3


def test_parallel_starts_open_one_attempt():
    tree = build_tree(courses=1, items_per_course=1)
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    quiz = build_assessment(tree.modules[0], max_attempts=3)
    outcomes = []
    lock = threading.Lock()

    def client():
        try:
            attempt = start_attempt(learner=learner, assessment=quiz)
        except AttemptError as exc:
            with lock:
                outcomes.append(exc.code)
            return None
        return attempt.attempt_number

    numbers = [n for n in run_together(client, count=12) if n]
    assert numbers == [1]
    assert outcomes == ["open"] * 11


def test_parallel_submits_of_one_attempt_grade_once():
    tree = build_tree(courses=1, items_per_course=1)
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    quiz = build_assessment(tree.modules[0])
    attempt = start_attempt(learner=learner, assessment=quiz)
    answers = right_answers(attempt)

    def client():
        try:
            return submit_attempt(learner=learner, attempt_id=attempt.pk, answers=answers).score
        except AttemptError as exc:
            return exc.code

    results = run_together(client, count=8)
    assert results.count("closed") == 7
    assert LearningEvent.objects.filter(verb="submitted").count() == 1
    assert LearningEvent.objects.filter(verb="passed").count() == 1
    assert LearningEvent.objects.filter(verb="answered").count() == len(attempt.question_ids)


def test_parallel_review_assignment_never_exceeds_k_nor_gives_anyone_their_own():
    from learning.assessments.peer_review import assigned_reviews
    from learning.models import ReviewAssignment

    from .assessment_helpers import build_project

    tree = build_tree(courses=1, items_per_course=1)
    project = build_project(tree.modules[0], peer=True, review_count=2)
    learners = [make_learner(f"r{i}@example.com") for i in range(8)]
    for learner in learners:
        enroll(learner=learner, program=tree.program)
    writer = learners[0]
    attempt = start_attempt(learner=writer, assessment=project)
    submit_attempt(learner=writer, attempt_id=attempt.pk, answers={"text": "Mine."})
    for learner in learners[1:]:
        own = start_attempt(learner=learner, assessment=project)
        submit_attempt(learner=learner, attempt_id=own.pk, answers={"text": "Theirs."})
    pending = list(learners)
    lock = threading.Lock()

    def reviewer():
        with lock:
            learner = pending.pop()
        return assigned_reviews(reviewer=learner, assessment=project)

    run_together(reviewer, count=8)
    counts = {}
    for review in ReviewAssignment.objects.select_related("attempt"):
        assert review.attempt.learner_id != review.reviewer_id
        counts[review.attempt_id] = counts.get(review.attempt_id, 0) + 1
    assert counts and max(counts.values()) <= 2
    assert ReviewAssignment.objects.count() == 8
