"""What the certificates app reads from community and assessments, and tells the community's
notifications. The dependency points one way: certificates imports community and
learning.assessments; neither imports certificates (docs/achievements.md, "For other apps").

- Community counters for the "community" criterion, read from community's own rows (hidden
  and deleted posts do not count).
- The assessment reader for the "assessment" criterion: the learner's grade by the
  assessment's grading method (learning.assessments.standing), once they passed it.
- Learning-event listeners: a discussion started or a reply (COMMENTED, REPLIED) evaluates the
  author's community achievements; a graded attempt (PASSED, FAILED) their assessment ones.
- Notifications: an award and an issued certificate reach the learner's bell.
"""

from django.urls import reverse
from wagtail.models import Locale

from community.models import Comment, Discussion, NotificationKind, Vote
from community.notifications import notify_learner
from learning.assessments.models import Assessment
from learning.assessments.standing import standing
from learning.journey.events import listen
from learning.models import Verb

from . import hooks
from .criteria import assessment as assessment_criterion
from .criteria import community as community_criterion
from .models import AchievementKind


def comments_posted(learner) -> int:
    return Comment.objects.filter(author=learner, is_deleted=False, is_hidden=False).count()


def discussions_started(learner) -> int:
    return Discussion.objects.filter(author=learner, is_deleted=False, is_hidden=False).count()


def accepted_answers(learner) -> int:
    return Discussion.objects.filter(
        is_deleted=False,
        accepted_answer__author=learner,
        accepted_answer__is_deleted=False,
        accepted_answer__is_hidden=False,
    ).count()


def helpful_votes(learner) -> int:
    return (
        Vote.objects.filter(comment__author=learner, comment__is_deleted=False)
        .exclude(voter=learner)
        .count()
    )


def best_score(learner, assessment_id):
    """The learner's grade on the assessment (by its grading method) once passed, or None."""
    assessment = Assessment.objects.filter(pk=assessment_id).first()
    if assessment is None:
        return None
    record = standing(learner=learner, assessment=assessment)
    return record.grade if record.passed else None


def assessment_exists(assessment_id) -> bool:
    return Assessment.objects.filter(pk=assessment_id).exists()


def assessment_choices() -> list[tuple[str, str]]:
    rows = Assessment.objects.filter(locale=Locale.get_default()).order_by("title")
    return [(str(row.pk), row.title) for row in rows]


def on_posted(event) -> None:
    if event.actor_id:
        hooks.request_evaluation(learner_id=event.actor_id, kinds=[AchievementKind.COMMUNITY.value])


def on_graded(event) -> None:
    if event.actor_id:
        kinds = [AchievementKind.ASSESSMENT.value]
        hooks.request_evaluation(learner_id=event.actor_id, kinds=kinds)


def notify_award(user_achievement) -> None:
    notify_learner(
        kind=NotificationKind.ACHIEVEMENT,
        recipient_id=user_achievement.learner_id,
        title=user_achievement.achievement.name,
        url=reverse("my_learning"),
    )


def notify_certificate(certificate) -> None:
    """Called by certificates.issuing in the transaction that creates the certificate."""
    notify_learner(
        kind=NotificationKind.CERTIFICATE,
        recipient_id=certificate.learner_id,
        title=certificate.metadata.get("title", ""),
        url=reverse("certificate_page", args=[certificate.pk]),
    )


def connect() -> None:
    community_criterion.register_counter("comments", comments_posted)
    community_criterion.register_counter("discussions", discussions_started)
    community_criterion.register_counter("accepted_answers", accepted_answers)
    community_criterion.register_counter("helpful_votes", helpful_votes)
    assessment_criterion.register_reader(
        best_score=best_score, exists=assessment_exists, choices=assessment_choices
    )
    listen(Verb.COMMENTED, Verb.REPLIED)(on_posted)
    listen(Verb.PASSED, Verb.FAILED)(on_graded)
    hooks.on_award(notify_award)
