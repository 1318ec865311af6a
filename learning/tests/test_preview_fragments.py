"""An editor's preview of a draft shows the draft, though the live page's kept fragments are warm.

The program, course and module pages keep their content fragments in the worker's memory
(docs/decisions/0031-signed-in-page-speed.md). A draft shares the live page's id, live revision
and content version, so these tests open the live page first and then Wagtail's own
"preview this revision" admin view, in the same worker."""

import pytest
from django.urls import reverse

from learning.tests.factories import build_program, staff_user
from learning.tests.journey_helpers import paragraph

pytestmark = pytest.mark.django_db


def preview(client, page, **changes) -> str:
    """Save ``changes`` as a draft of ``page`` and open it in the admin's revision preview."""
    draft = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    revision = draft.save_revision()
    client.force_login(staff_user("editor@example.org", superuser=True))
    response = client.get(reverse("wagtailadmin_pages:revisions_view", args=(page.pk, revision.pk)))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def program():
    return build_program(courses=1, modules=1, items=1)


def test_a_program_draft_previews_its_own_summary_and_overview(client, program):
    program.overview = paragraph("The live overview.")
    program.save_revision().publish()
    live = client.get(program.url).content.decode()
    assert "The live overview." in live and program.summary in live

    html = preview(
        client, program, summary="The draft summary.", overview=paragraph("The draft overview.")
    )

    assert "The draft summary." in html and "The draft overview." in html
    assert "The live overview." not in html
    # The live page still shows what is published.
    client.logout()
    assert "The live overview." in client.get(program.url).content.decode()


def test_a_course_draft_previews_its_own_objectives(client, program):
    course = program.get_children().specific().get()
    client.get(course.url)

    html = preview(client, course, learning_objectives=[("objective", "Draft objective")])

    assert "Draft objective" in html


def test_a_module_draft_previews_its_own_overview(client, program):
    module = program.get_children().first().get_children().specific().get()
    module.overview = paragraph("The live module overview.")
    module.save_revision().publish()
    client.get(module.url)

    html = preview(client, module, overview=paragraph("The draft module overview."))

    assert "The draft module overview." in html
    assert "The live module overview." not in html


def test_an_item_draft_previews_its_own_body(client, program):
    """The item body is kept for signed-in learners too; the editor's preview is not."""
    item = program.get_children().first().get_children().first().get_children().specific().get()
    item.body = paragraph("The live lesson.")
    item.save_revision().publish()
    client.force_login(staff_user("reader@example.org", superuser=True))
    assert "The live lesson." in client.get(item.url).content.decode()

    html = preview(client, item, body=paragraph("The draft lesson."))

    assert "The draft lesson." in html
    assert "The live lesson." not in html
