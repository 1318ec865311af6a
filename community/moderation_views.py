"""The thread's moderation and staff controls: report, endorse and accept, hide, lock, pin.
Plain form posts answered with a redirect and a message."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import discussions, moderation
from .discussions import PostError
from .models import Comment, Discussion
from .views import error_answer, open_comment_or_404, open_discussion_or_404, thread_url

POST_TYPES = {"comments", "discussions"}
MODERATION_ACTIONS = {
    "hide": ("hidden", True),
    "unhide": ("hidden", False),
    "lock": ("locked", True),
    "unlock": ("locked", False),
    "pin": ("pinned", True),
    "unpin": ("pinned", False),
}


@require_POST
@login_required
def report(request: HttpRequest, post_type: str, post_id: UUID) -> HttpResponse:
    if post_type not in POST_TYPES:
        raise Http404
    post = (
        open_comment_or_404(request, post_id)
        if post_type == "comments"
        else open_discussion_or_404(request, post_id)
    )
    discussion_id = post.discussion_id if isinstance(post, Comment) else post.pk
    try:
        _report, created = moderation.report(
            user=request.user,
            post=post,
            reason=request.POST.get("reason", ""),
            note=request.POST.get("note", ""),
        )
    except PostError as exc:
        return error_answer(
            request, exc, target=f"report-error-{post.pk}", back=thread_url(discussion_id)
        )
    text = (
        _("Thank you. A moderator will look at it.")
        if created
        else _("You already reported this post.")
    )
    if request.htmx:
        return render(
            request, "community/partials/form_error.html", {"message": text, "level": "success"}
        )
    messages.success(request, text)
    return redirect(thread_url(discussion_id))


@require_POST
@login_required
def endorse(request: HttpRequest, comment_id: UUID) -> HttpResponse:
    comment = open_comment_or_404(request, comment_id)
    try:
        if request.POST.get("accept"):
            discussions.accept_answer(user=request.user, comment=comment)
        else:
            discussions.endorse(
                user=request.user, comment=comment, endorsed=request.POST.get("endorse", "1") == "1"
            )
    except PostError as exc:
        messages.error(request, exc.message)
    return redirect(thread_url(comment.discussion_id, comment.pk))


@require_POST
@login_required
def moderate(request: HttpRequest, post_type: str, post_id: UUID, action: str) -> HttpResponse:
    """The thread's moderator controls: hide, unhide; for a discussion also lock and pin."""
    if action not in MODERATION_ACTIONS or post_type not in POST_TYPES:
        raise Http404
    post = (
        open_comment_or_404(request, post_id)
        if post_type == "comments"
        else open_discussion_or_404(request, post_id)
    )
    what, value = MODERATION_ACTIONS[action]
    reason = request.POST.get("reason", "")[:500]
    try:
        if what == "hidden":
            moderation.set_hidden(user=request.user, post=post, hidden=value, reason=reason)
        elif isinstance(post, Discussion) and what == "locked":
            moderation.set_locked(user=request.user, discussion=post, locked=value, reason=reason)
        elif isinstance(post, Discussion):
            moderation.set_pinned(user=request.user, discussion=post, pinned=value, reason=reason)
        else:
            raise Http404
    except PostError as exc:
        messages.error(request, exc.message)
    discussion_id = post.discussion_id if isinstance(post, Comment) else post.pk
    return redirect(thread_url(discussion_id))
