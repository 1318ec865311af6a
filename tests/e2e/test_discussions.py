"""Two learners in a discussion, clicking as people do (issue 12): A starts a discussion,
B replies mentioning A (picked from the @ suggestions), A sees the bell light up without
reloading, opens the notification and lands on the reply. A moderator then hides the reply
from the thread. On a 1366 px desktop in English and on a 390 px phone in Arabic."""

import re

import pytest
from playwright.sync_api import expect

from community.tests.conftest import moderators_group
from learning.journey.enrollment import enroll
from learning.models import ContentItemPage, ModulePage
from learning.tests.journey_helpers import build_tree, make_learner

from .conftest import PHONE, assert_accessible, login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1366, "height": 900}
OPENING = "Where in your own home does empty space do some of the work? Mine is the hallway."
REPLY = "the empty alcove in my grandmother's room, which nobody is allowed to fill."


@pytest.fixture
def people(demo_site):
    tree = build_tree(courses=1, items_per_course=1, title="Japanese aesthetics")
    ModulePage.objects.filter(pk=tree.modules[0].pk).update(module_type="discussion")
    # A lesson module beside it, so a first post does not finish the course (which would
    # issue certificates and put their notices in the bell).
    lessons = tree.courses[0].add_child(instance=ModulePage(title="Lessons", estimated_minutes=5))
    lessons.add_child(instance=ContentItemPage(title="A lesson", duration_seconds=60))
    ada = make_learner("ada@example.com", name="Ada Lovelace")
    bob = make_learner("bob@example.com", name="Bob Marley")
    moderator = make_learner("mo@example.com", name="Mo Derator")
    moderator.groups.add(moderators_group(tree.program))
    for learner in (ada, bob):
        enroll(learner=learner, program=tree.program)
    return tree, ada, bob, moderator


def press(control, *, touch: bool) -> None:
    if touch:
        control.tap()
    else:
        control.click()


@pytest.mark.parametrize(
    ("language", "viewport"), [("en", DESKTOP), ("ar", PHONE)], ids=["en-1366", "ar-390"]
)
def test_a_reply_with_a_mention_reaches_the_author_without_a_reload(
    new_page, live_server, people, language, viewport, settings
):
    tree, ada, bob, moderator = people
    settings.NOTIFICATION_POLL_SECONDS = 2  # the bell asks every 2 s instead of every 10 s
    touch = viewport is PHONE
    options = {"viewport": viewport}
    if touch:
        options.update(is_mobile=True, has_touch=True)
    page_a = new_page(**options)
    page_b = new_page(**options)
    login(page_a, ada, live_server_url=live_server.url)
    login(page_b, bob, live_server_url=live_server.url)
    base = f"{live_server.url}/{language}"

    # A starts a discussion from the module's discussions page.
    page_a.goto(f"{base}/modules/{tree.modules[0].id}/discussions/")
    assert page_a.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert_accessible(page_a)
    page_a.locator("#start-title").fill("Ma at home")
    page_a.locator("#start-body").fill(OPENING)
    press(page_a.locator(".community-start form button[type=submit]"), touch=touch)
    page_a.wait_for_url(re.compile(r".*/discussions/[0-9a-f-]{36}/$"))
    thread_url = page_a.url
    expect(page_a.locator("h1")).to_have_text("Ma at home")
    # Whatever was unread before, the reply must add exactly one notice.
    bell = page_a.locator(".bell__count")
    unread = int(bell.inner_text()) if bell.count() else 0

    # B opens it, types "@Ad", picks Ada from the suggestions, and replies: on the phone by
    # tapping her name, at the desktop with the keyboard (ArrowDown highlights her, Enter
    # picks her), as the combobox pattern has it.
    page_b.goto(thread_url)
    reply_box = page_b.locator("#reply-root")
    press(reply_box, touch=touch)
    reply_box.press_sequentially("Mine too, @Ad")
    suggestion = page_b.locator("#reply-root-mentions [role=option]", has_text="Ada Lovelace")
    expect(suggestion).to_be_visible()
    if touch:
        press(suggestion, touch=touch)
    else:
        reply_box.press("ArrowDown")
        expect(suggestion).to_have_attribute("aria-selected", "true")
        assert reply_box.get_attribute("aria-activedescendant") == suggestion.get_attribute("id")
        assert_accessible(page_b)  # with the suggestions open
        reply_box.press("Enter")
    expect(suggestion).to_be_hidden()
    reply_box.press_sequentially(REPLY)
    assert reply_box.input_value().startswith("Mine too, @AdaLovelace ")
    press(
        page_b.locator("#reply-root").locator(
            "xpath=ancestor::form//button[@type='submit'][last()]"
        ),
        touch=touch,
    )
    new_comment = page_b.locator("#replies-root .comment", has_text=REPLY)
    expect(new_comment).to_be_visible()
    expect(reply_box).to_have_value("")
    expect(page_b.locator("#replies-heading")).to_contain_text("1")
    assert page_b.url == thread_url  # no reload, no navigation
    assert_accessible(page_b)
    screenshot(page_b, f"discussion-thread-{language}")

    # A, who has not reloaded, sees the bell count arrive, opens it and lands on the reply.
    expect(page_a.locator(".bell__count")).to_have_text(str(unread + 1), timeout=15_000)
    press(page_a.locator("a.bell"), touch=touch)
    page_a.wait_for_url(re.compile(rf".*/{language}/notifications/$"))
    assert_accessible(page_a)
    screenshot(page_a, f"notifications-{language}")
    press(page_a.locator(".notification a").first, touch=touch)
    page_a.wait_for_url(re.compile(r".*#comment-[0-9a-f-]{36}$"))
    anchor = page_a.url.rsplit("#", 1)[1]
    reply = page_a.locator(f"#{anchor}")
    expect(reply).to_contain_text(REPLY)
    expect(reply).to_be_in_viewport()
    if touch:
        box = reply.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1

    # A moderator hides the reply from the thread; learners then see only that it was hidden.
    page_m = new_page(**options)
    login(page_m, moderator, live_server_url=live_server.url)
    page_m.goto(thread_url)
    hide = page_m.locator(f"#{anchor} .comment__actions form[action$='/moderate/hide/'] button")
    press(hide, touch=touch)
    expect(page_m.locator(f"#{anchor} .post-placeholder")).to_be_visible()
    page_b.reload()
    expect(page_b.locator(f"#{anchor}")).not_to_contain_text(REPLY)
    expect(page_b.locator(f"#{anchor} .post-placeholder")).to_be_visible()


