"""The assessments bench database: a 20-question quiz using every question type, learners
enrolled in its program, and the wrk target lists. Run by bench/assessments/run.py.

    seed.py seed --learners N     # once per database; prints {"assessment": id, "learners": N}
    seed.py starts FILE           # closes the bench's attempts, a fresh session per learner,
                                  # one start request per learner
    seed.py answers FILE          # opens an attempt for every learner still without one, then
                                  # for each: its 20 right answers (PATCH) and its submit
                                  # (POST), written to FILE.save / FILE.submit

The quiz allows unlimited attempts (max_attempts 0) with no cooldown and no time limit, so
every run starts one attempt per learner again. Target files are Lua tables read by wrk.
"""

import json
import os
import secrets
import sys
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.tree import bench_tree  # noqa: E402
from culturedegree.demo.assessments import quiz_stream  # noqa: E402
from culturedegree.models import User  # noqa: E402
from learning.assessments.attempts import pinned_questions  # noqa: E402
from learning.assessments.questions import draw  # noqa: E402
from learning.journey.enrollment import enroll  # noqa: E402
from learning.models import (  # noqa: E402
    Assessment,
    AssessmentAttempt,
    AssessmentPass,
    AttemptStatus,
)

TITLE = "Bench quiz: twenty questions"
QUESTIONS = 20
EMAIL = "assessment-bench-{n}@example.com"


def the_quiz() -> Assessment:
    return Assessment.objects.get(title=TITLE, locale__language_code="en")


def seed(learners: int) -> dict:
    program, _course, module = bench_tree()
    quiz = Assessment.objects.filter(title=TITLE).first()
    if quiz is None:
        # The demo's eight question types, three times over, cut at twenty.
        stream = [q for k in range(3) for q in quiz_stream(f"bench-{k}", "en")][:QUESTIONS]
        quiz = Assessment(
            module=module,
            locale=module.locale,
            title=TITLE,
            max_attempts=0,
            cooldown_minutes=0,
            time_limit_minutes=None,
            passing_score=60,
            questions=stream,
        )
        quiz.save()
        quiz.save_revision().publish()
    have = User.objects.filter(email__startswith="assessment-bench-").count()
    for n in range(have, learners):
        # No password: the bench signs learners in with sessions made here (session_key_for).
        learner = User.objects.create(email=EMAIL.format(n=n), name=f"Bench Learner {n}")
        enroll(learner=learner, program=program)
    return {"assessment": str(quiz.pk), "learners": max(have, learners)}


def session_key_for(user) -> str:
    """A signed-in session, whose key allauth's headless API takes as X-Session-Token."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


def write_targets(path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    """(method, path, token, body) rows as a Lua table."""
    with path.open("w") as out:
        out.write("return {\n")
        for method, url, token, body in rows:
            out.write(
                f'  {{method = "{method}", path = "{url}", token = "{token}", '
                f"body = {lua_string(body)}}},\n"
            )
        out.write("}\n")


def starts(path: Path) -> int:
    """Close the last run's attempts (deleted: each run starts from none), then a start
    request per learner, each with a fresh session token."""
    quiz = the_quiz()
    with transaction.atomic():
        AssessmentPass.objects.filter(assessment=quiz).delete()
        AssessmentAttempt.objects.filter(assessment=quiz).delete()
    url = f"/api/v1/assessments/{quiz.pk}/attempts"
    learners = User.objects.filter(email__startswith="assessment-bench-").order_by("email")
    rows = [("POST", url, session_key_for(learner), "") for learner in learners]
    write_targets(path, rows)
    return len(rows)


def right_answer(question, qid: str):
    kind = question.kind
    if kind == "single_choice":
        return next(o.key for o in question.options if o.correct)
    if kind == "multiple_choice":
        return [o.key for o in question.options if o.correct]
    if kind == "true_false":
        return question.answer == "true"
    if kind == "short_answer":
        return question.accepted[0]
    if kind == "numeric":
        return question.answer
    if kind == "ordering":
        return [o.key for o in question.options]
    if kind == "matching":
        return {p.left_key: p.right_key for p in question.pairs}
    return f"An essay for question {qid}: attention to the everyday, looked at closely."


def open_the_rest(quiz: Assessment) -> int:
    """An open attempt for every learner the start row did not reach, made directly as
    start_attempt makes one, so that the submit row has one attempt per learner to submit."""
    now = timezone.now()
    question_ids = [child.id for child in quiz.questions]
    learners = (
        User.objects.filter(email__startswith="assessment-bench-")
        .exclude(
            pk__in=AssessmentAttempt.objects.filter(
                assessment=quiz, status=AttemptStatus.IN_PROGRESS
            ).values("learner_id")
        )
        .annotate(used=Count("assessment_attempts", filter=Q(assessment_attempts__assessment=quiz)))
    )
    made = []
    for learner in learners:
        seed = secrets.randbits(62)
        made.append(
            AssessmentAttempt(
                learner=learner,
                assessment=quiz,
                revision_id=quiz.live_revision_id,
                attempt_number=learner.used + 1,
                started_at=now,
                seed=seed,
                question_ids=draw(question_ids, pool_size=quiz.pool_size, seed=seed),
            )
        )
    AssessmentAttempt.objects.bulk_create(made)
    return len(made)


def answers(path: Path) -> int:
    """For every open attempt of the quiz: a PATCH with its 20 answers, and its submit."""
    quiz = the_quiz()
    open_the_rest(quiz)
    attempts = AssessmentAttempt.objects.filter(
        assessment=quiz, status=AttemptStatus.IN_PROGRESS
    ).select_related("assessment", "revision", "learner")
    save, submit = [], []
    for attempt in attempts:
        body = json.dumps(
            {
                "answers": {
                    qid: right_answer(question, qid)
                    for qid, question in pinned_questions(attempt).items()
                }
            }
        )
        token = session_key_for(attempt.learner)
        save.append(("PATCH", f"/api/v1/attempts/{attempt.pk}", token, body))
        submit.append(("POST", f"/api/v1/attempts/{attempt.pk}/submit", token, ""))
    write_targets(path.with_suffix(".save"), save)
    write_targets(path.with_suffix(".submit"), submit)
    return len(save)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "seed":
        print(json.dumps(seed(int(sys.argv[3]) if len(sys.argv) > 3 else 2000)))
    elif command == "starts":
        print(starts(Path(sys.argv[2])))
    elif command == "answers":
        print(answers(Path(sys.argv[2])))
    else:
        sys.exit(f"Unknown command {command}: seed, starts or answers.")
