"""Watched time reaches the server: the page pings once a minute, and the last seconds
arrive when the tab is closed."""

import time

import pytest
from django.core.files.base import ContentFile

from learning.journey.enrollment import enroll
from learning.models import ContentItemPage, Enrollment, Progress
from learning.tests.journey_helpers import build_tree, make_learner

from .conftest import login
from .long_video import long_webm

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WATCH_SECONDS = 70


@pytest.fixture
def long_video_item(demo_site):
    from wagtailmedia.models import Media

    data, _ = long_webm(loops=13)  # 78 s
    media = Media(title="Dawn, again and again", type="video", width=320, height=180)
    media.file.save("dawn-long.webm", ContentFile(data), save=False)
    media.save()
    tree = build_tree(courses=1, items_per_course=1, title="Long Watch")
    page = ContentItemPage.objects.get(pk=tree.items[0][0].pk)
    page.item_type = "video"
    page.body = [
        {
            "type": "video",
            "value": {
                "title": "Dawn",
                "media": media.pk,
                "poster": None,
                "captions": [],
                "transcript": "<p>The sun rises over the hills, again and again.</p>",
            },
        }
    ]
    page.save_revision().publish()
    return tree, page


def test_seventy_seconds_of_video_are_all_credited_when_the_tab_closes(
    new_page, live_server, long_video_item
):
    tree, item = long_video_item
    assert ContentItemPage.objects.get(pk=item.pk).duration_seconds == 78  # from the file
    learner = make_learner("watcher@example.com")
    enroll(learner=learner, program=tree.program)
    page = new_page()
    login(page, learner, live_server_url=live_server.url)

    page.goto(f"{live_server.url}{item.url}")
    opened = time.monotonic()
    video = page.locator("video")
    video.evaluate("v => { v.muted = true; }")
    video.click()  # the native controls play on a click
    page.wait_for_function("() => document.querySelector('video').currentTime > 0.5")
    page.wait_for_function(
        f"() => document.querySelector('video').currentTime >= {WATCH_SECONDS}",
        timeout=(WATCH_SECONDS + 30) * 1000,
        polling=200,
    )
    watched = page.locator("video").evaluate("v => v.currentTime")
    # The minute's ping has been sent while the video played.
    assert 55 <= Progress.objects.get(learner=learner).time_spent_seconds <= 65
    page.close(run_before_unload=True)
    closed = time.monotonic()

    deadline = time.monotonic() + 10
    credited = 0
    while time.monotonic() < deadline:
        credited = Progress.objects.get(learner=learner).time_spent_seconds
        if credited >= watched - 2:
            break
        time.sleep(0.25)
    assert watched - 2 <= credited <= (closed - opened) + 1
    assert Enrollment.objects.get(learner=learner).time_spent_seconds == credited
    progress = Progress.objects.get(learner=learner)
    assert progress.progress_data["duration"] == 78.0
    assert progress.progress_data["position"] >= WATCH_SECONDS - 1
