"""Interactive content blocks in a real browser: flashcards and timelines with the keyboard."""

import pytest

from .conftest import assert_accessible, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def interactive_item(demo_site):
    from learning.tests.factories import ContentItemPageFactory, catalog

    catalog()
    return ContentItemPageFactory(
        title="Words and dates",
        item_type="interactive",
        is_free_preview=True,
        body=[
            (
                "flashcards",
                {
                    "title": "Words of the griot's art",
                    "cards": [
                        {"front": "jeli", "back": "A hereditary musician and oral historian."},
                        {"front": "kora", "back": "A 21-string harp-lute."},
                    ],
                },
            ),
            (
                "timeline",
                {
                    "title": "The Mali Empire",
                    "events": [
                        {"year": 1324, "date_label": "", "title": "Pilgrimage", "description": ""},
                        {
                            "year": 1235,
                            "date_label": "c. 1235",
                            "title": "Kirina",
                            "description": "",
                        },
                        {"year": 1352, "date_label": "", "title": "Ibn Battuta", "description": ""},
                    ],
                },
            ),
        ],
    )


def test_flashcards_turn_and_move_with_the_keyboard(page, live_server, interactive_item):
    page.goto(live_server.url + interactive_item.url)
    first, second = page.locator("[data-flashcard]").all()
    first.focus()
    page.keyboard.press("Enter")
    assert first.get_attribute("aria-pressed") == "true"
    assert page.get_by_text("A hereditary musician and oral historian.").is_visible()
    page.keyboard.press("Space")
    assert first.get_attribute("aria-pressed") == "false"
    page.keyboard.press("ArrowRight")
    assert second.evaluate("element => element === document.activeElement")
    screenshot(page, "blocks-interactive-desktop-en")
    assert_accessible(page)


def test_timeline_moves_with_arrows_home_and_end(page, live_server, interactive_item):
    page.goto(live_server.url + interactive_item.url)
    events = page.locator("[data-timeline-event]")
    assert events.first.inner_text().startswith("c. 1235")
    events.first.focus()
    page.keyboard.press("ArrowRight")
    assert events.nth(1).evaluate("element => element === document.activeElement")
    assert events.nth(1).get_attribute("tabindex") == "0"
    assert events.first.get_attribute("tabindex") == "-1"
    page.keyboard.press("End")
    assert events.nth(2).evaluate("element => element === document.activeElement")
    page.keyboard.press("Home")
    assert events.first.evaluate("element => element === document.activeElement")
