"""The learner's assessment pages: the assessment with its history, the quiz, its autosave
and submit, and the results. Thin: the work is in attempts.py and presenting.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..models import AssessmentAttempt
from . import attempts as lifecycle
from .attempts import ERROR_STATUS, AttemptError, pinned_assessment, pinned_questions, standing
from .forms import answers_from_form
from .presenting import assessment_summary, attempt_view, review_rows, seconds_left


def _assessment(assessment_id):
    try:
        return lifecycle.canonical_assessment(assessment_id=assessment_id)
    except AttemptError:
        raise Http404 from None


def _own_attempt(request: HttpRequest, attempt_id) -> AssessmentAttempt:
    attempt = (
        AssessmentAttempt.objects.select_related("assessment", "revision")
        .filter(pk=attempt_id, learner=request.user)
        .first()
    )
    if attempt is None:
        raise Http404
    attempt.learner = request.user
    if (
        attempt.is_open
        and attempt.deadline
        and lifecycle.expire_due(learner=request.user, assessment=attempt.assessment)
    ):
        attempt.refresh_from_db()
    return attempt


def _message(exc: AttemptError) -> str:
    return {
        "not_enrolled": _("Enroll in the program to take this assessment."),
        "paused": _("Your enrollment is paused. Resume it to continue."),
        "open": _("An attempt is already in progress: continue it."),
        "max_attempts": _("You have used every attempt at this assessment."),
        "closed": _("This attempt has already been submitted."),
        "time_up": _("Time is up: the attempt was submitted with your saved answers."),
        "cooldown": _("You can try again in a few minutes."),
        "invalid": _("One of your answers does not fit its question. Check it and try again."),
    }.get(exc.code, exc.message)


@require_GET
@login_required
def assessment_page(request: HttpRequest, assessment_id) -> HttpResponse:
    assessment = _assessment(assessment_id)
    summary = assessment_summary(learner=request.user, assessment=assessment)
    return render(
        request,
        "learning/assessments/assessment.html",
        {
            "assessment": summary["assessment"],
            "summary": summary["data"],
            "record": summary["record"],
            "now": timezone.now(),
        },
    )


@require_POST
@login_required
def start_view(request: HttpRequest, assessment_id) -> HttpResponse:
    assessment = _assessment(assessment_id)
    try:
        attempt = lifecycle.start_attempt(learner=request.user, assessment=assessment)
    except AttemptError as exc:
        messages.error(request, _message(exc))
        return redirect("assessment", assessment_id=assessment.pk)
    return redirect("attempt", attempt_id=attempt.pk)


@require_GET
@login_required
def attempt_page(request: HttpRequest, attempt_id) -> HttpResponse:
    attempt = _own_attempt(request, attempt_id)
    record = standing(learner=request.user, assessment=attempt.assessment)
    view = attempt_view(attempt=attempt, record=record)
    context = {
        "attempt": attempt,
        "assessment": lifecycle.localized(attempt.assessment),
        "view": view,
        "record": record,
        "content": pinned_assessment(attempt),
    }
    if attempt.is_open:
        context["seconds_left"] = seconds_left(attempt)
        context["questions"] = _with_fields(view["questions"], attempt.answers)
        return render(request, "learning/assessments/attempt.html", context)
    context["rows"] = review_rows(attempt=attempt, view=view)
    return render(request, "learning/assessments/result.html", context)


def _with_fields(questions: list[dict], answers: dict) -> list[dict]:
    """Each question with its saved answer, ready for the form's fields."""
    for question in questions:
        answer = answers.get(question["id"])
        question["answer"] = answer
        if question["type"] == "ordering":
            order = answer or [option["key"] for option in question["options"]]
            places = {key: place for place, key in enumerate(order, start=1)}
            for option in question["options"]:
                option["place"] = places.get(option["key"])
            question["places"] = range(1, len(question["options"]) + 1)
        elif question["type"] == "matching":
            for prompt in question["prompts"]:
                prompt["chosen"] = (answer or {}).get(prompt["key"])
        elif question["type"] == "true_false":
            question["answer"] = "" if answer is None else ("true" if answer else "false")
    return questions


@require_POST
@login_required
def save_view(request: HttpRequest, attempt_id) -> HttpResponse:
    """The quiz page's autosave: the whole form, as JSON answers."""
    attempt = _own_attempt(request, attempt_id)
    answers = answers_from_form(request.POST, pinned_questions(attempt))
    try:
        attempt = lifecycle.save_answers(
            learner=request.user, attempt_id=attempt.pk, answers=answers
        )
    except AttemptError as exc:
        return JsonResponse({"message": _message(exc)}, status=ERROR_STATUS[exc.code])
    return JsonResponse({"saved": len(attempt.answers), "seconds_left": seconds_left(attempt)})


@require_POST
@login_required
def submit_view(request: HttpRequest, attempt_id) -> HttpResponse:
    attempt = _own_attempt(request, attempt_id)
    if attempt.is_open:
        answers = answers_from_form(request.POST, pinned_questions(attempt))
        try:
            lifecycle.submit_attempt(
                learner=request.user,
                attempt_id=attempt.pk,
                answers={k: v for k, v in answers.items() if v is not None},
            )
        except AttemptError as exc:
            (messages.warning if exc.code == "time_up" else messages.error)(request, _message(exc))
            if exc.code == "invalid":
                return redirect("attempt", attempt_id=attempt.pk)
        else:
            messages.success(request, _("Submitted. Here is how you did."))
    return redirect("attempt", attempt_id=attempt.pk)
