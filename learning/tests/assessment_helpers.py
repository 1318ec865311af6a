"""Builders for the assessment tests: a quiz with every question type, and its answers."""

from learning.assessments.attempts import pinned_questions
from learning.models import Assessment

EVERY_TYPE = [
    (
        "single_choice",
        {
            "prompt": "Which city was Japan's capital for a thousand years?",
            "points": 1,
            "feedback_correct": "Yes, Heian-kyō.",
            "feedback_incorrect": "Think of Heian-kyō.",
            "options": [
                {"text": "Kyoto", "correct": True},
                {"text": "Osaka", "correct": False},
                {"text": "Sapporo", "correct": False},
            ],
        },
    ),
    (
        "multiple_choice",
        {
            "prompt": "Which are tea ceremony utensils?",
            "points": 2,
            "options": [
                {"text": "Chasen", "correct": True},
                {"text": "Chawan", "correct": True},
                {"text": "Katana", "correct": False},
            ],
        },
    ),
    ("true_false", {"prompt": "Wabi-sabi values imperfection.", "points": 1, "answer": "true"}),
    (
        "short_answer",
        {"prompt": "Name the old capital.", "points": 1, "accepted": ["Kyōto", "京都"]},
    ),
    (
        "numeric",
        {"prompt": "The Heian period began in?", "points": 1, "answer": 794, "tolerance": 0},
    ),
    (
        "ordering",
        {"prompt": "Order the periods.", "points": 1, "items": ["Nara", "Heian", "Kamakura"]},
    ),
    (
        "matching",
        {
            "prompt": "Match each art to its material.",
            "points": 1,
            "pairs": [
                {"left": "Ikebana", "right": "Flowers"},
                {"left": "Shodō", "right": "Ink"},
                {"left": "Raku", "right": "Clay"},
            ],
        },
    ),
    ("essay", {"prompt": "What does the tea ceremony teach?", "points": 2}),
]


def build_assessment(module, *, questions=None, title="Heian quiz", **rules) -> Assessment:
    """A live assessment of `module` (default: every type but the essay, auto-graded)."""
    questions = questions if questions is not None else [q for q in EVERY_TYPE if q[0] != "essay"]
    assessment = Assessment(
        module=module,
        locale=module.locale,
        title=title,
        instructions="Answer every question.",
        questions=questions,
        **rules,
    )
    assessment.save()
    assessment.save_revision().publish()
    assessment.refresh_from_db()
    return assessment


def right_answers(attempt) -> dict:
    """Every question of the attempt answered right (read from the server side)."""
    answers = {}
    for qid, q in pinned_questions(attempt).items():
        if q.kind == "single_choice":
            answers[qid] = next(o.key for o in q.options if o.correct)
        elif q.kind == "multiple_choice":
            answers[qid] = [o.key for o in q.options if o.correct]
        elif q.kind == "true_false":
            answers[qid] = q.answer == "true"
        elif q.kind == "short_answer":
            answers[qid] = "kyoto"
        elif q.kind == "numeric":
            answers[qid] = 794
        elif q.kind == "ordering":
            answers[qid] = [o.key for o in q.options]
        elif q.kind == "matching":
            answers[qid] = {p.left_key: p.right_key for p in q.pairs}
        elif q.kind == "essay":
            answers[qid] = "Hospitality is attention."
    return answers


def wrong_answers(attempt) -> dict:
    answers = {}
    for qid, q in pinned_questions(attempt).items():
        if q.kind == "single_choice":
            answers[qid] = next(o.key for o in q.options if not o.correct)
        elif q.kind == "multiple_choice":
            answers[qid] = [o.key for o in q.options if not o.correct]
        elif q.kind == "true_false":
            answers[qid] = q.answer != "true"
        elif q.kind == "short_answer":
            answers[qid] = "Osaka"
        elif q.kind == "numeric":
            answers[qid] = 1000
        elif q.kind == "ordering":
            answers[qid] = [o.key for o in reversed(q.options)]
        elif q.kind == "matching":
            keys = [p.right_key for p in q.pairs]
            answers[qid] = {p.left_key: keys[(i + 1) % len(keys)] for i, p in enumerate(q.pairs)}
    return answers


RUBRIC = [
    (
        "criterion",
        {
            "title": "Sources",
            "description": "Primary sources, cited.",
            "levels": [
                {"label": "None", "points": 0},
                {"label": "Some", "points": 2},
                {"label": "Well chosen", "points": 4},
            ],
        },
    ),
    (
        "criterion",
        {
            "title": "Argument",
            "description": "",
            "levels": [{"label": "Unclear", "points": 0}, {"label": "Clear", "points": 6}],
        },
    ),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build_project(module, *, peer=False, **rules):
    return build_assessment(
        module,
        questions=[],
        title="Tea house essay",
        assessment_type="peer_review" if peer else "project",
        rubric=RUBRIC,
        **rules,
    )


def criterion_ids(assessment) -> list[str]:
    return [child.id for child in assessment.rubric]
