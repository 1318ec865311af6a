"""Taking a timed quiz as a person does: click (laptop) or tap (phone) the answers, reload
half-way and find them kept, submit and read the results; let time run out with the page
open and see the attempt graded; the quiz in Arabic, right to left."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from learning.journey.enrollment import enroll
from learning.models import AssessmentAttempt
from learning.tests.assessment_helpers import build_assessment
from learning.tests.journey_helpers import build_tree, make_learner, translate_tree

from .conftest import assert_accessible, login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def quiz_world(demo_site):
    tree = build_tree(courses=1, items_per_course=1, title="Heian")
    learner = make_learner("quiz@example.com", name="Quiz Learner")
    enroll(learner=learner, program=tree.program)
    quiz = build_assessment(tree.modules[0], time_limit_minutes=20, max_attempts=2)
    return tree, learner, quiz


def press(target, *, touch: bool) -> None:
    if touch:
        target.tap()
    else:
        target.click()


def question(page, prompt: str):
    return page.locator("fieldset.question", has_text=prompt)


def open_quiz(new_page, live_server, learner, quiz):
    """The quiz's page at 1366 px, signed in as the learner."""
    page = new_page(viewport=LAPTOP)
    login(page, learner, live_server_url=live_server.url)
    page.goto(f"{live_server.url}/en/assessments/{quiz.pk}/")
    return page


def start(page) -> None:
    page.get_by_role("button", name="Start").click()
    expect(page).to_have_url(re.compile(r"/en/attempts/[0-9a-f-]+/$"))


def sends_typed(text: str):
    """Matches the answer of an autosave whose form carried `text`."""

    def matches(response) -> bool:
        request = response.request
        return (
            request.method == "POST"
            and request.url.endswith("/save/")
            and text in (request.post_data or "")
        )

    return matches


def wait_saved(page):
    # The save is sent on change; on a loaded 2-core machine its answer can take seconds.
    expect(page.locator("[data-quiz-status]")).to_have_text("Answers saved", timeout=15_000)


@pytest.mark.parametrize(
    ("viewport", "touch", "name"), [(LAPTOP, False, "laptop"), (PHONE, True, "phone")]
)
def test_take_a_timed_quiz_reload_midway_and_read_the_results(
    new_page, live_server, quiz_world, viewport, touch, name
):
    tree, learner, _quiz = quiz_world
    options = {"viewport": viewport}
    if touch:
        options.update(is_mobile=True, has_touch=True)
    page = new_page(**options)
    login(page, learner, live_server_url=live_server.url)
    page.goto(f"{live_server.url}{tree.modules[0].url}")
    press(page.get_by_role("link", name="Heian quiz"), touch=touch)
    expect(page.get_by_role("heading", name="Heian quiz")).to_be_visible()
    assert_accessible(page)
    press(page.get_by_role("button", name="Start"), touch=touch)
    expect(page).to_have_url(re.compile(r"/en/attempts/[0-9a-f-]+/$"))
    expect(page.locator("[data-quiz-timer-clock]")).to_have_text(re.compile(r"^(19|20):\d\d$"))
    assert_accessible(page)
    screenshot(page, f"quiz-{name}")

    press(question(page, "capital for a thousand").get_by_text("Kyoto", exact=True), touch=touch)
    wait_saved(page)
    press(question(page, "tea ceremony").get_by_text("Chasen"), touch=touch)
    press(question(page, "tea ceremony").get_by_text("Chawan"), touch=touch)
    short = question(page, "Name the old capital").get_by_label("Your answer")
    press(short, touch=touch)
    # Typing fires no change event: the periodic autosave (every 5 s) sends what was typed.
    with page.expect_response(sends_typed("KYOTO"), timeout=15_000):
        short.fill("KYOTO")
    wait_saved(page)

    page.reload()
    expect(question(page, "capital for a thousand").get_by_label("Kyoto")).to_be_checked()
    expect(question(page, "tea ceremony").get_by_label("Chasen")).to_be_checked()
    expect(question(page, "Name the old capital").get_by_label("Your answer")).to_have_value(
        "KYOTO"
    )

    press(question(page, "imperfection").get_by_text("True", exact=True), touch=touch)
    number = question(page, "Heian period began").get_by_label("Your answer (a number)")
    press(number, touch=touch)
    number.fill("794")
    ordering = question(page, "Order the periods")
    for place, era in enumerate(["Nara", "Heian", "Kamakura"], start=1):
        ordering.get_by_label(era).select_option(str(place))
    matching = question(page, "Match each art")
    for art, material in (("Ikebana", "Flowers"), ("Shodō", "Ink"), ("Raku", "Clay")):
        matching.get_by_label(art).select_option(label=material)
    press(page.get_by_role("button", name="Submit answers"), touch=touch)

    expect(page.get_by_text("Score: 100%")).to_be_visible()
    expect(page.get_by_text("Passed").first).to_be_visible()
    assert_accessible(page)
    screenshot(page, f"quiz-results-{name}")
    attempt = AssessmentAttempt.objects.get()
    assert attempt.status == "graded" and attempt.score == 100


