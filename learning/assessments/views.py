"""The learner's assessment pages: the assessment with its history, the quiz, its autosave
and submit, and the results. Thin: the work is in attempts.py and presenting.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..models import AssessmentAttempt, AttemptStatus
from . import attempts as lifecycle
from .attempts import AttemptError, pinned_assessment, pinned_questions
from .forms import answers_from_form
from .peer_review import assigned_reviews, peer_feedback, submit_review
from .presenting import assessment_summary, attempt_view, review_rows, rubric_rows, seconds_left
from .projects import add_file, readable_files, remove_file
from .standing import standing


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
    context["files"] = list(attempt.files.all())
    if attempt.is_open:
        context["seconds_left"] = seconds_left(attempt)
        context["questions"] = _with_fields(view["questions"], attempt.answers)
        return render(request, "learning/assessments/attempt.html", context)
    context["rows"] = review_rows(attempt=attempt, view=view)
    context["rubric_rows"] = rubric_rows(attempt=attempt) if view["review"] is not None else []
    context["peer_feedback"] = (
        peer_feedback(attempt) if attempt.status == AttemptStatus.GRADED else []
    )
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
    answers = _form_answers(request, attempt)
    try:
        attempt = lifecycle.save_answers(
            learner=request.user, attempt_id=attempt.pk, answers=answers
        )
    except AttemptError as exc:
        return JsonResponse({"message": _message(exc)}, status=exc.status)
    return JsonResponse({"saved": len(attempt.answers), "seconds_left": seconds_left(attempt)})


@require_POST
@login_required
def submit_view(request: HttpRequest, attempt_id) -> HttpResponse:
    attempt = _own_attempt(request, attempt_id)
    if attempt.is_open:
        answers = _form_answers(request, attempt)
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


def _form_answers(request: HttpRequest, attempt: AssessmentAttempt) -> dict:
    if not attempt.assessment.is_quiz:
        return {"text": request.POST.get("text", "")}
    return answers_from_form(request.POST, pinned_questions(attempt))


@require_POST
@login_required
def upload_view(request: HttpRequest, attempt_id) -> HttpResponse:
    """A project's file, from the attempt page's upload form."""
    attempt = _own_attempt(request, attempt_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file first."))
    else:
        try:
            add_file(learner=request.user, attempt_id=attempt.pk, upload=upload)
        except AttemptError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("File added."))
    return redirect("attempt", attempt_id=attempt.pk)


@require_POST
@login_required
def remove_file_view(request: HttpRequest, file_id) -> HttpResponse:
    stored = readable_files(user=request.user).filter(pk=file_id, attempt__learner=request.user)
    stored = stored.select_related("attempt").first()
    if stored is None:
        raise Http404
    try:
        remove_file(learner=request.user, file_id=stored.pk)
    except AttemptError as exc:
        messages.error(request, exc.message)
    return redirect("attempt", attempt_id=stored.attempt_id)


@require_GET
@login_required
def download_view(request: HttpRequest, file_id) -> HttpResponse:
    """A project file, always as a download, to those readable_files allows."""
    stored = readable_files(user=request.user).filter(pk=file_id).first()
    if stored is None:
        raise Http404
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.name,
        content_type=stored.content_type,
    )


def _review_cards(reviews) -> list[dict]:
    """Each assigned submission as the reviewer sees it: text, files, rubric; no names."""
    cards = []
    for review in reviews:
        attempt = review.attempt
        cards.append(
            {
                "review": review,
                "text": attempt.answers.get("text", ""),
                "files": list(attempt.files.all()),
                "content": pinned_assessment(attempt),
                "criteria": [
                    {
                        "id": criterion.id,
                        "title": criterion.value["title"],
                        "description": criterion.value["description"],
                        "levels": list(enumerate(criterion.value["levels"])),
                        "chosen": review.levels.get(criterion.id),
                    }
                    for criterion in pinned_assessment(attempt).rubric
                ],
            }
        )
    return cards


@require_GET
@login_required
def reviews_page(request: HttpRequest, assessment_id) -> HttpResponse:
    """The learner's peer reviews of an assessment; the next submission is assigned when
    they have none open."""
    assessment = _assessment(assessment_id)
    try:
        reviews = assigned_reviews(reviewer=request.user, assessment=assessment)
    except AttemptError as exc:
        messages.info(request, exc.message)
        return redirect("assessment", assessment_id=assessment.pk)
    return render(
        request,
        "learning/assessments/reviews.html",
        {"assessment": lifecycle.localized(assessment), "cards": _review_cards(reviews)},
    )


@require_POST
@login_required
def review_submit_view(request: HttpRequest, review_id) -> HttpResponse:
    from ..models import ReviewAssignment

    review = (
        ReviewAssignment.objects.filter(pk=review_id, reviewer=request.user)
        .select_related("attempt")
        .first()
    )
    if review is None:
        raise Http404
    levels = {
        key.removeprefix("level-"): int(value)
        for key, value in request.POST.items()
        if key.startswith("level-") and value.isdigit()
    }
    try:
        submit_review(
            reviewer=request.user,
            review_id=review.pk,
            levels=levels,
            comment=request.POST.get("comment", "").strip(),
        )
    except AttemptError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you: your review was sent."))
    return redirect("assessment_reviews", assessment_id=review.attempt.assessment_id)
