"""A learner's enrollment in a program, with the running totals the dashboard reads."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EnrollmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    COMPLETED = "completed", _("Completed")
    DROPPED = "dropped", _("Dropped")


class Enrollment(models.Model):
    """One per learner and program. Points at the program's default-locale page."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    program = models.ForeignKey(
        "learning.ProgramPage", on_delete=models.PROTECT, related_name="enrollments"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EnrollmentStatus.choices,
        default=EnrollmentStatus.ACTIVE,
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    target_completion_date = models.DateField(_("target completion date"), null=True, blank=True)
    # Running totals, kept current by learning.journey.progress so reads never aggregate.
    completion_percentage = models.DecimalField(
        _("completion"), max_digits=5, decimal_places=2, default=0
    )
    completed_items = models.PositiveIntegerField(default=0)
    total_items = models.PositiveIntegerField(default=0)
    time_spent_seconds = models.PositiveBigIntegerField(default=0)
    course_progress = models.JSONField(
        default=dict,
        blank=True,
        help_text="{course_id: [completed items, counted items]} for the counted courses.",
    )
    requirements_left = models.JSONField(
        default=list,
        blank=True,
        help_text="Per requirement group: courses not yet complete and how many to choose.",
    )
    next_item = models.ForeignKey(
        "learning.ContentItemPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "program"], name="enrollment_one_per_program"
            ),
            models.CheckConstraint(
                condition=Q(completion_percentage__gte=0) & Q(completion_percentage__lte=100),
                name="enrollment_percentage_range",
            ),
            models.CheckConstraint(
                condition=Q(completed_items__lte=models.F("total_items")),
                name="enrollment_completed_within_total",
            ),
        ]
        indexes = [models.Index(fields=["program", "status"], name="enrollment_program_status")]

    def __str__(self) -> str:
        return f"{self.learner} → {self.program}"

    @property
    def is_open(self) -> bool:
        """Content opens to enrollments that are not dropped."""
        return self.status != EnrollmentStatus.DROPPED
