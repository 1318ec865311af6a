"""The achievements panel of My learning (streak, points and level, leaderboards, achievements)
as cached HTML, kept per learner as the journey body is (learning.journey.dashboard_fragment).

An entry is used only while the fingerprint of the learner's records below and the content
version both match the ones it was rendered from. What the panel shows, and what moves it:

- the goal, vacation and streak counted so far: the LearnerGoals row (goal form, vacation, the
  streak's fold);
- today's streak: the days of DailyActivity (a heartbeat or a completion on a new day) and the
  learner's local day and timezone, which are in the key;
- achievements earned, in progress, new: the UserAchievement rows (earning, an award, "7 of 10",
  dismissing the notice, progress rows deleted with an achievement);
- points: the completed Progress rows (a completion and its undo) and the earned rows;
- the leaderboards: the enrollments' programs and status (enroll, leave, come back) and the
  LeaderboardOptIn rows (appear, stop);
- achievement definitions and their translations, program titles: the content version
  (certificates.signal_handlers bumps it when an achievement is saved or deleted).

Account erasure deletes every one of those rows, and the key holds the learner's pk (a UUID
never given again), so nobody is ever served an erased learner's panel.
"""

from django.db import connection
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from .journey import CSRF_PLACEHOLDER, learner_fragment
from .summary import achievements_summary

# One statement, one md5. Rows are rendered as row values (ROW(...)::text) so a NULL keeps its
# place; DailyActivity rows are only added (and their counts moved), so its aggregates are
# enough without reading every day.
PANEL_FINGERPRINT_SQL = """
SELECT md5(concat_ws('#',
    coalesce((SELECT g::text FROM certificates_learnergoals g
        WHERE g.learner_id = %(learner)s), ''),
    coalesce((SELECT string_agg(ROW(a.id, a.achievement_id, a.earned_at, a.seen_at,
            a.progress)::text, ',' ORDER BY a.id)
        FROM certificates_userachievement a WHERE a.learner_id = %(learner)s), ''),
    coalesce((SELECT string_agg(o.program_id::text, ',' ORDER BY o.program_id)
        FROM certificates_leaderboardoptin o WHERE o.learner_id = %(learner)s), ''),
    (SELECT ROW(count(*), min(d.day), max(d.day), sum(d.seconds), sum(d.items_completed))::text
        FROM learning_dailyactivity d WHERE d.learner_id = %(learner)s),
    (SELECT count(*) FROM learning_progress p
        WHERE p.learner_id = %(learner)s AND p.is_completed)::text,
    coalesce((SELECT string_agg(ROW(e.id, e.program_id, e.status, e.enrolled_at)::text, ','
            ORDER BY e.id)
        FROM learning_enrollment e WHERE e.learner_id = %(learner)s), '')
))
"""


def panel_fingerprint(*, learner) -> str:
    """An md5 of every record of the learner the panel shows. One query."""
    with connection.cursor() as cursor:
        cursor.execute(PANEL_FINGERPRINT_SQL, {"learner": learner.pk})
        return cursor.fetchone()[0]


def panel_html(*, learner, request) -> SafeString:
    """The panel, from the cache when nothing it shows has changed: one query on a hit (the
    fingerprint; the content version is read once per request, by the journey body too)."""
    return learner_fragment(
        name="certificates:panel",
        learner=learner,
        request=request,
        fingerprint=panel_fingerprint(learner=learner),
        render=lambda: render_to_string(
            "certificates/partials/dashboard_achievements.html",
            {"summary": achievements_summary(learner=learner), "csrf_token": CSRF_PLACEHOLDER},
        ),
    )
