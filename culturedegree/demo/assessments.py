"""Demo assessments: every demo course gets a quiz using every question type, in English and
in each language its program is translated into; one course gets a peer-reviewed project;
a few learners take the first quiz so the item analysis has something to read."""

import uuid
from decimal import Decimal

from wagtail.models import Locale

from learning.assessments.attempts import (
    AttemptError,
    pinned_questions,
    start_attempt,
    submit_attempt,
)
from learning.assessments.staff import grade_written
from learning.journey.access import resolve_item
from learning.journey.enrollment import enroll
from learning.journey.progress import complete_item
from learning.journey.structure import program_structure
from learning.models import Assessment, CoursePage, ModulePage

from .foundation import ensure_user

NAMESPACE = uuid.UUID("6f1f7a52-8c0e-4d67-9d35-3c9b1f3f2a11")

# (English, French) for every text; the right answers are the first option unless marked.
QUESTIONS = [
    (
        "single_choice",
        "Which idea runs through this course?",
        "Quelle idée traverse ce cours ?",
        [
            ("Attention to the everyday", "L'attention au quotidien", True),
            ("Speed above all", "La vitesse avant tout", False),
            ("Perfect symmetry", "La symétrie parfaite", False),
        ],
    ),
    (
        "multiple_choice",
        "Which of these did the lessons ask you to do?",
        "Lesquelles de ces actions les leçons vous ont-elles demandées ?",
        [
            ("Look closely", "Regarder de près", True),
            ("Listen", "Écouter", True),
            ("Memorise dates only", "Ne retenir que des dates", False),
        ],
    ),
    (
        "true_false",
        "Traditions change as people live them.",
        "Les traditions changent à mesure qu'on les vit.",
        "true",
    ),
    (
        "short_answer",
        "In one word: what do you bring to a work of art?",
        "En un mot : qu'apportez-vous à une œuvre ?",
        ["attention", "attention"],
    ),
    (
        "numeric",
        "How many question types does this quiz use?",
        "Combien de types de questions ce quiz utilise-t-il ?",
        8,
    ),
    (
        "ordering",
        "Put the steps of studying a work in order.",
        "Mettez dans l'ordre les étapes de l'étude d'une œuvre.",
        [("Look", "Regarder"), ("Describe", "Décrire"), ("Interpret", "Interpréter")],
    ),
    (
        "matching",
        "Match each sense to what it takes in.",
        "Associez chaque sens à ce qu'il perçoit.",
        [("Sight", "Vue", "Colour", "Couleur"), ("Hearing", "Ouïe", "Rhythm", "Rythme")],
    ),
    (
        "essay",
        "What will you notice differently after this course?",
        "Que remarquerez-vous autrement après ce cours ?",
        None,
    ),
]

RUBRIC = [
    ("Observation", "Observation", [("Vague", "Vague", 0), ("Precise", "Précise", 4)]),
    (
        "Sources",
        "Sources",
        [("None", "Aucune", 0), ("Some", "Quelques-unes", 2), ("Well chosen", "Bien choisies", 4)],
    ),
]


def _qid(key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, key))


def quiz_stream(course_slug: str, language: str) -> list[dict]:
    pick = 0 if language == "en" else 1
    stream = []
    for n, (kind, en, fr, data) in enumerate(QUESTIONS):
        value = {
            "prompt": (en, fr)[pick],
            "points": 2 if kind == "essay" else 1,
            "feedback_correct": ("Well seen.", "Bien vu.")[pick],
            "feedback_incorrect": ("Look at the lessons again.", "Revoyez les leçons.")[pick],
        }
        if kind in ("single_choice", "multiple_choice"):
            value["options"] = [{"text": o[pick], "correct": o[2]} for o in data]
        elif kind == "true_false":
            value["answer"] = data
        elif kind == "short_answer":
            value["accepted"] = [data[pick]]
        elif kind == "numeric":
            value["answer"], value["tolerance"] = data, 0
        elif kind == "ordering":
            value["items"] = [o[pick] for o in data]
        elif kind == "matching":
            value["pairs"] = [{"left": p[pick], "right": p[2 + pick]} for p in data]
        stream.append({"type": kind, "value": value, "id": _qid(f"{course_slug}:{n}")})
    return stream


def rubric_stream(key: str, language: str) -> list[dict]:
    pick = 0 if language == "en" else 1
    return [
        {
            "type": "criterion",
            "value": {
                "title": (en, fr)[pick],
                "description": "",
                "levels": [{"label": level[pick], "points": level[2]} for level in levels],
            },
            "id": _qid(f"{key}:rubric:{n}"),
        }
        for n, (en, fr, levels) in enumerate(RUBRIC)
    ]


