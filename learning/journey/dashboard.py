"""Reads for the learner's pages: the My learning dashboard and the marks on content pages.

Everything here reads running totals (enrollment totals, daily activity, learner stats);
the query count does not grow with the number of enrollments or items.
"""

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from learning.content.caching import CONTENT_VERSION_KEY, content_version
from learning.content.localization import learner_url
from learning.models import (
    ContentItemPage,
    CoursePage,
    DailyActivity,
    Enrollment,
    EnrollmentStatus,
    LearnerStats,
    LearningEvent,
    ModulePage,
    ProgramPage,
    Progress,
)

from .access import default_language_code
from .activity import current_streak, local_day
from .progress import MEDIA_TYPES, prerequisites_met, program_structure

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


def _localized_titles(page_ids: list[int], request=None) -> dict[int, tuple[str, str | None]]:
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
    titles = _localized_titles(sorted(page_ids), request)
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
        "current_streak": current_streak(stats=stats, learner=learner),
        "longest_streak": stats.longest_streak if stats else 0,
        "total_seconds": sum(enrollment.time_spent_seconds for enrollment in enrollments),
    }


# The rendered My learning body, per learner. The key holds what the page depends on besides
# the learner's records (language, host, their local day and timezone); the value holds a
# fingerprint of the records and the content version, so a change to either shows at once.
# Every write that changes what the page shows (enroll, status, target date, heartbeat,
# completion, an editor's recompute) changes a column in FINGERPRINT_SQL: heartbeats and
# completions move last_activity_at, the rest the status, totals or dates.
FRAGMENT_SECONDS = 600
CSRF_PLACEHOLDER = "csrf-placeholder-0c9d1e"
FINGERPRINT_SQL = """
SELECT md5(coalesce(string_agg(concat_ws('|', id, status, completion_percentage,
    completed_items, total_items, time_spent_seconds, target_completion_date, next_item_id,
    last_activity_at, status_changed_at, enrolled_at, requirements_left::text), ','
    ORDER BY id), ''))
FROM learning_enrollment WHERE learner_id = %s
"""


def _records_fingerprint(*, learner) -> str:
    with connection.cursor() as cursor:
        cursor.execute(FINGERPRINT_SQL, [learner.pk])
        return cursor.fetchone()[0]


def dashboard_html(*, learner, request) -> str:
    """The My learning body, from the cache when nothing it shows has changed.

    Two queries on a hit (the fingerprint, then the fragment with the content version). The
    forms' CSRF token is not cached: a placeholder is swapped for this request's token."""
    today, tz_name = local_day(learner=learner, at=timezone.now())
    language = get_language() or default_language_code()
    key = f"learning:dashboard:{learner.pk}:{language}:{request.get_host()}:{today}:{tz_name}"
    fingerprint = _records_fingerprint(learner=learner)
    cached = cache.get_many([key, CONTENT_VERSION_KEY])
    version = cached.get(CONTENT_VERSION_KEY) or content_version()
    stored = cached.get(key)
    if stored is not None and stored[:2] == (fingerprint, version):
        html = stored[2]
    else:
        html = render_to_string(
            "learning/partials/dashboard_body.html",
            {
                "dashboard": dashboard_data(learner=learner, request=request),
                "csrf_token": CSRF_PLACEHOLDER,
            },
        )
        cache.set(key, (fingerprint, version, html), FRAGMENT_SECONDS)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308


def _canonical(page: Page) -> Page:
    if page.locale.language_code == default_language_code():
        return page
    return (
        Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=default_language_code()
        )
        .select_related(None)
        .first()
        or page
    )


