"""seed_demo leaves the demo learner with several achievements and a streak with a freeze."""

from io import StringIO

import pytest
from django.core.management import call_command

from certificates.demo import ensure_learner_achievements
from certificates.models import Achievement, UserAchievement
from certificates.streaks import streak_for
from culturedegree import audit
from culturedegree.demo import DEMO_LEARNER_EMAIL
from culturedegree.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_learner_has_achievements_and_a_streak_with_a_freeze(
    django_capture_on_commit_callbacks, migrated_data
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
    learner = User.objects.get(email__iexact=DEMO_LEARNER_EMAIL)
    # Idempotent: a second run (seed_demo runs on every `make run`) changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert ensure_learner_achievements(learner=learner, awarded_by=None) == 3
    earned = UserAchievement.objects.filter(learner=learner, earned_at__isnull=False)
    assert set(earned.values_list("achievement__name", flat=True)) == {
        "Three days running",
        "A week of learning",
        "Founding learner",
    }
    progress = dict(
        UserAchievement.objects.filter(learner=learner, earned_at__isnull=True).values_list(
            "achievement__name", "progress"
        )
    )
    assert progress["Two weeks strong"] == {"current": 4, "target": 14}
    assert progress["Eye for beauty"]["current"] == 5
    streak = streak_for(learner=learner)
    assert (streak.current, streak.longest, streak.freezes) == (4, 7, 1)
    assert len(streak.freezes_used) == 2
    assert Achievement.objects.filter(locale__language_code="ar").count() == 7
    assert (
        audit.entries_about(learner).filter(action="certificates.achievement_awarded").count() == 1
    )
