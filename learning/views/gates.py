"""The gate in front of a content item page: serve it, show the course's lock, or send the
visitor to the program. Runs in Wagtail's ``on_serve_page`` hook (learning.wagtail_hooks),
so the page model knows nothing of who may read it (docs/decisions/0029)."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import Page

from learning.journey.access import (
    STEPLEN,
    CourseLock,
    NotFound,
    can_edit_pages,
    item_access,
    resolve_item,
)
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
    records it as started.
    """
    if getattr(request, "is_preview", False) or can_edit_pages(request.user):
        return Gate()
    try:
        item = resolve_item(page_id=page.id)
    except NotFound:
        raise Http404 from None
    access = item_access(learner=request.user, item=item)
    if access.enrolled and access.lock is None:
        start_item(learner=request.user, item=item)
    if access.readable or access.lock is not None:
        return Gate(lock=access.lock, show_body=access.readable)
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
