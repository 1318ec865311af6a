"""Achievements wired to the community and to assessments, and their notifications.

Real domain functions throughout: posting, grading, issuing; the learning events' listeners
run on commit and the (immediate) task backend evaluates."""

import pytest
from django.test import Client
from django.urls import reverse

from certificates.criteria import assessment as assessment_criterion
from certificates.models import UserAchievement
from community import discussions
from community.access import resolve_place
from community.models import Channel, Notification, NotificationPreference
from learning.assessments.attempts import start_attempt, submit_attempt
from learning.tests.assessment_helpers import build_assessment, right_answers, wrong_answers
from learning.tests.journey_helpers import make_learner

from .certificate_helpers import graduate
from .helpers import committed, enroll, make_achievement

pytestmark = pytest.mark.django_db
BODY = "Silence in music is not nothing: it is the frame that lets the next sound land."


def earned(learner, achievement) -> bool:
    return UserAchievement.objects.filter(
        learner=learner, achievement=achievement, earned_at__isnull=False
    ).exists()


def bell(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse("community:bell")).content.decode()


@pytest.fixture
def bob(tree):
    bob = make_learner("bob@example.com", name="Bob Marley")
    enroll(learner=bob, program=tree.program)
    return bob


@pytest.fixture
def discussion(tree, bob):
    return committed(
        discussions.create_discussion,
        author=bob,
        place=resolve_place(module_id=tree.modules[0].id),
        title="Silence",
        body=BODY,
        language="en",
    )


def test_posting_enough_comments_earns_a_community_achievement(learner, discussion):
    chatty = make_achievement("community", {"activity": "comments", "count": 3}, name="Chatty")
    for n in range(2):
        committed(
            discussions.post_comment,
            author=learner,
            discussion=discussion,
            body=f"{BODY} ({n})",
            language="en",
        )
    assert not earned(learner, chatty)
    progress = UserAchievement.objects.get(learner=learner, achievement=chatty)
    assert progress.progress == {"current": 2, "target": 3}
    committed(
        discussions.post_comment, author=learner, discussion=discussion, body=BODY, language="en"
    )
    assert earned(learner, chatty)


def test_starting_a_discussion_counts_for_the_discussions_achievement(tree, bob):
    starter = make_achievement("community", {"activity": "discussions", "count": 1})
    committed(
        discussions.create_discussion,
        author=bob,
        place=resolve_place(module_id=tree.modules[0].id),
        title="Why tea?",
        body=BODY,
        language="en",
    )
    assert earned(bob, starter)


def test_accepted_answers_and_helpful_votes_count_from_the_next_post(learner, tree, bob):
    question = committed(
        discussions.create_discussion,
        author=bob,
        place=resolve_place(module_id=tree.modules[0].id),
        title="Which capital?",
        body=BODY,
        language="en",
        kind="question",
    )
    helper = make_achievement("community", {"activity": "accepted_answers", "count": 1})
    liked = make_achievement("community", {"activity": "helpful_votes", "count": 1})
    answer = committed(
        discussions.post_comment, author=learner, discussion=question, body=BODY, language="en"
    )
    discussions.accept_answer(user=bob, comment=answer)
    discussions.vote(user=bob, comment=answer)
    committed(
        discussions.post_comment, author=learner, discussion=question, body="Thanks", language="en"
    )
    assert earned(learner, helper) and earned(learner, liked)


def test_passing_an_assessment_with_the_score_earns_its_achievement(tree, learner):
    quiz = build_assessment(tree.modules[0], max_attempts=3)
    ace = make_achievement(
        "assessment", {"assessment": str(quiz.pk), "min_score": 90}, name="Heian ace"
    )
    attempt = start_attempt(learner=learner, assessment=quiz)
    committed(
        submit_attempt,
        learner=learner,
        attempt_id=attempt.pk,
        answers=wrong_answers(attempt),
    )
    assert not earned(learner, ace)
    attempt = start_attempt(learner=learner, assessment=quiz)
    committed(
        submit_attempt, learner=learner, attempt_id=attempt.pk, answers=right_answers(attempt)
    )
    assert earned(learner, ace)
    assert (str(quiz.pk), "Heian quiz") in assessment_criterion.assessment_choices()


