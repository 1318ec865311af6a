import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from community import discussions, notifications
from community.access import resolve_place
from community.models import Channel, Notification, NotificationPreference
from community.notifications.email import send_daily_digests, unsubscribe_url
from learning.journey.enrollment import enroll
from learning.tests.factories import staff_user
from learning.tests.journey_helpers import make_learner

from .conftest import as_user, moderators_group

pytestmark = pytest.mark.django_db
LONG = "Silence in music is not nothing: it is the frame that lets the next sound land."


@pytest.fixture
def discussion(tree, ada):
    return discussions.create_discussion(
        author=ada,
        place=resolve_place(module_id=tree.modules[0].id),
        title="Silence",
        body=LONG,
        language="en",
    )


def kinds(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_reply_notifies_the_author_by_site_and_email(
    discussion, ada, bob, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        discussions.post_comment(author=bob, discussion=discussion, body="Well said", language="en")
    assert kinds(ada) == ["reply"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [ada.email]
    assert "Bob Marley replied in “Silence”" in message.subject
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert bob.email not in message.body


def test_one_click_unsubscribe_needs_no_sign_in_and_stops_only_that_kind(
    discussion, ada, bob, django_capture_on_commit_callbacks
):
    url = unsubscribe_url(user_id=ada.pk, kind="reply")
    path = url.removeprefix("http://127.0.0.1:8000")
    client = Client(enforce_csrf_checks=True)
    assert client.get(path).status_code == 200
    assert not NotificationPreference.objects.exists()  # a link scanner's GET changes nothing
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    prefs = notifications.preferences(user=ada)
    assert prefs[("reply", Channel.EMAIL)] is False
    assert prefs[("mention", Channel.EMAIL)] is True
    assert prefs[("reply", Channel.IN_APP)] is True
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        discussions.post_comment(author=bob, discussion=discussion, body="Again", language="en")
    assert mail.outbox == [] and kinds(ada) == ["reply"]


def test_a_forged_unsubscribe_token_is_404(ada):
    assert Client().post("/en/notifications/unsubscribe/forged-token/").status_code == 404


def test_mentions_reach_only_participants_and_people_hear_once(discussion, ada, bob, outsider):
    discussions.post_comment(
        author=bob, discussion=discussion, body="@AdaLovelace @EveOutsider look", language="en"
    )
    assert kinds(ada) == ["mention"]
    assert kinds(outsider) == []


def test_followers_hear_of_new_comments(discussion, ada, bob, tree):
    carol = make_learner("carol@example.com", name="Carol King")
    enroll(learner=carol, program=tree.program)
    discussions.follow(user=carol, discussion=discussion)
    discussions.post_comment(author=bob, discussion=discussion, body="A thought", language="en")
    assert kinds(carol) == ["followed"]
    assert kinds(ada) == ["reply"]


def test_endorsement_and_accepted_answer_notify_the_answerer(tree, ada, bob):
    instructor = staff_user("teacher@example.com")
    instructor.groups.add(moderators_group(tree.program, name="Teachers"))
    question = discussions.create_discussion(
        author=ada,
        place=resolve_place(module_id=tree.modules[0].id),
        title="Why?",
        body=LONG,
        language="en",
        kind="question",
    )
    answer = discussions.post_comment(
        author=bob, discussion=question, body="Because", language="en"
    )
    discussions.endorse(user=instructor, comment=answer)
    discussions.accept_answer(user=ada, comment=answer)
    assert kinds(bob) == ["accepted", "endorsement"]
    with pytest.raises(discussions.PostError):
        discussions.endorse(user=ada, comment=answer)


def test_turning_off_a_kind_on_the_site_hides_it_from_the_bell(discussion, ada, bob):
    client = as_user(ada)
    client.post(reverse("community:notification_preferences"), {"reply:email": "on"})
    discussions.post_comment(author=bob, discussion=discussion, body="Hm", language="en")
    assert notifications.unread_count(user=ada) == 0
    assert Notification.objects.get(recipient=ada).in_app is False


def test_the_daily_digest_sends_one_email_per_kind(
    discussion, ada, bob, django_capture_on_commit_callbacks
):
    notifications.set_email_schedule(user=ada, schedule="daily")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        discussions.post_comment(author=bob, discussion=discussion, body="One", language="en")
        discussions.post_comment(author=bob, discussion=discussion, body="Two", language="en")
    assert mail.outbox == []
    assert send_daily_digests.call() == 1
    assert "2 new notifications" in mail.outbox[0].subject
    assert send_daily_digests.call() == 0


def test_mention_autocomplete_lists_participants_by_handle(discussion, ada, bob, outsider):
    response = as_user(ada).get(f"/api/v1/discussions/{discussion.pk}/mentions?q=bo")
    assert response.json() == [{"handle": "BobMarley", "name": "Bob Marley"}]
    assert as_user(ada).get(f"/api/v1/discussions/{discussion.pk}/mentions?q=ev").json() == []


def test_the_list_marks_read(discussion, ada, bob):
    discussions.post_comment(author=bob, discussion=discussion, body="Hm", language="en")
    client = as_user(ada)
    page = client.get(reverse("community:notifications")).content.decode()
    assert "Bob Marley replied in “Silence”" in page
    response = client.post("/api/v1/notifications/read", {}, content_type="application/json")
    assert response.json() == {"unread": 0}
