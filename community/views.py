"""The learner's discussion pages. Posting, replying, voting and editing answer htmx
requests with the changed fragment, and plain form posts with a redirect, so the pages
work without JavaScript too."""

from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from . import discussions, threads
from .access import NotFound, Place, learner_url, resolve_place, translated_page
from .discussions import MAX_BODY_CHARS, MAX_TITLE_CHARS, PostError
from .markdown import render as render_markdown
from .models import Comment, Discussion, DiscussionKind, Follow, ReportReason

PLACE_KINDS = {"course", "module"}


def _language() -> str:
    return (get_language() or "en")[:2]


def _place_context(request, place: Place) -> dict:
    language = _language()
    course = translated_page(place.course_id, language)
    module = translated_page(place.module_id, language) if place.module_id else None
    crumbs = [{"title": course.title, "url": learner_url(course, request)}]
    if module is not None:
        crumbs.append({"title": module.title, "url": learner_url(module, request)})
    return {"place": place, "course": course, "module": module, "crumbs": crumbs}


def error_answer(request, exc: PostError, *, target: str, back: str) -> HttpResponse:
    """An htmx request gets the message in the form's error slot; a form post a redirect."""
    if request.htmx:
        response = render(
            request, "community/partials/form_error.html", {"message": exc.message}, status=200
        )
        response["HX-Retarget"] = f"#{target}"
        response["HX-Reswap"] = "innerHTML"
        return response
    messages.error(request, exc.message)
    return redirect(back)


def open_discussion_or_404(request, discussion_id: UUID) -> Discussion:
    try:
        return threads.open_discussion(viewer=request.user, discussion_id=discussion_id)
    except threads.NotVisible:
        raise Http404 from None


def open_comment_or_404(request, comment_id: UUID) -> Comment:
    try:
        return threads.open_comment(viewer=request.user, comment_id=comment_id)
    except threads.NotVisible:
        raise Http404 from None


def thread_url(discussion_id, comment_id=None) -> str:
    url = reverse("community:thread", args=[discussion_id])
    return f"{url}#comment-{comment_id}" if comment_id else url


@require_GET
@login_required
def discussion_list(request: HttpRequest, kind: str, page_id: int) -> HttpResponse:
    """A course's or a module's discussions, with search, a language filter and a form to
    start one."""
    if kind not in PLACE_KINDS:
        raise Http404
    try:
        place = resolve_place(**{f"{kind}_id": page_id})
    except NotFound:
        raise Http404 from None
    try:
        discussions.check_may_read(user=request.user, program_id=place.program_id)
    except PostError as exc:
        messages.info(request, exc.message)
        return redirect(learner_url(translated_page(place.program_id, _language()), request))
    language = request.GET.get("language", "")
    query = request.GET.get("q", "")[:200]
    block_id = request.GET.get("block", "")[:64]
    item_id = request.GET.get("item", "")
    anchor = None
    if block_id and item_id.isdigit():
        try:
            anchor = resolve_place(item_id=int(item_id))
        except NotFound:
            anchor = None
        if anchor is not None and anchor.module_id != place.module_id:
            anchor = None
    page = threads.discussions_in(
        place=anchor or place,
        viewer=request.user,
        language=language,
        query=query,
        page=request.GET.get("page", 1),
        block_id=block_id if anchor else "",
    )
    ban = discussions.active_ban(user=request.user, course_id=place.course_id)
    return render(
        request,
        "community/discussion_list.html",
        {
            **_place_context(request, place),
            "kind": kind,
            "page_id": page_id,
            "page_obj": page,
            "language": language,
            "query": query,
            "ban_message": discussions.ban_message(ban) if ban else "",
            "kinds": DiscussionKind.choices,
            "max_title": MAX_TITLE_CHARS,
            "max_body": MAX_BODY_CHARS,
            "block_id": block_id if anchor else "",
            "item_id": anchor.item_id if anchor else "",
            "querystring": urlencode({"q": query, "language": language}),
        },
    )


