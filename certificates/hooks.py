"""Where other apps plug into achievements.

- ``on_award(callback)``: ``callback(user_achievement)`` runs after the award's transaction
  commits, once per award. The dashboard's notice needs nothing here (it shows unseen
  awards); certificates/integrations.py registers the community notification.
- ``request_evaluation(learner, kinds)``: enqueue the evaluation task once the current
  transaction commits (used by certificates/integrations.py's learning-event listeners).
- Criteria readers: ``certificates.criteria.community.register_counter`` and
  ``certificates.criteria.assessment.register_reader``, registered by integrations.py.
"""

import logging
from collections.abc import Callable

from django.db import transaction

logger = logging.getLogger(__name__)
AWARD_CALLBACKS: list[Callable] = []


def on_award(callback: Callable) -> Callable:
    if callback not in AWARD_CALLBACKS:
        AWARD_CALLBACKS.append(callback)
    return callback


def announce(user_achievement) -> None:
    for callback in AWARD_CALLBACKS:
        try:
            callback(user_achievement)
        except Exception:  # a failing notifier must not undo or repeat the award
            logger.exception("Award callback %r failed for %s", callback, user_achievement.pk)


def request_evaluation(*, learner_id, kinds: list[str] | None = None) -> None:
    from .tasks import evaluate_achievements  # the task evaluates, which announces here

    transaction.on_commit(
        lambda: evaluate_achievements.enqueue(str(learner_id), sorted(kinds) if kinds else None)
    )
