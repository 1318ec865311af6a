"""Reads for the learner's pages: the My learning dashboard and the marks on content pages.

Everything here reads running totals (enrollment totals, daily activity, learner stats);
the query count does not grow with the number of enrollments or items.
"""

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from wagtail.models import Page

from learning.content.localization import learner_url
from learning.models import (
    DailyActivity,
    Enrollment,
    EnrollmentStatus,
    LearnerStats,
    LearningEvent,
)

from .access import default_language_code
from .activity import current_streak, local_day

CHART_DAYS = 28
WEEK_DAYS = 7
ON_TRACK_MARGIN = Decimal(5)
# A forecast extrapolates the learner's rate; before this much activity since enrolling, the
# rate is noise (one busy first evening would promise a finish in a week). See docs/progress.md.
MIN_FORECAST_ACTIVE_DAYS = 3
MIN_FORECAST_COMPLETED_ITEMS = 3


@dataclass
class Pace:
    state: str | None  # "completed", "on_track", "behind" or None without a target
    expected_percentage: float | None
    forecast_date: dt.date | None
    forecast_misses_target: bool = False


def start_day(*, enrollment: Enrollment, learner) -> dt.date:
    """The day of enrolling, in the learner's timezone."""
    return local_day(learner=learner, at=enrollment.enrolled_at)[0]


def pace(*, enrollment: Enrollment, learner, today: dt.date, active_days: int) -> Pace:
    """Expected progress at the target date's pace, and a finish forecast at the learner's.

    `today` is the learner's local day; `active_days` the days with any learning since
    enrolling (`active_days_since_enrolling`). "On track" needs progress within
    ON_TRACK_MARGIN of the expected share, a target not yet passed, and no forecast after it.
    """
    if enrollment.status == EnrollmentStatus.COMPLETED:
        return Pace("completed", 100.0, None)
    started = start_day(enrollment=enrollment, learner=learner)
    remaining = enrollment.total_items - enrollment.completed_items
    forecast = None
    if (
        remaining > 0
        and active_days >= MIN_FORECAST_ACTIVE_DAYS
        and enrollment.completed_items >= MIN_FORECAST_COMPLETED_ITEMS
    ):
        per_day = enrollment.completed_items / ((today - started).days + 1)
        forecast = today + dt.timedelta(days=math.ceil(remaining / per_day))
    target = enrollment.target_completion_date
    if target is None:
        return Pace(None, None, forecast)
    span = max(1, (target - started).days)
    expected = min(Decimal(100), Decimal(100 * (today - started).days) / span)
    misses = forecast is not None and forecast > target
    on_track = (
        today <= target
        and not misses
        and enrollment.completion_percentage + ON_TRACK_MARGIN >= expected
    )
    return Pace("on_track" if on_track else "behind", float(round(expected, 2)), forecast, misses)


def active_days_since_enrolling(
    *, learner, enrollments: list[Enrollment], days: list[dt.date]
) -> dict:
    """Enrollment id -> how many of the learner's active `days` fall on or after enrolling."""
    result = {}
    for enrollment in enrollments:
        started = start_day(enrollment=enrollment, learner=learner)
        result[enrollment.id] = sum(1 for day in days if day >= started)
    return result


def enrollment_pace(*, enrollment: Enrollment, learner) -> Pace:
    """The pace of one enrollment, as My learning shows it (one query for the active days)."""
    today, _ = local_day(learner=learner, at=timezone.now())
    active_days = DailyActivity.objects.filter(
        learner=learner,
        day__gte=start_day(enrollment=enrollment, learner=learner),
        day__lte=today,
    ).count()
    return pace(enrollment=enrollment, learner=learner, today=today, active_days=active_days)


def chart_scale_minutes(max_seconds: int) -> int:
    """The value at the top of the chart's minutes axis: a multiple of 10, at least 10."""
    return max(10, math.ceil(max_seconds / 600) * 10)


def localized_titles(page_ids: list[int], request=None) -> dict[int, tuple[str, str | None]]:
    """Default-locale page id -> (title, url) in the active language, falling back to the
    default-locale page. One query for the translations plus the pages themselves."""
    if not page_ids:
        return {}
    language = get_language() or default_language_code()
    pages = list(
        Page.objects.filter(id__in=page_ids).only("id", "title", "translation_key", "url_path")
    )
    by_key = {p.translation_key: p for p in pages}
    translated = {}
    if language != default_language_code():
        for page in Page.objects.filter(
            translation_key__in=list(by_key), locale__language_code=language, live=True
        ).only("id", "title", "translation_key", "url_path"):
            translated[by_key[page.translation_key].id] = page
    result = {}
    for page in pages:
        shown = translated.get(page.id, page)
        # A fallback page keeps the learner's language prefix, like every other link.
        result[page.id] = (shown.title, learner_url(shown, request))
    return result


