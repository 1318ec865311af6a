"""The learner API of assessments: describe, start, save, submit and read attempts."""

import datetime as dt
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.http import FileResponse
from ninja import File, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from pydantic import BaseModel, ConfigDict, Field

from ..models import AssessmentAttempt
from . import attempts as lifecycle
from . import gradebook, journey
from .attempts import pinned_assessment
from .peer_review import assigned_reviews, submit_review
from .presenting import assessment_summary, attempt_view
from .projects import add_file, readable_files, remove_file

router = Router(tags=["assessments"])


class AnswersIn(BaseModel):
    """Answers by question id. Scores, correctness, numbers and owners are not accepted."""

    model_config = ConfigDict(extra="forbid")

    answers: dict[str, Any] = Field(..., max_length=200)


class AssessmentOut(Schema):
    id: UUID
    title: str
    type: str
    instructions: str
    module_id: int
    passing_score: int
    max_attempts: int | None
    time_limit_minutes: int | None
    cooldown_minutes: int
    grading_method: str
    review_option: str
    question_count: int
    attempts_used: int
    attempts_left: int | None
    grade: Decimal | None
    passed: bool
    open_attempt_id: UUID | None
    next_attempt_at: dt.datetime | None


class OptionOut(Schema):
    key: str
    text: str


class QuestionOut(Schema):
    id: str
    number: int
    type: str
    prompt: str
    points: int
    options: list[OptionOut]
    prompts: list[OptionOut]
    max_words: int | None = None


class QuestionReviewOut(Schema):
    question_id: str
    points: float
    max_points: float
    correct: bool | None
    feedback: str
    correct_answer: Any


class AttemptOut(Schema):
    id: UUID
    assessment_id: UUID
    attempt_number: int
    status: str
    started_at: dt.datetime
    deadline: dt.datetime | None
    seconds_left: int | None
    submitted_at: dt.datetime | None
    auto_submitted: bool
    questions: list[QuestionOut]
    answers: dict[str, Any]
    points: Decimal | None
    max_points: Decimal | None
    score: Decimal | None
    passed: bool | None
    feedback: str
    review: list[QuestionReviewOut] | None


class AttemptSummaryOut(Schema):
    id: UUID
    attempt_number: int
    status: str
    started_at: dt.datetime
    submitted_at: dt.datetime | None
    score: Decimal | None
    passed: bool | None


class FileOut(Schema):
    id: UUID
    name: str
    content_type: str
    size: int
    uploaded_at: dt.datetime


def _assessment(assessment_id: UUID):
    return lifecycle.canonical_assessment(assessment_id=assessment_id)


def _own_attempt(request, attempt_id: UUID) -> AssessmentAttempt:
    attempt = (
        AssessmentAttempt.objects.select_related("assessment", "revision", "learner")
        .filter(pk=attempt_id, learner=request.auth)
        .first()
    )
    if attempt is None:
        raise HttpError(404, "Unknown attempt.")
    if (
        attempt.is_open
        and attempt.deadline
        and lifecycle.expire_due(learner=request.auth, assessment=attempt.assessment)
    ):
        attempt.refresh_from_db()
    return attempt


@router.get("/assessments/{assessment_id}", response=AssessmentOut)
def get_assessment(request, assessment_id: UUID):
    """Rules and the caller's standing; questions are only given inside an attempt."""
    assessment = _assessment(assessment_id)
    return assessment_summary(learner=request.auth, assessment=assessment)["data"]


@router.get("/assessments/{assessment_id}/attempts", response=list[AttemptSummaryOut])
def list_attempts(request, assessment_id: UUID):
    assessment = _assessment(assessment_id)
    return AssessmentAttempt.objects.filter(learner=request.auth, assessment=assessment)


@router.post("/assessments/{assessment_id}/attempts", response={201: AttemptOut})
def start_attempt(request, assessment_id: UUID):
    assessment = _assessment(assessment_id)
    attempt = lifecycle.start_attempt(learner=request.auth, assessment=assessment)
    return Status(201, attempt_view(attempt=attempt))


@router.get("/attempts/{attempt_id}", response=AttemptOut)
def get_attempt(request, attempt_id: UUID):
    return attempt_view(attempt=_own_attempt(request, attempt_id))


@router.patch("/attempts/{attempt_id}", response=AttemptOut)
def save_attempt(request, attempt_id: UUID, payload: AnswersIn):
    """Autosave: merge these answers into the open attempt (null clears one)."""
    _own_attempt(request, attempt_id)
    attempt = lifecycle.save_answers(
        learner=request.auth, attempt_id=attempt_id, answers=payload.answers
    )
    return attempt_view(attempt=attempt)


