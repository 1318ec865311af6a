"""A thread page costs the same queries whatever its size and depth; the bell costs one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community import discussions
from community.access import resolve_place
from community.markdown import render
from community.models import Comment, Discussion

from .conftest import as_user

pytestmark = pytest.mark.django_db


def grow(discussion, authors, *, count: int, depth: int) -> None:
    """`count` comments in chains of `depth`, written straight to the table."""
    parent = None
    for n in range(count):
        parent = Comment.objects.create(
            discussion=discussion,
            parent=parent if n % depth else None,
            author=authors[n % len(authors)],
            body=f"Comment {n}",
            body_html=render(f"Comment {n}"),
            language="en",
        )
    Discussion.objects.filter(pk=discussion.pk).update(comment_count=count)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_thread_page_is_constant_in_comments_and_depth(tree, ada, bob, moderator):
    place = resolve_place(module_id=tree.modules[0].id)
    small = discussions.create_discussion(
        author=ada, place=place, title="S", body="s", language="en"
    )
    large = discussions.create_discussion(
        author=ada, place=place, title="L", body="l", language="en"
    )
    grow(small, [ada, bob], count=3, depth=2)
    grow(large, [ada, bob, moderator], count=500, depth=25)
    client = as_user(bob)
    client.get(reverse("community:thread", args=[small.pk]))  # warm caches
    few = queries(client, reverse("community:thread", args=[small.pk]))
    many = queries(client, reverse("community:thread", args=[large.pk]))
    assert few == many
    assert many <= 30


def test_the_discussion_list_is_constant(tree, ada, bob):
    place = resolve_place(module_id=tree.modules[0].id)
    url = reverse("community:discussions", args=["module", tree.modules[0].id])
    discussions.create_discussion(author=ada, place=place, title="One", body="b", language="en")
    client = as_user(bob)
    client.get(url)
    one = queries(client, url)
    for n in range(15):
        Discussion.objects.create(
            program_id=place.program_id, module_id=place.module_id, author=bob,
            title=f"D{n}", body="b", body_html="<p>b</p>", language="en",
        )  # fmt: skip
    assert queries(client, url) == one


def test_the_bell_is_one_query(tree, ada, bob):
    place = resolve_place(module_id=tree.modules[0].id)
    discussion = discussions.create_discussion(
        author=ada, place=place, title="t", body="b", language="en"
    )
    discussions.post_comment(author=bob, discussion=discussion, body="reply", language="en")
    client = as_user(ada)
    url = reverse("community:bell")
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert b'class="bell__count"' in response.content
    notification_queries = [q for q in captured if "community_notification" in q["sql"]]
    assert len(notification_queries) == 1
    # the session and the user, then the count: nothing else
    assert len(captured) == 3
