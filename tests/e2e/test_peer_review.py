"""Three learners and an instructor through a peer-reviewed project, clicking as people do:
each learner writes and submits, reviews a peer's work anonymously with the rubric, and
reads their grade; the instructor overrides one grade in the admin."""

import re

import pytest
from playwright.sync_api import expect

from culturedegree import demo
from learning.journey.enrollment import enroll
from learning.models import AssessmentAttempt
from learning.tests.assessment_helpers import build_project
from learning.tests.factories import staff_user
from learning.tests.journey_helpers import build_tree, make_learner

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}


def test_three_learners_and_an_instructor_through_peer_review(new_page, live_server, demo_site):
    tree = build_tree(courses=1, items_per_course=1, title="Tea")
    project = build_project(tree.modules[0], peer=True, review_count=2, max_attempts=1)
    learners = [make_learner(f"peer{i}@example.com", name=f"Peer {i}") for i in range(3)]
    for learner in learners:
        enroll(learner=learner, program=tree.program)
    pages = []
    for index, learner in enumerate(learners):
        page = new_page(viewport=LAPTOP)
        login(page, learner, live_server_url=live_server.url)
        page.goto(f"{live_server.url}/en/assessments/{project.pk}/")
        page.get_by_role("button", name="Start").click()
        expect(page).to_have_url(re.compile(r"/en/attempts/[0-9a-f-]+/$"))
        page.get_by_label("Your work").fill(f"Essay number {index}: the tea house at dusk.")
        page.get_by_role("button", name="Submit your project").click()
        expect(page.get_by_text("Awaiting grading").first).to_be_visible()
        pages.append(page)
    # Two rounds: each submission gets two reviews, each learner gives two, never their own.
    for _round in range(2):
        for page in pages:
            page.goto(f"{live_server.url}/en/assessments/{project.pk}/reviews/")
            expect(page.get_by_role("heading", name="Review your peers")).to_be_visible()
            form = page.locator("form", has=page.get_by_role("button", name="Send the review"))
            form.get_by_text("Well chosen").click()
            form.get_by_text("Clear", exact=True).click()
            form.get_by_label("A comment for the author").fill("Vivid.")
            form.get_by_role("button", name="Send the review").click()
            expect(page.get_by_text("Thank you: your review was sent.")).to_be_visible()
    assert_accessible(pages[0])
    assert "@example.com" not in pages[0].locator("main").inner_text()
    assert AssessmentAttempt.objects.filter(status="graded", passed=True).count() == 3
    pages[0].goto(f"{live_server.url}/en/assessments/{project.pk}/")
    pages[0].get_by_role("link", name="1", exact=True).click()
    expect(pages[0].get_by_text("What your peers said")).to_be_visible()
    expect(pages[0].get_by_text("Vivid.")).to_have_count(2)

    teacher = staff_user(
        "teacher@example.com", groups=[demo.ensure_program_instructors(program=tree.program)]
    )
    admin = new_page(viewport=LAPTOP)
    login(admin, teacher, live_server_url=live_server.url)
    admin.goto(f"{live_server.url}/admin/grading/?status=graded")
    admin.get_by_role("link", name="Peer 0", exact=True).click()
    admin.get_by_label("None (0)").check()
    admin.get_by_label("Unclear (0)").check()
    admin.get_by_role("button", name="Save the grade").click()
    expect(admin.get_by_text("Grade saved.")).to_be_visible()
    first = AssessmentAttempt.objects.get(learner=learners[0])
    assert first.passed is False and first.results["rubric"]["by"] == "staff"
