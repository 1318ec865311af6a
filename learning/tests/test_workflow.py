"""Revisions and workflow: drafts, scheduling, history, rollback and editorial review."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from culturedegree import demo
from learning.models import ContentItemPage, ProgramPage

from .factories import ContentItemPageFactory, ProgramPageFactory, build_program, staff_user

pytestmark = pytest.mark.django_db


def test_a_draft_does_not_change_the_live_page():
    program = ProgramPageFactory(title="Live title")
    program.save_revision().publish()
    program.title = "Draft title"
    program.save_revision()
    program.refresh_from_db()
    assert program.title == "Live title"
    assert program.has_unpublished_changes
    assert program.get_latest_revision_as_object().title == "Draft title"


def test_scheduled_publishing_goes_live_when_publish_scheduled_runs():
    item = ContentItemPageFactory(live=False)
    item.go_live_at = timezone.now() + timedelta(hours=1)
    item.save_revision().publish()
    item.refresh_from_db()
    assert not item.live

    # Let the hour pass: both the approval and the scheduled page now lie in the past.
    past = timezone.now() - timedelta(minutes=1)
    revision = item.latest_revision
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    item.refresh_from_db()
    assert item.live


def test_scheduled_unpublishing_takes_the_page_offline():
    item = ContentItemPageFactory()
    item.save_revision().publish()
    ContentItemPage.objects.filter(pk=item.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    item.refresh_from_db()
    assert not item.live and item.expired


def test_rollback_republishes_an_earlier_revision():
    program = ProgramPageFactory(summary="First summary.")
    first = program.save_revision()
    first.publish()
    program.summary = "Second summary."
    program.save_revision().publish()
    assert program.revisions.count() == 2

    first.publish()
    program.refresh_from_db()
    assert program.summary == "First summary."
    assert program.revisions.count() == 2


def test_revision_history_and_preview_are_available_in_the_admin(client):
    program = ProgramPageFactory()
    first = program.save_revision()
    first.publish()
    program.title = "Renamed"
    second = program.save_revision()
    client.force_login(staff_user("root@example.org", superuser=True))
    history = client.get(f"/admin/pages/{program.pk}/history/")
    assert history.status_code == 200
    revisions = f"/admin/pages/{program.pk}/revisions/"
    assert client.get(f"{revisions}{first.pk}/view/").status_code == 200
    compare = client.get(f"{revisions}compare/{first.pk}...{second.pk}/")
    assert compare.status_code == 200 and "Renamed" in compare.content.decode()
    preview_url = f"/admin/pages/{program.pk}/edit/preview/"
    form = {
        "title": "A draft seen in preview",
        "slug": program.slug,
        "summary": "Previewed summary.",
        "difficulty": "beginner",
        "estimated_duration_weeks": "8",
        "overview-count": "0",
        "requirements-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    assert client.post(preview_url, form).json()["is_valid"]
    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert "A draft seen in preview" in preview.content.decode()
    program.refresh_from_db()
    assert program.title != "A draft seen in preview"


@pytest.fixture
def editorial():
    program = build_program(courses=1, modules=1, items=1)
    catalog = program.get_parent()
    groups = demo.ensure_editorial_groups(catalog=catalog)
    workflow = demo.ensure_review_workflow(catalog=catalog, reviewers=groups["Reviewers"])
    editor = staff_user("editor@example.org", groups=[groups["Editors"]])
    reviewer = staff_user("reviewer@example.org", groups=[groups["Reviewers"]])
    return {"program": program, "workflow": workflow, "editor": editor, "reviewer": reviewer}


def test_editors_submit_and_reviewers_approve_which_publishes(editorial):
    program = ProgramPage.objects.get(pk=editorial["program"].pk)
    assert program.get_workflow() == editorial["workflow"]
    program.summary = "Reviewed summary."
    revision = program.save_revision(user=editorial["editor"])
    state = editorial["workflow"].start(program, editorial["editor"])
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    task_state = state.current_task_state
    task = task_state.task.specific
    actions = {name for name, _label, _modal in task.get_actions(program, editorial["editor"])}
    assert "approve" not in actions
    actions = {name for name, _label, _modal in task.get_actions(program, editorial["reviewer"])}
    assert "approve" in actions

    task.on_action(task_state, editorial["reviewer"], "approve")
    state.refresh_from_db()
    program.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert program.summary == "Reviewed summary."
    assert program.live_revision_id == revision.pk


def test_editors_cannot_publish_directly_but_reviewers_can(editorial):
    program = editorial["program"]
    editor_perms = program.permissions_for_user(editorial["editor"])
    reviewer_perms = program.permissions_for_user(editorial["reviewer"])
    assert editor_perms.can_edit() and not editor_perms.can_publish()
    assert reviewer_perms.can_publish()


def test_editors_may_send_pages_for_translation(editorial):
    assert editorial["editor"].has_perm("wagtail_localize.submit_translation")


def test_editors_cannot_edit_outside_the_catalog(editorial):
    home = Page.objects.get(pk=editorial["program"].get_parent().get_parent().pk)
    assert not home.permissions_for_user(editorial["editor"]).can_edit()


def test_seed_sets_up_groups_and_the_workflow_once():
    catalog = build_program(courses=1, modules=0).get_parent()
    for _ in range(2):
        groups = demo.ensure_editorial_groups(catalog=catalog)
        demo.ensure_review_workflow(catalog=catalog, reviewers=groups["Reviewers"])
    assert set(groups) == {"Editors", "Reviewers", "Instructors"}
    assert catalog.get_workflow().tasks.count() == 1


def test_a_form_posted_while_its_autosave_is_under_way_edits_the_page_it_created(client):
    """The add form's autosave creates the page; a Save draft sent before its answer came
    back used to be refused with "slug already in use" (tests/e2e/test_admin_add_page.py)."""
    from learning.models import CoursePage

    program = build_program(courses=0, modules=0)
    client.force_login(staff_user("root@example.org", superuser=True))
    add_url = f"/admin/pages/add/learning/coursepage/{program.pk}/"
    form = {
        "title": "The way of tea",
        "slug": "the-way-of-tea",
        "summary": "Tea, guests and the room.",
        "estimated_hours": "4",
        "learning_objectives-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    autosave = client.post(add_url, form, HTTP_ACCEPT="application/json")
    assert autosave.json()["success"]
    course = CoursePage.objects.get(slug="the-way-of-tea")

    response = client.post(add_url, {**form, "summary": "Saved by the editor."})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/admin/pages/{course.pk}/edit/")
    assert CoursePage.objects.filter(slug="the-way-of-tea").count() == 1
    course.refresh_from_db()
    assert course.get_latest_revision_as_object().summary == "Saved by the editor."


def test_another_editors_page_with_that_slug_is_still_refused(client):
    program = build_program(courses=1, modules=0)
    client.force_login(staff_user("root@example.org", superuser=True))
    response = client.post(
        f"/admin/pages/add/learning/coursepage/{program.pk}/",
        {
            "title": "Taken",
            "slug": "course-1",
            "summary": "S",
            "estimated_hours": "1",
            "learning_objectives-count": "0",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200 and "already in use" in response.content.decode()
