import pytest

from community.demo import ensure_demo_discussions
from community.models import Comment, Discussion
from culturedegree import demo
from culturedegree.demo import build_catalog
from learning.models import CoursePage

pytestmark = pytest.mark.django_db


def test_every_demo_course_gets_a_pinned_welcome_two_languages_and_an_accepted_answer():
    demo.ensure_locales()
    catalog = build_catalog(home=demo.ensure_home_page())
    assert ensure_demo_discussions(programs=catalog.programs) == 6
    for course in CoursePage.objects.filter(locale__language_code="en"):
        in_course = Discussion.objects.filter(course=course)
        assert in_course.filter(is_pinned=True, title__startswith="Welcome").count() == 1
        question = in_course.get(kind="question")
        assert question.language == "fr"
        assert question.accepted_answer.endorsed_at is not None
        topic = Discussion.objects.filter(module__in=course.get_children(), language="en").get()
        replies = list(Comment.objects.filter(discussion=topic).order_by("created_at"))
        assert len(replies) == 2 and replies[1].parent_id == replies[0].pk
    assert ensure_demo_discussions(programs=catalog.programs) == 0
