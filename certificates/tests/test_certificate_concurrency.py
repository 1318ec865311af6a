"""Races over real concurrent connections: threads behind a barrier, one connection each."""

import threading

import pytest

from certificates.issuing import issue_due
from certificates.models import Certificate
from learning.journey.access import resolve_item
from learning.journey.enrollment import enroll
from learning.journey.progress import complete_item
from learning.models import Enrollment
from learning.tests.journey_helpers import build_tree, make_learner, run_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_parallel_completions_of_the_last_items_issue_one_certificate_each():
    tree = build_tree()
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    for page in (tree.items[0][0], tree.items[1][0]):
        complete_item(learner=learner, item=resolve_item(page_id=page.id))
    last = [resolve_item(page_id=page.id) for page in (tree.items[0][1], tree.items[1][1])]
    pending = list(last) * 4
    lock = threading.Lock()

    def complete_one():
        with lock:
            item = pending.pop()
        return complete_item(learner=learner, item=item)

    # Eight requests: four for each course's last item; the commits enqueue the issuing
    # task (immediate in tests) in every thread that completed something.
    run_together(complete_one, count=8)
    assert Enrollment.objects.get().status == "completed"
    assert Certificate.objects.filter(program=tree.program).count() == 1
    for course in tree.courses:
        assert Certificate.objects.filter(course=course).count() == 1
    assert Certificate.objects.exclude(credential={}).count() == 3


def test_parallel_issuing_for_one_completion_makes_one_certificate():
    tree = build_tree()
    learner = make_learner()
    enrollment = enroll(learner=learner, program=tree.program)[0]
    for page in tree.all_items:
        complete_item(learner=learner, item=resolve_item(page_id=page.id))
    Certificate.objects.all().delete()
    results = run_together(lambda: issue_due(enrollment_id=enrollment.pk), count=6)
    assert Certificate.objects.count() == 3
    assert sum(len(issued) for issued in results) == 3
    numbers = list(Certificate.objects.values_list("number", flat=True))
    assert len(set(numbers)) == 3
