"""Certificates, the editor-managed template they are printed with, and name corrections.

A certificate is issued once per learner and program (or course) while it is not revoked;
its public id is the UUID4 primary key (122 random bits) and its serial comes from a
PostgreSQL sequence (certificates.numbering).
See docs/decisions/0034-certificates-and-credentials.md.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import RevisionMixin


class SignatoryBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=120)
    role = blocks.CharBlock(label=_("role"), max_length=120, required=False)
    signature = ImageChooserBlock(label=_("signature image"), required=False)

    class Meta:
        icon = "user"
        label = _("Signatory")


class SignatoriesBlock(blocks.StreamBlock):
    signatory = SignatoryBlock()

    class Meta:
        max_num = 3


class CertificateTemplate(RevisionMixin, models.Model):
    """What a certificate PDF says and shows. Certificates pin the revision they used."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=120, help_text=_("For editors only."))
    program = models.OneToOneField(
        "learning.ProgramPage",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate_template",
        help_text=_("Leave empty for the template every other program uses."),
    )
    heading = models.CharField(_("heading"), max_length=120, default="Certificate of completion")
    statement = models.CharField(
        _("statement"),
        max_length=200,
        default="has successfully completed",
        help_text=_("Printed between the learner's name and the program or course."),
    )
    issuer_name = models.CharField(_("issuer name"), max_length=120, default="Culture Degree")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signatories = StreamField(SignatoriesBlock(), blank=True, verbose_name=_("signatories"))
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("program"),
        FieldPanel("heading"),
        FieldPanel("statement"),
        FieldPanel("issuer_name"),
        FieldPanel("logo"),
        FieldPanel("signatories"),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")

    def __str__(self) -> str:
        return self.name


class Certificate(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Empty once the holder erased their account (docs/decisions/0034-...): the row stays so
    # the serial can still be checked, without the name.
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    program = models.ForeignKey(
        "learning.ProgramPage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "learning.CoursePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    number = models.PositiveBigIntegerField(
        unique=True, editable=False, help_text="From the certificates_serial sequence."
    )
    serial = models.CharField(_("serial"), max_length=24, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"))
    metadata = models.JSONField(
        default=dict,
        help_text="grade, completion_date, program_revision, name (as issued), title, "
        "template_revision.",
    )
    template_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name_public = models.BooleanField(_("show my name on the public page"), default=True)
    credential = models.JSONField(default=dict, blank=True, editable=False)
    pdf = models.FileField(upload_to="certificates/", blank=True, editable=False)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by each name correction: a new PDF and credential."
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason"), max_length=300, blank=True)
    replaced_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(program__isnull=False) & Q(course__isnull=True))
                | (Q(program__isnull=True) & Q(course__isnull=False)),
                name="certificate_program_xor_course",
            ),
            models.UniqueConstraint(
                fields=["learner", "program"],
                condition=Q(revoked_at__isnull=True, program__isnull=False),
                name="certificate_one_valid_per_program",
            ),
            models.UniqueConstraint(
                fields=["learner", "course"],
                condition=Q(revoked_at__isnull=True, course__isnull=False),
                name="certificate_one_valid_per_course",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="certificate_revocation_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["learner", "-issued_at"], name="certificate_learner")]

    def __str__(self) -> str:
        return self.serial

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def title(self) -> str:
        return self.metadata.get("title", "")

    @property
    def holder_name(self) -> str:
        return self.metadata.get("name", "")

    @property
    def status_index(self) -> int:
        """The certificate's bit in the revocation status list."""
        return self.number


class NameCorrectionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class NameCorrection(models.Model):
    """A learner's request to print another name on a certificate; staff decide."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="name_corrections"
    )
    requested_name = models.CharField(_("corrected name"), max_length=150)
    explanation = models.CharField(_("why"), max_length=300, blank=True)
    previous_name = models.CharField(max_length=150, editable=False)
    status = models.CharField(
        max_length=10, choices=NameCorrectionStatus.choices, default=NameCorrectionStatus.PENDING
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("name correction")
        verbose_name_plural = _("name corrections")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"],
                condition=Q(status="pending"),
                name="name_correction_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.previous_name} → {self.requested_name}"


class LookupCounter(models.Model):
    """Public look-ups per client address and minute (certificates.ratelimit): one upsert a
    request, instead of a cache read and write. The address is kept as a keyed hash."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "window_start"], name="lookup_counter_window")
        ]

    def __str__(self) -> str:
        return f"{self.client[:8]} {self.window_start:%H:%M} {self.count}"
