import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.journey.access import resolve_item
from learning.journey.enrollment import enroll
from learning.journey.heartbeats import heartbeat
from learning.journey.progress import complete_item, start_item

from .journey_helpers import build_tree, make_learner, rewind_credit, translate_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return make_learner()


def queries_for(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response
    return len(captured), response


def test_dashboard_shows_progress_next_item_and_activity(client, learner):
    tree = build_tree()
    enroll(learner=learner, program=tree.program)
    item = resolve_item(page_id=tree.items[0][0].id)
    start_item(learner=learner, item=item)
    complete_item(learner=learner, item=item)
    client.force_login(learner)
    html = client.get("/en/my-learning/").content.decode()
    assert tree.program.title in html
    assert tree.items[0][1].title in html  # the next item
    assert 'value="25"' in html  # 1 of 4 items
    # One streak: the goal streak (daily by default), with its goal and freezes; the old
    # count of consecutive days is no longer shown beside it.
    assert re.search(r"data-goal-streak>.*?1</dd>", html, re.S)
    assert "Goal: every day. Today is done." in html
    assert "data-freezes>" in html
    assert "Current streak" not in html
    assert html.count("Longest streak") == 1


def clear_caches() -> None:
    """Every alias, the per-worker fragments (kept links, outlines) too."""
    for alias_cache in caches.all():
        alias_cache.clear()


def test_dashboard_queries_do_not_grow_with_enrollments(
    client, learner, django_assert_max_num_queries
):
    client.force_login(learner)
    trees = [build_tree(title=f"Program {n}") for n in range(6)]
    enroll(learner=learner, program=trees[0].program)
    client.get("/en/my-learning/")  # warm the site root paths cache
    clear_caches()  # compare renders, not a cached body with a render
    one, _ = queries_for(client, "/en/my-learning/")
    for tree in trees[1:]:
        enroll(learner=learner, program=tree.program)
        complete_item(learner=learner, item=resolve_item(page_id=tree.items[0][0].id))
    clear_caches()
    many, _ = queries_for(client, "/en/my-learning/")
    assert many == one
    # Warm: the session, the user, admin access, the content version and the two fingerprints
    # (the journey body's and the achievements panel's), both served from the cache.
    with django_assert_max_num_queries(6):
        client.get("/en/my-learning/")
    with django_assert_max_num_queries(12):
        client.get("/api/v1/dashboard")


@pytest.mark.parametrize("which", ["program", "course", "module", "item"])
def test_page_queries_do_not_grow_with_items(client, learner, which):
    small = build_tree(courses=1, items_per_course=2, title="Small")
    large = build_tree(courses=4, items_per_course=6, title="Large")
    client.force_login(learner)
    counts = []
    for tree in (small, large):
        enroll(learner=learner, program=tree.program)
        complete_item(learner=learner, item=resolve_item(page_id=tree.all_items[0].id))
        page = {
            "program": tree.program,
            "course": tree.courses[0],
            "module": tree.modules[0],
            "item": tree.items[0][0],
        }[which]
        client.get(page.url)  # warm per-process caches (site root paths, content version)
        counts.append(queries_for(client, page.url)[0])
    assert counts[0] == counts[1], counts


def test_pages_show_the_learners_marks_and_continue(client, learner):
    tree = build_tree()
    enroll(learner=learner, program=tree.program)
    complete_item(learner=learner, item=resolve_item(page_id=tree.items[0][0].id))
    client.force_login(learner)
    html = client.get(tree.program.url).content.decode()
    assert "Continue" in html and tree.items[0][1].url in html
    html = client.get(tree.courses[0].url).content.decode()
    assert 'data-line-state="started"' in html
    html = client.get(tree.modules[0].url).content.decode()
    assert 'data-line-state="done"' in html and 'data-line-state="todo"' in html
    html = client.get(tree.items[0][1].url).content.decode()
    assert f'data-item-id="{tree.items[0][1].id}"' in html and 'data-tracking="on"' in html


def test_translated_pages_show_the_same_progress(client, learner):
    tree = build_tree()
    mapping = translate_tree(tree)
    enroll(learner=learner, program=tree.program)
    complete_item(learner=learner, item=resolve_item(page_id=tree.items[0][0].id))
    client.force_login(learner)
    from wagtail.models import Page

    french_module = Page.objects.get(id=mapping[tree.modules[0].id])
    html = client.get(french_module.url).content.decode()
    assert 'data-line-state="done"' in html
    french_item = Page.objects.get(id=mapping[tree.items[0][1].id])
    html = client.get(french_item.url).content.decode()
    assert f'data-item-id="{tree.items[0][1].id}"' in html
    html = client.get("/fr/my-learning/").content.decode()
    assert 'value="25"' in html


def test_time_chart_reflects_heartbeats(client, learner):
    tree = build_tree()
    enroll(learner=learner, program=tree.program)
    item = resolve_item(page_id=tree.items[0][0].id)
    start_item(learner=learner, item=item)
    rewind_credit(learner, 300)
    heartbeat(learner=learner, item=item, seconds=300)
    client.force_login(learner)
    body = client.get("/api/v1/dashboard").json()
    assert body["chart"][-1]["minutes"] == 5
    assert body["week_minutes"] == 5
