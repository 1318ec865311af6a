"""In-app notifications and each person's choices of what reaches them, and how."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .ids import uuid7


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("Replies to my posts")
    MENTION = "mention", _("Mentions of me")
    ENDORSEMENT = "endorsement", _("Endorsements of my answers")
    ACCEPTED = "accepted", _("My answer accepted")
    FOLLOWED = "followed", _("New posts in discussions I follow")
    # Sent by the certificates app (achievements and certificates), not about a post.
    ACHIEVEMENT = "achievement", _("Achievements I earn")
    CERTIFICATE = "certificate", _("Certificates issued to me")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("On the site")
    EMAIL = "email", _("By email")


class Notification(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_notifications"
    )
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Empty for notifications that are not about a post (achievements, certificates): those
    # carry the title of what they are about and the page to open instead.
    discussion = models.ForeignKey(
        "community.Discussion", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        "community.Comment", null=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=200, blank=True)
    url = models.CharField(max_length=500, blank=True)
    # False when the person turned this kind off on the site but still wants the email.
    in_app = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="idx_notifications_unread",
            ),
            models.Index(fields=["recipient", "-created_at"], name="idx_notifications_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"


class NotificationPreference(models.Model):
    """An exception to the default (every kind, on the site and by email)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    enabled = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "channel"], name="preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind}/{self.channel}: {self.enabled}"


class EmailSchedule(models.TextChoices):
    IMMEDIATE = "immediate", _("As it happens")
    DAILY = "daily", _("A daily digest")


class NotificationSettings(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email_schedule = models.CharField(
        max_length=10, choices=EmailSchedule.choices, default="immediate"
    )

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email_schedule}"
