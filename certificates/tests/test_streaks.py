"""Kind streaks: daily or weekly goals, earned freezes, vacation, in the learner's days."""

import datetime as dt

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from certificates.models import GoalKind, LearnerGoals
from certificates.streaks import (
    FREEZE_EVERY,
    Goal,
    State,
    change_goals,
    fold,
    refresh,
    streak_for,
    view,
)

from .helpers import make_learner, record_activity

D = dt.date
MONDAY = D(2026, 3, 2)
DAILY = Goal(GoalKind.DAILY)


def days(*offsets, start=MONDAY):
    return {start + dt.timedelta(days=n) for n in offsets}


def test_a_daily_streak_counts_consecutive_days_and_today_once_met():
    active = days(0, 1, 2)
    assert view(State(), goal=DAILY, days=active, today=MONDAY + dt.timedelta(days=2)).current == 3
    # Today not yet active: yesterday's streak still stands.
    assert view(State(), goal=DAILY, days=active, today=MONDAY + dt.timedelta(days=3)).current == 3
    # A missed day without a freeze ends it.
    assert (
        view(State(), goal=DAILY, days=days(0, 1), today=MONDAY + dt.timedelta(days=3)).current == 0
    )


def test_freezes_are_earned_and_cover_a_missed_day():
    # Three met days earn a freeze, which covers day 3; day 4 continues the streak.
    streak = view(State(), goal=DAILY, days=days(0, 1, 2, 4), today=MONDAY + dt.timedelta(days=4))
    assert streak.current == 4
    assert streak.freezes == 0
    assert streak.freezes_used == ((MONDAY + dt.timedelta(days=3)).isoformat(),)
    # Without the freeze (only two days before the gap) the streak restarts.
    streak = view(State(), goal=DAILY, days=days(0, 1, 3), today=MONDAY + dt.timedelta(days=3))
    assert streak.current == 1


def test_a_weekly_goal_counts_weeks_with_enough_days():
    goal = Goal(GoalKind.WEEKLY, days_per_week=3)
    active = days(0, 2, 4) | days(7, 8, 13) | days(14)
    streak = view(State(), goal=goal, days=active, today=MONDAY + dt.timedelta(days=15))
    assert streak.current == 2  # this week has 1 of 3 days: not yet, not broken
    assert (streak.period_days_done, streak.period_met) == (1, False)
    assert streak.freezes == 1  # two met weeks earn one
    short = days(0, 2) | days(7, 8, 9)
    assert view(State(), goal=goal, days=short, today=MONDAY + dt.timedelta(days=14)).current == 1


def test_vacation_pauses_the_streak():
    goal = Goal(GoalKind.DAILY, vacation_since=MONDAY + dt.timedelta(days=2))
    streak = view(State(), goal=goal, days=days(0, 1), today=MONDAY + dt.timedelta(days=9))
    assert (streak.current, streak.on_vacation) == (2, True)


@settings(max_examples=150, deadline=None)
@given(
    offsets=st.sets(st.integers(min_value=0, max_value=60), max_size=50),
    split=st.integers(min_value=0, max_value=70),
    kind=st.sampled_from([GoalKind.DAILY, GoalKind.WEEKLY]),
    need=st.integers(min_value=1, max_value=7),
)
def test_folding_in_steps_equals_folding_at_once(offsets, split, kind, need):
    """The stored streak never depends on when evaluations happened to run."""
    goal = Goal(kind, need)
    active = days(*offsets)
    end = MONDAY + dt.timedelta(days=70)
    once = fold(State(), goal=goal, days=active, through=end)
    stepped = fold(State(), goal=goal, days=active, through=MONDAY + dt.timedelta(days=split))
    stepped = fold(stepped, goal=goal, days=active, through=end)
    assert once == stepped
    assert once.current <= once.longest
    assert 0 <= once.freezes <= 2
    if kind == GoalKind.DAILY:
        assert once.longest <= len(active)


@settings(max_examples=100, deadline=None)
@given(offsets=st.sets(st.integers(min_value=0, max_value=40), min_size=1, max_size=40))
def test_more_activity_never_shortens_a_daily_streak(offsets):
    today = MONDAY + dt.timedelta(days=41)
    base = view(State(), goal=DAILY, days=days(*offsets), today=today)
    more = view(State(), goal=DAILY, days=days(*offsets, 41), today=today)
    assert more.current >= base.current
    assert FREEZE_EVERY[GoalKind.DAILY] >= 1


@pytest.mark.django_db
def test_days_are_the_learners_own_and_the_goal_change_keeps_past_periods():
    learner = make_learner(timezone="Asia/Tokyo")
    # 23:30 in Tokyo on three evenings: 14:30 UTC, the same UTC date as the local one.
    for n in range(3):
        at = dt.datetime(2026, 3, 2 + n, 14, 30, tzinfo=dt.UTC)
        with time_machine.travel(at, tick=False):
            record_activity(learner=learner, seconds=60, at=at)
    # 00:30 in Tokyo on the 6th is still the 5th in UTC: it counts as the 6th, so the 5th
    # is missed and the freeze earned by three days covers it.
    at = dt.datetime(2026, 3, 5, 15, 30, tzinfo=dt.UTC)
    record_activity(learner=learner, seconds=60, at=at)
    with time_machine.travel(dt.datetime(2026, 3, 6, 3, 0, tzinfo=dt.UTC), tick=False):
        streak = streak_for(learner=learner)
        assert (streak.current, streak.freezes, len(streak.freezes_used)) == (4, 0, 1)
        row = refresh(learner=learner)
        assert row.counted_through == D(2026, 3, 5)
        change_goals(
            learner=learner,
            goal_kind=GoalKind.WEEKLY,
            days_per_week=2,
            on_vacation=False,
        )
    row = LearnerGoals.objects.get(learner=learner)
    assert (row.goal_kind, row.current_streak) == ("weekly", 3)
    # Two days in the week from Monday 2 March meet the new goal: the streak goes on.
    with time_machine.travel(dt.datetime(2026, 3, 9, 3, 0, tzinfo=dt.UTC), tick=False):
        assert streak_for(learner=learner).current == 4


@pytest.mark.django_db
def test_vacation_mode_keeps_the_streak_through_a_missed_week():
    learner = make_learner()
    for n in range(3):
        record_activity(learner=learner, at=dt.datetime(2026, 3, 2 + n, 12, tzinfo=dt.UTC))
    with time_machine.travel(dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC), tick=False):
        change_goals(
            learner=learner,
            goal_kind=GoalKind.DAILY,
            days_per_week=3,
            on_vacation=True,
        )
    with time_machine.travel(dt.datetime(2026, 3, 15, 9, tzinfo=dt.UTC), tick=False):
        streak = streak_for(learner=learner)
        assert (streak.current, streak.on_vacation, streak.freezes) == (3, True, 1)
        change_goals(
            learner=learner,
            goal_kind=GoalKind.DAILY,
            days_per_week=3,
            on_vacation=False,
        )
        record_activity(learner=learner, at=dt.datetime(2026, 3, 15, 9, tzinfo=dt.UTC))
        assert streak_for(learner=learner).current == 4
