"""The weekly leaderboard of a program: points earned this week (10 per item completed in the
program), among the program's learners who chose to appear on it (a LeaderboardOptIn row for
that program; appearing on one program says nothing of another). The week runs from Monday in
the viewer's timezone. A constant number of queries whatever the number of learners.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.models import Enrollment, EnrollmentStatus, Progress

from .journey import local_day
from .models import LeaderboardOptIn
from .points import POINTS_PER_ITEM

BOARD_SIZE = 20


@dataclass(frozen=True)
class Row:
    rank: int
    name: str
    points: int
    is_viewer: bool


@dataclass(frozen=True)
class Board:
    week_start: dt.date
    rows: list[Row]
    viewer_opted_in: bool


def week_start(*, learner, now=None) -> dt.datetime:
    today, tz_name = local_day(learner=learner, at=now or timezone.now())
    monday = today - dt.timedelta(days=today.weekday())
    return dt.datetime.combine(monday, dt.time(), tzinfo=zoneinfo.ZoneInfo(tz_name))


def weekly_board(*, program, viewer, now=None) -> Board:
    since = week_start(learner=viewer, now=now)
    opted_in = LeaderboardOptIn.objects.filter(program=program).values("learner_id")
    members = (
        Enrollment.objects.filter(program=program, learner_id__in=opted_in)
        .exclude(status=EnrollmentStatus.DROPPED)
        .values("learner_id")
    )
    scores = list(
        Progress.objects.filter(
            learner_id__in=members,
            is_completed=True,
            completed_at__gte=since,
            course__path__startswith=program.path,
        )
        .values("learner_id", "learner__name")
        .annotate(items=Count("id"))
        .order_by("-items", "learner__name", "learner_id")[:BOARD_SIZE]
    )
    viewer_in = LeaderboardOptIn.objects.filter(learner=viewer, program=program).exists()
    rows, rank, previous = [], 0, None
    for position, score in enumerate(scores, start=1):
        if score["items"] != previous:
            rank, previous = position, score["items"]
        rows.append(
            Row(
                rank=rank,
                name=score["learner__name"] or _("A learner"),
                points=POINTS_PER_ITEM * score["items"],
                is_viewer=score["learner_id"] == viewer.pk,
            )
        )
    return Board(week_start=since.date(), rows=rows, viewer_opted_in=viewer_in)


def set_appearance(*, learner, program, appear: bool) -> bool:
    """Appear on the program's weekly leaderboard, or stop. Says the state asked for, not a
    flip, so sending the same form twice changes nothing; the unique (learner, program)
    constraint keeps one row however many requests race. Returns whether anything changed."""
    if not appear:
        deleted, _rows = LeaderboardOptIn.objects.filter(learner=learner, program=program).delete()
        return bool(deleted)
    # get_or_create catches the IntegrityError of a concurrent insert and reads the row.
    _row, created = LeaderboardOptIn.objects.get_or_create(learner=learner, program=program)
    return created
