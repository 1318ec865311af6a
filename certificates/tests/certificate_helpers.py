"""Builders for the certificate tests: a learner who completes a program through the journey."""

from django.test import TestCase
from django.utils import timezone

from learning.journey.access import resolve_item
from learning.journey.enrollment import enroll
from learning.journey.progress import complete_item
from learning.tests.journey_helpers import build_tree, make_learner

from .. import grading
from ..issuing import issue
from ..models import Certificate


def complete_all(*, learner, tree, items=None) -> None:
    """Complete items as the learner would, running what waits for the commit (the
    completion listener) as a committed request would."""
    for page in items if items is not None else tree.all_items:
        with TestCase.captureOnCommitCallbacks(execute=True):
            complete_item(learner=learner, item=resolve_item(page_id=page.id))


def graduate(*, email: str = "ada@example.com", name: str = "Ada Lovelace", title="Silk Road"):
    """A learner who completed a two-course program: 2 course certificates and 1 program one."""
    tree = build_tree(title=title)
    learner = make_learner(email, name=name)
    enroll(learner=learner, program=tree.program)
    complete_all(learner=learner, tree=tree)
    program_certificate = Certificate.objects.get(learner=learner, program=tree.program)
    return tree, learner, program_certificate


def issued(*, name: str, title: str = "Silk Road") -> Certificate:
    """A program certificate issued to a learner called `name` straight from a pass, its PDF
    not built yet: for tests of what a certificate prints, not of how it is earned
    (`graduate` renders three PDFs on the way, seconds in a Japanese name)."""
    tree = build_tree(title=title, courses=1, items_per_course=1)
    learner = make_learner(name=name)
    result = grading.Result(completed_at=timezone.now(), grade=grading.COMPLETED_GRADE)
    return issue(learner=learner, program=tree.program, result=result)[0]
