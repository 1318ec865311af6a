"""Races over real concurrent connections (threads behind a barrier, one connection each)."""

import pytest

from community import discussions, moderation
from community.access import resolve_place
from community.models import Comment, Discussion, DiscussionKind, Notification, Report, Vote
from learning.models import Progress
from learning.tests.journey_helpers import run_together

pytestmark = pytest.mark.django_db(transaction=True)
LONG = "Empty space in a garden gives each stone its weight, and the eye rests between them."


def question(author, module):
    return discussions.create_discussion(
        author=author,
        place=resolve_place(module_id=module.id),
        title="Which gardens show ma best?",
        body=LONG,
        language="en",
        kind=DiscussionKind.QUESTION,
    )


def test_parallel_votes_count_once(tree, ada, bob):
    discussion = question(ada, tree.modules[0])
    comment = discussions.post_comment(
        author=bob, discussion=discussion, body="Ryoan-ji", language="en"
    )
    run_together(lambda: discussions.vote(user=ada, comment=comment))
    assert Vote.objects.count() == 1
    assert Comment.objects.get(pk=comment.pk).vote_count == 1


def test_parallel_accepts_leave_one_answer_and_one_notification(tree, ada, bob):
    discussion = question(ada, tree.modules[0])
    comment = discussions.post_comment(
        author=bob, discussion=discussion, body="Ryoan-ji", language="en"
    )
    run_together(lambda: discussions.accept_answer(user=ada, comment=comment))
    assert Discussion.objects.get(pk=discussion.pk).accepted_answer_id == comment.pk
    assert Notification.objects.filter(kind="accepted").count() == 1


def test_parallel_accepts_of_different_answers_leave_exactly_one(tree, ada, bob, settings):
    settings.COMMUNITY_POST_RATE_LIMIT = 100
    discussion = question(ada, tree.modules[0])
    answers = [
        discussions.post_comment(
            author=bob, discussion=discussion, body=f"Garden {n}", language="en"
        )
        for n in range(8)
    ]
    pending = list(answers)
    run_together(lambda: discussions.accept_answer(user=ada, comment=pending.pop()))
    accepted = Discussion.objects.get(pk=discussion.pk).accepted_answer_id
    assert accepted in {answer.pk for answer in answers}


def test_parallel_reports_file_one(tree, ada, bob):
    discussion = question(ada, tree.modules[0])
    comment = discussions.post_comment(
        author=bob, discussion=discussion, body="spam", language="en"
    )
    results = run_together(lambda: moderation.report(user=ada, post=comment, reason="spam"))
    assert Report.objects.count() == 1
    assert sum(created for _report, created in results) == 1


def test_parallel_posts_respect_the_rate_limit(tree, ada):
    place = resolve_place(module_id=tree.modules[0].id)
    outcomes = []

    def post():
        try:
            discussions.create_discussion(
                author=ada, place=place, title="t", body="b", language="en"
            )
            outcomes.append("posted")
        except discussions.PostError as exc:
            outcomes.append(exc.code)

    run_together(post)
    assert Discussion.objects.count() == 6
    assert sorted(outcomes).count("rate_limited") == 2


def test_parallel_first_posts_complete_the_discussion_module_once(tree, ada, settings):
    settings.COMMUNITY_POST_RATE_LIMIT = 100
    place = resolve_place(module_id=tree.modules[1].id)
    run_together(
        lambda: discussions.create_discussion(
            author=ada, place=place, title="Ma", body=LONG, language="en"
        )
    )
    items = tree.items[1]
    assert Progress.objects.filter(learner=ada, is_completed=True).count() == len(items)
