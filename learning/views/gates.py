"""The gate in front of a content item page: serve it, show the course's lock, or send the
visitor to the program. Runs in Wagtail's ``on_serve_page`` hook (learning.wagtail_hooks),
so the page model knows nothing of who may read it (docs/decisions/0029)."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import Page

from learning.journey.access import STEPLEN, CourseLock, can_edit_pages
from learning.journey.page_marks import forget_journey, item_ref, journey_lock, page_journey
from learning.journey.progress import start_item
from learning.models import ContentItemPage

from .pages import lock_context


@dataclass(frozen=True)
class Gate:
    """How to answer a request for a content item page."""

    redirect_to: str | None = None
    lock: CourseLock | None = None
    show_body: bool = True


def item_gate(request, page) -> Gate:
    """Whether to serve this item, send the visitor elsewhere, or show its lock.

    Open to everyone when a free preview, to editors and previews, and to learners enrolled
    in the program (not dropped) once the course's prerequisites are finished; an enrolled
    learner of a locked course sees the lock and why, never the body. Opening an open item
    records it as started, once: a started item's view writes nothing, so the learner's
    activity (and cached dashboard) moves only with real progress. Worked out from the
    learner's journey on the page (journey.page_marks), whose one query the page shares.
    """
    if getattr(request, "is_preview", False):
        return Gate()
    item = item_ref(page)
    journey = page_journey(request, page) if item is not None else None
    lock = journey_lock(journey, item.course_id) if item and item.has_prerequisites else None
    enrolled = bool(journey and journey.enrolled)
    if enrolled and lock is None and item.item_id in journey.progress_rows:
        return Gate()  # started before: the body opens and nothing is written (as for editors)
    if can_edit_pages(request.user):
        return Gate()
    if item is None:
        raise Http404
    if enrolled and lock is None and start_item(learner=request.user, item=item) is not None:
        forget_journey(request, page)  # the page shows the item as started
    readable = item.is_free_preview or (enrolled and lock is None)
    if readable or lock is not None:
        return Gate(lock=lock, show_body=readable)
    messages.info(request, _("Enroll in the program to open this lesson."))
    program = Page.objects.filter(path=page.path[: STEPLEN * (page.depth - 3)]).first()
    return Gate(redirect_to=program.url if program else "/")


def gate_content_items(serve):
    """``on_serve_page``: wrap Wagtail's serving so a content item the gate stops redirects, and
    one it locks shows the lock (403 without the body). Registered inside Wagtail's own view
    restrictions, so a private page asks for its password or a login first."""

    def inner(page, request, serve_args, serve_kwargs):
        if not isinstance(page, ContentItemPage):
            return serve(page, request, serve_args, serve_kwargs)
        gate = item_gate(request, page)
        if gate.redirect_to is not None:
            return redirect(gate.redirect_to)
        response = serve(page, request, serve_args, serve_kwargs)
        if gate.lock is not None:
            response.context_data["course_lock"] = lock_context(gate.lock, request)
            response.context_data["show_body"] = gate.show_body
            if not gate.show_body:
                response.status_code = 403
        return response

    return inner
