"""The learner's journey in a real browser: enroll, watch, complete, see it on My learning,
switch language and find the same progress."""

import pytest

from learning.tests.journey_helpers import build_tree, make_learner, translate_tree

from .conftest import assert_accessible, login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def video_body():
    from culturedegree.demo.assets import DemoAssets, demo_collection

    assets = DemoAssets(collection=demo_collection())
    media = assets.video()
    return [
        {
            "type": "video",
            "value": {
                "title": "Dawn",
                "media": media.pk,
                "poster": None,
                "captions": assets.caption_tracks(),
                "transcript": "<p>The sun rises over the hills.</p>",
            },
        }
    ]


@pytest.fixture
def journey(demo_site):
    tree = build_tree(courses=2, items_per_course=2, title="Silk Road")
    video = tree.items[0][0]
    video.item_type = "video"
    video.duration_seconds = None
    video.body = video_body()
    video.save_revision().publish()
    mapping = translate_tree(tree, "fr")
    return tree, mapping


def test_enroll_watch_complete_and_see_progress_in_both_languages(page, live_server, journey):
    from wagtail.models import Page

    tree, mapping = journey
    learner = make_learner("journey@example.com", name="Journey Learner")
    login(page, learner, live_server_url=live_server.url)

    page.goto(f"{live_server.url}{tree.program.url}")
    page.get_by_role("button", name="Enroll").click()
    screenshot(page, "journey-program-enrolled-en")
    page.get_by_role("link", name="Continue").first.click()
    assert page.url.endswith(tree.items[0][0].url)

    page.locator("video").evaluate(
        "v => new Promise(resolve => { v.muted = true; v.playbackRate = 4;"
        " v.addEventListener('ended', resolve, {once: true}); v.play(); })"
    )
    page.wait_for_selector(
        '[data-progress][data-completed="true"]', state="attached", timeout=30_000
    )
    # The page shows the completion at once, with its undo, without a reload.
    page.get_by_role("button", name="Mark as not complete").wait_for()
    assert page.get_by_role("button", name="Mark as complete", exact=True).count() == 0

    page.goto(f"{live_server.url}{tree.items[0][1].url}")
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_selector('[data-progress][data-completed="true"]', state="attached")

    page.goto(f"{live_server.url}/en/my-learning/")
    card = page.locator("[data-enrollment]")
    assert "2 of 4 items completed" in card.inner_text()
    assert card.locator("progress").get_attribute("value") == "50"
    assert tree.items[1][0].title in card.inner_text()  # next item: first of course 2
    assert_accessible(page)
    screenshot(page, "journey-my-learning-en")

    page.goto(f"{live_server.url}/fr/my-learning/")
    assert page.locator("[data-enrollment] progress").get_attribute("value") == "50"
    french_item = Page.objects.get(id=mapping[tree.items[0][1].id])
    page.goto(f"{live_server.url}{french_item.url}")
    assert page.locator("[data-progress]").get_attribute("data-completed") == "true"
