from django import forms
from django.utils.translation import gettext_lazy as _

from .models import GoalKind


class GoalsForm(forms.Form):
    goal_kind = forms.ChoiceField(
        label=_("Streak goal"), choices=GoalKind.choices, widget=forms.RadioSelect
    )
    days_per_week = forms.TypedChoiceField(
        label=_("Days a week"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 8)],
        help_text=_("For a weekly goal: on how many days of each week you want to learn."),
    )
    on_vacation = forms.BooleanField(
        label=_("Vacation mode: pause my streak"),
        required=False,
        help_text=_("Days and weeks while on vacation neither add to nor break your streak."),
    )


class LeaderboardAppearanceForm(forms.Form):
    """Appear on a program's weekly leaderboard, or stop: the state asked for, not a flip."""

    appear = forms.TypedChoiceField(
        label=_("Appear on this leaderboard"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Choose whether to appear on this leaderboard.")},
    )
