"""The demo's assessments: a quiz of every type per course in each language, a peer-reviewed
project, and quiz takers for the item analysis."""

import pytest

from culturedegree.demo.assessments import ensure_demo_assessments, ensure_quiz_takers
from learning.assessments.blocks import QuestionStreamBlock
from learning.assessments.staff import item_analysis
from learning.models import Assessment

from .journey_helpers import build_tree, translate_tree

pytestmark = pytest.mark.django_db


def test_every_course_gets_a_quiz_of_every_type_in_its_languages_and_takers():
    tree = build_tree(courses=2, items_per_course=1)
    translate_tree(tree, "fr")
    made = ensure_demo_assessments(programs=[tree.program], languages_of=lambda program: ["fr"])
    assert len(made) == 3
    quizzes = [a for a in made if a.assessment_type == "quiz"]
    every_type = set(QuestionStreamBlock().child_blocks)
    for quiz in quizzes:
        assert {child.block_type for child in quiz.questions} == every_type
        french = Assessment.objects.get(
            translation_key=quiz.translation_key, locale__language_code="fr"
        )
        assert french.live and french.title.startswith("Vérifiez vos acquis")
        assert [c.id for c in french.questions] == [c.id for c in quiz.questions]
    assert any(a.assessment_type == "peer_review" and a.rubric for a in made)
    assert ensure_demo_assessments(programs=[tree.program], languages_of=lambda p: ["fr"]) == made
    assert ensure_quiz_takers(quiz=quizzes[0], program=tree.program) == 6
    stats = item_analysis(assessment=quizzes[0])
    first = stats[0]
    assert first.answered == 6 and 0 < first.correct_rate <= 1
