"""Which learning events can change which achievements and certificates. Callbacks run
after the event's transaction committed (learning.journey.events.listen) and only enqueue tasks."""

from django.core.cache import cache
from django.utils import timezone

from learning.models import ObjectType, Verb

from .journey import enrollment_id_for_module, listen, local_day
from .models import AchievementKind
from .tasks import evaluate_achievements, issue_due_certificates

ONCE_A_DAY_SECONDS = 26 * 3600
# Learner id -> the day this worker last asked the shared cache about them. Every heartbeat
# records an event; without this each one cost the database cache's add (a count, a
# transaction, a select and an insert) after commit, ten times for a batch of ten. Bounded:
# cleared when full, which costs one add per learner again. A lost entry only asks again.
_checked_in_this_process: dict = {}
CHECKED_KEPT = 100_000


def on_completed(event) -> None:
    # An item moves course and program progress ("3 of 4") and can make a new active day.
    kinds = [
        AchievementKind.STREAK,
        AchievementKind.COURSE_COMPLETION,
        AchievementKind.PROGRAM_COMPLETION,
    ]
    if event.actor_id and event.object_type in (ObjectType.CONTENT_ITEM, ObjectType.PROGRAM):
        evaluate_achievements.enqueue(str(event.actor_id), sorted(kinds))


def on_activity(event) -> None:
    """Opening an item or a heartbeat can make a new active day: evaluate streaks once per
    learner and day, not on every heartbeat. An undone completion moves "7 of 10" back."""
    if not event.actor_id:
        return
    if event.result.get("completion") is False:
        evaluate_achievements.enqueue(
            str(event.actor_id),
            [AchievementKind.COURSE_COMPLETION.value, AchievementKind.PROGRAM_COMPLETION.value],
        )
    day, _ = local_day(learner=event.actor, at=timezone.now())
    if _checked_in_this_process.get(event.actor_id) == day:
        return  # no query: this worker already saw the learner today
    if len(_checked_in_this_process) >= CHECKED_KEPT:
        _checked_in_this_process.clear()
    _checked_in_this_process[event.actor_id] = day
    key = f"achievements:streak-checked:{event.actor_id}:{day}"
    if cache.add(key, 1, ONCE_A_DAY_SECONDS):  # once across workers
        evaluate_achievements.enqueue(str(event.actor_id), [AchievementKind.STREAK.value])


def on_completed_issue(event) -> None:
    """A completion may have earned a course or program certificate."""
    enrollment_id = (event.context or {}).get("enrollment")
    if enrollment_id:
        issue_due_certificates.enqueue(str(enrollment_id))


def on_passed_issue(event) -> None:
    """Passing an assessment may finish its course (and the program): the pass is the last
    unit as much as an item is. The assessment's events carry no enrollment; the module
    they point at says which program's it is."""
    enrollment_id = (event.context or {}).get("enrollment")
    if not enrollment_id and event.actor_id and event.object_type == ObjectType.ASSESSMENT:
        enrollment_id = enrollment_id_for_module(
            learner_id=event.actor_id, module_id=event.object_id
        )
    if enrollment_id:
        issue_due_certificates.enqueue(str(enrollment_id))


def connect() -> None:
    listen(Verb.COMPLETED)(on_completed)
    listen(Verb.COMPLETED)(on_completed_issue)
    listen(Verb.PASSED)(on_passed_issue)
    listen(Verb.LAUNCHED, Verb.PROGRESSED)(on_activity)