def _ensure(*, module: ModulePage, title: tuple[str, str], languages, **fields) -> Assessment:
    existing = Assessment.objects.filter(module=module, title=title[0]).first()
    if existing:
        return existing
    stream = fields.pop("stream")
    assessment = Assessment(
        module=module, locale=module.locale, title=title[0], **fields, **stream("en")
    )
    assessment.save()
    assessment.save_revision().publish()
    assessment.refresh_from_db()
    for language in languages:
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            continue
        copy = assessment.copy_for_translation(locale)
        copy.title = title[1]
        for name, value in stream(language).items():
            setattr(copy, name, value)
        copy.save()
        copy.save_revision().publish()
    return assessment


def ensure_demo_assessments(*, programs, languages_of) -> list[Assessment]:
    """A quiz per course (on its last module), a peer-reviewed project on the first course."""
    made = []
    for program in programs:
        languages = languages_of(program)
        for index, course in enumerate(
            CoursePage.objects.child_of(program).live().order_by("path")
        ):
            module = ModulePage.objects.child_of(course).live().order_by("path").last()
            if module is None:
                continue
            made.append(
                _ensure(
                    module=module,
                    title=(
                        f"Check your understanding: {course.title}",
                        f"Vérifiez vos acquis : {course.title}",
                    ),
                    languages=languages,
                    max_attempts=3,
                    time_limit_minutes=20,
                    passing_score=60,
                    stream=lambda lang, slug=course.slug: {"questions": quiz_stream(slug, lang)},
                )
            )
            if index == 0 and program == programs[0]:
                made.append(
                    _ensure(
                        module=module,
                        title=(
                            "Field notes: a peer-reviewed project",
                            "Carnet de terrain : un projet évalué par les pairs",
                        ),
                        languages=languages,
                        assessment_type="peer_review",
                        instructions="Describe one object you looked at closely this week.",
                        review_count=2,
                        review_days=7,
                        max_attempts=2,
                        stream=lambda lang, slug=course.slug: {"rubric": rubric_stream(slug, lang)},
                    )
                )
    return made


def ensure_quiz_takers(*, quiz: Assessment, program, count: int = 6) -> int:
    """Learners whose attempts make the item analysis meaningful: from weak to strong."""
    taken = 0
    for n in range(count):
        learner = ensure_user(
            f"quiz-taker-{n + 1}@example.com", "demo-learner-2026", name=f"Quiz taker {n + 1}"
        )
        if quiz.attempts.filter(learner=learner).exists():
            continue
        enroll(learner=learner, program=program)
        try:
            attempt = start_attempt(learner=learner, assessment=quiz)
        except AttemptError:
            continue
        answers = correct_answers(attempt, right=n + 2)  # stronger takers get more right
        submit_attempt(learner=learner, attempt_id=attempt.pk, answers=answers)
        taken += 1
    return taken


def correct_answers(attempt, *, right: int | None = None) -> dict:
    """The right answers to the first `right` questions of the attempt (all by default);
    essays are left for staff to grade."""
    answers = {}
    for position, (qid, question) in enumerate(pinned_questions(attempt).items()):
        if right is not None and position >= right:
            break
        if question.kind == "single_choice":
            answers[qid] = next(o.key for o in question.options if o.correct)
        elif question.kind == "multiple_choice":
            answers[qid] = [o.key for o in question.options if o.correct]
        elif question.kind == "true_false":
            answers[qid] = question.answer == "true"
        elif question.kind == "short_answer":
            answers[qid] = question.accepted[0]
        elif question.kind == "numeric":
            answers[qid] = question.answer
        elif question.kind == "ordering":
            answers[qid] = [o.key for o in question.options]
        elif question.kind == "matching":
            answers[qid] = {p.left_key: p.right_key for p in question.pairs}
        elif question.kind == "essay":
            answers[qid] = "The piece keeps its memory in the voice that carries it."
    return answers


def pass_program_quizzes(*, learner, program, staff) -> int:
    """The learner finishes the program as a good student would, course by course (a course
    waiting on another opens once that one's items are done and its quiz is passed): every
    item completed, right answers submitted, essays graded by staff. Idempotent; returns how
    many quizzes were passed now."""
    passed = 0
    for outline in program_structure(program=program).courses.values():
        for item_id in outline.item_ids:
            complete_item(learner=learner, item=resolve_item(page_id=item_id))
        course = CoursePage.objects.get(pk=outline.id)
        quizzes = Assessment.objects.filter(
            module__path__startswith=course.path,
            locale=program.locale,
            assessment_type="quiz",
            live=True,
        ).order_by("module__path")
        for quiz in quizzes:
            if quiz.attempts.filter(learner=learner, passed=True).exists():
                continue
            attempt = start_attempt(learner=learner, assessment=quiz)
            submit_attempt(learner=learner, attempt_id=attempt.pk, answers=correct_answers(attempt))
            essays = {
                qid: (Decimal(question.points), "A thoughtful answer.")
                for qid, question in pinned_questions(attempt).items()
                if question.staff_graded
            }
            if essays:
                grade_written(
                    staff=staff, attempt_id=attempt.pk, grades=essays, feedback="Well done."
                )
            passed += 1
    return passed
