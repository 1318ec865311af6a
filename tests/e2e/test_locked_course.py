"""A learner who opens a locked course's item by its URL sees the lock and why, not the body
(issue 8 item 3), in English on a desktop and in Arabic on a phone."""

import pytest

from learning.journey.enrollment import enroll
from learning.tests.journey_helpers import build_tree, make_learner

from .conftest import PHONE, assert_accessible, login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
BODY_TEXT = "Read this."  # journey_helpers.paragraph()


@pytest.fixture
def locked(demo_site):
    tree = build_tree(courses=2, items_per_course=2, title="Silk Road")
    first, second = tree.courses
    second.prerequisites.set([first])
    second.save_revision().publish()
    learner = make_learner("locked@example.com", name="Locked Learner")
    enroll(learner=learner, program=tree.program)
    return tree, learner


def test_a_locked_item_opened_by_url_shows_the_lock_not_the_body(page, live_server, locked):
    tree, learner = locked
    login(page, learner, live_server_url=live_server.url)

    response = page.goto(f"{live_server.url}{tree.items[1][0].url}")
    assert response.status == 403
    notice = page.locator("[data-course-lock]")
    assert notice.is_visible()
    assert "This course is locked" in notice.inner_text()
    assert BODY_TEXT not in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Mark as complete").count() == 0
    assert_accessible(page)
    screenshot(page, "locked-item-en")

    notice.get_by_role("link", name=tree.courses[0].title).click()
    page.wait_for_url(f"**{tree.courses[0].url}")
    assert page.locator("[data-course-lock]").count() == 0


def test_the_lock_reads_right_to_left_in_arabic_on_a_phone(new_page, live_server, locked):
    tree, learner = locked
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    login(phone, learner, live_server_url=live_server.url)

    arabic_url = tree.items[1][0].url.replace("/en/", "/ar/", 1)
    phone.goto(f"{live_server.url}{arabic_url}")
    notice = phone.locator("[data-course-lock]")
    assert notice.is_visible()
    assert notice.get_attribute("dir") == "rtl"
    assert "هذه الدورة مقفلة" in notice.inner_text()
    assert BODY_TEXT not in phone.locator("main").inner_text()
    box = notice.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert_accessible(phone)
    screenshot(phone, "locked-item-ar-phone")

    notice.get_by_role("link", name=tree.courses[0].title).tap()
    phone.wait_for_url("**/ar/programs/**")
