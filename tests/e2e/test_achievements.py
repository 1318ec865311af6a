"""My learning's one streak (the goal streak, with its goal and freezes), points and
achievements, the goals page, and appearing on a program's weekly leaderboard, with a mouse
at 1366 px and a finger at 390 px, in English and in Arabic."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Locale

from certificates.evaluation import evaluate_learner
from certificates.models import Achievement, LeaderboardOptIn, LearnerGoals
from learning.journey.activity import record_activity
from learning.journey.enrollment import enroll
from learning.tests.journey_helpers import build_tree, make_learner, translate_tree

from .conftest import assert_accessible, login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
WORDS = {
    "en": {
        "name": "Three days running",
        "new": "New achievement: Three days running",
        "dismiss": "Dismiss",
        "settings": "Set your goal and vacation",
        "weekly": "Some days each week",
        "days": "Days a week",
        "save": "Save goals",
        "saved": "Your goals are saved.",
        "back": "Back to My learning",
        "weeks": "Weeks in a row",
        "daily_goal": "Goal: every day. Today is done.",
        "weekly_goal": "Goal: 2 days a week.",
        "old_streak": "Current streak",
        "not_on_board": "You do not appear on this leaderboard.",
        "appear": "Appear on this leaderboard",
        "appearing": "You appear on this leaderboard",
        "you_appear": "(you appear)",
    },
    "ar": {
        "name": "ثلاثة أيام متتالية",
        "new": "إنجاز جديد: ثلاثة أيام متتالية",
        "dismiss": "إخفاء",
        "settings": "اضبط هدفك وعطلتك",
        "weekly": "بضعة أيام كل أسبوع",
        "days": "أيام في الأسبوع",
        "save": "حفظ الأهداف",
        "saved": "تم حفظ أهدافك.",
        "back": "العودة إلى تعلّمي",
        "weeks": "أسابيع متتالية",
        "daily_goal": "الهدف: كل يوم. أنجزت اليوم.",
        "weekly_goal": "الهدف: 2 يومان في الأسبوع.",
        "old_streak": "السلسلة الحالية",
        "not_on_board": "أنت لا تظهر في لوحة الصدارة هذه.",
        "appear": "الظهور في لوحة الصدارة هذه",
        "appearing": "أنت تظهر في لوحة الصدارة هذه",
        "you_appear": "(أنت ظاهر فيها)",
    },
}


@pytest.fixture
def streaking(demo_site):
    """A learner active the last four days (three met days earn a freeze), with a streak
    achievement earned and its notice not yet seen."""
    tree = build_tree(courses=1, items_per_course=2, title="Silk Road")
    translate_tree(tree, "ar")
    learner = make_learner("streak@example.com", name="Streak Learner")
    enroll(learner=learner, program=tree.program)
    now = timezone.now()
    for days_ago in (3, 2, 1, 0):
        with transaction.atomic():  # record_activity runs inside its caller's transaction
            record_activity(learner=learner, seconds=300, at=now - dt.timedelta(days=days_ago))
    achievement = Achievement.objects.create(
        name=WORDS["en"]["name"],
        description="Learn on three days in a row.",
        icon="flame",
        points=20,
        kind="streak",
        criteria={"length": 3},
        locale=Locale.get_default(),
    )
    arabic = achievement.copy_for_translation(Locale.objects.get(language_code="ar"))
    arabic.name, arabic.description = WORDS["ar"]["name"], "تعلّم ثلاثة أيام متتالية."
    arabic.save()
    assert len(evaluate_learner(learner=learner)) == 1
    return learner


def press(target, *, touch: bool) -> None:
    if touch:
        target.tap()
    else:
        target.click()


def visit(page, live_server, *, language: str, touch: bool, name: str) -> None:
    words = WORDS[language]
    dashboard = f"{live_server.url}/{language}/my-learning/"
    page.goto(dashboard)
    # One streak: the goal streak with its goal and freezes, not the old count of days.
    expect(page.locator("[data-goal-streak]")).to_have_text("4")
    expect(page.locator("[data-goal]")).to_contain_text(words["daily_goal"])
    expect(page.locator("[data-freezes]")).to_have_text("1")
    expect(page.get_by_text(words["old_streak"])).to_have_count(0)
    expect(page.locator("[data-points]")).to_have_text("20")
    notice = page.locator("[data-achievement-notice]")
    expect(notice).to_contain_text(words["new"])
    expect(page.locator("[data-achievement=earned]")).to_contain_text(words["name"])
    assert_accessible(page)
    screenshot(page, f"achievements-{name}")

    press(notice.get_by_role("button", name=words["dismiss"]), touch=touch)
    expect(page).to_have_url(dashboard)
    expect(page.locator("[data-achievement-notice]")).to_have_count(0)

    press(page.get_by_role("link", name=words["settings"]), touch=touch)
    expect(page).to_have_url(f"{live_server.url}/{language}/my-learning/goals/")
    assert_accessible(page)
    press(page.get_by_label(words["weekly"]), touch=touch)
    page.get_by_label(words["days"]).select_option("2")
    press(page.get_by_role("button", name=words["save"]), touch=touch)
    expect(page.get_by_text(words["saved"])).to_be_visible()
    screenshot(page, f"achievements-goals-{name}")
    press(page.get_by_role("link", name=words["back"]), touch=touch)
    expect(page).to_have_url(dashboard)
    expect(page.locator(".achievements-streak")).to_contain_text(words["weeks"])
    expect(page.locator("[data-goal]")).to_contain_text(words["weekly_goal"])

    # Appearing on the program's weekly leaderboard, from that leaderboard's page.
    boards = page.locator(".achievements-boards")
    press(boards.get_by_role("link", name="Silk Road"), touch=touch)
    expect(page.locator("[data-leaderboard-appearance]")).to_contain_text(words["not_on_board"])
    press(page.get_by_role("button", name=words["appear"]), touch=touch)
    expect(page.locator("[data-leaderboard-appearance]")).to_contain_text(words["appearing"])
    assert_accessible(page)
    screenshot(page, f"achievements-leaderboard-{name}")
    press(page.get_by_role("link", name=words["back"]), touch=touch)
    expect(page.locator("[data-appearing]")).to_have_text(words["you_appear"])


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_streak_with_a_freeze_and_goals_with_a_mouse_at_1366(
    new_page, live_server, streaking, language
):
    page = new_page(viewport=LAPTOP)
    login(page, streaking, live_server_url=live_server.url)
    visit(page, live_server, language=language, touch=False, name=f"laptop-{language}")
    goals = LearnerGoals.objects.get(learner=streaking)
    assert (goals.goal_kind, goals.days_per_week) == ("weekly", 2)
    assert LeaderboardOptIn.objects.filter(learner=streaking).count() == 1


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_streak_with_a_freeze_and_goals_with_a_finger_at_390(
    new_page, live_server, streaking, language
):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    login(page, streaking, live_server_url=live_server.url)
    visit(page, live_server, language=language, touch=True, name=f"phone-{language}")