def dashboard_data(*, learner, request=None) -> dict[str, Any]:
    """Everything the My learning page and GET /api/v1/dashboard show."""
    enrollments = list(
        Enrollment.objects.filter(learner=learner)
        .exclude(status=EnrollmentStatus.DROPPED)
        .order_by("-last_activity_at", "-enrolled_at")
    )
    dropped = list(
        Enrollment.objects.filter(learner=learner, status=EnrollmentStatus.DROPPED).values(
            "id", "program_id"
        )
    )
    events = list(LearningEvent.objects.filter(actor=learner).order_by("-timestamp")[:10])
    page_ids = {e.program_id for e in enrollments} | {
        e.next_item_id for e in enrollments if e.next_item_id
    }
    page_ids |= {e.object_id for e in events} | {d["program_id"] for d in dropped}
    titles = localized_titles(sorted(page_ids), request)
    today, _ = local_day(learner=learner, at=timezone.now())
    first_day = today - dt.timedelta(days=CHART_DAYS - 1)
    # One query for the chart and for every enrollment's active days.
    since = min([first_day, *(start_day(enrollment=e, learner=learner) for e in enrollments)])
    daily = dict(
        DailyActivity.objects.filter(learner=learner, day__gte=since, day__lte=today)
        .order_by()
        .values_list("day", "seconds")
    )
    active_days = active_days_since_enrolling(
        learner=learner, enrollments=enrollments, days=list(daily)
    )
    stats = LearnerStats.objects.filter(learner=learner).first()
    scale_seconds = 60 * chart_scale_minutes(
        max(daily.get(first_day + dt.timedelta(days=n), 0) for n in range(CHART_DAYS))
    )
    chart = []
    for offset in range(CHART_DAYS):
        day = first_day + dt.timedelta(days=offset)
        seconds = daily.get(day, 0)
        height = round(100 * seconds / scale_seconds)
        chart.append(
            {
                "day": day,
                "label": date_format(day, "SHORT_DATE_FORMAT"),
                "seconds": seconds,
                "minutes": round(seconds / 60),
                "height": height,
                "x": offset * 12 + 2,
                "y": 100 - height,
                "in_week": offset >= CHART_DAYS - WEEK_DAYS,
            }
        )
    rows = []
    for enrollment in enrollments:
        enrollment_pace = pace(
            enrollment=enrollment,
            learner=learner,
            today=today,
            active_days=active_days[enrollment.id],
        )
        title, url = titles.get(enrollment.program_id, ("", None))
        next_title, next_url = titles.get(enrollment.next_item_id, (None, None))
        rows.append(
            {
                "id": enrollment.id,
                "program_id": enrollment.program_id,
                "program_title": title,
                "program_url": url,
                "status": enrollment.status,
                "status_label": enrollment.get_status_display(),
                "completion_percentage": float(enrollment.completion_percentage),
                "completed_items": enrollment.completed_items,
                "total_items": enrollment.total_items,
                "time_spent_seconds": enrollment.time_spent_seconds,
                "target_completion_date": enrollment.target_completion_date,
                "on_track": enrollment_pace.state,
                "expected_percentage": enrollment_pace.expected_percentage,
                "forecast_date": enrollment_pace.forecast_date,
                "forecast_misses_target": enrollment_pace.forecast_misses_target,
                "next_item": (
                    {"id": enrollment.next_item_id, "title": next_title, "url": next_url}
                    if enrollment.next_item_id
                    else None
                ),
                "requirements_left": enrollment.requirements_left,
                "last_activity_at": enrollment.last_activity_at,
            }
        )
    return {
        "enrollments": rows,
        "dropped": [
            {
                "id": d["id"],
                "program_id": d["program_id"],
                "program_title": titles[d["program_id"]][0],
            }
            for d in dropped
            if d["program_id"] in titles
        ],
        "continue": next((r for r in rows if r["next_item"] and r["status"] == "active"), None),
        "recent_activity": [
            {
                "verb": e.verb,
                "verb_label": e.get_verb_display(),
                "object_type": e.object_type,
                "object_id": e.object_id,
                "object_title": titles.get(e.object_id, ("", None))[0],
                "timestamp": e.timestamp,
            }
            for e in events
        ],
        "chart": chart,
        "chart_width": CHART_DAYS * 12,
        "chart_scale_minutes": scale_seconds // 60,
        # The sum of the minutes the chart shows for its last seven days, so the two agree.
        "week_minutes": sum(d["minutes"] for d in chart if d["in_week"]),
        # The simple count of consecutive active days, kept in GET /api/v1/dashboard for
        # existing clients; My learning shows the goal streak instead (docs/achievements.md).
        "current_streak": current_streak(stats=stats, learner=learner),
        "longest_streak": stats.longest_streak if stats else 0,
        "total_seconds": sum(enrollment.time_spent_seconds for enrollment in enrollments),
    }
