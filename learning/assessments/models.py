"""Assessments (snippets with revisions, attached to a module) and learners' attempts.

See docs/decisions/0032-assessments.md for why an assessment is a snippet and how an attempt
pins the revision it was taken against.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .authoring import AssessmentAdminForm
from .blocks import QuestionStreamBlock, RubricStreamBlock


class AssessmentType(models.TextChoices):
    QUIZ = "quiz", _("Quiz")
    PROJECT = "project", _("Project")
    PEER_REVIEW = "peer_review", _("Peer-reviewed project")


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest attempt")
    LAST = "last", _("Last attempt")
    AVERAGE = "average", _("Average of attempts")


class ReviewOption(models.TextChoices):
    AFTER_EACH = "after_each", _("After each attempt")
    AFTER_PASSING = "after_passing", _("Once passed")
    AFTER_LAST = "after_last", _("After the last attempt")
    NEVER = "never", _("Never")


class Assessment(
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    models.Model,
):
    """What a module asks of the learner. Attempts point at the default-locale assessment
    and at the revision (of whichever language) they were taken against."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Always the module's default-locale page, in every translation (synchronised).
    module = models.ForeignKey(
        "learning.ModulePage",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("module"),
    )
    title = models.CharField(_("title"), max_length=200)
    assessment_type = models.CharField(
        _("type"), max_length=20, choices=AssessmentType.choices, default=AssessmentType.QUIZ
    )
    instructions = models.TextField(_("instructions"), blank=True)
    passing_score = models.PositiveSmallIntegerField(
        _("passing score (%)"), default=60, help_text=_("From 0 to 100.")
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), default=3, help_text=_("0 for no limit.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    cooldown_minutes = models.PositiveSmallIntegerField(
        _("wait between attempts (minutes)"), default=0
    )
    grading_method = models.CharField(
        _("grading method"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    review_option = models.CharField(
        _("show the answers"),
        max_length=15,
        choices=ReviewOption.choices,
        default=ReviewOption.AFTER_EACH,
    )
    pool_size = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        null=True,
        blank=True,
        help_text=_("Draw this many questions at random for each attempt; empty for all."),
    )
    shuffle_options = models.BooleanField(_("shuffle the options"), default=True)
    questions = StreamField(QuestionStreamBlock(), blank=True, verbose_name=_("questions"))
    rubric = StreamField(
        RubricStreamBlock(),
        blank=True,
        verbose_name=_("rubric"),
        help_text=_("How projects are graded: criteria, each with its levels and points."),
    )
    review_count = models.PositiveSmallIntegerField(
        _("peer reviews per submission"),
        default=3,
        help_text=_("Peer-reviewed projects: how many peers review each submission."),
    )
    review_days = models.PositiveSmallIntegerField(
        _("days for peer review"),
        default=7,
        help_text=_("After this, a submission short of reviews goes to staff."),
    )

    # Only the modules the editor may edit (learning.assessments.authoring).
    base_form_class = AssessmentAdminForm

    panels = [
        FieldPanel("module"),
        FieldPanel("title"),
        FieldPanel("assessment_type"),
        FieldPanel("instructions"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("passing_score"), FieldPanel("max_attempts")]),
                FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("cooldown_minutes")]),
                FieldRowPanel([FieldPanel("grading_method"), FieldPanel("review_option")]),
                FieldRowPanel([FieldPanel("pool_size"), FieldPanel("shuffle_options")]),
            ],
            heading=_("Rules"),
        ),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldPanel("rubric"),
                FieldRowPanel([FieldPanel("review_count"), FieldPanel("review_days")]),
            ],
            heading=_("Projects"),
        ),
    ]

    # A translation copy is a new row with its own history (Wagtail copies every field else).
    exclude_fields_in_copy = [
        "id",
        "latest_revision",
        "live_revision",
        "first_published_at",
        "last_published_at",
    ]

    override_translatable_fields = [
        SynchronizedField("module"),
        TranslatableField("title"),
        TranslatableField("instructions"),
        TranslatableField("questions"),
        TranslatableField("rubric"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(passing_score__lte=100), name="assessment_passing_score_range"
            ),
            models.CheckConstraint(
                condition=Q(pool_size__isnull=True) | Q(pool_size__gt=0),
                name="assessment_pool_size_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_quiz(self) -> bool:
        return self.assessment_type == AssessmentType.QUIZ

    def clean(self):
        super().clean()
        if self.is_quiz and not self.questions:
            raise ValidationError({"questions": _("A quiz needs at least one question.")})
        if not self.is_quiz and not self.rubric:
            raise ValidationError({"rubric": _("A project needs a rubric to be graded.")})

    def get_preview_template(self, request, mode_name):
        return "learning/assessments/preview.html"

    def get_preview_context(self, request, mode_name):
        from .presenting import preview_questions

        context = super().get_preview_context(request, mode_name)
        context["questions"] = preview_questions(assessment=self)
        return context


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_GRADING = "awaiting_grading", _("Awaiting grading")
    GRADED = "graded", _("Graded")


class AssessmentAttempt(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_attempts"
    )
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="attempts")
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The exact revision taken: it is graded against it forever.",
    )
    attempt_number = models.PositiveSmallIntegerField(_("attempt"))
    status = models.CharField(
        _("status"), max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    auto_submitted = models.BooleanField(_("submitted when time ran out"), default=False)
    seed = models.BigIntegerField(help_text="Draws the questions and shuffles the options.")
    question_ids = models.JSONField(default=list, help_text="The questions drawn, in order.")
    answers = models.JSONField(default=dict, blank=True)
    answered_at = models.JSONField(
        default=dict, blank=True, help_text="{question id: seconds into the attempt}"
    )
    results = models.JSONField(
        default=dict, blank=True, help_text="{question id: {points, max, correct, feedback}}"
    )
    points = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    max_points = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["learner", "assessment", "attempt_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "assessment", "attempt_number"], name="attempt_number_unique"
            ),
            models.UniqueConstraint(
                fields=["learner", "assessment"],
                condition=Q(status="in_progress"),
                name="attempt_one_open",
            ),
            models.CheckConstraint(
                condition=Q(attempt_number__gte=1), name="attempt_number_positive"
            ),
            models.CheckConstraint(
                condition=Q(status="in_progress") | Q(submitted_at__isnull=False),
                name="attempt_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)),
                name="attempt_score_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"], name="attempt_open_deadline"),
            models.Index(fields=["assessment", "revision"], name="attempt_revision"),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.assessment_id} #{self.attempt_number}"

    @property
    def is_open(self) -> bool:
        return self.status == AttemptStatus.IN_PROGRESS


