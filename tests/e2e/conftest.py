"""Browser fixtures: headless Debian Chromium driven by Playwright on pytest-django's live server.

Use them like this::

    @pytest.mark.e2e
    def test_something(page, demo_site, live_server):
        page.goto(f"{live_server.url}/en/")
        assert_accessible(page)
        screenshot(page, "home-desktop-en")

Fixtures: ``browser`` (session), ``page`` (desktop 1280x800), ``phone_page`` (390x844),
``new_page`` (a factory: ``new_page(viewport=PHONE, color_scheme="dark")``), ``demo_site``
(locales and the home page, committed so the live server sees them), ``demo_catalog`` (the
demo programs as well). Helpers: ``assert_accessible(page)``,
``screenshot(page, name)``, ``login(page, user)``.
"""

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from culturedegree.testing import inflight

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# inside one unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SCREENSHOT_DIR = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser() -> Iterator:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "chromium not found on PATH: run `make test` as root or apt-get install chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable]:
    """A factory of pages, each in a fresh context (no shared cookies); closed after the test.

    Depending on ``live_server`` makes the contexts close before the test database is
    flushed: a heartbeat still in flight would otherwise race (or deadlock with) the flush.
    """
    contexts = []

    def make(*, viewport: dict | None = None, **context_options):
        context = browser.new_context(viewport=viewport or DESKTOP, **context_options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    # Let the live server answer what the pages sent as they closed, before the flush.
    assert inflight.wait_until_idle(), "the live server was still answering requests after 5 s"


@pytest.fixture
def page(new_page):
    """A desktop-sized page (1280x800) in a fresh browser context."""
    return new_page(viewport=DESKTOP)


@pytest.fixture
def phone_page(new_page):
    """A phone-sized page (390x844) in a fresh browser context."""
    return new_page(viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.fixture
def demo_site(transactional_db):
    """Locales, the home page and the default site, visible to the live server's thread.

    The live server needs committed data, so these tests flush every table afterwards; the
    root conftest.py then puts back what the migrations made (Wagtail's root page, default
    site, locales...), and this fixture adds the demo's locales and home page on top.
    """

    from culturedegree import demo

    demo.ensure_locales()
    return demo.ensure_home_page()


DEMO_CATALOG_SCHEMA = "cd_demo_catalog_rows"
_demo_catalog = {}  # this test database's copy: what it was built on, its media, its programs


@pytest.fixture
def demo_catalog(demo_site, settings, tmp_path_factory, row_snapshots):
    """The demo programs (``culturedegree.demo.build_catalog``) on ``demo_site``.

    Building them takes about 20 s, so it happens once per test database: the rows are then
    copied aside (``row_snapshots``, in a schema no flush touches) with the media files, and
    every later test on the same database gets the same rows back, ids included, in well under
    a second. The copy is used only when the test starts from what the first one built on
    (``demo_site`` alone, no accounts); otherwise the catalog is built again.
    """
    from django.db import connection
    from wagtail.models import Page

    from culturedegree.demo import build_catalog
    from culturedegree.demo.catalog import CatalogReport
    from culturedegree.models import User
    from learning.models import ProgramPage

    media = Path(settings.MEDIA_ROOT)
    start = (Page.objects.count(), User.objects.exists())
    if _demo_catalog.get("start") == start:
        row_snapshots.restore(connection, DEMO_CATALOG_SCHEMA, empty_all=True)
        shutil.copytree(_demo_catalog["media"], media, dirs_exist_ok=True)
        programs = ProgramPage.objects.filter(pk__in=_demo_catalog["programs"]).order_by("path")
        return CatalogReport(programs=list(programs))
    report = build_catalog(home=demo_site)
    if not start[1]:
        row_snapshots.drop(connection, DEMO_CATALOG_SCHEMA)
        row_snapshots.snapshot(connection, DEMO_CATALOG_SCHEMA)
        copy = tmp_path_factory.mktemp("demo-catalog-media")
        if media.exists():
            shutil.copytree(media, copy, dirs_exist_ok=True)
        _demo_catalog.update(start=start, media=copy, programs=[p.pk for p in report.programs])
    return report


def assert_accessible(page, *, context: str | dict | None = None) -> None:
    """Fail listing every serious or critical axe-core violation on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    blocking = [
        violation
        for violation in results.response["violations"]
        if violation.get("impact") in BLOCKING_IMPACTS
    ]
    if blocking:
        lines = [f"{len(blocking)} serious/critical accessibility violation(s) on {page.url}:"]
        for violation in blocking:
            targets = ", ".join(
                " ".join(node["target"]) if isinstance(node["target"], list) else node["target"]
                for node in violation["nodes"][:5]
            )
            lines.append(
                f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({targets})"
            )
        pytest.fail("\n".join(lines))


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save a PNG of the page under tests/e2e/screenshots/ (gitignored) and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def login(page, user, *, live_server_url: str | None = None) -> None:
    """Sign ``user`` in by planting a Django session cookie in the page's browser context.

    Faster than driving the sign-in form; tests of the form itself drive it instead.
    """
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    url = live_server_url or _origin(page)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": url}]
    )


def _origin(page) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(page.url)
    if not parts.scheme.startswith("http"):
        raise ValueError("login(page, user) needs live_server_url= before the page has loaded")
    return f"{parts.scheme}://{parts.netloc}"
