"""My learning with a mouse and with a finger: every control on a program card answers to a
click at 1366x768 and a tap on a 390 px phone, in English and in Arabic.

The card's title is a link; a stretched link once covered Pause, Leave program, Target date
and Save, Next and "Left to graduate", so a click on Pause opened the program page.
Playwright's click() and tap() hit-test the point they press, which catches that.
"""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from learning.journey.enrollment import enroll
from learning.tests.journey_helpers import build_tree, make_learner, translate_tree

from .conftest import assert_accessible, login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

WORDS = {
    "en": {
        "pause": "Pause",
        "resume": "Resume",
        "leave": "Leave program",
        "target": "Target date",
        "save": "Save",
        "left": "Left to graduate",
        "paused": "Paused. Your progress is kept; resume whenever you like.",
        "resumed": "Welcome back. Your enrollment is active again.",
        "dropped": "You left the program. Your progress is kept if you enroll again.",
        "saved": "Target date saved.",
        "enroll_again": "Enroll again",
        "on_track": "On track",
        "continue": "Continue",
    },
    "ar": {
        "pause": "إيقاف مؤقت",
        "resume": "استئناف",
        "leave": "مغادرة البرنامج",
        "target": "التاريخ المستهدف",
        "save": "حفظ",
        "left": "المتبقي للتخرّج",
        "paused": "تم الإيقاف المؤقت. تقدمك محفوظ؛ استأنف متى شئت.",
        "resumed": "مرحبًا بعودتك. تسجيلك نشط من جديد.",
        "dropped": "لقد غادرت البرنامج. سيبقى تقدمك محفوظًا إذا سجّلت من جديد.",
        "saved": "تم حفظ التاريخ المستهدف.",
        "enroll_again": "التسجيل من جديد",
        "on_track": "على المسار الصحيح",
        "continue": "متابعة",
    },
}


@pytest.fixture
def enrolled(demo_site):
    """A learner enrolled in a two-course program that exists in English and Arabic."""
    tree = build_tree(courses=2, items_per_course=2, title="Silk Road")
    translate_tree(tree, "ar")
    learner = make_learner("card@example.com", name="Card Learner")
    enroll(learner=learner, program=tree.program)
    return tree, learner


def press(target, *, touch: bool) -> None:
    """What a person does: a mouse click on the laptop, a finger tap on the phone."""
    if touch:
        target.tap()
    else:
        target.click()


def journey(page, live_server, *, language: str, touch: bool, name: str) -> None:
    words = WORDS[language]
    dashboard = f"{live_server.url}/{language}/my-learning/"
    page.goto(dashboard)
    card = page.locator("[data-enrollment]")
    expect(card).to_have_attribute("data-status", "active")
    assert_accessible(page)
    screenshot(page, f"my-learning-{name}")

    press(card.get_by_role("button", name=words["pause"], exact=True), touch=touch)
    expect(page).to_have_url(dashboard)
    expect(page.get_by_text(words["paused"])).to_be_visible()
    expect(card).to_have_attribute("data-status", "paused")

    press(card.get_by_role("button", name=words["resume"], exact=True), touch=touch)
    expect(page).to_have_url(dashboard)
    expect(page.get_by_text(words["resumed"])).to_be_visible()
    expect(card).to_have_attribute("data-status", "active")

    target = dt.date.today() + dt.timedelta(days=60)
    date_field = card.get_by_label(words["target"])
    press(date_field, touch=touch)
    expect(date_field).to_be_focused()
    date_field.fill(target.isoformat())
    press(card.get_by_role("button", name=words["save"], exact=True), touch=touch)
    expect(page).to_have_url(dashboard)
    expect(page.get_by_text(words["saved"])).to_be_visible()
    expect(card.get_by_label(words["target"])).to_have_value(target.isoformat())
    expect(card.locator(".journey-pace")).to_contain_text(words["on_track"])

    summary = card.get_by_text(words["left"], exact=True)
    press(summary, touch=touch)
    expect(page).to_have_url(dashboard)
    expect(card.locator("details.journey-left")).to_have_attribute("open", "")
    expect(card.locator("details.journey-left li").first).to_be_visible()

    next_link = card.locator("[data-next-item]")
    next_href = next_link.get_attribute("href")
    press(next_link, touch=touch)
    expect(page).to_have_url(re.compile(re.escape(next_href) + "$"))
    page.goto(dashboard)

    press(
        page.locator(".journey-continue").get_by_role("link", name=words["continue"]), touch=touch
    )
    expect(page).to_have_url(re.compile(re.escape(next_href) + "$"))
    page.goto(dashboard)

    title_link = card.get_by_role("link", name=re.compile("Silk Road"))
    program_href = title_link.first.get_attribute("href")
    press(title_link.first, touch=touch)
    expect(page).to_have_url(re.compile(re.escape(program_href) + "$"))
    page.goto(dashboard)

    press(card.get_by_role("button", name=words["leave"], exact=True), touch=touch)
    expect(page).to_have_url(dashboard)
    expect(page.get_by_text(words["dropped"])).to_be_visible()
    expect(page.locator("[data-enrollment]")).to_have_count(0)
    left = page.locator(".journey-dropped li")
    expect(left).to_have_count(1)

    press(left.get_by_role("button", name=words["enroll_again"]), touch=touch)
    expect(page).to_have_url(dashboard)
    expect(page.get_by_text(words["resumed"])).to_be_visible()
    expect(page.locator("[data-enrollment]")).to_have_attribute("data-status", "active")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_card_control_answers_a_mouse_click_at_1366(
    new_page, live_server, enrolled, language
):
    _, learner = enrolled
    page = new_page(viewport=LAPTOP)
    login(page, learner, live_server_url=live_server.url)
    journey(page, live_server, language=language, touch=False, name=f"laptop-{language}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_card_control_answers_a_tap_on_a_phone(new_page, live_server, enrolled, language):
    _, learner = enrolled
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    login(page, learner, live_server_url=live_server.url)
    journey(page, live_server, language=language, touch=True, name=f"phone-{language}")


def test_the_demo_learners_dashboard_shows_their_history_and_resumes_the_video(
    new_page, live_server, demo_catalog
):
    from culturedegree.demo import DEMO_LEARNER_EMAIL, ensure_demo_accounts
    from culturedegree.demo.learner import ensure_learner_history
    from culturedegree.models import User

    ensure_demo_accounts()
    learner = User.objects.get(email=DEMO_LEARNER_EMAIL)
    assert ensure_learner_history(learner=learner)
    for language, viewport, touch in (("en", LAPTOP, False), ("ar", PHONE, True)):
        page = new_page(viewport=viewport, is_mobile=touch, has_touch=touch)
        login(page, learner, live_server_url=live_server.url)
        page.goto(f"{live_server.url}/{language}/my-learning/")
        expect(page.locator("[data-enrollment]")).to_have_count(2)
        expect(
            page.locator(".journey-chart__bar--week[height]:not([height='0'])")
        ).not_to_have_count(0)
        expect(page.locator(".journey-chart__axis-title--y")).to_be_visible()
        expect(page.locator(".journey-chart__axis-title--x")).to_be_visible()
        expect(page.locator("[data-forecast]")).to_have_count(2)
        assert_accessible(page)
        screenshot(page, f"my-learning-demo-learner-{language}")
        continue_link = page.locator(".journey-continue").get_by_role(
            "link", name=WORDS[language]["continue"]
        )
        press(continue_link, touch=touch)
        expect(page.locator("video")).to_be_visible()
        expect(page.locator("[data-progress]")).to_have_attribute("data-position", "3.5")
