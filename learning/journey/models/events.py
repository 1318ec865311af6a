"""The append-only log of learning events, shaped after xAPI statements."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    REGISTERED = "registered", _("enrolled")
    SUSPENDED = "suspended", _("paused")
    RESUMED = "resumed", _("resumed")
    ABANDONED = "abandoned", _("dropped")
    SCHEDULED = "scheduled", _("set a target date")
    LAUNCHED = "launched", _("started")
    PROGRESSED = "progressed", _("progressed")
    COMPLETED = "completed", _("completed")
    # Discussions (community): starting one, and replying in one.
    COMMENTED = "commented", _("started a discussion")
    REPLIED = "replied", _("replied in a discussion")
    ATTEMPTED = "attempted", _("attempted")
    ANSWERED = "answered", _("answered")
    SUBMITTED = "submitted", _("submitted")
    PASSED = "passed", _("passed")
    FAILED = "failed", _("failed")
    REVIEWED = "reviewed", _("reviewed")


XAPI_VERB_IRI = {
    Verb.REGISTERED: "http://adlnet.gov/expapi/verbs/registered",
    Verb.SUSPENDED: "http://adlnet.gov/expapi/verbs/suspended",
    Verb.RESUMED: "http://adlnet.gov/expapi/verbs/resumed",
    Verb.ABANDONED: "https://w3id.org/xapi/adl/verbs/abandoned",
    Verb.SCHEDULED: "http://id.tincanapi.com/verb/scheduled",
    Verb.LAUNCHED: "http://adlnet.gov/expapi/verbs/launched",
    Verb.PROGRESSED: "http://adlnet.gov/expapi/verbs/progressed",
    Verb.COMPLETED: "http://adlnet.gov/expapi/verbs/completed",
    Verb.COMMENTED: "http://adlnet.gov/expapi/verbs/commented",
    Verb.REPLIED: "http://id.tincanapi.com/verb/replied",
    Verb.ATTEMPTED: "http://adlnet.gov/expapi/verbs/attempted",
    Verb.ANSWERED: "http://adlnet.gov/expapi/verbs/answered",
    Verb.SUBMITTED: "http://activitystrea.ms/schema/1.0/submit",
    Verb.PASSED: "http://adlnet.gov/expapi/verbs/passed",
    Verb.FAILED: "http://adlnet.gov/expapi/verbs/failed",
    Verb.REVIEWED: "http://id.tincanapi.com/verb/reviewed",
}


class ObjectType(models.TextChoices):
    PROGRAM = "program", _("program")
    COURSE = "course", _("course")
    CONTENT_ITEM = "content_item", _("content item")
    # object_id is the assessment's module page; the assessment and question are in context.
    ASSESSMENT = "assessment", _("assessment")


class AppendOnlyError(Exception):
    pass


class LearningEvent(models.Model):
    """Actor, verb, object, result, timestamp. Rows are written once and never changed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Empty once the learner deleted their account: the event stays, anonymised, for
    # aggregate analytics (docs/decisions/0028-personal-data.md).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="learning_events",
    )
    verb = models.CharField(max_length=20, choices=Verb.choices)
    object_type = models.CharField(max_length=20, choices=ObjectType.choices)
    object_id = models.PositiveIntegerField(help_text="The default-locale page id.")
    result = models.JSONField(default=dict, blank=True)
    context = models.JSONField(default=dict, blank=True)
    timestamp = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("learning event")
        verbose_name_plural = _("learning events")
        ordering = ["-timestamp"]
        indexes = [models.Index(fields=["actor", "-timestamp"], name="event_actor_recent")]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.verb} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Learning events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Learning events are append-only.")

    @property
    def verb_iri(self) -> str:
        return XAPI_VERB_IRI[Verb(self.verb)]