@router.post("/attempts/{attempt_id}/submit", response=AttemptOut)
def submit_attempt(request, attempt_id: UUID):
    """Grade the attempt with its saved answers. A second submit answers 409."""
    attempt = lifecycle.submit_attempt(learner=request.auth, attempt_id=attempt_id)
    return attempt_view(attempt=attempt)


@router.post("/attempts/{attempt_id}/files", response={201: FileOut})
def upload_attempt_file(request, attempt_id: UUID, file: File[UploadedFile]):
    """A project's file (multipart, field `file`): PDF, PNG, JPEG, text, Markdown, DOCX,
    PPTX or ODT, checked by extension and content, at most PROJECT_FILE_MAX_BYTES."""
    stored = add_file(learner=request.auth, attempt_id=attempt_id, upload=file)
    return Status(201, stored)


@router.get("/attempts/{attempt_id}/files", response=list[FileOut])
def list_attempt_files(request, attempt_id: UUID):
    return _own_attempt(request, attempt_id).files.all()


@router.get("/attempt-files/{file_id}")
def download_attempt_file(request, file_id: UUID):
    """The file, as a download: to its learner, staff of the program, assigned reviewers."""
    stored = readable_files(user=request.auth).filter(pk=file_id).first()
    if stored is None:
        raise HttpError(404, "Unknown file.")
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.name,
        content_type=stored.content_type,
    )


@router.delete("/attempt-files/{file_id}", response={204: None})
def delete_attempt_file(request, file_id: UUID):
    remove_file(learner=request.auth, file_id=file_id)
    return Status(204, None)


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    levels: dict[str, int] = Field(..., max_length=50)
    comment: str = Field("", max_length=5000)


class LevelOut(Schema):
    label: str
    points: int


class CriterionOut(Schema):
    id: str
    title: str
    description: str
    levels: list[LevelOut]


class ReviewOut(Schema):
    id: UUID
    assessment_id: UUID
    text: str
    files: list[FileOut]
    criteria: list[CriterionOut]
    assigned_at: dt.datetime
    submitted_at: dt.datetime | None
    score: Decimal | None


def _review_out(review) -> dict:
    attempt = review.attempt
    return {
        "id": review.pk,
        "assessment_id": attempt.assessment_id,
        "text": attempt.answers.get("text", ""),
        "files": list(attempt.files.all()),
        "criteria": [
            {
                "id": criterion.id,
                "title": criterion.value["title"],
                "description": criterion.value["description"],
                "levels": [dict(level) for level in criterion.value["levels"]],
            }
            for criterion in pinned_assessment(attempt).rubric
        ],
        "assigned_at": review.assigned_at,
        "submitted_at": review.submitted_at,
        "score": review.score,
    }


@router.get("/reviews/assigned", response=list[ReviewOut])
def assigned(request, assessment_id: UUID):
    """The caller's peer reviews of the assessment, anonymous; the next submission is
    assigned when none is open (fewest reviews first, never the caller's own)."""
    assessment = _assessment(assessment_id)
    reviews = assigned_reviews(reviewer=request.auth, assessment=assessment)
    return [_review_out(review) for review in reviews]


@router.post("/reviews/{review_id}", response=ReviewOut)
def send_review(request, review_id: UUID, payload: ReviewIn):
    """Levels by criterion id (the index of the level) and a comment for the author."""
    review = submit_review(
        reviewer=request.auth,
        review_id=review_id,
        levels=payload.levels,
        comment=payload.comment,
    )
    return _review_out(review)


class GradeLineOut(Schema):
    id: str
    title: str
    type: str
    grade: Decimal
    attempted: bool


class CourseGradeOut(Schema):
    id: int
    title: str
    weight: Decimal
    grade: Decimal | None
    assessments: list[GradeLineOut]


class GradesOut(Schema):
    program_id: int
    final_grade: Decimal | None
    courses: list[CourseGradeOut]


@router.get("/grades", response=GradesOut)
def grades(request, program_id: int):
    """The caller's standing in a program: per assessment, per course and the final grade
    (weighted, lowest dropped, as the program's gradebook policy says)."""
    try:
        program = journey.resolve_program(page_id=program_id)
    except journey.NotFound:
        raise HttpError(404, "Unknown program.") from None
    [standing] = gradebook.standings(program=program, learner_ids=[request.auth.pk])
    return {
        "program_id": program.pk,
        "final_grade": standing.final_grade,
        "courses": standing.courses,
    }
