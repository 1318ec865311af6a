"""Daily activity per learner, for the weekly chart and streaks."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyActivity(models.Model):
    """Time and completions on one day of the learner's calendar.

    The day is computed in the learner's timezone at the time, and that timezone is kept,
    so changing timezone later never rewrites past days.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="daily_activity"
    )
    day = models.DateField(_("day"))
    timezone = models.CharField(_("time zone"), max_length=64)
    seconds = models.PositiveIntegerField(default=0)
    items_completed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily activity")
        verbose_name_plural = _("daily activity")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "day"], name="daily_activity_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} {self.day}"


class LearnerStats(models.Model):
    """Streaks and the last active day, moved when a learner is first active on a new day."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="learning_stats",
    )
    last_active_day = models.DateField(null=True, blank=True)
    current_streak = models.PositiveIntegerField(default=0)
    longest_streak = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("learner statistics")
        verbose_name_plural = _("learner statistics")

    def __str__(self) -> str:
        return str(self.learner_id)
