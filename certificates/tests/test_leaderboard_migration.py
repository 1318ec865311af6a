"""0004/0005: the one global leaderboard flag becomes an opt-in per program. A learner who had
opted in appears on each program they are enrolled in and have not left; a learner who had
not appears nowhere. Reversing sets the flag back for learners who appear somewhere."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from learning.journey.enrollment import drop
from learning.models import Enrollment

from .helpers import build_tree, enroll, make_learner

BEFORE = [("certificates", "0003_achievement_program")]
AFTER = [("certificates", "0005_remove_learnergoals_leaderboard_opt_in")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_global_opt_ins_become_opt_ins_on_the_programs_the_learner_follows():
    silk, tea, spice = (build_tree(title=t) for t in ("Silk Road", "Tea Road", "Spice Road"))
    keen, shy = make_learner("keen@example.com"), make_learner("shy@example.com")
    for program in (silk, tea, spice):
        enroll(learner=keen, program=program.program)
    enroll(learner=shy, program=silk.program)
    drop(enrollment=Enrollment.objects.get(learner=keen, program=spice.program))
    try:
        old = migrate(BEFORE)
        Goals = old.get_model("certificates", "LearnerGoals")
        Goals.objects.create(learner_id=keen.pk, leaderboard_opt_in=True)
        Goals.objects.create(learner_id=shy.pk, leaderboard_opt_in=False)

        new = migrate(AFTER)
        OptIn = new.get_model("certificates", "LeaderboardOptIn")
        assert set(OptIn.objects.values_list("learner_id", "program_id")) == {
            (keen.pk, silk.program.pk),
            (keen.pk, tea.program.pk),
        }

        reverted = migrate(BEFORE)
        Goals = reverted.get_model("certificates", "LearnerGoals")
        flags = dict(Goals.objects.values_list("learner_id", "leaderboard_opt_in"))
        assert flags == {keen.pk: True, shy.pk: False}
    finally:
        migrate(AFTER)
