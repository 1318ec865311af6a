"""The global leaderboard flag, replaced by LeaderboardOptIn rows per program (0004)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0004_leaderboard_opt_in_per_program"),
    ]

    operations = [
        migrations.RemoveField(model_name="learnergoals", name="leaderboard_opt_in"),
    ]
