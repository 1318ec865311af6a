"""Instructors' screens in the Wagtail admin: attempts to grade, an attempt with its
answers and the grading form, and an assessment's item analysis with regrading."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.menu import MenuItem
from wagtail.models import Revision

from ..models import AssessmentAttempt, AttemptStatus, Enrollment
from . import gradebook, journey
from .attempts import pinned_assessment, pinned_questions
from .peer_review import overdue_for_staff
from .presenting import review_rows
from .staff import (
    StaffError,
    assessments_for_staff,
    attempts_for_staff,
    grade_project,
    grade_written,
    item_analysis,
    regrade,
)

PAGE_SIZE = 50


@require_admin_access
def attempts_index(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", AttemptStatus.AWAITING_GRADING)
    attempts = (
        attempts_for_staff(user=request.user)
        .select_related("learner", "assessment")
        .order_by("-submitted_at", "-started_at")
    )
    if status in AttemptStatus.values:
        attempts = attempts.filter(status=status)
    return render(
        request,
        "learning/assessments/admin/attempts.html",
        {
            "attempts": attempts[:PAGE_SIZE],
            "status": status,
            "statuses": AttemptStatus.choices,
            "assessments": assessments_for_staff(user=request.user).order_by("title"),
            "programs": journey.programs_for_staff(user=request.user).order_by("title"),
            "overdue": set(
                overdue_for_staff(
                    assessment_ids=assessments_for_staff(user=request.user).values("pk")
                ).values_list("pk", flat=True)
            ),
        },
    )


@require_admin_access
def attempt_detail(request: HttpRequest, attempt_id) -> HttpResponse:
    attempt = (
        attempts_for_staff(user=request.user)
        .select_related("learner", "assessment", "revision")
        .filter(pk=attempt_id)
        .first()
    )
    if attempt is None:
        raise Http404
    questions = pinned_questions(attempt)
    if request.method == "POST" and not attempt.assessment.is_quiz:
        return _grade_project(request, attempt)
    if request.method == "POST":
        try:
            grades = {
                qid: (
                    Decimal(request.POST.get(f"points-{qid}", "").replace(",", ".")),
                    request.POST.get(f"feedback-{qid}", "").strip(),
                )
                for qid, question in questions.items()
                if question.staff_graded and request.POST.get(f"points-{qid}", "").strip()
            }
            grade_written(
                staff=request.user,
                attempt_id=attempt.pk,
                grades=grades,
                feedback=request.POST.get("feedback", "").strip(),
            )
        except InvalidOperation:
            messages.error(request, _("Enter the points as a number."))
        except StaffError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Grade saved."))
            return redirect("assessment_admin_attempt", attempt_id=attempt.pk)
    view = {"review": [_staff_review(qid, attempt) for qid in questions]}
    rows = review_rows(attempt=attempt, view=view)
    for row, (qid, question) in zip(rows, questions.items(), strict=True):
        row["id"] = qid
        row["max"] = question.points
        row["staff_graded"] = question.staff_graded
    return render(
        request,
        "learning/assessments/admin/attempt.html",
        {
            "attempt": attempt,
            "rows": rows,
            "rubric": _rubric_form(attempt),
            "files": list(attempt.files.all()),
            "reviews": list(attempt.reviews.exclude(submitted_at=None)),
        },
    )


def _rubric_form(attempt: AssessmentAttempt) -> list[dict]:
    if attempt.assessment.is_quiz:
        return []
    chosen = (attempt.results.get("rubric") or {}).get("levels") or {}
    return [
        {
            "id": criterion.id,
            "title": criterion.value["title"],
            "description": criterion.value["description"],
            "levels": list(enumerate(criterion.value["levels"])),
            "chosen": chosen.get(criterion.id),
        }
        for criterion in pinned_assessment(attempt).rubric
    ]


def _grade_project(request: HttpRequest, attempt: AssessmentAttempt) -> HttpResponse:
    levels = {}
    for criterion in pinned_assessment(attempt).rubric:
        raw = request.POST.get(f"level-{criterion.id}", "")
        if raw.isdigit():
            levels[criterion.id] = int(raw)
    try:
        grade_project(
            staff=request.user,
            attempt_id=attempt.pk,
            levels=levels,
            feedback=request.POST.get("feedback", "").strip(),
        )
    except StaffError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Grade saved."))
    return redirect("assessment_admin_attempt", attempt_id=attempt.pk)


def _staff_review(qid: str, attempt: AssessmentAttempt) -> dict:
    result = attempt.results.get(qid) or {}
    return {
        "question_id": qid,
        "points": result.get("points", 0),
        "max_points": result.get("max", 0),
        "correct": result.get("correct"),
        "feedback": result.get("feedback", ""),
    }


@require_admin_access
def assessment_report(request: HttpRequest, assessment_id) -> HttpResponse:
    assessment = assessments_for_staff(user=request.user).filter(pk=assessment_id).first()
    if assessment is None:
        raise Http404
    if request.method == "POST":
        try:
            count = regrade(
                staff=request.user,
                assessment=assessment,
                from_revision_id=int(request.POST.get("revision", "0") or 0),
            )
        except (StaffError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", _("Choose a revision.")))
        else:
            message = ngettext("%(count)s attempt regraded.", "%(count)s attempts regraded.", count)
            messages.success(request, message % {"count": count})
        return redirect("assessment_admin_report", assessment_id=assessment.pk)
    taken = (
        AssessmentAttempt.objects.filter(assessment=assessment)
        .exclude(revision_id=assessment.live_revision_id)
        .values_list("revision_id", flat=True)
        .distinct()
    )
    return render(
        request,
        "learning/assessments/admin/report.html",
        {
            "assessment": assessment,
            "items": item_analysis(assessment=assessment),
            "revisions": Revision.objects.filter(pk__in=taken).order_by("-created_at"),
        },
    )


@require_admin_access
def gradebook_view(request: HttpRequest, program_id: int) -> HttpResponse:
    """A program's gradebook: its enrolled learners' grades, for its instructors."""
    program = journey.programs_for_staff(user=request.user).filter(pk=program_id).first()
    if program is None:
        raise Http404
    enrollments = list(
        Enrollment.objects.filter(program=program).select_related("learner").order_by("pk")[:500]
    )
    rows = gradebook.standings(program=program, learner_ids=[e.learner_id for e in enrollments])
    learners = {e.learner_id: e.learner for e in enrollments}
    return render(
        request,
        "learning/assessments/admin/gradebook.html",
        {
            "program": program,
            "rows": [(learners[row.learner_id], row) for row in rows],
            "courses": rows[0].courses if rows else [],
        },
    )


@hooks.register("register_admin_urls")
def register_grading_urls():
    return [
        path("grading/", attempts_index, name="assessment_admin_attempts"),
        path(
            "grading/attempts/<uuid:attempt_id>/", attempt_detail, name="assessment_admin_attempt"
        ),
        path("grading/gradebook/<int:program_id>/", gradebook_view, name="assessment_gradebook"),
        path(
            "grading/assessments/<uuid:assessment_id>/",
            assessment_report,
            name="assessment_admin_report",
        ),
    ]


class GradingMenuItem(MenuItem):
    def is_shown(self, request):
        return attempts_for_staff(user=request.user).exists() or request.user.is_superuser


@hooks.register("register_admin_menu_item")
def register_grading_menu_item():
    return GradingMenuItem(
        gettext_lazy("Grading"), reverse("assessment_admin_attempts"), icon_name="tasks", order=260
    )