def test_a_reported_reply_is_hidden_from_the_admin_report_queue(new_page, live_server, people):
    tree, ada, bob, _moderator = people
    from django.contrib.auth.models import Permission

    from community import discussions
    from community.access import resolve_place
    from learning.tests.factories import staff_user

    discussion = discussions.create_discussion(
        author=ada,
        place=resolve_place(module_id=tree.modules[0].id),
        title="Ma at home",
        body=OPENING,
        language="en",
    )
    reply = discussions.post_comment(
        author=bob, discussion=discussion, body="Cheap watches at example.com", language="en"
    )
    staff = staff_user("staffmod@example.com")
    staff.groups.add(moderators_group(tree.program, name="Staff moderators"))
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))

    page_a = new_page(viewport=DESKTOP)
    login(page_a, ada, live_server_url=live_server.url)
    page_a.goto(f"{live_server.url}/en/discussions/{discussion.pk}/")
    comment = page_a.locator(f"#comment-{reply.pk}")
    comment.locator("summary", has_text="Report").click()
    comment.get_by_label("Why?").select_option("spam")
    comment.get_by_role("button", name="Send report").click()
    expect(comment).to_contain_text("A moderator will look at it.")

    page_m = new_page(viewport=DESKTOP)
    login(page_m, staff, live_server_url=live_server.url)
    page_m.goto(f"{live_server.url}/admin/")
    page_m.get_by_role("link", name="Discussion reports").click()
    report = page_m.locator(".w-panel", has_text="Cheap watches")
    expect(report).to_contain_text("Spam or advertising")
    screenshot(page_m, "admin-report-queue")
    report.get_by_role("button", name="Hide the post and resolve").click()
    expect(page_m.get_by_text("The post is hidden and the report resolved.")).to_be_visible()

    page_a.reload()
    expect(page_a.locator(f"#comment-{reply.pk}")).not_to_contain_text("Cheap watches")
    expect(page_a.locator(f"#comment-{reply.pk} .post-placeholder")).to_be_visible()
