"""The Content-Security-Policy in a real browser: injected inline code never runs."""

import pytest

from .conftest import login

pytestmark = pytest.mark.e2e

INJECTION = (
    '<script>window.__injected = "script";</script>'
    '<img src="/static/img/logo.svg" alt="" onload="window.__injected = \'handler\'">'
)


def _serve_with_injection(page, *, keep_csp: bool) -> None:
    """Rewrite the home page's HTML on its way to the browser as a stored XSS would."""

    def handle(route):
        response = route.fetch()
        headers = dict(response.headers)
        if not keep_csp:
            headers.pop("content-security-policy", None)
        body = response.text().replace("</main>", INJECTION + "</main>")
        route.fulfill(response=response, body=body, headers=headers)

    page.route("**/en/", handle)


def test_injected_inline_script_and_handler_are_blocked(page, demo_site, live_server):
    violations = []
    page.on("console", lambda message: violations.append(message.text))
    _serve_with_injection(page, keep_csp=True)
    page.goto(f"{live_server.url}/en/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__injected") is None
    assert any("Content Security Policy" in text for text in violations), violations


def test_injection_runs_without_the_policy(page, demo_site, live_server):
    """The control: the same injection does run once the header is stripped."""
    _serve_with_injection(page, keep_csp=False)
    page.goto(f"{live_server.url}/en/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__injected") in {"script", "handler"}


def test_learner_pages_raise_no_policy_violations(page, demo_site, live_server):
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    for path in ("/en/", "/ar/", "/en/style/", "/en/no-such-page/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
    assert violations == []


@pytest.fixture
def editor(demo_site):
    from culturedegree.models import User

    return User.objects.create_superuser(email="editor@example.com", password="x" * 16)


def test_wagtail_admin_works_under_its_policy(page, editor, demo_site, live_server):
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.on("pageerror", lambda error: violations.append(str(error)))
    login(page, editor, live_server_url=live_server.url)
    for path in (
        "/admin/",
        f"/admin/pages/{demo_site.pk}/",
        f"/admin/pages/{demo_site.pk}/edit/",
        "/admin/images/",
        "/admin/users/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
    assert violations == [], "\n".join(violations)


def test_editor_userbar_on_the_learner_site_raises_no_violations(
    page, editor, demo_site, live_server
):
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    login(page, editor, live_server_url=live_server.url)
    page.goto(f"{live_server.url}/en/")
    page.wait_for_load_state("load")
    assert page.locator("wagtail-userbar, .wagtail-userbar, [data-wagtail-userbar]").count() >= 1
    assert violations == [], "\n".join(violations)


def test_catalog_and_program_pages_raise_no_policy_violations(page, demo_catalog, live_server):
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.goto(f"{live_server.url}/en/")
    page.locator(".site-nav a.site-nav__link").first.click()
    page.wait_for_load_state("load")
    catalog = page.url
    page.locator("main .card a").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(catalog)
    assert page.url != catalog
    assert violations == [], "\n".join(violations)
