import datetime as dt
import time
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from community import discussions, moderation, notifications
from community.access import NotFound, resolve_place
from community.models import Ban, Report
from community.models.ids import uuid7, uuid7_floor
from learning.tests.factories import staff_user

from .conftest import as_user, moderators_group, post_json

pytestmark = pytest.mark.django_db


def test_a_place_resolves_from_a_course_a_module_or_an_item(tree):
    course = resolve_place(course_id=tree.courses[0].id)
    assert (course.course_id, course.module_id) == (tree.courses[0].id, None)
    item = resolve_place(item_id=tree.items[1][0].id)
    assert (item.module_id, item.item_id, item.is_discussion_module) == (
        tree.modules[1].id,
        tree.items[1][0].id,
        True,
    )
    for bad in ({}, {"course_id": tree.modules[0].id}, {"module_id": 999_999}):
        with pytest.raises(NotFound):
            resolve_place(**bad)


def test_unknown_places_and_posts_are_404(tree, ada):
    client = as_user(ada)
    assert client.get("/api/v1/discussions?module_id=999999").status_code == 404
    response = post_json(client, "/api/v1/discussions", {"title": "t", "body": "b"})
    assert response.status_code == 404
    assert client.get("/en/lessons/1/discussions/").status_code == 404
    assert client.get(f"/en/discussions/{uuid7()}/").status_code == 404


def test_comment_ids_sort_by_time_and_bound_partitions():
    first = uuid7()
    time.sleep(0.002)
    second = uuid7()
    assert first < second and first.version == 7
    assert uuid7_floor(time.time() - 60) < first < uuid7_floor(time.time() + 60)


def test_the_digest_command_sends_what_daily_readers_have_not_read(
    tree, ada, bob, django_capture_on_commit_callbacks
):
    notifications.set_email_schedule(user=ada, schedule="daily")
    discussion = discussions.create_discussion(
        author=ada,
        place=resolve_place(module_id=tree.modules[0].id),
        title="Ma",
        body="Where?",
        language="en",
    )
    with django_capture_on_commit_callbacks(execute=True):
        discussions.post_comment(author=bob, discussion=discussion, body="Here", language="en")
    mail.outbox.clear()
    out = StringIO()
    call_command("send_notification_digests", "--now", stdout=out)
    assert "1 digest emails sent." in out.getvalue()
    assert mail.outbox[0].to == [ada.email]
    call_command("send_notification_digests", stdout=out)
    assert "Digest task queued." in out.getvalue()


@pytest.fixture
def reported(tree, ada, bob):
    discussion = discussions.create_discussion(
        author=ada,
        place=resolve_place(module_id=tree.modules[0].id),
        title="Ma",
        body="Where?",
        language="en",
    )
    comment = discussions.post_comment(
        author=bob, discussion=discussion, body="Spam", language="en"
    )
    report, _ = moderation.report(user=ada, post=comment, reason="spam")
    admin = staff_user("queue@example.com")
    admin.groups.add(moderators_group(tree.program, name="Queue"))
    admin.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return report, comment, admin


def test_the_queue_dismisses_a_report(reported):
    report, comment, admin = reported
    as_user(admin).post(reverse("community_handle_report", args=[report.pk]), {"action": "dismiss"})
    report.refresh_from_db()
    comment.refresh_from_db()
    assert report.status == "dismissed" and not comment.is_hidden
    resolved = as_user(admin).get(reverse("community_reports") + "?status=dismissed")
    assert "Spam" in resolved.content.decode()


def test_the_queue_bans_the_author_for_some_days(reported, bob):
    report, comment, admin = reported
    as_user(admin).post(
        reverse("community_handle_report", args=[report.pk]),
        {"action": "ban", "reason": "Spam links", "days": "7"},
    )
    ban = Ban.objects.get(learner=bob)
    assert ban.reason == "Spam links" and ban.created_by == admin
    assert dt.timedelta(days=6) < ban.expires_at - ban.created_at <= dt.timedelta(days=7, seconds=5)
    comment.refresh_from_db()
    assert comment.is_hidden and Report.objects.get().status == "resolved"


def test_a_ban_needs_a_reason(reported, bob):
    report, _comment, admin = reported
    response = as_user(admin).post(
        reverse("community_handle_report", args=[report.pk]), {"action": "ban", "reason": " "}
    )
    assert response.status_code == 302
    assert not Ban.objects.exists() and Report.objects.get().status == "open"


def test_someone_without_a_moderator_role_cannot_open_the_queue(ada, tree):
    staff = staff_user("plain@example.com")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert as_user(staff).get(reverse("community_reports")).status_code in {302, 403}