def page_learner_context(request, page) -> dict[str, Any]:
    """What the journey partials need on a program, course, module or item page.

    Returns {"learner": {...}}: the enrollment (or None), per-page marks keyed by
    translation key (done / started / todo / locked with the courses to finish first),
    and for an item the controls' data. Constant query count.
    """
    user = request.user
    canonical = _canonical(page)
    steplen = Page.steplen
    ancestor_paths = [canonical.path[: steplen * d] for d in range(1, canonical.depth + 1)]
    program = ProgramPage.objects.filter(path__in=ancestor_paths).first()
    context: dict[str, Any] = {
        "enrollment": None,
        "marks": {},
        "program_id": program.id if program else None,
    }
    if program is None:
        return {"learner": context}
    enrollment = None
    if user.is_authenticated:
        enrollment = Enrollment.objects.filter(learner=user, program=program).first()
    context["enrollment"] = enrollment
    context["enrollment_open"] = bool(enrollment and enrollment.is_open)
    if enrollment is not None and enrollment.next_item_id:
        context["continue_url"] = _localized_titles([enrollment.next_item_id], request)[
            enrollment.next_item_id
        ][1]
    # Marks only mean something to an enrolled learner; visitors cost no further query.
    if enrollment is not None and isinstance(
        page, ProgramPage | CoursePage | ModulePage | ContentItemPage
    ):
        structure = program_structure(program=program)
        progress_rows = {
            row["content_item_id"]: row
            for row in Progress.objects.filter(
                learner=user, course_id__in=list(structure.courses)
            ).values("content_item_id", "is_completed", "time_spent_seconds", "progress_data")
        }
        done = {}
        for item_id, row in progress_rows.items():
            if row["is_completed"] and item_id in structure.item_course:
                course_id = structure.item_course[item_id]
                done[course_id] = done.get(course_id, 0) + 1
        keys = dict(
            Page.objects.filter(
                id__in=[*structure.courses, *structure.item_course, *structure.item_module.values()]
            ).values_list("id", "translation_key")
        )
        marks = {}
        for course in structure.courses.values():
            total = len(course.item_ids)
            course_done = done.get(course.id, 0)
            locked = not prerequisites_met(structure=structure, done=done, course_id=course.id)
            marks[str(keys[course.id])] = {
                "state": "locked"
                if locked
                else _state(course_done, total, course.id, progress_rows, structure),
                "percent": round(100 * course_done / total) if total else 0,
                "locked_by": [
                    structure.courses[p].title
                    for p in course.prerequisite_ids
                    if p in structure.courses
                    and done.get(p, 0) < len(structure.courses[p].item_ids)
                ],
            }
            for module_id in course.module_ids:
                items = [i for i in course.item_ids if structure.item_module[i] == module_id]
                module_done = sum(1 for i in items if progress_rows.get(i, {}).get("is_completed"))
                left_seconds = sum(
                    structure.item_duration.get(i) or 0
                    for i in items
                    if not progress_rows.get(i, {}).get("is_completed")
                )
                marks[str(keys[module_id])] = {
                    "state": "locked"
                    if locked
                    else (
                        "done"
                        if items and module_done == len(items)
                        else ("started" if any(i in progress_rows for i in items) else "todo")
                    ),
                    "percent": round(100 * module_done / len(items)) if items else 0,
                    "minutes_left": math.ceil(left_seconds / 60),
                }
            for item_id in course.item_ids:
                row = progress_rows.get(item_id)
                marks[str(keys[item_id])] = {
                    "state": "locked"
                    if locked
                    else (
                        "done" if row and row["is_completed"] else ("started" if row else "todo")
                    ),
                    "position": (row or {}).get("progress_data", {}).get("position"),
                }
        context["marks"] = marks
        context["mark"] = marks.get(str(page.translation_key))
        context["children"] = _children_marks(
            request=request,
            page=page,
            canonical=canonical,
            structure=structure,
            marks=marks,
            keys=keys,
        )
        module_id = structure.item_module.get(canonical.id)
        if module_id is not None:
            context["module_minutes_left"] = marks[str(keys[module_id])]["minutes_left"]
    if enrollment is not None and isinstance(page, ContentItemPage):
        row = progress_rows.get(canonical.id)
        context["item"] = {
            "id": canonical.id,
            "is_media": page.item_type in MEDIA_TYPES,
            "is_completed": bool(row and row["is_completed"]),
            "position": (row or {}).get("progress_data", {}).get("position") or 0,
            "can_track": bool(
                enrollment
                and enrollment.status in (EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED)
            ),
        }
    return {"learner": context}


def _children_marks(*, request, page, canonical, structure, marks, keys) -> list[dict]:
    """The lines under this page (courses, modules or items) with the learner's marks."""
    if isinstance(page, ProgramPage):
        child_ids = list(structure.courses)
    elif isinstance(page, CoursePage):
        course = structure.courses.get(canonical.id)
        child_ids = course.module_ids if course else []
    elif isinstance(page, ModulePage):
        child_ids = [i for i, m in structure.item_module.items() if m == canonical.id]
    else:
        return []
    titles = _localized_titles(child_ids, request)
    return [
        {"title": titles[cid][0], "url": titles[cid][1], "mark": marks[str(keys[cid])]}
        for cid in child_ids
        if cid in titles
    ]


def _state(done: int, total: int, course_id: int, progress_rows, structure) -> str:
    if total and done == total:
        return "done"
    if any(structure.item_course.get(i) == course_id for i in progress_rows):
        return "started"
    return "todo"
