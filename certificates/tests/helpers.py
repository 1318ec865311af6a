"""Builders for the achievements tests."""

from wagtail.models import Locale

from certificates.models import Achievement


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
