"""Enrolling in a program and moving an enrollment between states.

Each function is atomic and idempotent: repeating it, from any number of tabs at once,
leaves one enrollment in the state asked for.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from learning.models import Enrollment, EnrollmentStatus, ObjectType, ProgramPage, Verb

from .events import record_event
from .recompute import recompute_enrollment

S = EnrollmentStatus

# Which status a learner may move to from which.
TRANSITIONS: dict[str, set[str]] = {
    S.ACTIVE: {S.PAUSED, S.DROPPED},
    S.PAUSED: {S.ACTIVE, S.DROPPED},
    S.DROPPED: {S.ACTIVE},
    S.COMPLETED: set(),
}
VERB_FOR_STATUS = {S.PAUSED: Verb.SUSPENDED, S.ACTIVE: Verb.RESUMED, S.DROPPED: Verb.ABANDONED}


class TransitionError(Exception):
    """A status change or date the enrollment cannot take; `status` is the HTTP answer."""

    def __init__(self, message: str, *, status: int = 409):
        super().__init__(message)
        self.message = message
        self.status = status


def enroll(*, learner, program: ProgramPage) -> tuple[Enrollment, bool]:
    """Enroll the learner, or return their enrollment. A dropped one is re-activated.

    Returns (enrollment, created).
    """
    try:
        with transaction.atomic():
            enrollment = Enrollment.objects.create(learner=learner, program=program)
            record_event(
                actor=learner,
                verb=Verb.REGISTERED,
                object_type=ObjectType.PROGRAM,
                object_id=program.id,
                context={"enrollment": str(enrollment.pk)},
            )
            recompute_enrollment(enrollment=enrollment)
            return enrollment, True
    except IntegrityError:
        pass
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().get(learner=learner, program=program)
        if enrollment.status == S.DROPPED:
            _move(enrollment=enrollment, status=S.ACTIVE, verb=Verb.REGISTERED)
        return enrollment, False


def change_status(*, enrollment: Enrollment, status: str) -> Enrollment:
    """Pause, resume or drop. Asking for the current status is a no-op."""
    with transaction.atomic():
        locked = (
            Enrollment.objects.select_for_update().select_related("learner").get(pk=enrollment.pk)
        )
        if locked.status == status:
            return locked
        if status not in TRANSITIONS.get(locked.status, set()):
            raise TransitionError(
                f"An enrollment that is {locked.get_status_display().lower()} "
                f"cannot become {S(status).label.lower()}."
                if status in S.values
                else f"Unknown status “{status}”."
            )
        _move(enrollment=locked, status=status, verb=VERB_FOR_STATUS[status])
        return locked


def _move(*, enrollment: Enrollment, status: str, verb: Verb) -> None:
    enrollment.status = status
    enrollment.status_changed_at = timezone.now()
    enrollment.save(update_fields=["status", "status_changed_at"])
    record_event(
        actor=enrollment.learner,
        verb=verb,
        object_type=ObjectType.PROGRAM,
        object_id=enrollment.program_id,
        context={"enrollment": str(enrollment.pk)},
    )
    if status == S.ACTIVE:
        # Content may have changed while the enrollment was paused or dropped.
        recompute_enrollment(enrollment=enrollment)


def pause(*, enrollment: Enrollment) -> Enrollment:
    return change_status(enrollment=enrollment, status=S.PAUSED)


def resume(*, enrollment: Enrollment) -> Enrollment:
    return change_status(enrollment=enrollment, status=S.ACTIVE)


def drop(*, enrollment: Enrollment) -> Enrollment:
    return change_status(enrollment=enrollment, status=S.DROPPED)


def set_target_date(*, enrollment: Enrollment, target: dt.date | None) -> Enrollment:
    if target is not None and target < timezone.localdate():
        raise TransitionError("The target completion date cannot be in the past.", status=422)
    with transaction.atomic():
        locked = (
            Enrollment.objects.select_for_update().select_related("learner").get(pk=enrollment.pk)
        )
        if locked.target_completion_date == target:
            return locked
        locked.target_completion_date = target
        locked.save(update_fields=["target_completion_date"])
        record_event(
            actor=locked.learner,
            verb=Verb.SCHEDULED,
            object_type=ObjectType.PROGRAM,
            object_id=locked.program_id,
            result={"target_completion_date": target.isoformat() if target else None},
            context={"enrollment": str(locked.pk)},
        )
        return locked