class AssessmentPass(models.Model):
    """The learner has passed the assessment: what module completion counts. One per
    learner and assessment; written once by grading, the first time an attempt passes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_passes"
    )
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="passes")
    attempt = models.ForeignKey(AssessmentAttempt, on_delete=models.CASCADE, related_name="+")
    passed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "assessment"], name="pass_one_per_learner")
        ]

    def __str__(self) -> str:
        return f"{self.learner} passed {self.assessment_id}"


def private_storage():
    return storages["private"]


class AttemptFile(models.Model):
    """A file of a project submission, stored privately (see projects.py)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    attempt = models.ForeignKey(AssessmentAttempt, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(storage=private_storage, upload_to="projects/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name


class ReviewAssignment(models.Model):
    """A peer asked to review one submission with the rubric. Anonymous both ways: learners
    see neither who wrote the work nor who reviewed it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    attempt = models.ForeignKey(AssessmentAttempt, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_reviews"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    levels = models.JSONField(default=dict, blank=True, help_text="{criterion id: level index}")
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["assigned_at"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "reviewer"], name="review_once_per_peer")
        ]

    def __str__(self) -> str:
        return f"review of {self.attempt_id}"


class GradebookPolicy(models.Model):
    """How a program's final grade is made: weights per course and per assessment type, and
    how many of the lowest assessment grades per type and course are dropped."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    program = models.OneToOneField(
        "learning.ProgramPage",
        on_delete=models.PROTECT,
        related_name="gradebook_policy",
        verbose_name=_("program"),
    )
    course_weights = models.JSONField(
        _("course weights"),
        default=dict,
        blank=True,
        help_text=_(
            '{"12": 2} gives the course page 12 a weight of 2; a course not listed weighs 1.'
        ),
    )
    type_weights = models.JSONField(
        _("assessment type weights"),
        default=dict,
        blank=True,
        help_text=_('{"quiz": 1, "project": 2, "peer_review": 1}; a type not listed weighs 1.'),
    )
    drop_lowest = models.PositiveSmallIntegerField(
        _("drop the lowest"),
        default=0,
        help_text=_("How many of the lowest grades of each type in each course are dropped."),
    )

    class Meta:
        verbose_name = _("gradebook policy")
        verbose_name_plural = _("gradebook policies")

    def __str__(self) -> str:
        return f"{self.program}"
