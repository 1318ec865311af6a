"""The learner site's frame in a real browser: layout, navigation, languages, accessibility."""

import pytest

from .conftest import PHONE, assert_accessible, login, screenshot

pytestmark = pytest.mark.e2e

PAGES = {"home": "/{lang}/", "style": "/{lang}/style/", "404": "/{lang}/no-such-page/"}


def test_home_page_loads_and_is_accessible(page, demo_site, live_server):
    response = page.goto(f"{live_server.url}/en/")
    assert response.status == 200
    assert page.locator("h1").first.is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_frame_pages_are_accessible_at_each_width(
    new_page, demo_site, live_server, lang, name, width
):
    page = new_page(viewport=PHONE) if width == "phone" else new_page()
    page.goto(live_server.url + PAGES[name].format(lang=lang))
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    screenshot(page, f"{name}-{width}-{lang}")
    assert_accessible(page)


def test_home_features_the_programs_of_the_current_language(new_page, demo_catalog, live_server):
    for lang in ("en", "ar"):
        for width, viewport in (("desktop", None), ("phone", PHONE)):
            page = new_page(viewport=viewport)
            page.goto(f"{live_server.url}/{lang}/")
            cards = page.locator(".card")
            assert cards.count() >= 1
            assert page.locator(".card .badge").count() >= 2
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
            screenshot(page, f"home-catalog-{width}-{lang}")
            assert_accessible(page)


def test_phone_navigation_works_without_scripts(new_page, demo_site, live_server):
    """The language menu is a disclosure that opens and navigates with JavaScript off."""
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(f"{live_server.url}/en/style/")
    page.locator("summary[aria-label='Language']").click()
    screenshot(page, "menu-language-phone-en", full_page=False)
    page.get_by_role("link", name="العربية").click()
    assert page.url.endswith("/ar/style/")
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_signed_in_account_menu(new_page, demo_site, live_server):
    from culturedegree.models import User

    user = User.objects.create_user(email="amina@example.com", password="x" * 16, name="Amina")
    for lang, viewport in (("en", None), ("ar", PHONE)):
        page = new_page(viewport=viewport)
        login(page, user, live_server_url=live_server.url)
        page.goto(f"{live_server.url}/{lang}/")
        page.locator("summary[aria-label]").last.click()
        assert page.locator(".menu__panel a[href$='/my-learning/']").is_visible()
        screenshot(page, f"menu-account-{lang}", full_page=False)
        assert_accessible(page)
        page.keyboard.press("Escape")
        assert not page.locator(".menu__panel a[href$='/my-learning/']").is_visible()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_dark_scheme_keeps_contrast(new_page, demo_site, live_server, lang):
    """axe checks colour contrast: the dark scheme must pass it as the light one does."""
    page = new_page(color_scheme="dark")
    page.goto(f"{live_server.url}/{lang}/style/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 22, 25)"
    screenshot(page, f"style-dark-desktop-{lang}")
    assert_accessible(page)


def test_modal_opens_from_its_button_and_closes_with_escape(page, demo_site, live_server):
    page.goto(f"{live_server.url}/en/style/")
    dialog = page.locator("dialog#sample-dialog")
    assert not dialog.is_visible()
    page.get_by_role("button", name="Open the dialog").click()
    assert dialog.is_visible()
    screenshot(page, "modal-desktop-en", full_page=False)
    assert_accessible(page)
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    page.get_by_role("button", name="Open the dialog").click()
    dialog.get_by_role("button", name="Close").click()
    assert not dialog.is_visible()


def test_skip_link_moves_focus_to_the_content(page, demo_site, live_server):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
