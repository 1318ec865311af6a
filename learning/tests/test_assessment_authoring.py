"""Editors write, preview and translate assessments in the admin."""

import pytest
from django.urls import reverse
from wagtail_localize.models import StringSegment, TranslationSource

from learning.models import Assessment

from .assessment_helpers import EVERY_TYPE, build_assessment
from .factories import staff_user
from .journey_helpers import build_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    tree = build_tree(courses=1, items_per_course=1)
    return build_assessment(tree.modules[0], questions=EVERY_TYPE)


def test_editors_open_the_add_and_edit_screens_and_the_preview(client, quiz):
    client.force_login(staff_user("editor@example.com", superuser=True))
    assert client.get(reverse("wagtailsnippets_learning_assessment:add")).status_code == 200
    edit = reverse("wagtailsnippets_learning_assessment:edit", args=[quiz.pk])
    assert client.get(edit).status_code == 200
    response = quiz.make_preview_request()
    assert response.status_code == 200
    html = response.content.decode()
    assert "Which are tea ceremony utensils?" in html and "Kyōto" not in html


def test_every_question_and_option_is_a_translation_segment(quiz):
    source, _ = TranslationSource.get_or_create_from_instance(quiz)
    texts = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    for expected in (
        "Heian quiz",
        "Which are tea ceremony utensils?",
        "Chasen",
        "Ikebana",
        "Flowers",
        "Kyōto",
        "Nara",
        "Yes, Heian-kyō.",
    ):
        assert expected in texts, expected


def test_a_quiz_needs_a_right_option():
    from django.core.exceptions import ValidationError

    from learning.assessments.blocks import SingleChoiceBlock

    block = SingleChoiceBlock()
    value = block.to_python(
        {
            "prompt": "?",
            "points": 1,
            "options": [{"text": "a", "correct": False}, {"text": "b", "correct": False}],
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)
    assert Assessment.objects.count() == 0
