# ruff: noqa: E501  (the matrix reads as a table, one endpoint a line)
"""SECURITY.md item 9 for the community: who may reach what, for every discussion and
notification endpoint, read from the URL list (a new endpoint fails until it has a row).

Roles: the owner (author of the discussion and of the comment, enrolled), another enrolled
learner, a moderator of this program, a learner not enrolled, a moderator of another
program, a learner banned from the course, and an anonymous caller. Each cell is the
status expected; "302!" is a page refusing with a message (a redirect that changes
nothing). Whatever is refused changes nothing.
"""

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from community import discussions, moderation
from community.access import resolve_place
from community.models import Ban, Comment, Discussion, Follow, Notification, Report, Vote
from community.notifications.email import unsubscribe_token
from learning.journey.enrollment import enroll
from learning.tests.journey_helpers import build_tree, make_learner

from .conftest import as_user, moderators_group

# The databases are set up for marked tests; each test runs in a savepoint of the
# module's world (see `world`).
pytestmark = pytest.mark.django_db
ROLES = ("owner", "other", "moderator", "outsider", "other_moderator", "banned", "anonymous")
API_MODULE = "community.api"
PAGE_MODULES = {"community.views", "community.moderation_views", "community.notification_views"}
LONG = "Empty space lets each thing breathe; that is what I notice first in a tatami room."


@dataclass(frozen=True)
class Row:
    method: str
    url: str
    expected: str  # one status per role, in ROLES order
    body: dict | None = None

    def status(self, role: str) -> str:
        return self.expected.split()[ROLES.index(role)]


