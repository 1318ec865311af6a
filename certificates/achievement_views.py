"""The learner's pages: streak goal, vacation and leaderboard choice; a program's weekly
leaderboard; dismissing the notice of a new achievement. Views stay thin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Locale

from learning.models import Enrollment

from .achievement_forms import GoalsForm
from .leaderboard import weekly_board
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
        "leaderboard_opt_in": bool(row and row.leaderboard_opt_in),
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


@require_http_methods(["GET"])
@login_required
def leaderboard_view(request: HttpRequest, program_id: int) -> HttpResponse:
    enrollment = (
        Enrollment.objects.filter(learner=request.user, program_id=program_id)
        .select_related("program")
        .first()
    )
    if enrollment is None:
        raise Http404
    program = enrollment.program
    localized = program.get_translation_or_none(_active_locale()) or program
    return render(
        request,
        "certificates/leaderboard.html",
        {
            "program_title": localized.title,
            "board": weekly_board(program=program, viewer=request.user),
        },
    )


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
