"""Pass an assessment with at least a given score ("pass assessment X with 90 %").

The reader (``register_reader(best_score=..., exists=..., choices=...)``) is registered by
certificates/integrations.py against learning.assessments: the learner's grade by the
assessment's grading method once passed, or None. Until a reader is registered any UUID is
accepted and the criterion evaluates to "not yet". Evaluation runs after the passed and failed
learning events; see docs/achievements.md.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .base import Status, positive_int

FIELDS = ("assessment", "min_score")


@dataclass
class Reader:
    best_score: Callable | None = None
    exists: Callable | None = None
    choices: Callable | None = None


READER = Reader()


def register_reader(*, best_score: Callable, exists: Callable, choices: Callable) -> None:
    READER.best_score, READER.exists, READER.choices = best_score, exists, choices


def assessment_choices() -> list[tuple[str, str]]:
    return list(READER.choices()) if READER.choices else []


def clean(values: dict) -> dict:
    errors = {}
    raw = values.get("assessment")
    assessment_id = None
    try:
        assessment_id = str(uuid.UUID(str(getattr(raw, "pk", raw))))
    except ValueError:
        errors["assessment"] = _("Choose the assessment to pass.")
    if assessment_id and READER.exists and not READER.exists(assessment_id):
        errors["assessment"] = _("This assessment does not exist.")
    try:
        min_score = positive_int(
            values.get("min_score"),
            key="min_score",
            low=1,
            high=100,
            message=_("Enter the lowest passing score in percent, from 1 to 100."),
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return {"assessment": assessment_id, "min_score": min_score}


def evaluate(*, learner, criteria: dict):
    min_score = criteria.get("min_score", 100)
    score = READER.best_score(learner, criteria.get("assessment")) if READER.best_score else None
    current = int(score) if score is not None else 0
    return Status(min(current, min_score), min_score, score is not None and score >= min_score)
