import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from community import discussions, moderation
from community.access import resolve_place
from community.models import Report
from learning.tests.factories import staff_user
from learning.tests.journey_helpers import build_tree

from .conftest import as_user, moderators_group, post_json

pytestmark = pytest.mark.django_db
LONG = "Where does empty space do the work in your own home, your street, your music?"


@pytest.fixture
def discussion(tree, ada):
    return discussions.create_discussion(
        author=ada,
        place=resolve_place(module_id=tree.modules[0].id),
        title="Ma",
        body=LONG,
        language="en",
    )


@pytest.fixture
def comment(discussion, bob):
    return discussions.post_comment(
        author=bob, discussion=discussion, body="Buy cheap watches", language="en"
    )


@pytest.fixture
def other_moderator(tree):
    other = build_tree(title="Mali")
    user = staff_user("othermod@example.com")
    user.groups.add(moderators_group(other.program, name="Mali moderators"))
    return user


def test_a_learner_reports_a_post_once(comment, ada):
    url = f"/api/v1/comments/{comment.pk}/report"
    first = post_json(as_user(ada), url, {"reason": "spam"})
    again = post_json(as_user(ada), url, {"reason": "spam", "note": "really"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert Report.objects.count() == 1


def test_hiding_a_comment_keeps_its_place_and_is_audited(comment, moderator, ada):
    moderation.set_hidden(user=moderator, post=comment, hidden=True, reason="spam")
    html = as_user(ada).get(reverse("community:thread", args=[comment.discussion_id])).content
    assert b"Hidden by a moderator" in html and b"cheap watches" not in html
    api = as_user(ada).get(f"/api/v1/discussions/{comment.discussion_id}").json()
    assert api["comments"][0]["is_hidden"] and api["comments"][0]["body"] == ""
    entry = ModelLogEntry.objects.get(action=moderation.HIDDEN)
    assert entry.user_id == moderator.pk and entry.data == {"reason": "spam"}


def test_a_moderator_of_another_program_is_refused(comment, other_moderator):
    with pytest.raises(discussions.PostError) as refused:
        moderation.set_hidden(user=other_moderator, post=comment, hidden=True)
    assert refused.value.status == 403
    response = as_user(other_moderator).post(
        reverse("community:moderate", args=["comments", comment.pk, "hide"])
    )
    assert response.status_code == 404  # not a participant of that program: no such post
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_lock_and_pin_through_the_thread_controls(discussion, moderator, ada):
    client = as_user(moderator)
    client.post(reverse("community:moderate", args=["discussions", discussion.pk, "lock"]))
    client.post(reverse("community:moderate", args=["discussions", discussion.pk, "pin"]))
    discussion.refresh_from_db()
    assert discussion.is_locked and discussion.is_pinned
    as_user(ada).post(reverse("community:moderate", args=["discussions", discussion.pk, "unlock"]))
    discussion.refresh_from_db()
    assert discussion.is_locked


def test_a_banned_learner_cannot_post_or_vote_until_the_ban_expires(
    discussion, comment, moderator, bob, ada
):
    moderation.ban(user=moderator, learner=ada, discussion=discussion, reason="Spam links", days=3)
    client = as_user(ada)
    response = post_json(client, f"/api/v1/discussions/{discussion.pk}/comments", {"body": "hi"})
    assert response.status_code == 403
    assert "banned" in response.json()["message"] and "Spam links" in response.json()["message"]
    assert post_json(client, f"/api/v1/comments/{comment.pk}/vote").status_code == 403
    page = client.get(reverse("community:thread", args=[discussion.pk])).content.decode()
    assert "You are banned from this course" in page
    assert ModelLogEntry.objects.filter(action=moderation.BANNED, user=moderator).exists()
    with time_machine.travel(timezone.now() + dt.timedelta(days=4)):
        response = post_json(
            client, f"/api/v1/discussions/{discussion.pk}/comments", {"body": "back"}
        )
    assert response.status_code == 201


def test_the_report_queue_lists_reports_for_the_moderators_programs(
    comment, ada, tree, other_moderator
):
    moderation.report(user=ada, post=comment, reason="spam")
    admin_moderator = staff_user("staffmod@example.com")
    admin_moderator.groups.add(moderators_group(tree.program, name="Silk moderators"))
    admin_moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    page = as_user(admin_moderator).get(reverse("community_reports"))
    assert page.status_code == 200 and "cheap watches" in page.content.decode()
    other_moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    other_page = as_user(other_moderator).get(reverse("community_reports"))
    assert "cheap watches" not in other_page.content.decode()
    report = Report.objects.get()
    refused = as_user(other_moderator).post(
        reverse("community_handle_report", args=[report.pk]), {"action": "hide"}
    )
    # Wagtail answers a PermissionDenied in the admin with a redirect and a message.
    assert refused.status_code in {302, 403}
    report.refresh_from_db()
    assert report.status == "open"
    done = as_user(admin_moderator).post(
        reverse("community_handle_report", args=[report.pk]), {"action": "hide"}
    )
    assert done.status_code == 302 and done["Location"] == reverse("community_reports")
    comment.refresh_from_db()
    report.refresh_from_db()
    assert comment.is_hidden and report.status == "resolved"
    assert ModelLogEntry.objects.filter(action=moderation.REPORT_HANDLED).exists()


def test_moderators_read_the_edit_history(comment, bob, ada, tree):
    discussions.edit_post(user=bob, post=comment, body="Edited to look innocent")
    moderation.report(user=ada, post=comment, reason="spam")
    admin = staff_user("root@example.com", superuser=True)
    html = as_user(admin).get(reverse("community_reports")).content.decode()
    assert "Buy cheap watches" in html and "Edited to look innocent" in html


def test_a_moderator_lifts_a_ban_from_the_admin(
    discussion, moderator, ada, bob, tree, other_moderator
):
    ban = moderation.ban(user=moderator, learner=ada, discussion=discussion, reason="Heated")
    staff = staff_user("liftmod@example.com")
    staff.groups.add(moderators_group(tree.program, name="Lifters"))
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    other_moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert (
        "Heated" not in as_user(other_moderator).get(reverse("community_reports")).content.decode()
    )
    page = as_user(staff).get(reverse("community_reports")).content.decode()
    assert "Heated" in page and "Lift the ban" in page
    as_user(other_moderator).post(reverse("community_lift_ban", args=[ban.pk]))
    assert discussions.active_ban(user=ada, course_id=ban.course_id) is not None
    as_user(staff).post(reverse("community_lift_ban", args=[ban.pk]))
    assert discussions.active_ban(user=ada, course_id=ban.course_id) is None
    assert ModelLogEntry.objects.filter(action=moderation.BAN_LIFTED, user=staff).exists()
    response = post_json(
        as_user(ada), f"/api/v1/discussions/{discussion.pk}/comments", {"body": "ok"}
    )
    assert response.status_code == 201
