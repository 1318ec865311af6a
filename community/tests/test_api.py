import pytest

from community.models import Comment, Discussion
from learning.models import LearningEvent

from .conftest import as_user, post_json

pytestmark = pytest.mark.django_db

LONG = "I think the empty floor of a tatami room does as much work as the walls around it."


def start(client, module_id, **extra):
    body = {"module_id": module_id, "title": "Where is ma?", "body": LONG, **extra}
    return post_json(client, "/api/v1/discussions", body)


def test_a_learner_starts_a_discussion_and_another_replies(tree, ada, bob):
    response = start(as_user(ada), tree.modules[0].id)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["module_id"] == tree.modules[0].id and data["course_id"] is None
    assert data["body_html"].startswith("<p>I think")
    reply = post_json(
        as_user(bob),
        f"/api/v1/discussions/{data['id']}/comments",
        {"body": "**Agreed**, @AdaLovelace"},
    )
    assert reply.status_code == 201, reply.content
    assert reply.json()["body_html"] == "<p><strong>Agreed</strong>, @AdaLovelace</p>\n"
    thread = as_user(ada).get(f"/api/v1/discussions/{data['id']}").json()
    assert [c["body"] for c in thread["comments"]] == ["**Agreed**, @AdaLovelace"]
    assert thread["comment_count"] == 1
    notes = as_user(ada).get("/api/v1/notifications").json()
    assert [n["kind"] for n in notes] == ["mention"]
    assert as_user(ada).get("/api/v1/notifications/unread").json() == {"unread": 1}


def test_list_filters_by_language_and_search(tree, ada):
    start(as_user(ada), tree.modules[0].id, language="fr", title="Le vide")
    start(as_user(ada), tree.modules[0].id, language="en", title="Emptiness")
    url = f"/api/v1/discussions?course_id={tree.courses[0].id}"
    assert as_user(ada).get(url).json()["count"] == 2
    assert [d["title"] for d in as_user(ada).get(url + "&language=fr").json()["results"]] == [
        "Le vide"
    ]
    assert [d["title"] for d in as_user(ada).get(url + "&q=emptiness").json()["results"]] == [
        "Emptiness"
    ]


def test_an_unenrolled_learner_is_refused(tree, outsider):
    response = start(as_user(outsider), tree.modules[0].id)
    assert response.status_code == 403
    assert "Enroll" in response.json()["message"]
    assert not Discussion.objects.exists()


def test_a_parent_from_another_discussion_is_refused(tree, ada, bob):
    first = start(as_user(ada), tree.modules[0].id).json()["id"]
    second = start(as_user(ada), tree.modules[0].id).json()["id"]
    comment = post_json(as_user(bob), f"/api/v1/discussions/{first}/comments", {"body": "Yes"})
    response = post_json(
        as_user(bob),
        f"/api/v1/discussions/{second}/comments",
        {"body": "Hm", "parent_id": comment.json()["id"]},
    )
    assert response.status_code == 422
    assert Comment.objects.count() == 1


def test_huge_bodies_are_refused(tree, ada):
    response = start(as_user(ada), tree.modules[0].id, body="a" * 20_001)
    assert response.status_code == 422
    assert not Discussion.objects.exists()


def test_posting_too_fast_gets_429_with_retry_after(tree, ada):
    client = as_user(ada)
    statuses = [start(client, tree.modules[0].id).status_code for _ in range(7)]
    assert statuses[:6] == [201] * 6
    assert statuses[6] == 429
    response = start(client, tree.modules[0].id)
    assert int(response["Retry-After"]) >= 1


def test_new_accounts_have_a_link_limit(tree, ada):
    body = "See https://a.example, https://b.example and [c](https://c.example) for more."
    response = start(as_user(ada), tree.modules[0].id, body=body)
    assert response.status_code == 422
    assert "links" in response.json()["message"]


def test_editing_someone_elses_post_is_refused(tree, ada, bob):
    discussion = start(as_user(ada), tree.modules[0].id).json()["id"]
    response = as_user(bob).patch(
        f"/api/v1/discussions/{discussion}", {"body": "Mine now"}, content_type="application/json"
    )
    assert response.status_code == 403
    response = as_user(bob).delete(f"/api/v1/discussions/{discussion}")
    assert response.status_code == 403
    assert Discussion.objects.get().body == LONG


def test_edits_keep_history_and_delete_leaves_a_placeholder(tree, ada, bob):
    discussion = start(as_user(ada), tree.modules[0].id).json()["id"]
    comment = post_json(as_user(bob), f"/api/v1/discussions/{discussion}/comments", {"body": "v1"})
    comment_id = comment.json()["id"]
    reply = post_json(
        as_user(ada),
        f"/api/v1/discussions/{discussion}/comments",
        {"body": "reply", "parent_id": comment_id},
    )
    assert reply.status_code == 201
    edited = as_user(bob).patch(
        f"/api/v1/comments/{comment_id}", {"body": "v2"}, content_type="application/json"
    )
    assert edited.json()["is_edited"] is True
    assert Comment.objects.get(pk=comment_id).edits.get().previous_body == "v1"
    assert as_user(bob).delete(f"/api/v1/comments/{comment_id}").json()["is_deleted"] is True
    tree_json = as_user(ada).get(f"/api/v1/discussions/{discussion}").json()
    deleted = tree_json["comments"][0]
    assert deleted["is_deleted"] and deleted["body"] == ""
    assert deleted["replies"][0]["body"] == "reply"


def test_a_locked_discussion_refuses_comments(tree, ada, bob):
    discussion = start(as_user(ada), tree.modules[0].id).json()["id"]
    Discussion.objects.filter(pk=discussion).update(is_locked=True)
    response = post_json(as_user(bob), f"/api/v1/discussions/{discussion}/comments", {"body": "x"})
    assert response.status_code == 403
    assert "locked" in response.json()["message"]


def test_posts_are_recorded_as_learning_events_without_their_text(tree, ada, bob):
    discussion = start(as_user(ada), tree.modules[0].id).json()
    post_json(as_user(bob), f"/api/v1/discussions/{discussion['id']}/comments", {"body": "Yes"})
    events = {event.verb: event for event in LearningEvent.objects.filter(object_type="course")}
    assert set(events) == {"commented", "replied"}
    assert events["commented"].actor == ada and events["replied"].actor == bob
    assert events["replied"].object_id == tree.courses[0].id
    assert events["replied"].context["discussion"] == discussion["id"]
    assert "Yes" not in str(events["replied"].context)
