"""Reacting to the journey's events: a completion may have earned a certificate."""

from learning.journey.events import listen
from learning.models import LearningEvent, Verb

from .tasks import issue_due_certificates


@listen(Verb.COMPLETED)
def completion_recorded(event: LearningEvent) -> None:
    enrollment_id = (event.context or {}).get("enrollment")
    if enrollment_id:
        issue_due_certificates.enqueue(str(enrollment_id))
