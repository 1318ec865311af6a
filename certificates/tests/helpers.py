"""Builders for the achievements tests."""

from wagtail.models import Locale

from certificates.models import Achievement

# The journey functions these tests drive, imported in this one place.
from learning.journey.access import resolve_item
from learning.journey.activity import record_activity
from learning.journey.enrollment import enroll
from learning.journey.progress import complete_item, uncomplete_item
from learning.tests.journey_helpers import build_tree, make_learner, run_together

__all__ = [
    "build_tree",
    "committed",
    "complete",
    "complete_now",
    "enroll",
    "make_achievement",
    "make_learner",
    "record_activity",
    "run_together",
    "uncomplete",
]


def make_achievement(kind: str, criteria: dict | None = None, **fields) -> Achievement:
    fields.setdefault("name", f"{kind} achievement")
    fields.setdefault("description", "Do the thing.")
    achievement = Achievement(
        kind=kind, criteria=criteria or {}, locale=Locale.get_default(), **fields
    )
    achievement.full_clean()
    achievement.save()
    return achievement


def committed(function, *args, **kwargs):
    """Run `function` and then the on-commit callbacks it queued (the events' listeners), as
    a commit would in a request; tests inside a transaction never commit."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(*args, **kwargs)


def complete(learner, page):
    """Complete the item as the learner's click does, with the listeners run after commit."""
    return committed(complete_item, learner=learner, item=resolve_item(page_id=page.id))


def complete_now(learner, page):
    """Complete the item in the caller's transaction (transactional tests commit for real)."""
    return complete_item(learner=learner, item=resolve_item(page_id=page.id))


def uncomplete(learner, page):
    return committed(uncomplete_item, learner=learner, item=resolve_item(page_id=page.id))
