"""Reports by learners and bans by moderators. Every moderator action is also audited."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Harassment or abuse")
    OFF_TOPIC = "off_topic", _("Off topic")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")


class Report(models.Model):
    """A learner's report of one post (a discussion or a comment), once per post."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    discussion = models.ForeignKey(
        "community.Discussion", on_delete=models.CASCADE, related_name="reports"
    )
    comment = models.ForeignKey(
        "community.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=12, choices=ReportReason.choices)
    note = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default="open")
    created_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(comment__isnull=False),
                name="report_comment_once",
            ),
            models.UniqueConstraint(
                fields=["reporter", "discussion"],
                condition=Q(comment__isnull=True),
                name="report_discussion_once",
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="idx_reports_queue")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.status})"


class Ban(models.Model):
    """A learner may not post or vote in a course until `expires_at` (never, when empty)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey("learning.CoursePage", on_delete=models.PROTECT, related_name="+")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_bans"
    )
    reason = models.CharField(max_length=500)
    expires_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        indexes = [models.Index(fields=["learner", "course"], name="idx_bans_learner")]

    def __str__(self) -> str:
        return f"{self.learner_id} in {self.course_id} until {self.expires_at or 'lifted'}"
