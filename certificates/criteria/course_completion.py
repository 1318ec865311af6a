"""Complete every live item of a course. Progress: "7 of 10" items."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from certificates.journey import default_language_code
from learning.models import ContentItemPage, CoursePage, Progress

from .base import Status

FIELDS = ("course",)


def clean(values: dict) -> dict:
    course = values.get("course")
    course_id = getattr(course, "pk", course)
    if not course_id:
        raise ValidationError({"course": _("Choose the course to complete.")})
    try:
        course_id = int(course_id)
    except (TypeError, ValueError):
        raise ValidationError({"course": _("Choose the course to complete.")}) from None
    if not CoursePage.objects.filter(
        pk=course_id, locale__language_code=default_language_code()
    ).exists():
        raise ValidationError({"course": _("Choose a course in the default language.")})
    return {"course": course_id}


def evaluate(*, learner, criteria: dict):
    course = CoursePage.objects.filter(pk=criteria.get("course")).first()
    if course is None:
        return Status(0, 1, False)
    total = ContentItemPage.objects.live().descendant_of(course).count()
    done = Progress.objects.filter(
        learner=learner, course=course, is_completed=True, content_item__live=True
    ).count()
    return Status(min(done, total), total, total > 0 and done >= total)
