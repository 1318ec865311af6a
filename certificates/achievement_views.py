"""The learner's pages: streak goal and vacation; a program's weekly leaderboard and the
choice to appear on it; dismissing the notice of a new achievement. Views stay thin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Locale

from learning.models import Enrollment, EnrollmentStatus

from .achievement_forms import GoalsForm, LeaderboardAppearanceForm
from .leaderboard import set_appearance, weekly_board
from .models import LearnerGoals, UserAchievement
from .streaks import change_goals, streak_for


@require_http_methods(["GET", "POST"])
@login_required
def goals_view(request: HttpRequest) -> HttpResponse:
    row = LearnerGoals.objects.filter(learner=request.user).first()
    initial = {
        "goal_kind": row.goal_kind if row else "daily",
        "days_per_week": row.days_per_week if row else 3,
        "on_vacation": bool(row and row.vacation_since),
    }
    form = GoalsForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            change_goals(learner=request.user, **form.cleaned_data)
            messages.success(request, _("Your goals are saved."))
            return redirect("learning_goals")
        status = 400
    else:
        status = 200
    return render(
        request,
        "certificates/goals.html",
        {"form": form, "streak": streak_for(learner=request.user, row=row)},
        status=status,
    )


def _enrollment(request: HttpRequest, program_id: int) -> Enrollment:
    """The caller's enrollment in the program; 404 for a program they never enrolled in."""
    enrollment = (
        Enrollment.objects.filter(learner=request.user, program_id=program_id)
        .select_related("program")
        .first()
    )
    if enrollment is None:
        raise Http404
    return enrollment


def _leaderboard_page(request, enrollment, form=None, status=200) -> HttpResponse:
    program = enrollment.program
    localized = program.get_translation_or_none(_active_locale()) or program
    board = weekly_board(program=program, viewer=request.user)
    may_appear = enrollment.status != EnrollmentStatus.DROPPED
    return render(
        request,
        "certificates/leaderboard.html",
        {
            "program_id": program.pk,
            "program_title": localized.title,
            "board": board,
            "may_appear": may_appear,
            "appearing": board.viewer_opted_in and may_appear,
            "form": form,
        },
        status=status,
    )


@require_http_methods(["GET"])
@login_required
def leaderboard_view(request: HttpRequest, program_id: int) -> HttpResponse:
    return _leaderboard_page(request, _enrollment(request, program_id))


@require_POST
@login_required
def leaderboard_appearance_view(request: HttpRequest, program_id: int) -> HttpResponse:
    """Appear on the program's weekly leaderboard, or stop. Only a learner enrolled in the
    program (who has not left it) may appear; anyone else gets 404."""
    enrollment = _enrollment(request, program_id)
    if enrollment.status == EnrollmentStatus.DROPPED:
        raise Http404
    form = LeaderboardAppearanceForm(request.POST)
    if not form.is_valid():
        return _leaderboard_page(request, enrollment, form=form, status=400)
    appear = form.cleaned_data["appear"]
    set_appearance(learner=request.user, program=enrollment.program, appear=appear)
    if appear:
        messages.success(request, _("You now appear on this leaderboard."))
    else:
        messages.success(request, _("You no longer appear on this leaderboard."))
    return redirect("program_leaderboard", program_id=enrollment.program_id)


def _active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


@require_POST
@login_required
def dismiss_view(request: HttpRequest, award_id) -> HttpResponse:
    updated = UserAchievement.objects.filter(
        pk=award_id, learner=request.user, earned_at__isnull=False
    ).update(seen_at=timezone.now())
    if not updated:
        raise Http404
    return redirect(reverse("my_learning"))
