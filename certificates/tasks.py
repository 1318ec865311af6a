"""Background work for certificates (django-tasks; the immediate backend in tests)."""

from django_tasks import task

from . import issuing


@task()
def issue_due_certificates(enrollment_id: str) -> int:
    """Issue what the enrollment's learner has earned; run after a completion commits."""
    return len(issuing.issue_due(enrollment_id=enrollment_id))
