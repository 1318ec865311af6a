"""The My learning body as cached HTML: rendered from learning.journey.dashboard's figures,
kept per learner until their records or the content change.

Kept in the worker's ``fragments`` cache: every entry carries the fingerprint of the records
and the content version it was rendered from and is used only when both still match, so a
worker's own copy is never stale (docs/decisions/0031-signed-in-page-speed.md). It is keyed by
the learner and only ever served to them. ``learner_fragment`` is the keeping itself, for any
part of a learner's page that brings its own fingerprint (the achievements panel of
certificates.dashboard_panel uses it too).
"""

from collections.abc import Callable

from django.core.cache import caches
from django.db import connection
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from learning.content.caching import content_version

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


def learner_fragment(
    *, name: str, learner, request, fingerprint: str, render: Callable[[], str]
) -> SafeString:
    """`render()`'s HTML, kept for this learner while `fingerprint` (of the records it shows,
    read by the caller before this call) and the content version still match.

    `render` puts CSRF_PLACEHOLDER where its forms' token goes: the token is not cached, this
    request's is swapped in. Reads the content version (once per request) and nothing else."""
    today, tz_name = local_day(learner=learner, at=timezone.now())
    language = get_language() or default_language_code()
    key = f"{name}:{learner.pk}:{language}:{request.get_host()}:{today}:{tz_name}"
    version = content_version()
    cache = caches["fragments"]
    stored = cache.get(key)
    if stored is not None and stored[:2] == (fingerprint, version):
        html = stored[2]
    else:
        html = render()
        cache.set(key, (fingerprint, version, html), FRAGMENT_SECONDS)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308


def dashboard_html(*, learner, request) -> SafeString:
    """The My learning body, from the cache when nothing it shows has changed.

    Two queries on a hit (the fingerprint and the content version, which the request may have
    read already)."""
    return learner_fragment(
        name="learning:dashboard",
        learner=learner,
        request=request,
        fingerprint=_records_fingerprint(learner=learner),
        render=lambda: render_to_string(
            "learning/partials/dashboard_body.html",
            {
                "dashboard": dashboard_data(learner=learner, request=request),
                "csrf_token": CSRF_PLACEHOLDER,
            },
        ),
    )
