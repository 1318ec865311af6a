"""Awarded by staff, with a reason (certificates/awarding.py); never automatically."""

FIELDS: tuple[str, ...] = ()


def clean(values: dict) -> dict:
    return {}


def evaluate(*, learner, criteria: dict):
    return None
