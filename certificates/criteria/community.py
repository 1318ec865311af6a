"""N contributions of one kind to the community ("N accepted answers").

Counters are registered with ``register_counter(activity, fn(learner) -> int)`` by
certificates/integrations.py, which reads community's rows (certificates imports community,
never the other way). Until a counter is registered for an activity, the criterion evaluates
to "not yet" (0 of N). Evaluation runs after the community's learning events (commented,
replied); see docs/achievements.md.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .base import Status, positive_int

FIELDS = ("activity", "count")
ACTIVITIES = {
    "comments": _("comments posted"),
    "discussions": _("discussions started"),
    "accepted_answers": _("accepted answers"),
    "helpful_votes": _("helpful votes received"),
}
COUNTERS: dict[str, Callable] = {}


def register_counter(activity: str, counter: Callable) -> None:
    """`counter(learner) -> int`: how many of `activity` the learner has to their name."""
    if activity not in ACTIVITIES:
        raise ValueError(f"Unknown community activity {activity!r}; add it to ACTIVITIES.")
    COUNTERS[activity] = counter


def clean(values: dict) -> dict:
    errors = {}
    activity = values.get("activity")
    if activity not in ACTIVITIES:
        errors["activity"] = _("Choose what the learner does in the community.")
    try:
        count = positive_int(
            values.get("count"),
            key="count",
            low=1,
            high=100_000,
            message=_("Enter how many times, from 1 to 100000."),
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return {"activity": activity, "count": count}


def evaluate(*, learner, criteria: dict):
    count = criteria.get("count", 1)
    counter = COUNTERS.get(criteria.get("activity"))
    current = int(counter(learner)) if counter else 0
    return Status(min(current, count), count, current >= count)
