"""What the learner API's handlers share: the learner, the item, errors in JSON."""

from uuid import UUID

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja.errors import HttpError

from learning.journey.access import NotFound, resolve_item
from learning.journey.progress import ProgressError
from learning.models import Enrollment


def learner_of(request):
    return request.auth


def _own_enrollment(request, enrollment_id: UUID) -> Enrollment:
    return get_object_or_404(
        Enrollment.objects.select_related("program"), pk=enrollment_id, learner=learner_of(request)
    )


def content_item(content_item_id: int):
    try:
        return resolve_item(page_id=content_item_id)
    except NotFound:
        raise Http404 from None


def entry_error(content_item_id: int, exc: Exception) -> dict:
    if isinstance(exc, ProgressError):
        status, message = exc.status, exc.message
    elif isinstance(exc, HttpError):
        status, message = exc.status_code, str(exc)
    else:
        status, message = 404, "Unknown or unpublished content item."
    return {
        "content_item_id": content_item_id,
        "status": status,
        "credited_seconds": 0,
        "message": message,
    }
