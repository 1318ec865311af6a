"""Achievements (editor-managed, translatable), the learners' awards, and their streak goals.

An award points at the achievement in the default locale, as learner records point at the
canonical page: a learner who switches language keeps what they earned. The criteria are JSON
checked by the module of their kind (certificates/criteria/); see
docs/decisions/0035-achievements-and-streaks.md.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

MAX_FREEZES = 2


class AchievementKind(models.TextChoices):
    COURSE_COMPLETION = "course_completion", _("Course completion")
    PROGRAM_COMPLETION = "program_completion", _("Program completion")
    STREAK = "streak", _("Streak")
    COMMUNITY = "community", _("Community")
    ASSESSMENT = "assessment", _("Assessment")
    SPECIAL = "special", _("Special (awarded by staff)")


class AchievementIcon(models.TextChoices):
    """Symbols of static/img/achievements.svg."""

    TROPHY = "trophy", _("Trophy")
    MEDAL = "medal", _("Medal")
    STAR = "star", _("Star")
    FLAME = "flame", _("Flame")
    BOOK = "book-open", _("Open book")
    COMPASS = "compass", _("Compass")
    CHAT = "chat", _("Speech bubbles")
    TARGET = "target", _("Target")


class Achievement(TranslatableMixin, index.Indexed, models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(
        _("how to earn it"), help_text=_("Shown to learners before and after they earn it.")
    )
    icon = models.CharField(
        _("icon"), max_length=20, choices=AchievementIcon.choices, default=AchievementIcon.TROPHY
    )
    points = models.PositiveIntegerField(
        _("points"), default=50, validators=[MaxValueValidator(10_000)]
    )
    kind = models.CharField(_("type"), max_length=20, choices=AchievementKind.choices)
    criteria = models.JSONField(_("criteria"), default=dict, blank=True)
    # A special achievement of one program: its staff award it, to its learners only.
    program = models.ForeignKey(
        "learning.ProgramPage",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="special_achievements",
        help_text=_(
            "Special achievements only: the staff of this program award it, to its learners. "
            "Leave empty for an achievement only administrators award."
        ),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive achievements are no longer awarded; awards already made stay."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # The criteria, kind, icon and points are the achievement's; translators change the words.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("icon"),
        SynchronizedField("points"),
        SynchronizedField("kind"),
        SynchronizedField("criteria"),
        SynchronizedField("program"),
        SynchronizedField("is_active"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # A translation is a new row: Wagtail copies every field that is not auto-created.
    exclude_fields_in_copy = ["id"]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(program__isnull=True) | Q(kind="special"),
                name="achievement_program_only_special",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        # The criteria read learning's models and this app's streaks, which import this module.
        from certificates.criteria import clean_criteria

        super().clean()
        if self.program_id is not None and self.kind != AchievementKind.SPECIAL:
            raise ValidationError(
                {
                    "program": _(
                        "Only a special achievement belongs to a program: leave the program "
                        "empty or choose the special type."
                    )
                }
            )
        try:
            self.criteria = clean_criteria(self.kind, self.criteria)
        except ValidationError as exc:
            # Outside the admin form (which names its own fields), say which key is wrong.
            messages = [f"{key}: {' '.join(errs)}" for key, errs in exc.message_dict.items()]
            raise ValidationError(messages) from None


class UserAchievement(models.Model):
    """A learner's progress towards an achievement, and the award once earned (exactly once)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="achievements"
    )
    # An achievement someone earned cannot be deleted; make it inactive instead.
    achievement = models.ForeignKey(Achievement, on_delete=models.PROTECT, related_name="awards")
    # {"current": 7, "target": 10} while in progress; the final figures once earned.
    progress = models.JSONField(_("progress"), default=dict, blank=True)
    earned_at = models.DateTimeField(_("earned at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Special awards: who awarded it and why (also in the audit log).
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    # The learner dismissed the dashboard notice of this award.
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("learner achievement")
        verbose_name_plural = _("learner achievements")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "achievement"], name="user_achievement_once"
            ),
            models.CheckConstraint(
                condition=Q(seen_at__isnull=True) | Q(earned_at__isnull=False),
                name="user_achievement_seen_after_earned",
            ),
        ]
        indexes = [models.Index(fields=["learner", "earned_at"], name="user_achievement_earned")]

    def __str__(self) -> str:
        return f"{self.learner_id} · {self.achievement_id}"


class GoalKind(models.TextChoices):
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Some days each week")


class LearnerGoals(models.Model):
    """The learner's streak goal and vacation, and the streak counted so far (folded period
    by period from the daily activity, see certificates/streaks.py). Whether they appear on a
    program's leaderboard is a LeaderboardOptIn row per program."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_goals"
    )
    goal_kind = models.CharField(
        _("streak goal"), max_length=10, choices=GoalKind.choices, default=GoalKind.DAILY
    )
    days_per_week = models.PositiveSmallIntegerField(
        _("days a week"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text=_("For a weekly goal: on how many days of each week you want to learn."),
    )
    vacation_since = models.DateField(_("on vacation since"), null=True, blank=True)
    # The streak, counted through the last complete period (a day, or a week from Monday).
    counted_through = models.DateField(null=True, blank=True)
    current_streak = models.PositiveIntegerField(default=0)
    longest_streak = models.PositiveIntegerField(default=0)
    freezes = models.PositiveSmallIntegerField(default=0)
    toward_freeze = models.PositiveSmallIntegerField(default=0)
    # The first days of the last few periods a freeze covered (ISO dates).
    freezes_used = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("learning goals")
        verbose_name_plural = _("learning goals")
        constraints = [
            models.CheckConstraint(
                condition=Q(days_per_week__gte=1, days_per_week__lte=7),
                name="goals_days_per_week_1_to_7",
            ),
            models.CheckConstraint(
                condition=Q(freezes__lte=MAX_FREEZES), name="goals_freezes_capped"
            ),
        ]

    def __str__(self) -> str:
        return str(self.learner_id)


class LeaderboardOptIn(models.Model):
    """The learner chose to appear on this program's weekly leaderboard. One row per learner
    and program (no row: not listed). Appearing on one program says nothing of another."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leaderboard_opt_ins"
    )
    program = models.ForeignKey(
        "learning.ProgramPage", on_delete=models.CASCADE, related_name="leaderboard_opt_ins"
    )
    opted_in_at = models.DateTimeField(_("appears since"), auto_now_add=True)

    class Meta:
        verbose_name = _("leaderboard opt-in")
        verbose_name_plural = _("leaderboard opt-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "program"], name="leaderboard_opt_in_once_per_program"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} on {self.program_id}"
