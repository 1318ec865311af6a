"""Work the journey hands to the task worker (``manage.py db_worker``; tests run it at once).

Enqueued in ``transaction.on_commit``, so the worker never sees content the editor's
transaction has not committed (docs/decisions/0029)."""

from django.db import transaction
from django_tasks import task

from .recompute import recompute_program


@task()
def recompute_program_task(program_id: int) -> int:
    """Recompute every enrollment of a program after editors changed its content."""
    return recompute_program(program_id=program_id)


def recompute_program_after_commit(program_id: int | None) -> None:
    """Enqueue the program's recomputation once the current transaction commits."""
    if program_id is None:
        return
    transaction.on_commit(lambda: recompute_program_task.enqueue(program_id=program_id))
