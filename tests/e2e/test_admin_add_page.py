"""The page editor's add form, in a browser: autosave creates the page once, the form follows."""

import pytest

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_saving_a_new_course_after_autosave_does_not_report_its_slug_taken(
    page, demo_site, live_server
):
    from learning.models import CoursePage
    from learning.tests.factories import build_program, staff_user

    program = build_program(courses=0, modules=0)
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from culturedegree import demo

    catalog = program.get_parent()
    # Wagtail's migrations made "Editors" (the suite restores it after every flush).
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=editors, page=catalog, permission=Permission.objects.get(codename=codename)
        )
    demo.ensure_review_workflow(
        catalog=catalog, reviewers=Group.objects.get_or_create(name="Reviewers")[0]
    )
    groups = {"Editors": editors}
    editor = staff_user("editor@example.com", groups=[groups["Editors"]])
    held = []

    def hold_autosave(route):
        # The autosave's response is held back, as on a busy server: the page exists, the
        # form does not know it yet.
        if route.request.method == "POST" and "application/json" in (
            route.request.headers.get("accept") or ""
        ):
            held.append((route, route.fetch()))
        else:
            route.continue_()

    login(page, editor, live_server_url=live_server.url)
    page.route("**/admin/pages/add/**", hold_autosave)
    # The editor counts as edits only what changes after it has looked at the form (2 s in).
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => { window.watching = true; })"
    )
    page.goto(f"{live_server.url}/admin/pages/add/learning/coursepage/{program.pk}/")
    page.locator("#id_title").fill("The way of tea")
    page.locator("#id_summary").fill("Tea, guests and the room.")
    page.wait_for_function("() => window.watching === true")
    page.get_by_role("tab", name="Details").click()
    page.locator("#id_estimated_hours").fill("4")
    # The autosave has created the page once its answer is held.
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the editor autosaved"
    # Save draft is answered, and its page loaded, while the autosave's answer is still held.
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Save draft").click()
    for route, response in held:
        route.fulfill(response=response)
    body = page.content()
    assert "already in use" not in body
    assert CoursePage.objects.filter(title="The way of tea").count() == 1
    assert "/edit/" in page.url
