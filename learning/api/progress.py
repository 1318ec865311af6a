"""Progress on content items: start, complete, undo, list."""

from django.http import Http404
from ninja import Router
from wagtail.models import Page

from learning.journey.access import NotFound, resolve_program
from learning.journey.progress import begin_item, complete_item, uncomplete_item
from learning.models import Enrollment, Progress

from .helpers import content_item, learner_of
from .schemas import CompleteOut, ProgressOut, UncompleteOut

router = Router()


@router.post(
    "/progress/{content_item_id}/start", response=ProgressOut, operation_id="learning_api_start"
)
def start(request, content_item_id: int):
    item = content_item(content_item_id)
    return begin_item(learner=learner_of(request), item=item)


def _mark(request, content_item_id: int, action):
    """Complete or uncomplete an item: (progress, whether it changed, the enrollment)."""
    item = content_item(content_item_id)
    progress, changed = action(learner=learner_of(request), item=item)
    enrollment = Enrollment.objects.select_related("program").get(
        learner=learner_of(request), program_id=item.program_id
    )
    return progress, changed, enrollment


@router.post(
    "/progress/{content_item_id}/complete",
    response=CompleteOut,
    operation_id="learning_api_progress_complete",
)
def progress_complete(request, content_item_id: int):
    progress, changed, enrollment = _mark(request, content_item_id, complete_item)
    return {"progress": progress, "completed_now": changed, "enrollment": enrollment}


@router.delete(
    "/progress/{content_item_id}/complete",
    response=UncompleteOut,
    operation_id="learning_api_progress_uncomplete",
)
def progress_uncomplete(request, content_item_id: int):
    """Undo "Mark as complete"."""
    progress, changed, enrollment = _mark(request, content_item_id, uncomplete_item)
    return {"progress": progress, "uncompleted_now": changed, "enrollment": enrollment}


@router.get(
    "/progress",
    response=list[ProgressOut],
    operation_id="learning_api_list_progress",
)
def list_progress(request, program_id: int | None = None, course_id: int | None = None):
    rows = Progress.objects.filter(learner=learner_of(request)).order_by("started_at")
    if program_id is not None:
        try:
            program = resolve_program(page_id=program_id)
        except NotFound:
            raise Http404 from None
        rows = rows.filter(course__path__startswith=program.path)
    if course_id is not None:
        rows = rows.filter(course__translation_key__in=_translation_keys(course_id))
    return rows


def _translation_keys(page_id: int):
    return Page.objects.filter(id=page_id).values("translation_key")
