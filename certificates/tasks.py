"""Background work of achievements and certificates (django-tasks; enqueued after commit)."""

from django.contrib.auth import get_user_model
from django_tasks import task

from . import issuing
from .evaluation import evaluate_learner


@task()
def evaluate_achievements(learner_id: str, kinds: list[str] | None = None) -> int:
    """Evaluate the learner's achievements of `kinds` (all automatic kinds by default);
    returns how many were awarded."""
    learner = get_user_model().objects.filter(pk=learner_id).first()
    if learner is None:  # the account was deleted since
        return 0
    return len(evaluate_learner(learner=learner, kinds=kinds))


@task()
def issue_due_certificates(enrollment_id: str) -> int:
    """Issue what the enrollment's learner has earned; run after a completion commits."""
    return len(issuing.issue_due(enrollment_id=enrollment_id))