@require_POST
@login_required
def start_discussion(request: HttpRequest, kind: str, page_id: int) -> HttpResponse:
    if kind not in PLACE_KINDS:
        raise Http404
    item_id = request.POST.get("item_id", "")
    try:
        if item_id.isdigit():
            place = resolve_place(item_id=int(item_id))
        else:
            place = resolve_place(**{f"{kind}_id": page_id})
    except NotFound:
        raise Http404 from None
    back = reverse("community:discussions", args=[kind, page_id])
    try:
        discussion = discussions.create_discussion(
            author=request.user,
            place=place,
            title=request.POST.get("title", ""),
            body=request.POST.get("body", ""),
            kind=request.POST.get("kind")
            if request.POST.get("kind") in DiscussionKind.values
            else DiscussionKind.DISCUSSION,
            language=_language(),
            block_id=request.POST.get("block_id", ""),
        )
    except PostError as exc:
        return error_answer(request, exc, target="start-error", back=back)
    url = thread_url(discussion.pk)
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _thread_context(request, discussion: Discussion, **extra) -> dict:
    try:
        place = (
            resolve_place(module_id=discussion.module_id)
            if discussion.module_id
            else resolve_place(course_id=discussion.course_id)
        )
    except NotFound:
        raise Http404 from None
    tree = threads.thread(discussion=discussion, viewer=request.user, **extra)
    ban = discussions.active_ban(user=request.user, course_id=place.course_id)
    return {
        **_place_context(request, place),
        "discussion": discussion,
        "thread": tree,
        "following": Follow.objects.filter(discussion=discussion, user=request.user).exists(),
        "may_endorse": discussions.may_endorse(user=request.user, program_id=discussion.program_id),
        "may_accept": discussion.kind == DiscussionKind.QUESTION
        and (
            discussion.author_id == request.user.pk
            or discussions.may_endorse(user=request.user, program_id=discussion.program_id)
        ),
        "ban_message": discussions.ban_message(ban) if ban else "",
        "reasons": ReportReason.choices,
        "max_body": MAX_BODY_CHARS,
        "visible_depth": threads.VISIBLE_DEPTH,
    }


@require_GET
@login_required
def thread_page(request: HttpRequest, discussion_id: UUID) -> HttpResponse:
    discussion = open_discussion_or_404(request, discussion_id)
    try:
        page = max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        page = 1
    return render(request, "community/thread.html", _thread_context(request, discussion, page=page))


@require_GET
@login_required
def subthread_page(request: HttpRequest, discussion_id: UUID, comment_id: UUID) -> HttpResponse:
    """ "Continue this thread": one comment and every reply below it."""
    discussion = open_discussion_or_404(request, discussion_id)
    try:
        context = _thread_context(request, discussion, focus_id=comment_id)
    except Comment.DoesNotExist:
        raise Http404 from None
    return render(request, "community/thread.html", context)


def _comment_response(
    request, comment: Comment, discussion: Discussion, *, status=200, template="comment"
):
    node = threads.Node(comment=comment, depth=0)
    context = {
        "node": node,
        "discussion": discussion,
        "thread": {"participant": True, "moderator": False},
        "may_endorse": discussions.may_endorse(user=request.user, program_id=discussion.program_id),
        "reasons": ReportReason.choices,
        "max_body": MAX_BODY_CHARS,
        "fresh": True,
    }
    return render(request, f"community/partials/{template}.html", context, status=status)


@require_POST
@login_required
def reply(request: HttpRequest, discussion_id: UUID) -> HttpResponse:
    discussion = open_discussion_or_404(request, discussion_id)
    raw_parent = request.POST.get("parent_id") or None
    try:
        parent_id = UUID(raw_parent) if raw_parent else None
    except ValueError:
        parent_id = UUID(int=0)
    target = f"reply-error-{raw_parent or 'root'}"
    try:
        comment = discussions.post_comment(
            author=request.user,
            discussion=discussion,
            body=request.POST.get("body", ""),
            parent_id=parent_id,
            language=_language(),
        )
    except PostError as exc:
        return error_answer(request, exc, target=target, back=thread_url(discussion.pk))
    if request.htmx:
        discussion.refresh_from_db(fields=["comment_count"])
        return _comment_response(request, comment, discussion, status=201, template="new_reply")
    return redirect(thread_url(discussion.pk, comment.pk))


