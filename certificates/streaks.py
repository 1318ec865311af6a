"""Kind streaks: a daily or weekly goal, earned freezes and vacation, in the learner's days.

The streak is folded period by period (a day, or a week from Monday) from the learner's
daily activity records (learning.DailyActivity, whose days are already the learner's local
days). A met period adds one; a missed one is covered by a freeze if the learner holds one,
skipped while on vacation, and otherwise ends the streak. The period in progress never
breaks the streak, and counts once it is met. Every FREEZE_EVERY met periods earn a freeze,
up to MAX_FREEZES.

`fold` is pure (property-tested); `refresh` persists the fold through the last complete
period under the goals row's lock, before any change of goal or vacation, so a change never
rewrites periods already counted. Reads fold in memory, so a learner who stopped learning
(and so triggers no evaluation) still sees the streak as it stands today.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from learning.models import DailyActivity

from .journey import local_day
from .models import GoalKind, LearnerGoals
from .models.achievements import MAX_FREEZES

FREEZE_EVERY = {GoalKind.DAILY: 3, GoalKind.WEEKLY: 2}
FREEZES_USED_KEPT = 5
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Goal:
    kind: str = GoalKind.DAILY
    days_per_week: int = 3
    vacation_since: dt.date | None = None

    @property
    def need(self) -> int:
        return 1 if self.kind == GoalKind.DAILY else self.days_per_week


@dataclass(frozen=True)
class State:
    counted_through: dt.date | None = None
    current: int = 0
    longest: int = 0
    freezes: int = 0
    toward_freeze: int = 0
    freezes_used: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Streak:
    """What the learner sees."""

    goal: Goal
    current: int
    longest: int
    freezes: int
    freezes_used: tuple[str, ...]
    period_days_done: int  # active days in the period in progress
    period_met: bool
    on_vacation: bool


def period_start(day: dt.date, kind: str) -> dt.date:
    return day if kind == GoalKind.DAILY else day - dt.timedelta(days=day.weekday())


def period_end(day: dt.date, kind: str) -> dt.date:
    return day if kind == GoalKind.DAILY else period_start(day, kind) + dt.timedelta(days=6)


def _active_in(days: set[dt.date], start: dt.date, end: dt.date) -> int:
    return sum(1 for n in range((end - start).days + 1) if start + dt.timedelta(days=n) in days)


def fold(state: State, *, goal: Goal, days: set[dt.date], through: dt.date) -> State:
    """`state` advanced over every complete period ending on or before `through`."""
    if state.counted_through is not None:
        start = state.counted_through + DAY
    elif days:
        start = min(days)
    else:
        return state
    start = period_start(start, goal.kind)
    current, longest, freezes = state.current, state.longest, state.freezes
    toward, used = state.toward_freeze, list(state.freezes_used)
    counted_through = state.counted_through
    every = FREEZE_EVERY[goal.kind]
    while period_end(start, goal.kind) <= through:
        end = period_end(start, goal.kind)
        if _active_in(days, start, end) >= goal.need:
            current += 1
            longest = max(longest, current)
            toward += 1
            if toward >= every:
                toward = 0
                freezes = min(MAX_FREEZES, freezes + 1)
        elif goal.vacation_since is not None and end >= goal.vacation_since:
            pass  # paused
        elif current and freezes:
            freezes -= 1
            used = [*used, start.isoformat()][-FREEZES_USED_KEPT:]
        else:
            current, toward = 0, 0
        counted_through = end
        start = end + DAY
    return State(counted_through, current, longest, freezes, toward, tuple(used))


def last_complete_day(today: dt.date, kind: str) -> dt.date:
    """The last day of the last period that has ended before `today`'s."""
    return period_start(today, kind) - DAY


def view(state: State, *, goal: Goal, days: set[dt.date], today: dt.date) -> Streak:
    folded = fold(state, goal=goal, days=days, through=last_complete_day(today, goal.kind))
    start = period_start(today, goal.kind)
    done = _active_in(days, start, today)
    met = done >= goal.need
    current = folded.current + (1 if met else 0)
    return Streak(
        goal=goal,
        current=current,
        longest=max(folded.longest, current),
        freezes=folded.freezes,
        freezes_used=folded.freezes_used,
        period_days_done=done,
        period_met=met,
        on_vacation=goal.vacation_since is not None,
    )


def _today(learner) -> dt.date:
    return local_day(learner=learner, at=timezone.now())[0]


def _goal(row: LearnerGoals | None) -> Goal:
    if row is None:
        return Goal()
    return Goal(row.goal_kind, row.days_per_week, row.vacation_since)


def _state(row: LearnerGoals | None) -> State:
    if row is None:
        return State()
    return State(
        row.counted_through,
        row.current_streak,
        row.longest_streak,
        row.freezes,
        row.toward_freeze,
        tuple(row.freezes_used),
    )


def _days(learner, state: State, today: dt.date) -> set[dt.date]:
    rows = DailyActivity.objects.filter(learner=learner, day__lte=today)
    if state.counted_through is not None:
        # A week is folded whole: read from the Monday before, whatever the goal.
        rows = rows.filter(day__gt=state.counted_through - dt.timedelta(days=7))
    return set(rows.order_by().values_list("day", flat=True))


def streak_for(*, learner, row: LearnerGoals | bool | None = False) -> Streak:
    """The learner's streak as it stands today (two queries, one if `row` is given)."""
    if row is False:
        row = LearnerGoals.objects.filter(learner=learner).first()
    state = _state(row)
    today = _today(learner)
    return view(state, goal=_goal(row), days=_days(learner, state, today), today=today)


def refresh(*, learner) -> LearnerGoals:
    """Persist the fold through the last complete period; returns the locked row. Call
    inside a transaction (it opens one if there is none)."""
    with transaction.atomic():
        LearnerGoals.objects.get_or_create(learner=learner)
        row = LearnerGoals.objects.select_for_update().get(learner=learner)
        today = _today(learner)
        goal, state = _goal(row), _state(row)
        folded = fold(
            state,
            goal=goal,
            days=_days(learner, state, today),
            through=last_complete_day(today, goal.kind),
        )
        if folded != state:
            row.counted_through = folded.counted_through
            row.current_streak = folded.current
            row.longest_streak = folded.longest
            row.freezes = folded.freezes
            row.toward_freeze = folded.toward_freeze
            row.freezes_used = list(folded.freezes_used)
            row.save()
        return row


def change_goals(
    *,
    learner,
    goal_kind: str,
    days_per_week: int,
    on_vacation: bool,
) -> LearnerGoals:
    """Apply the learner's choices from the next period on; periods already over keep the
    goal and vacation they had."""
    with transaction.atomic():
        row = refresh(learner=learner)
        today = _today(learner)
        if on_vacation and row.vacation_since is None:
            row.vacation_since = today
        elif not on_vacation:
            row.vacation_since = None
        if goal_kind != row.goal_kind and row.counted_through is not None:
            # The new goal's periods start after the last one counted under the old goal.
            row.counted_through = max(row.counted_through, last_complete_day(today, goal_kind))
        row.goal_kind = goal_kind
        row.days_per_week = days_per_week
        row.save()
        return row
