"""The attempt's life: start, autosave, submit, deadlines, cooldowns, limits, completion."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from learning.assessments.attempts import (
    AttemptError,
    expire_due,
    save_answers,
    start_attempt,
    submit_attempt,
)
from learning.journey.enrollment import enroll
from learning.models import AssessmentAttempt, Enrollment, LearningEvent

from .assessment_helpers import build_assessment, right_answers, wrong_answers
from .journey_helpers import build_tree, make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    tree = build_tree(courses=1, items_per_course=1)
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    return tree, learner


def test_right_answers_pass_and_wrong_ones_fail(setup):
    tree, learner = setup
    quiz = build_assessment(tree.modules[0], max_attempts=2)
    attempt = start_attempt(learner=learner, assessment=quiz)
    assert attempt.attempt_number == 1
    save_answers(learner=learner, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    failed = submit_attempt(learner=learner, attempt_id=attempt.pk)
    # Reversing three items leaves the middle one in place: a third of that question.
    assert failed.status == "graded" and failed.passed is False and failed.score < 5
    second = start_attempt(learner=learner, assessment=quiz)
    assert second.attempt_number == 2
    passed = submit_attempt(learner=learner, attempt_id=second.pk, answers=right_answers(second))
    assert passed.passed is True and passed.score == 100
    passed.refresh_from_db()
    assert set(passed.answers) == set(right_answers(second)) and passed.score == 100
    verbs = set(LearningEvent.objects.values_list("verb", flat=True))
    assert {"attempted", "answered", "submitted", "passed", "failed"} <= verbs


def test_the_module_completes_only_once_the_assessment_is_passed(setup):
    tree, learner = setup
    from learning.journey.access import resolve_item
    from learning.journey.progress import complete_item

    quiz = build_assessment(tree.modules[0])
    complete_item(learner=learner, item=resolve_item(page_id=tree.items[0][0].id))
    enrollment = Enrollment.objects.get()
    assert (enrollment.completed_items, enrollment.total_items) == (1, 2)
    assert enrollment.status == "active"
    attempt = start_attempt(learner=learner, assessment=quiz)
    submit_attempt(learner=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    enrollment.refresh_from_db()
    assert (enrollment.completed_items, enrollment.total_items) == (2, 2)
    assert enrollment.status == "completed"


def test_a_second_submit_is_refused_and_grades_once(setup):
    tree, learner = setup
    quiz = build_assessment(tree.modules[0])
    attempt = start_attempt(learner=learner, assessment=quiz)
    submit_attempt(learner=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    with pytest.raises(AttemptError) as refused:
        submit_attempt(learner=learner, attempt_id=attempt.pk)
    assert refused.value.code == "closed"
    assert LearningEvent.objects.filter(verb="submitted").count() == 1


def test_no_attempt_beyond_the_maximum(setup):
    tree, learner = setup
    quiz = build_assessment(tree.modules[0], max_attempts=1)
    attempt = start_attempt(learner=learner, assessment=quiz)
    submit_attempt(learner=learner, attempt_id=attempt.pk)
    with pytest.raises(AttemptError) as refused:
        start_attempt(learner=learner, assessment=quiz)
    assert refused.value.code == "max_attempts"
    assert AssessmentAttempt.objects.count() == 1


def test_an_open_attempt_must_be_continued(setup):
    tree, learner = setup
    quiz = build_assessment(tree.modules[0])
    start_attempt(learner=learner, assessment=quiz)
    with pytest.raises(AttemptError) as refused:
        start_attempt(learner=learner, assessment=quiz)
    assert refused.value.code == "open"


def test_the_cooldown_holds_until_it_has_passed(setup):
    tree, learner = setup
    quiz = build_assessment(tree.modules[0], cooldown_minutes=10)
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        attempt = start_attempt(learner=learner, assessment=quiz)
        submit_attempt(learner=learner, attempt_id=attempt.pk)
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 9, tzinfo=dt.UTC), tick=False):
        with pytest.raises(AttemptError) as refused:
            start_attempt(learner=learner, assessment=quiz)
        assert refused.value.code == "cooldown"
        assert refused.value.retry_after == 61
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 10, 1, tzinfo=dt.UTC), tick=False):
        assert start_attempt(learner=learner, assessment=quiz).attempt_number == 2


def test_time_running_out_submits_what_was_saved(setup):
    tree, learner = setup
    quiz = build_assessment(tree.modules[0], time_limit_minutes=5)
    start = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        attempt = start_attempt(learner=learner, assessment=quiz)
        assert attempt.deadline == start + dt.timedelta(minutes=5)
        answers = right_answers(attempt)
        first = next(iter(answers))
        save_answers(learner=learner, attempt_id=attempt.pk, answers={first: answers[first]})
    with time_machine.travel(start + dt.timedelta(minutes=6), tick=False):
        with pytest.raises(AttemptError) as refused:
            save_answers(learner=learner, attempt_id=attempt.pk, answers=answers)
        assert refused.value.code == "time_up"
    attempt.refresh_from_db()
    assert attempt.status == "graded" and attempt.auto_submitted
    assert list(attempt.answers) == [first]
    assert attempt.submitted_at <= attempt.deadline + dt.timedelta(seconds=5)


def test_the_sweep_submits_attempts_nobody_came_back_to(setup):
    tree, learner = setup
    quiz = build_assessment(tree.modules[0], time_limit_minutes=1)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        attempt = start_attempt(learner=learner, assessment=quiz)
    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        assert expire_due() == 0
    with time_machine.travel(start + dt.timedelta(minutes=2), tick=False):
        call_command("submit_expired_attempts")
    attempt.refresh_from_db()
    assert attempt.status == "graded" and attempt.auto_submitted


def test_a_submit_after_the_deadline_is_refused(setup):
    tree, learner = setup
    quiz = build_assessment(tree.modules[0], time_limit_minutes=1)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        attempt = start_attempt(learner=learner, assessment=quiz)
    with (
        time_machine.travel(start + dt.timedelta(minutes=3), tick=False),
        pytest.raises(AttemptError) as refused,
    ):
        submit_attempt(learner=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    assert refused.value.code == "time_up"
    attempt.refresh_from_db()
    assert attempt.answers == {} and attempt.score == 0


def test_a_pool_draws_a_fixed_subset_per_attempt(setup):
    tree, learner = setup
    quiz = build_assessment(tree.modules[0], pool_size=3, max_attempts=0)
    attempt = start_attempt(learner=learner, assessment=quiz)
    assert len(attempt.question_ids) == 3
    attempt.refresh_from_db()
    assert len(attempt.question_ids) == 3


def test_later_edits_never_change_a_grade(setup):
    tree, learner = setup
    quiz = build_assessment(tree.modules[0])
    attempt = start_attempt(learner=learner, assessment=quiz)
    answers = right_answers(attempt)
    stream = quiz.questions
    stream[0].value["options"][0]["correct"] = False
    stream[0].value["options"][1]["correct"] = True
    quiz.save_revision().publish()
    submitted = submit_attempt(learner=learner, attempt_id=attempt.pk, answers=answers)
    assert submitted.score == 100


def test_not_enrolled_learners_cannot_start():
    tree = build_tree(courses=1, items_per_course=1)
    quiz = build_assessment(tree.modules[0])
    with pytest.raises(AttemptError) as refused:
        start_attempt(learner=make_learner("x@example.com"), assessment=quiz)
    assert refused.value.code == "not_enrolled"


def test_answers_for_other_questions_or_of_the_wrong_type_change_nothing(setup):
    tree, learner = setup
    quiz = build_assessment(tree.modules[0])
    attempt = start_attempt(learner=learner, assessment=quiz)
    for bad in (
        {"not-a-question": "x"},
        {attempt.question_ids[0]: 3},
        {attempt.question_ids[2]: "true"},
    ):
        with pytest.raises(AttemptError) as refused:
            save_answers(learner=learner, attempt_id=attempt.pk, answers=bad)
        assert refused.value.code == "invalid"
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_an_essay_waits_for_staff(setup):
    from .assessment_helpers import EVERY_TYPE

    tree, learner = setup
    quiz = build_assessment(tree.modules[0], questions=EVERY_TYPE)
    attempt = start_attempt(learner=learner, assessment=quiz)
    submitted = submit_attempt(
        learner=learner, attempt_id=attempt.pk, answers=right_answers(attempt)
    )
    assert submitted.status == "awaiting_grading" and submitted.passed is None
