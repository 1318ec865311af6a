"""Background work of assessments (django-tasks)."""

from django_tasks import task

from .attempts import expire_due


@task()
def submit_expired_attempts() -> int:
    """Submit every attempt whose time ran out, with the answers saved by then."""
    return expire_due()