# owner other moderator outsider other_moderator banned anonymous
MATRIX = {
    "api:list_discussions": Row("GET", "/api/v1/discussions?module_id={module_id}", "200 200 200 403 403 200 401"),
    "api:create_discussion": Row(
        "POST", "/api/v1/discussions", "201 201 201 403 403 403 401",
        body={"module_id": "{module_id}", "title": "New", "body": "Text"},
    ),
    "api:get_discussion": Row("GET", "/api/v1/discussions/{discussion_id}", "200 200 200 404 404 200 401"),
    "api:edit_discussion": Row(
        "PATCH", "/api/v1/discussions/{discussion_id}", "200 403 403 404 404 403 401",
        body={"body": "Changed"},
    ),
    "api:delete_discussion": Row("DELETE", "/api/v1/discussions/{discussion_id}", "200 403 200 404 404 403 401"),
    "api:create_comment": Row(
        "POST", "/api/v1/discussions/{discussion_id}/comments", "201 201 201 404 404 403 401",
        body={"body": "A reply"},
    ),
    "api:follow_discussion": Row("POST", "/api/v1/discussions/{discussion_id}/follow", "200 200 200 404 404 200 401"),
    "api:unfollow_discussion": Row("DELETE", "/api/v1/discussions/{discussion_id}/follow", "200 200 200 404 404 200 401"),
    "api:report_discussion": Row(
        "POST", "/api/v1/discussions/{discussion_id}/report", "201 201 201 404 404 201 401",
        body={"reason": "spam"},
    ),
    "api:mention_candidates": Row("GET", "/api/v1/discussions/{discussion_id}/mentions?q=a", "200 200 200 404 404 200 401"),
    "api:edit_comment": Row(
        "PATCH", "/api/v1/comments/{comment_id}", "200 403 403 404 404 403 401", body={"body": "Changed"}
    ),
    "api:delete_comment": Row("DELETE", "/api/v1/comments/{comment_id}", "200 403 200 404 404 403 401"),
    "api:vote_comment": Row("POST", "/api/v1/comments/{comment_id}/vote", "422 200 200 404 404 403 401"),
    "api:unvote_comment": Row("DELETE", "/api/v1/comments/{comment_id}/vote", "422 200 200 404 404 403 401"),
    "api:report_comment": Row(
        "POST", "/api/v1/comments/{comment_id}/report", "201 201 201 404 404 201 401",
        body={"reason": "abuse"},
    ),
    "api:endorse_comment": Row("POST", "/api/v1/comments/{comment_id}/endorse", "403 403 200 404 404 403 401"),
    "api:accept_comment": Row("POST", "/api/v1/comments/{comment_id}/accept", "200 403 200 404 404 403 401"),
    # The caller's own notifications only.
    "api:list_notifications": Row("GET", "/api/v1/notifications", "200 200 200 200 200 200 401"),
    "api:unread_notifications": Row("GET", "/api/v1/notifications/unread", "200 200 200 200 200 200 401"),
    "api:mark_notifications_read": Row("POST", "/api/v1/notifications/read", "200 200 200 200 200 200 401", body={}),
    "page:discussions": Row("GET", "/en/modules/{module_id}/discussions/", "200 200 200 302! 302! 200 302"),
    "page:start_discussion": Row(
        "POST", "/en/modules/{module_id}/discussions/new/", "302 302 302 302! 302! 302! 302",
        body={"title": "New", "body": "Text"},
    ),
    "page:preview": Row("POST", "/en/discussions/preview/", "200 200 200 200 200 200 302", body={"body": "*x*"}),
    "page:thread": Row("GET", "/en/discussions/{discussion_id}/", "200 200 200 404 404 200 302"),
    "page:subthread": Row("GET", "/en/discussions/{discussion_id}/comments/{comment_id}/", "200 200 200 404 404 200 302"),
    "page:reply": Row(
        "POST", "/en/discussions/{discussion_id}/reply/", "302 302 302 404 404 302! 302",
        body={"body": "A reply"},
    ),
    "page:edit_discussion": Row(
        "POST", "/en/discussions/{discussion_id}/edit/", "302 302! 302! 404 404 302! 302",
        body={"body": "Changed"},
    ),
    "page:follow": Row("POST", "/en/discussions/{discussion_id}/follow/", "302 302 302 404 404 302 302"),
    "page:vote": Row("POST", "/en/comments/{comment_id}/vote/", "302! 302 302 404 404 302! 302"),
    "page:edit_comment": Row(
        "POST", "/en/comments/{comment_id}/edit/", "302 404 404 404 404 404 302", body={"body": "Changed"}
    ),
    "page:delete_comment": Row("POST", "/en/comments/{comment_id}/delete/", "302 302! 302 404 404 302! 302"),
    "page:endorse": Row("POST", "/en/comments/{comment_id}/endorse/", "302! 302! 302 404 404 302! 302"),
    "page:report": Row(
        "POST", "/en/comments/{comment_id}/report/", "302 302 302 404 404 302 302", body={"reason": "spam"}
    ),
    "page:moderate": Row("POST", "/en/comments/{comment_id}/moderate/hide/", "302! 302! 302 404 404 302! 302"),
    "page:notifications": Row("GET", "/en/notifications/", "200 200 200 200 200 200 302"),
    "page:bell": Row("GET", "/en/notifications/bell/", "200 200 200 200 200 200 204"),
    "page:read_all": Row("POST", "/en/notifications/read/", "302 302 302 302 302 302 302"),
    "page:notification_preferences": Row("GET", "/en/notifications/preferences/", "200 200 200 200 200 200 302"),
    # Signed, not signed in: anyone holding the link may unsubscribe that one person from that kind.
    "page:unsubscribe": Row("GET", "/en/notifications/unsubscribe/{unsubscribe_token}/", "200 200 200 200 200 200 200"),
    "page:open_notification": Row("GET", "/en/notifications/{notification_id}/", "302 404 404 404 404 404 302"),
}  # fmt: skip


# Rows acting on the caller's own records: nobody else's call may touch the owner's.
OWN_ONLY = {"api:mark_notifications_read", "page:read_all"}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def _operation_module(pattern) -> str:
    for cell in getattr(pattern.callback, "__closure__", None) or ():
        for operation in getattr(cell.cell_contents, "operations", ()):
            if operation.view_func.__name__ == pattern.name:
                return operation.view_func.__module__
    return ""


def discovered() -> set[str]:
    found = set()
    for route, pattern in _walk(get_resolver().url_patterns):
        if route.startswith("api/v1/") and _operation_module(pattern) == API_MODULE:
            found.add(f"api:{pattern.name}")
        elif getattr(pattern.callback, "__module__", "") in PAGE_MODULES and route.startswith(
            "en/"
        ):
            found.add(f"page:{pattern.name}")
    return found


