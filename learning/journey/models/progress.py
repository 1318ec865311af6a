"""A learner's progress on one content item."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Progress(models.Model):
    """One per learner and content item (default-locale page); module and course denormalised."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress"
    )
    content_item = models.ForeignKey(
        "learning.ContentItemPage", on_delete=models.PROTECT, related_name="progress"
    )
    module = models.ForeignKey("learning.ModulePage", on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey("learning.CoursePage", on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    # Server clock of the item's last heartbeat.
    last_seen_at = models.DateTimeField(_("last seen at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    is_completed = models.BooleanField(_("completed"), default=False)
    time_spent_seconds = models.PositiveIntegerField(_("time spent (seconds)"), default=0)
    progress_data = models.JSONField(_("progress data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("progress")
        verbose_name_plural = _("progress")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "content_item"], name="progress_one_per_item"
            ),
            models.CheckConstraint(
                condition=Q(is_completed=False) | Q(completed_at__isnull=False),
                name="progress_completed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["learner", "course"], name="progress_learner_course")]

    def __str__(self) -> str:
        return f"{self.learner} · {self.content_item_id}"


class HeartbeatWindow(models.Model):
    """One row per learner, locked by every heartbeat before anything else.

    `credited_until` is the server time up to which the learner's time has been credited,
    all items together: a heartbeat credits at most the wall time since then, so ten items
    open at once earn no more than one. `window_start` and `count` are the heartbeat rate
    limit (SECURITY.md item 20), counted under the same lock so it holds across processes.
    """

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    credited_until = models.DateTimeField()
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.learner_id} credited until {self.credited_until:%H:%M:%S}"
