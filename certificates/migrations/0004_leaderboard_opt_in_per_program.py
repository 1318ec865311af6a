"""Leaderboard opt-in per program. A learner who had opted in to "the weekly leaderboards of
my programs" (the one flag on LearnerGoals) now appears on the leaderboard of each program
they are enrolled in and have not left; the flag goes in 0005. Reversing sets the flag for
every learner who appears on at least one leaderboard."""

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


DROPPED = "dropped"


def copy_global_opt_ins(apps, schema_editor):
    LearnerGoals = apps.get_model("certificates", "LearnerGoals")
    LeaderboardOptIn = apps.get_model("certificates", "LeaderboardOptIn")
    Enrollment = apps.get_model("learning", "Enrollment")
    opted_in = LearnerGoals.objects.filter(leaderboard_opt_in=True).values("learner_id")
    pairs = (
        Enrollment.objects.filter(learner_id__in=opted_in)
        .exclude(status=DROPPED)
        .values_list("learner_id", "program_id")
        .iterator(chunk_size=2000)
    )
    batch = []
    for learner_id, program_id in pairs:
        batch.append(LeaderboardOptIn(learner_id=learner_id, program_id=program_id))
        if len(batch) >= 2000:
            LeaderboardOptIn.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    LeaderboardOptIn.objects.bulk_create(batch, ignore_conflicts=True)


def restore_global_opt_ins(apps, schema_editor):
    LearnerGoals = apps.get_model("certificates", "LearnerGoals")
    LeaderboardOptIn = apps.get_model("certificates", "LeaderboardOptIn")
    learners = LeaderboardOptIn.objects.values("learner_id")
    for learner_id in learners.distinct().values_list("learner_id", flat=True):
        LearnerGoals.objects.get_or_create(learner_id=learner_id)
    LearnerGoals.objects.filter(learner_id__in=learners).update(leaderboard_opt_in=True)


class Migration(migrations.Migration):

    dependencies = [
        ('certificates', '0003_achievement_program'),
        ('learning', '0009_discussion_verbs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LeaderboardOptIn',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('opted_in_at', models.DateTimeField(auto_now_add=True, verbose_name='appears since')),
                ('learner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='leaderboard_opt_ins', to=settings.AUTH_USER_MODEL)),
                ('program', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='leaderboard_opt_ins', to='learning.programpage')),
            ],
            options={
                'verbose_name': 'leaderboard opt-in',
                'verbose_name_plural': 'leaderboard opt-ins',
                'constraints': [models.UniqueConstraint(fields=('learner', 'program'), name='leaderboard_opt_in_once_per_program')],
            },
        ),
        migrations.RunPython(copy_global_opt_ins, restore_global_opt_ins),
    ]