def test_a_pass_below_the_achievements_score_does_not_earn_it(tree, learner):
    quiz = build_assessment(tree.modules[0], passing_score=10)
    ace = make_achievement("assessment", {"assessment": str(quiz.pk), "min_score": 90})
    attempt = start_attempt(learner=learner, assessment=quiz)
    answers = right_answers(attempt)
    first = next(iter(answers))  # one question answered, the others left blank
    graded = committed(
        submit_attempt, learner=learner, attempt_id=attempt.pk, answers={first: answers[first]}
    )
    assert graded.passed and graded.score < 90
    assert not earned(learner, ace)
    progress = UserAchievement.objects.get(learner=learner, achievement=ace)
    assert progress.progress["current"] == int(graded.score)


def test_an_unknown_assessment_is_refused_in_the_criteria():
    with pytest.raises(Exception, match="does not exist"):
        make_achievement(
            "assessment",
            {"assessment": "00000000-0000-0000-0000-000000000000", "min_score": 50},
        )


def test_an_award_reaches_the_bell_and_opens_the_learners_page(learner, discussion):
    make_achievement("community", {"activity": "comments", "count": 1}, name="First words")
    assert "bell__count" not in bell(learner)
    committed(
        discussions.post_comment, author=learner, discussion=discussion, body=BODY, language="en"
    )
    notification = Notification.objects.get(recipient=learner, kind="achievement")
    assert notification.title == "First words"
    assert '<span class="bell__count" aria-hidden="true">1</span>' in bell(learner)
    client = Client()
    client.force_login(learner)
    page = client.get(reverse("community:notifications")).content.decode()
    assert "You earned the achievement “First words”" in page
    response = client.get(reverse("community:open_notification", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("my_learning")
    assert "bell__count" not in bell(learner)


def test_turning_achievement_notifications_off_keeps_them_from_the_bell(learner, discussion):
    for channel in Channel.values:
        NotificationPreference.objects.create(
            user=learner, kind="achievement", channel=channel, enabled=False
        )
    chatty = make_achievement("community", {"activity": "comments", "count": 1})
    committed(
        discussions.post_comment, author=learner, discussion=discussion, body=BODY, language="en"
    )
    assert earned(learner, chatty)
    assert not Notification.objects.filter(recipient=learner, kind="achievement").exists()


def test_an_issued_certificate_notifies_its_learner():
    _tree, learner, certificate = graduate()
    titles = set(
        Notification.objects.filter(recipient=learner, kind="certificate").values_list(
            "title", flat=True
        )
    )
    assert "Silk Road" in titles
    assert '<span class="bell__count" aria-hidden="true">' in bell(learner)
    client = Client()
    client.force_login(learner)
    notification = Notification.objects.filter(recipient=learner, title="Silk Road").get()
    response = client.get(reverse("community:open_notification", args=[notification.pk]))
    assert response["Location"] == reverse("certificate_page", args=[certificate.pk])


def test_someone_elses_notification_does_not_open(learner, bob, discussion):
    make_achievement("community", {"activity": "comments", "count": 1})
    committed(
        discussions.post_comment, author=learner, discussion=discussion, body=BODY, language="en"
    )
    notification = Notification.objects.get(recipient=learner, kind="achievement")
    client = Client()
    client.force_login(bob)
    response = client.get(reverse("community:open_notification", args=[notification.pk]))
    assert response.status_code == 404


def test_the_learner_api_lists_an_award_notification(learner, discussion):
    make_achievement("community", {"activity": "comments", "count": 1}, name="First words")
    committed(
        discussions.post_comment, author=learner, discussion=discussion, body=BODY, language="en"
    )
    client = Client()
    client.force_login(learner)
    rows = client.get("/api/v1/notifications").json()
    row = next(r for r in rows if r["kind"] == "achievement")
    assert row["discussion_id"] is None
    assert (row["title"], row["url"], row["read"]) == ("First words", reverse("my_learning"), False)
