"""The course chooser of a program's requirements opens inside that program (issue 8 item 9)."""

import pytest

from .conftest import login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_choosing_a_required_course_starts_in_the_program(page, demo_site, live_server):
    from learning.tests.factories import staff_user
    from learning.tests.journey_helpers import build_tree

    tree = build_tree()
    other = build_tree(title="Sahel")
    admin = staff_user("admin@example.com", superuser=True)
    login(page, admin, live_server_url=live_server.url)
    page.goto(f"{live_server.url}/admin/pages/{tree.program.id}/edit/")
    page.get_by_role("tab", name="Details").click()
    requirements = page.locator("[data-contentpath='requirements']")
    requirements.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Required courses").click()
    requirements.get_by_role("button", name="Choose a page (Course page)").first.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_text(tree.courses[0].title).wait_for()
    screenshot(page, "admin-course-chooser")
    assert modal.get_by_text(tree.courses[1].title).is_visible()
    assert not modal.get_by_text(other.courses[0].title).is_visible()