def test_time_running_out_with_the_page_open_grades_the_attempt(new_page, live_server, quiz_world):
    _tree, learner, quiz = quiz_world
    page = open_quiz(new_page, live_server, learner, quiz)
    start(page)
    question(page, "capital for a thousand").get_by_text("Kyoto", exact=True).click()
    wait_saved(page)
    # The server's deadline moves to a few seconds from now; the page learns it on reload.
    AssessmentAttempt.objects.update(deadline=timezone.now() + dt.timedelta(seconds=4))
    page.reload()
    # At zero the page submits by itself, and the results follow.
    expect(page.get_by_role("heading", name="Attempt 1: results")).to_be_visible(timeout=20_000)
    expect(page.get_by_text(re.compile(r"^Score: \d+%$"))).to_be_visible()
    attempt = AssessmentAttempt.objects.get()
    assert attempt.status == "graded"
    # The choice made before the reload; an ordering question always holds its shown order.
    assert attempt.results[attempt.question_ids[0]]["correct"] is True


def test_a_choice_made_before_the_page_script_runs_is_saved(new_page, live_server, quiz_world):
    """A quick learner answers as the page appears, before quiz.js (deferred) has run: the
    choice is saved once it does, with no further change."""
    _tree, learner, quiz = quiz_world
    page = open_quiz(new_page, live_server, learner, quiz)
    held = []
    page.route("**/js/quiz.js", lambda route: held.append(route))  # the script waits for us
    start(page)
    question(page, "capital for a thousand").get_by_text("Kyoto", exact=True).click()
    assert held, "quiz.js ran before the choice: the test proves nothing"
    for route in held:
        route.continue_()
    wait_saved(page)
    assert AssessmentAttempt.objects.get().answers, "the choice did not reach the server"


def test_a_choice_made_while_a_save_is_on_its_way_is_saved_too(new_page, live_server, quiz_world):
    """The learner answers a second question while the first answer's save is still on its
    way: the page does not say "saved" until the second answer is, and both reach the
    server."""
    _tree, learner, quiz = quiz_world
    page = open_quiz(new_page, live_server, learner, quiz)
    start(page)
    held = []

    def hold_the_first(route):  # the first save waits for us; later ones go straight on
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/save/", hold_the_first)
    question(page, "capital for a thousand").get_by_text("Kyoto", exact=True).click()
    for _ in range(200):  # the change handler sends the save at once
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "no save was sent for the first answer"
    question(page, "imperfection").get_by_text("True", exact=True).click()
    expect(page.locator("[data-quiz-status]")).not_to_have_text("Answers saved")
    held[0].continue_()
    wait_saved(page)
    first, second = (
        question(page, prompt).get_attribute("data-question")
        for prompt in ("capital for a thousand", "imperfection")
    )
    answers = AssessmentAttempt.objects.get().answers
    assert first in answers and second in answers, f"only {answers} reached the server"


def test_the_quiz_in_arabic_reads_right_to_left(new_page, live_server, quiz_world):
    tree, learner, quiz = quiz_world
    translate_tree(tree, "ar")
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    login(page, learner, live_server_url=live_server.url)
    page.goto(f"{live_server.url}/ar/assessments/{quiz.pk}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.get_by_role("button", name="ابدأ").tap()
    expect(page).to_have_url(re.compile(r"/ar/attempts/[0-9a-f-]+/$"))
    expect(page.get_by_text("الوقت المتبقي")).to_be_visible()
    expect(page.get_by_role("button", name="سلّم الإجابات")).to_be_visible()
    question(page, "capital for a thousand").get_by_text("Kyoto", exact=True).tap()
    expect(page.locator("[data-quiz-status]")).to_have_text("تم حفظ الإجابات")
    assert_accessible(page)
    screenshot(page, "quiz-phone-ar")
    page.get_by_role("button", name="سلّم الإجابات").tap()
    expect(page.get_by_text("الدرجة:", exact=False)).to_be_visible()
    assert_accessible(page)
