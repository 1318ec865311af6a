"""Issue 10: a warm learner page costs at most 8 queries, signed in or not, whatever the learner's
history (docs/decisions/0031-signed-in-page-speed.md).

Each URL is fetched once to warm the caches, then counted. Anonymous pages are counted with the
anonymous page cache off: the budget is for rendering them, not for serving a stored copy.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from learning.journey.access import resolve_item
from learning.journey.enrollment import enroll
from learning.journey.progress import begin_item, complete_item
from learning.models import ContentItemPage, CoursePage, ModulePage
from learning.tests.factories import build_program
from learning.tests.journey_helpers import make_learner
from learning.tests.module_worlds import afresh, rolled_back

# Each test runs in a savepoint of the module's program (see `built_urls`).
pytestmark = pytest.mark.django_db

WARM_PAGE_BUDGET = 8
PAGES = ["program", "course", "module", "item"]


@pytest.fixture(scope="module")
def built_urls(django_db_setup, django_db_blocker):
    """A program whose second course waits on the first; the pages a learner opens in it.
    Built once for the module; each test runs in a savepoint of its own
    (module_worlds.rolled_back)."""
    with rolled_back(django_db_blocker):
        program = build_program(courses=3, modules=2, items=3)
        first, second, _third = CoursePage.objects.child_of(program).order_by("path")
        second.prerequisites.set([first])
        second.save_revision().publish()
        module = ModulePage.objects.child_of(first).order_by("path").last()
        item = ContentItemPage.objects.child_of(module).order_by("path")[1]
        ContentItemPage.objects.filter(pk=item.pk).update(is_free_preview=True)  # visitors read it
        yield {"program": program, "course": first, "module": module, "item": item}


@pytest.fixture
def urls(built_urls, settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    return afresh(built_urls)


def url_of(urls, page: str) -> str:
    return urls[page].url


def warm_count(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def new_learner(email: str, urls) -> Client:
    learner = make_learner(email)
    enroll(learner=learner, program=urls["program"])
    begin_item(learner=learner, item=resolve_item(page_id=urls["item"].pk))
    client = Client()
    client.force_login(learner)
    client.learner = learner
    return client


def grow_history(learner, program) -> None:
    """Nine more enrollments, and a finished first course with progress in every other."""
    for n in range(9):
        enroll(learner=learner, program=build_program(courses=1, modules=1, items=2, title=f"P{n}"))
    for page in ContentItemPage.objects.descendant_of(program).order_by("path"):
        item = resolve_item(page_id=page.pk)
        course_path = page.path[: -2 * page.steplen]
        if CoursePage.objects.get(path=course_path).slug == "course-1":
            complete_item(learner=learner, item=item)


@pytest.mark.parametrize("page", PAGES)
def test_a_warm_page_for_a_visitor_stays_within_budget(client, urls, page):
    assert warm_count(client, url_of(urls, page)) <= WARM_PAGE_BUDGET


@pytest.mark.parametrize("page", PAGES)
def test_a_warm_page_for_an_enrolled_learner_stays_within_budget(urls, page):
    learner = new_learner("ada@example.com", urls)
    assert warm_count(learner, url_of(urls, page)) <= WARM_PAGE_BUDGET


@pytest.mark.parametrize("page", PAGES)
def test_a_learners_page_costs_the_same_however_long_their_history(urls, page):
    newcomer = new_learner("new@example.com", urls)
    veteran = new_learner("old@example.com", urls)
    grow_history(veteran.learner, urls["program"])
    url = url_of(urls, page)

    assert warm_count(veteran, url) == warm_count(newcomer, url) <= WARM_PAGE_BUDGET
