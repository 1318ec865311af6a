"""Achievement criteria, one module per kind.

Each module has ``FIELDS`` (the criteria keys, which the admin form shows as
``criteria_<key>``), ``clean(values) -> dict`` (the criteria to store, or ValidationError
keyed by criteria key) and ``evaluate(*, learner, criteria) -> Status | None`` (None: never
automatic).
"""

from types import ModuleType

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import assessment, community, course_completion, program_completion, special, streak
from .base import Status, positive_int

__all__ = ["MODULES", "Status", "clean_criteria", "module_for", "positive_int"]


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
