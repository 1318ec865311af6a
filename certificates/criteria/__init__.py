"""Achievement criteria, one module per kind.

Each module has ``FIELDS`` (the criteria keys, which the admin form shows as
``criteria_<key>``), ``clean(values) -> dict`` (the criteria to store, or ValidationError
keyed by criteria key) and ``evaluate(*, learner, criteria) -> Status | None`` (None: never
automatic).
"""

from dataclasses import dataclass
from types import ModuleType

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import assessment, community, course_completion, program_completion, special, streak


@dataclass(frozen=True)
class Status:
    current: int
    target: int
    earned: bool

    def as_progress(self) -> dict:
        return {"current": self.current, "target": self.target}


MODULES: dict[str, ModuleType] = {
    "course_completion": course_completion,
    "program_completion": program_completion,
    "streak": streak,
    "community": community,
    "assessment": assessment,
    "special": special,
}


def module_for(kind: str) -> ModuleType:
    try:
        return MODULES[kind]
    except KeyError:
        raise ValidationError({"kind": _("Choose a type.")}) from None


def clean_criteria(kind: str, criteria) -> dict:
    """The stored criteria for `kind`, or ValidationError keyed by the criteria key."""
    module = module_for(kind)
    values = criteria if isinstance(criteria, dict) else {}
    return module.clean({key: values.get(key) for key in module.FIELDS})


def positive_int(value, *, key: str, low: int, high: int, message) -> int:
    """A whole number from low to high, or ValidationError({key: message})."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({key: message}) from None
    if (isinstance(value, float) and value != number) or not low <= number <= high:
        raise ValidationError({key: message})
    return number
