import pytest
from django.urls import reverse

from community import discussions
from community.access import resolve_place
from community.models import Comment, Discussion, Notification, Vote

from .conftest import as_user

pytestmark = pytest.mark.django_db
LONG = (
    "The pauses in a Noh play carry as much meaning as the movements, and the audience feels them."
)
HTMX = {"HTTP_HX_REQUEST": "true"}


def start(author, module, **extra):
    return discussions.create_discussion(
        author=author,
        place=resolve_place(module_id=module.id),
        title=extra.pop("title", "Silence on stage"),
        body=extra.pop("body", LONG),
        language=extra.pop("language", "en"),
        **extra,
    )


def test_the_module_page_lists_its_discussions(tree, ada):
    start(ada, tree.modules[0])
    response = as_user(ada).get(f"/en/modules/{tree.modules[0].id}/discussions/")
    assert response.status_code == 200
    assert "Silence on stage" in response.content.decode()


def test_someone_not_enrolled_is_sent_to_the_program(tree, ada, outsider):
    response = as_user(outsider).get(f"/en/modules/{tree.modules[0].id}/discussions/")
    assert response.status_code == 302


def test_starting_a_discussion_from_the_form_opens_it(tree, ada):
    response = as_user(ada).post(
        f"/en/modules/{tree.modules[0].id}/discussions/new/",
        {"title": "Ma at home", "body": LONG, "kind": "question"},
    )
    assert response.status_code == 302
    thread = as_user(ada).get(response["Location"])
    assert "Ma at home" in thread.content.decode()


def test_a_reply_through_htmx_returns_just_the_new_comment(tree, ada, bob):
    discussion = start(ada, tree.modules[0])
    response = as_user(bob).post(
        reverse("community:reply", args=[discussion.pk]), {"body": "Nice *point*"}, **HTMX
    )
    assert response.status_code == 201
    html = response.content.decode()
    assert html.lstrip().startswith('<li class="comment')
    assert "<em>point</em>" in html and "<html" not in html


def test_a_reply_refused_says_why_in_place(tree, ada, bob):
    discussion = start(ada, tree.modules[0])
    discussion.is_locked = True
    discussion.save()
    response = as_user(bob).post(
        reverse("community:reply", args=[discussion.pk]), {"body": "Hello"}, **HTMX
    )
    assert response["HX-Retarget"] == "#reply-error-root"
    assert "locked" in response.content.decode()
    assert not Comment.objects.exists()


def test_vote_through_htmx_updates_the_count_in_place(tree, ada, bob):
    discussion = start(ada, tree.modules[0])
    comment = discussions.post_comment(author=bob, discussion=discussion, body="x", language="en")
    response = as_user(ada).post(reverse("community:vote", args=[comment.pk]), {"up": "1"}, **HTMX)
    html = response.content.decode()
    assert 'aria-pressed="true"' in html and '<span class="vote__count">1</span>' in html
    assert Vote.objects.count() == 1


def test_editing_in_place(tree, ada, bob):
    discussion = start(ada, tree.modules[0])
    comment = discussions.post_comment(author=bob, discussion=discussion, body="v1", language="en")
    url = reverse("community:edit_comment", args=[comment.pk])
    form = as_user(bob).get(url, **HTMX)
    assert "v1</textarea>" in form.content.decode()
    assert as_user(ada).get(url, **HTMX).status_code == 404
    saved = as_user(bob).post(url, {"body": "v2"}, **HTMX)
    assert "<p>v2</p>" in saved.content.decode()


def test_markdown_preview_is_sanitised(tree, ada):
    response = as_user(ada).post(
        reverse("community:preview"), {"body": "**hi** <script>alert(1)</script>"}
    )
    html = response.content.decode()
    assert "<strong>hi</strong>" in html and "<script>" not in html


def test_the_bell_shows_the_unread_count_and_the_notification_opens_the_reply(tree, ada, bob):
    discussion = start(ada, tree.modules[0])
    comment = discussions.post_comment(
        author=bob, discussion=discussion, body="Yes @AdaLovelace", language="en"
    )
    bell = as_user(ada).get(reverse("community:bell")).content.decode()
    assert '<span class="bell__count" aria-hidden="true">1</span>' in bell
    notification = Notification.objects.get(recipient=ada)
    response = as_user(ada).get(reverse("community:open_notification", args=[notification.pk]))
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert (
        as_user(bob).get(reverse("community:open_notification", args=[notification.pk])).status_code
        == 404
    )


def test_thread_page_shows_deleted_placeholders_and_continue_links(tree, ada, bob):
    discussion = start(ada, tree.modules[0])
    parent = None
    for depth in range(6):
        parent = discussions.post_comment(
            author=bob if depth % 2 else ada,
            discussion=discussion,
            body=f"level {depth}",
            language="en",
            parent_id=parent.pk if parent else None,
        )
    first = Comment.objects.get(body="level 0")
    discussions.delete_post(user=ada, post=first)
    html = as_user(ada).get(reverse("community:thread", args=[discussion.pk])).content.decode()
    assert "Deleted" in html and "level 1" in html
    assert "level 4" not in html and "Continue this thread" in html
    deep = Comment.objects.get(body="level 3")
    sub = as_user(ada).get(reverse("community:subthread", args=[discussion.pk, deep.pk]))
    assert "level 5" in sub.content.decode()


def test_discuss_this_on_a_block_starts_a_discussion_anchored_to_it(tree, ada):
    item = tree.items[0][0]
    block_id = item.body[0].id
    page = as_user(ada).get(item.url).content.decode()
    link = f"/en/modules/{tree.modules[0].id}/discussions/?item={item.id}&amp;block={block_id}"
    assert link in page
    listing = as_user(ada).get(link.replace("&amp;", "&")).content.decode()
    assert f'name="block_id" value="{block_id}"' in listing
    as_user(ada).post(
        f"/en/modules/{tree.modules[0].id}/discussions/new/",
        {"title": "This paragraph", "body": "Why?", "item_id": item.id, "block_id": block_id},
    )
    discussion = Discussion.objects.get()
    assert (discussion.item_id, discussion.block_id, discussion.module_id) == (
        item.id,
        block_id,
        tree.modules[0].id,
    )
    assert "This paragraph" in as_user(ada).get(link.replace("&amp;", "&")).content.decode()


def test_module_and_course_pages_link_to_their_discussions(tree, ada):
    module_page = as_user(ada).get(tree.modules[1].url).content.decode()
    assert f"/en/modules/{tree.modules[1].id}/discussions/" in module_page
    assert "Join the discussion" in module_page
    course_page = as_user(ada).get(tree.courses[0].url).content.decode()
    assert f"/en/courses/{tree.courses[0].id}/discussions/" in course_page
