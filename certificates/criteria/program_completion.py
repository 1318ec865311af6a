"""Complete a program (its enrollment reaches "completed"). Progress: items done of all."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from certificates.journey import default_language_code
from learning.models import Enrollment, ProgramPage

from .base import Status

FIELDS = ("program",)


def clean(values: dict) -> dict:
    program = values.get("program")
    program_id = getattr(program, "pk", program)
    try:
        program_id = int(program_id) if program_id else None
    except (TypeError, ValueError):
        program_id = None
    if program_id is None:
        raise ValidationError({"program": _("Choose the program to complete.")})
    if not ProgramPage.objects.filter(
        pk=program_id, locale__language_code=default_language_code()
    ).exists():
        raise ValidationError({"program": _("Choose a program in the default language.")})
    return {"program": program_id}


def evaluate(*, learner, criteria: dict):
    enrollment = (
        Enrollment.objects.filter(learner=learner, program_id=criteria.get("program"))
        .only("completed_items", "total_items", "completed_at")
        .first()
    )
    if enrollment is None:
        return Status(0, 1, False)
    earned = enrollment.completed_at is not None
    total = max(enrollment.total_items, 1)
    return Status(total if earned else enrollment.completed_items, total, earned)
