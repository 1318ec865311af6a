"""Undoing "Mark as complete": the domain function, the API and the item page's forms."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from learning.journey.access import resolve_item
from learning.journey.enrollment import change_status
from learning.journey.heartbeats import heartbeat
from learning.journey.progress import ProgressError, complete_item, uncomplete_item
from learning.models import DailyActivity, Enrollment, LearningEvent, Progress

from .journey_helpers import build_tree, make_learner, translate_tree

pytestmark = pytest.mark.django_db


def test_undo_puts_the_totals_back_and_keeps_the_time_spent(tree, learner):
    item = resolve_item(page_id=tree.items[0][0].id)
    heartbeat(learner=learner, item=item, seconds=0)
    Progress.objects.update(time_spent_seconds=42)
    complete_item(learner=learner, item=item)
    assert Enrollment.objects.get().completed_items == 1

    progress, undone = uncomplete_item(learner=learner, item=item)

    assert undone and not progress.is_completed and progress.completed_at is None
    row = Progress.objects.get()
    assert not row.is_completed and row.time_spent_seconds == 42
    enrollment = Enrollment.objects.get()
    assert enrollment.completed_items == 0 and enrollment.completion_percentage == 0
    assert enrollment.next_item_id == tree.items[0][0].id
    assert enrollment.course_progress[str(tree.courses[0].id)] == [0, 2]
    assert DailyActivity.objects.get().items_completed == 0
    event = LearningEvent.objects.filter(verb="progressed").latest("timestamp")
    assert event.result == {"completion": False} and event.object_id == item.item_id


def test_undo_twice_or_of_an_item_never_completed_changes_nothing(tree, learner):
    item = resolve_item(page_id=tree.items[0][0].id)
    complete_item(learner=learner, item=item)
    assert uncomplete_item(learner=learner, item=item)[1] is True
    events = LearningEvent.objects.count()
    assert uncomplete_item(learner=learner, item=item)[1] is False
    other = resolve_item(page_id=tree.items[0][1].id)
    assert uncomplete_item(learner=learner, item=other)[1] is False
    assert LearningEvent.objects.count() == events
    assert DailyActivity.objects.get().items_completed == 0


def test_complete_again_after_undo_counts_once(tree, learner):
    item = resolve_item(page_id=tree.items[0][0].id)
    complete_item(learner=learner, item=item)
    uncomplete_item(learner=learner, item=item)
    assert complete_item(learner=learner, item=item)[1] is True
    assert Enrollment.objects.get().completed_items == 1
    assert DailyActivity.objects.get().items_completed == 1


def test_paused_or_foreign_enrollment_cannot_undo(tree, learner):
    item = resolve_item(page_id=tree.items[0][0].id)
    complete_item(learner=learner, item=item)
    change_status(enrollment=Enrollment.objects.get(), status="paused")
    with pytest.raises(ProgressError) as paused:
        uncomplete_item(learner=learner, item=item)
    assert paused.value.code == "paused"
    stranger = make_learner("stranger@example.com")
    with pytest.raises(ProgressError) as foreign:
        uncomplete_item(learner=stranger, item=item)
    assert foreign.value.code == "not_enrolled"
    assert Progress.objects.get(learner=learner).is_completed


def test_a_completed_program_stays_completed_after_an_undo(tree, learner):
    for item_page in tree.all_items:
        complete_item(learner=learner, item=resolve_item(page_id=item_page.id))
    assert Enrollment.objects.get().status == "completed"
    uncomplete_item(learner=learner, item=resolve_item(page_id=tree.items[0][0].id))
    enrollment = Enrollment.objects.get()
    assert enrollment.status == "completed" and enrollment.completed_items == 3


JSON = "application/json"


def test_api_delete_undoes_a_completion_idempotently(client, tree, learner):
    client.force_login(learner)
    item_id = tree.items[0][0].id
    client.post(f"/api/v1/progress/{item_id}/complete")

    response = client.delete(f"/api/v1/progress/{item_id}/complete")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["uncompleted_now"] is True and body["progress"]["is_completed"] is False
    assert body["enrollment"]["completed_items"] == 0
    again = client.delete(f"/api/v1/progress/{item_id}/complete")
    assert again.status_code == 200 and again.json()["uncompleted_now"] is False


def test_api_undo_accepts_a_translated_id_and_refuses_strangers(client, tree, learner):
    mapping = translate_tree(tree, "fr")
    complete_item(learner=learner, item=resolve_item(page_id=tree.items[0][0].id))
    stranger = make_learner("stranger@example.com")
    client.force_login(stranger)
    assert client.delete(f"/api/v1/progress/{tree.items[0][0].id}/complete").status_code == 403
    assert client.delete("/api/v1/progress/99999/complete").status_code == 404
    client.force_login(learner)
    response = client.delete(f"/api/v1/progress/{mapping[tree.items[0][0].id]}/complete")
    assert response.status_code == 200 and response.json()["uncompleted_now"] is True
    assert not Progress.objects.get(learner=learner).is_completed


def test_api_undo_needs_a_signed_in_learner(client, tree, learner):
    complete_item(learner=learner, item=resolve_item(page_id=tree.items[0][0].id))
    assert client.delete(f"/api/v1/progress/{tree.items[0][0].id}/complete").status_code == 401
    assert Progress.objects.get().is_completed


def shown_forms(client, url: str) -> set[str]:
    """The completion forms the item page shows (the other one is rendered hidden)."""
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return {
        form["data-completion-form"]
        for form in html.find_all("form", attrs={"data-completion-form": True})
        if not form.has_attr("hidden")
    }


def test_item_page_swaps_mark_as_complete_for_its_undo(client, tree, learner):
    client.force_login(learner)
    item = tree.items[0][0]
    assert shown_forms(client, item.url) == {"complete"}

    response = client.post(f"/en/items/{item.id}/complete/", {"next": item.url})

    assert response.status_code == 302 and response.url == item.url
    assert shown_forms(client, item.url) == {"uncomplete"}
    html = client.get(item.url).content.decode()
    assert 'data-completed="true"' in html and "Completed</p>" in html
    assert Enrollment.objects.get().completed_items == 1

    response = client.post(f"/en/items/{item.id}/uncomplete/", {"next": item.url})

    assert response.status_code == 302
    assert shown_forms(client, item.url) == {"complete"}
    assert Enrollment.objects.get().completed_items == 0


def test_item_forms_refuse_bad_input_without_a_500(client, tree, learner):
    item = tree.items[0][0]
    anonymous = client.post(f"/en/items/{item.id}/complete/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url
    client.force_login(learner)
    assert client.get(f"/en/items/{item.id}/complete/").status_code == 405
    assert client.post(f"/en/items/{item.id}/publish/").status_code == 404
    assert client.post("/en/items/99999/complete/").status_code == 404
    outside = client.post(f"/en/items/{item.id}/complete/", {"next": "https://evil.test/"})
    assert outside.status_code == 302 and outside.url == item.url
    other = build_tree(title="Andes")
    refused = client.post(f"/en/items/{other.items[0][0].id}/complete/", follow=True)
    assert "not enrolled" in refused.content.decode()
    assert not Progress.objects.filter(content_item_id=other.items[0][0].id).exists()


def test_item_form_in_french_returns_to_the_french_page(client, tree, learner):
    mapping = translate_tree(tree, "fr")
    french = Page.objects.get(id=mapping[tree.items[0][0].id])
    client.force_login(learner)
    response = client.post(f"/fr/items/{french.id}/complete/")
    assert response.status_code == 302 and response.url == french.url
    assert Progress.objects.get().is_completed
