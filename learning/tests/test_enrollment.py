import datetime as dt

import pytest
from django.utils import timezone

from learning.journey.enrollment import TransitionError, change_status, enroll, set_target_date
from learning.journey.recompute import recompute_enrollment
from learning.models import Enrollment, LearningEvent

from .journey_helpers import build_tree, make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return make_learner()


def test_enroll_creates_one_active_enrollment_with_totals(tree, learner):
    enrollment, created = enroll(learner=learner, program=tree.program)
    assert created
    assert enrollment.status == "active"
    assert (enrollment.completed_items, enrollment.total_items) == (0, 4)
    assert enrollment.next_item_id == tree.items[0][0].id


def test_second_enroll_returns_existing_enrollment(tree, learner):
    first, _ = enroll(learner=learner, program=tree.program)
    second, created = enroll(learner=learner, program=tree.program)
    assert not created
    assert second.pk == first.pk
    assert Enrollment.objects.count() == 1


def test_pause_resume_drop_and_reenroll(tree, learner):
    enrollment, _ = enroll(learner=learner, program=tree.program)
    assert change_status(enrollment=enrollment, status="paused").status == "paused"
    assert change_status(enrollment=enrollment, status="active").status == "active"
    assert change_status(enrollment=enrollment, status="dropped").status == "dropped"
    again, created = enroll(learner=learner, program=tree.program)
    assert not created and again.status == "active" and again.pk == enrollment.pk
    verbs = list(LearningEvent.objects.order_by("timestamp").values_list("verb", flat=True))
    assert verbs == ["registered", "suspended", "resumed", "abandoned", "registered"]


def test_completed_enrollment_cannot_be_paused(tree, learner):
    enrollment, _ = enroll(learner=learner, program=tree.program)
    Enrollment.objects.filter(pk=enrollment.pk).update(status="completed")
    with pytest.raises(TransitionError):
        change_status(enrollment=enrollment, status="paused")
    assert Enrollment.objects.get().status == "completed"


def test_unknown_status_is_refused(tree, learner):
    enrollment, _ = enroll(learner=learner, program=tree.program)
    with pytest.raises(TransitionError):
        change_status(enrollment=enrollment, status="graduated")


def test_target_date_in_the_past_is_refused(tree, learner):
    enrollment, _ = enroll(learner=learner, program=tree.program)
    with pytest.raises(TransitionError):
        set_target_date(enrollment=enrollment, target=timezone.localdate() - dt.timedelta(days=1))
    future = timezone.localdate() + dt.timedelta(days=30)
    assert set_target_date(enrollment=enrollment, target=future).target_completion_date == future


def test_unpublished_course_no_longer_counts(tree, learner):
    enrollment, _ = enroll(learner=learner, program=tree.program)
    tree.courses[1].unpublish()
    recompute_enrollment(enrollment=enrollment)
    assert enrollment.total_items == 2


def test_electives_count_the_ones_the_learner_advanced_in(learner):
    from learning.journey.access import resolve_item
    from learning.journey.progress import complete_item

    tree = build_tree(courses=3, items_per_course=2)
    first, second, third = tree.courses
    tree.program.requirements = [
        ("required_courses", {"title": "Core", "courses": [first]}),
        ("elective_group", {"title": "Pick one", "min_required": 1, "courses": [second, third]}),
    ]
    tree.program.save_revision().publish()
    enrollment, _ = enroll(learner=learner, program=tree.program)
    assert enrollment.total_items == 4
    left = {group["title"]: group for group in enrollment.requirements_left}
    assert left["Pick one"]["choose"] == 1 and left["Pick one"]["elective"]
    complete_item(learner=learner, item=resolve_item(page_id=tree.items[2][0].id))
    enrollment.refresh_from_db()
    assert set(enrollment.course_progress) == {str(first.id), str(third.id)}
    assert (enrollment.completed_items, enrollment.total_items) == (1, 4)
