"""Each learner page runs a fixed number of queries, whatever the number of children."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import ContentItemPage, CoursePage, ModulePage
from learning.tests.factories import (
    ContentItemPageFactory,
    ModulePageFactory,
    ProgramPageFactory,
    build_program,
    catalog,
)

pytestmark = pytest.mark.django_db

# Cold cache (every fragment rebuilt and stored): the worst case a learner can hit. About 17
# of these are Wagtail's routing and the site frame, about 15 the journey's learner context;
# each database-cache write costs five.
PAGE_QUERY_BUDGET = 70


def cold_query_count(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_program_page_queries_do_not_grow_with_courses(client, django_assert_max_num_queries):
    small = build_program(courses=2, modules=2, items=1)
    large = build_program(courses=20, modules=2, items=1)

    small_count = cold_query_count(client, small.url)
    large_count = cold_query_count(client, large.url)

    assert small_count == large_count
    cache.clear()
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
        client.get(large.url)


def test_course_page_queries_do_not_grow_with_modules(client, django_assert_max_num_queries):
    small = build_program(courses=1, modules=2, items=2)
    large = build_program(courses=1, modules=20, items=2)
    small_course = CoursePage.objects.child_of(small).get()
    large_course = CoursePage.objects.child_of(large).get()
    large_course.prerequisites.set([])

    assert cold_query_count(client, small_course.url) == cold_query_count(client, large_course.url)
    cache.clear()
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
        client.get(large_course.url)


def test_module_page_queries_do_not_grow_with_items(client, django_assert_max_num_queries):
    small = ModulePageFactory()
    large = ModulePageFactory()
    for _ in range(2):
        ContentItemPageFactory(parent=small)
    for _ in range(20):
        ContentItemPageFactory(parent=large)

    assert cold_query_count(client, small.url) == cold_query_count(client, large.url)
    cache.clear()
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
        client.get(large.url)


def test_item_page_queries_do_not_grow_with_siblings_or_blocks(
    client, django_assert_max_num_queries
):
    small = build_program(courses=1, modules=1, items=2)
    large = build_program(courses=1, modules=4, items=5)
    ContentItemPage.objects.update(is_free_preview=True)
    small_item = ContentItemPage.objects.descendant_of(small).order_by("path").last()
    large_item = ContentItemPage.objects.descendant_of(large).order_by("path")[7]
    large_item.body = [("paragraph", f"<p>Paragraph {n}</p>") for n in range(20)]
    large_item.save()

    assert cold_query_count(client, small_item.url) == cold_query_count(client, large_item.url)
    cache.clear()
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
        client.get(large_item.url)


def test_catalog_queries_do_not_grow_with_programs(client, django_assert_max_num_queries):
    ProgramPageFactory()
    ProgramPageFactory()
    index = catalog()
    small_count = cold_query_count(client, index.url)
    for _ in range(10):
        ProgramPageFactory()

    assert cold_query_count(client, index.url) == small_count
    cache.clear()
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
        client.get(index.url)


def test_warm_program_page_skips_the_syllabus_queries(client):
    program = build_program(courses=5, modules=2, items=1)
    cold = cold_query_count(client, program.url)
    with CaptureQueriesContext(connection) as warm:
        client.get(program.url)
    assert len(warm) < cold


def test_publishing_a_change_refreshes_the_cached_syllabus(
    client, django_capture_on_commit_callbacks
):
    program = build_program(courses=1, modules=1, items=1)
    client.get(program.url)
    module = ModulePage.objects.descendant_of(program).get()
    module.title = "A renamed module"
    with django_capture_on_commit_callbacks(execute=True):
        module.save_revision().publish()

    assert "A renamed module" in client.get(program.url).content.decode()


def test_unpublishing_a_course_removes_it_from_the_cached_syllabus(
    client, django_capture_on_commit_callbacks
):
    program = build_program(courses=2, modules=1, items=1)
    course = CoursePage.objects.child_of(program).order_by("path").last()
    assert course.title in client.get(program.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        course.unpublish()

    assert course.title not in client.get(program.url).content.decode()


def test_repeat_anonymous_visit_is_served_from_the_page_cache(client):
    program = build_program(courses=3, modules=1, items=1)
    client.get(program.url)

    with CaptureQueriesContext(connection) as repeat:
        response = client.get(program.url)

    assert response.status_code == 200
    assert program.title in response.content.decode()
    assert len(repeat) <= 3  # the content version and the page, nothing else


def test_signed_in_learners_never_get_a_shared_page(client, django_user_model):
    program = build_program(courses=1, modules=1, items=1)
    client.get(program.url)
    learner = django_user_model.objects.create_user(email="l@example.com", name="Lea Learner")
    client.force_login(learner)

    html = client.get(program.url).content.decode()

    assert "Sign in to enroll" not in html


def test_moving_or_deleting_a_page_makes_cached_pages_stale(django_capture_on_commit_callbacks):
    from learning.content.caching import content_version

    program = build_program(courses=2, modules=1, items=1)
    first, second = CoursePage.objects.child_of(program).order_by("path")
    before = content_version()

    with django_capture_on_commit_callbacks(execute=True):
        second.move(first, pos="left")
    moved = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()

    assert before < moved < content_version()
