"""The My learning body as cached HTML: rendered from learning.journey.dashboard's figures,
kept per learner until their records or the content change."""

from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from learning.content.caching import CONTENT_VERSION_KEY, content_version

from .access import default_language_code
from .activity import local_day
from .dashboard import dashboard_data

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
