"""The learner pages in a real browser: phone and desktop, English and Arabic, axe-clean."""

import pytest

from .conftest import PHONE, assert_accessible, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def learner_urls(demo_catalog):
    """Paths (without the language prefix) of one page of each kind in the demo catalog."""
    from wagtail.models import Locale

    from learning.models import ContentItemPage, CoursePage, ModulePage, ProgramPage

    english = Locale.get_default()
    program = ProgramPage.objects.live().filter(locale=english).order_by("path").first()
    course = CoursePage.objects.live().child_of(program).order_by("path").first()
    module = ModulePage.objects.live().child_of(course).order_by("path").first()
    item = ContentItemPage.objects.live().child_of(module).order_by("path").first()
    # Free previews open to visitors, so the item page shows without an enrollment.
    ContentItemPage.objects.filter(pk=item.pk).update(is_free_preview=True)
    return {
        "catalog": program.get_parent().url.removeprefix("/en"),
        "program": program.url.removeprefix("/en"),
        "course": course.url.removeprefix("/en"),
        "module": module.url.removeprefix("/en"),
        "item": item.url.removeprefix("/en"),
    }


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_learner_pages_render_cleanly(new_page, learner_urls, live_server, lang, width):
    page = new_page(viewport=PHONE) if width == "phone" else new_page()
    for name, path in learner_urls.items():
        response = page.goto(f"{live_server.url}/{lang}{path}")
        assert response.status == 200, f"{name} answered {response.status}"
        assert page.locator("h1").first.is_visible()
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px"
        screenshot(page, f"learner-{name}-{width}-{lang}")
        assert_accessible(page)


def test_arabic_reader_sees_the_untranslated_notice(page, learner_urls, live_server):
    page.goto(f"{live_server.url}/ar{learner_urls['program']}")

    notice = page.locator(".notice")
    assert notice.first.is_visible()
    # The content keeps its own language for screen readers; the frame stays Arabic.
    assert page.locator("h1").get_attribute("lang") == "en"
    assert page.locator("article").get_attribute("lang") is None


def test_catalog_filters_stay_in_the_url(page, learner_urls, live_server):
    page.goto(f"{live_server.url}/en{learner_urls['catalog']}")
    page.select_option("#filter-difficulty", "beginner")
    page.get_by_role("button", name="Apply").click()

    assert "difficulty=beginner" in page.url
    assert page.locator("#filter-difficulty").input_value() == "beginner"
    assert page.locator(".catalog-count").is_visible()


def test_search_box_suggests_titles_as_you_type(page, learner_urls, live_server):
    from learning.models import ProgramPage

    title = ProgramPage.objects.live().order_by("path").first().title
    page.goto(f"{live_server.url}/en{learner_urls['catalog']}")
    page.locator("#search-q").press_sequentially(title[:4], delay=50)

    suggestion = page.locator("#search-q-suggestions [role=option]").first
    suggestion.wait_for(state="visible", timeout=5000)
    assert page.locator("#search-q").get_attribute("aria-expanded") == "true"
    page.locator("#search-q").press("ArrowDown")
    page.locator("#search-q").press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").first.is_visible()


def test_next_link_walks_through_the_course(page, learner_urls, live_server):
    page.goto(f"{live_server.url}/en{learner_urls['item']}")

    assert page.locator(".item-nav").is_visible()
    assert page.locator(".item__body").is_visible()
