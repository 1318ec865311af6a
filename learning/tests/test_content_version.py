"""The content version never goes backwards, however full the cache gets.

It used to live in the database cache, whose culling evicted it once the cache passed
MAX_ENTRIES: the version fell back to 1 and fragments cached before a publish were served again.
"""

import pytest
from django.conf import settings
from django.core.cache import cache

from learning.content.caching import bump_content_version, content_version
from learning.journey.enrollment import enroll
from learning.models import CoursePage
from learning.tests.factories import build_program
from learning.tests.journey_helpers import make_learner

pytestmark = pytest.mark.django_db


def fill_the_cache_past_its_limit() -> None:
    limit = settings.CACHES["default"].get("OPTIONS", {}).get("MAX_ENTRIES", 300)
    cache.set_many({f"filler:{n}": "x" * 100 for n in range(limit + 50)})
    for n in range(20):  # each set past the limit culls a share of the entries
        cache.set(f"filler:more:{n}", "x")


def test_the_version_survives_culling_and_clearing_the_cache():
    for _ in range(3):
        bump_content_version()
    version = content_version()

    fill_the_cache_past_its_limit()
    assert content_version() == version
    cache.clear()
    assert content_version() == version

    bump_content_version()
    assert content_version() == version + 1


def test_a_publish_is_visible_after_the_cache_culls(client, django_capture_on_commit_callbacks):
    program = build_program(courses=1, modules=1, items=1)
    course = CoursePage.objects.child_of(program).get()
    learner = make_learner()
    enroll(learner=learner, program=program)
    assert course.title in client.get(program.url).content.decode()  # cached for visitors

    course.title = "Calligraphy, revised"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    assert "Calligraphy, revised" in client.get(program.url).content.decode()
    fill_the_cache_past_its_limit()

    assert "Calligraphy, revised" in client.get(program.url).content.decode()
    client.force_login(learner)
    assert "Calligraphy, revised" in client.get(program.url).content.decode()
    assert "Calligraphy, revised" in client.get(course.url).content.decode()