def test_every_community_endpoint_has_a_row():
    found = discovered()
    assert sorted(found - set(MATRIX)) == [], "endpoints without a row"
    assert sorted(set(MATRIX) - found) == [], "rows for endpoints that no longer exist"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back at its end; each call runs
    in a savepoint of its own (see call_and_undo), so every role meets the same world."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def _build_world():
    tree = build_tree(title="Ink", courses=1, items_per_course=1)
    other_tree = build_tree(title="Mali", courses=1, items_per_course=1)
    people = {}
    for role in ("owner", "other", "banned"):
        people[role] = make_learner(f"{role}@example.com", name=role.title())
        enroll(learner=people[role], program=tree.program)
    people["outsider"] = make_learner("outsider@example.com", name="Outsider")
    people["moderator"] = make_learner("moderator@example.com", name="Moderator")
    people["moderator"].groups.add(moderators_group(tree.program))
    people["other_moderator"] = make_learner("othermod@example.com", name="Othermod")
    people["other_moderator"].groups.add(moderators_group(other_tree.program, name="Mali"))
    people["anonymous"] = None
    place = resolve_place(module_id=tree.modules[0].id)
    discussion = discussions.create_discussion(
        author=people["owner"], place=place, title="Ma", body=LONG, language="en", kind="question"
    )
    comment = discussions.post_comment(
        author=people["owner"], discussion=discussion, body="My own answer", language="en"
    )
    discussions.post_comment(
        author=people["other"], discussion=discussion, body="@Owner yes", language="en"
    )
    moderation.ban(
        user=people["moderator"], learner=people["banned"], discussion=discussion, reason="Spam"
    )
    notification = Notification.objects.filter(recipient=people["owner"]).first()
    return {
        "people": people,
        "module_id": tree.modules[0].id,
        "discussion_id": str(discussion.pk),
        "comment_id": str(comment.pk),
        "notification_id": str(notification.pk),
        "unsubscribe_token": unsubscribe_token(user_id=people["owner"].pk, kind="reply"),
    }


def fingerprint(world) -> list:
    owner = world["people"]["owner"]
    return [
        list(Discussion.objects.order_by("pk").values()),
        list(Comment.objects.order_by("pk").values()),
        Vote.objects.count(),
        Report.objects.count(),
        Ban.objects.count(),
        sorted(Follow.objects.values_list("user_id", "discussion_id")),
        list(Notification.objects.filter(recipient=owner).values_list("pk", "read_at")),
    ]


def _fill(value, world):
    if isinstance(value, str):
        filled = value.format(**world)
        return int(filled) if filled.isdigit() else filled
    if isinstance(value, dict):
        return {key: _fill(item, world) for key, item in value.items()}
    return value


def call(row: Row, world, role: str):
    client = as_user(world["people"][role])
    url = row.url.format(**world)
    method = getattr(client, row.method.lower())
    if row.method == "GET":
        return method(url)
    body = _fill(row.body or {}, world)
    if url.startswith("/api/"):
        return method(url, body, content_type="application/json")
    return method(url, body)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", list(MATRIX))
def test_access(key, role, world, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        check(key, role, world)
        transaction.set_rollback(True)


def check(key: str, role: str, world: dict) -> None:
    row = MATRIX[key]
    expected = row.status(role)
    before = fingerprint(world)
    response = call(row, world, role)
    assert str(response.status_code) == expected.rstrip("!"), (
        response.status_code,
        response.content[:300],
    )
    if response.status_code >= 400 or expected.endswith("!"):
        assert fingerprint(world) == before, "a refused call changed something"
    if key.startswith("api:") and response.status_code >= 400:
        assert response.json()["message"]
    if role == "anonymous" and expected == "302":
        assert "/accounts/login/" in response["Location"]
    if key in OWN_ONLY and role != "owner":
        assert fingerprint(world)[-1] == before[-1], "someone else's call touched the owner's"
    if key.startswith("api:list_notifications") and role != "owner":
        assert world["notification_id"] not in response.content.decode()
