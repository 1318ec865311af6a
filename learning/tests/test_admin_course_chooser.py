"""Issue 8 item 9: the course chooser opens inside the program being edited."""

import pytest
from django.urls import reverse

from .factories import staff_user
from .journey_helpers import build_tree

pytestmark = pytest.mark.django_db
COURSE_CHOOSER = {"page_type": "learning.coursepage"}


@pytest.fixture
def admin_client(client):
    client.force_login(staff_user("admin@example.com", superuser=True))
    return client


def opened_at(response) -> int:
    assert response.status_code == 200, response.content[:300]
    return response.json()["parent_page_id"]


def test_an_empty_course_chooser_opens_inside_the_program_being_edited(admin_client):
    tree = build_tree()
    other = build_tree(title="Sahel")
    edit = reverse("wagtailadmin_pages:edit", args=[tree.program.id])
    url = reverse("wagtailadmin_choose_page")
    response = admin_client.get(url, COURSE_CHOOSER, HTTP_REFERER=f"http://testserver{edit}")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/admin/choose-page/{tree.program.id}/?")
    followed = admin_client.get(
        url, COURSE_CHOOSER, HTTP_REFERER=f"http://testserver{edit}", follow=True
    )
    assert opened_at(followed) == tree.program.id
    listed = followed.json()["html"]
    assert tree.courses[0].title in listed
    assert other.courses[0].title not in listed


def test_without_a_program_the_chooser_starts_where_wagtail_starts_it(admin_client):
    tree = build_tree()
    build_tree(title="Sahel")
    url = reverse("wagtailadmin_choose_page")
    response = admin_client.get(url, COURSE_CHOOSER)
    # The common ancestor of all courses: the catalog, above both programs.
    assert opened_at(response) == tree.program.get_parent().id
    assert "Sahel" in response.json()["html"] and "Silk Road" in response.json()["html"]


def test_the_chooser_stays_behind_the_admin_sign_in(client):
    response = client.get(reverse("wagtailadmin_choose_page"), COURSE_CHOOSER)
    assert response.status_code in {302, 403}