@require_POST
@login_required
def vote(request: HttpRequest, comment_id: UUID) -> HttpResponse:
    comment = open_comment_or_404(request, comment_id)
    up = request.POST.get("up", "1") == "1"
    try:
        comment = discussions.vote(user=request.user, comment=comment, up=up)
    except PostError as exc:
        return error_answer(
            request,
            exc,
            target=f"actions-error-{comment.pk}",
            back=thread_url(comment.discussion_id),
        )
    if request.htmx:
        return render(
            request,
            "community/partials/comment.html#vote",
            {
                "node": threads.Node(comment=comment, depth=0, voted=up),
                "thread": {"participant": True},
            },
        )
    return redirect(thread_url(comment.discussion_id, comment.pk))


@login_required
def edit_comment(request: HttpRequest, comment_id: UUID) -> HttpResponse:
    """GET: the edit form in place of the comment (htmx); POST: save and show it again."""
    comment = open_comment_or_404(request, comment_id)
    if not discussions.may_edit(user=request.user, author_id=comment.author_id):
        raise Http404
    if request.method == "GET":
        return render(
            request,
            "community/partials/edit_form.html",
            {"comment": comment, "max_body": MAX_BODY_CHARS},
        )
    if request.method != "POST":
        return HttpResponse(status=405)
    try:
        comment = discussions.edit_post(
            user=request.user, post=comment, body=request.POST.get("body", "")
        )
    except PostError as exc:
        return error_answer(
            request, exc, target=f"edit-error-{comment.pk}", back=thread_url(comment.discussion_id)
        )
    if request.htmx:
        return _comment_response(request, comment, comment.discussion)
    return redirect(thread_url(comment.discussion_id, comment.pk))


@require_POST
@login_required
def delete_comment(request: HttpRequest, comment_id: UUID) -> HttpResponse:
    comment = open_comment_or_404(request, comment_id)
    try:
        comment = discussions.delete_post(user=request.user, post=comment)
    except PostError as exc:
        return error_answer(
            request,
            exc,
            target=f"actions-error-{comment.pk}",
            back=thread_url(comment.discussion_id),
        )
    if request.htmx:
        return _comment_response(request, comment, comment.discussion)
    return redirect(thread_url(comment.discussion_id, comment.pk))


@require_POST
@login_required
def edit_discussion(request: HttpRequest, discussion_id: UUID) -> HttpResponse:
    discussion = open_discussion_or_404(request, discussion_id)
    try:
        if request.POST.get("delete"):
            discussions.delete_post(user=request.user, post=discussion)
        else:
            discussions.edit_post(
                user=request.user,
                post=discussion,
                body=request.POST.get("body", ""),
                title=request.POST.get("title"),
            )
    except PostError as exc:
        messages.error(request, exc.message)
    return redirect(thread_url(discussion.pk))


@require_POST
@login_required
def follow(request: HttpRequest, discussion_id: UUID) -> HttpResponse:
    discussion = open_discussion_or_404(request, discussion_id)
    following = request.POST.get("follow", "1") == "1"
    discussions.follow(user=request.user, discussion=discussion, following=following)
    if request.htmx:
        return render(
            request,
            "community/thread.html#follow",
            {"discussion": discussion, "following": following},
        )
    return redirect(thread_url(discussion.pk))


@require_POST
@login_required
def preview(request: HttpRequest) -> HttpResponse:
    """The Markdown preview under a form: the same sanitised HTML the post will have."""
    body = request.POST.get("body", "")[:MAX_BODY_CHARS]
    return render(request, "community/partials/preview.html", {"html": render_markdown(body)})
