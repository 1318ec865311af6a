"""The learner API for discussions, comments and notifications (docs/api-learner.md).

Every post carries its Markdown source (`body`) and the sanitised HTML (`body_html`).
Handlers stay thin: community.discussions, .moderation, .threads and .notifications do
the work.
"""

from uuid import UUID

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language
from ninja import Query, Router, Status

from . import discussions, moderation, notifications, threads
from .access import NotFound, resolve_place
from .models import Comment, Discussion, Notification
from .schemas import (
    CommentIn,
    CommentOut,
    CommentPatch,
    DiscussionIn,
    DiscussionOut,
    DiscussionPage,
    DiscussionPatch,
    FollowOut,
    ListFilters,
    MentionOut,
    NotificationOut,
    ReadIn,
    ReportIn,
    ReportOut,
    ThreadOut,
    UnreadOut,
)
from .templatetags.community import person

router = Router(tags=["community"])


def _author(user) -> dict:
    return {"id": user.pk if user else None, "name": person(user)}


def _post_fields(post) -> dict:
    shown = not (post.is_deleted or post.is_hidden)
    return {
        "body": post.body if shown else "",
        "body_html": post.body_html if shown else "",
        "author": _author(post.author),
    }


def discussion_out(discussion: Discussion) -> dict:
    data = {
        name: getattr(discussion, name)
        for name in DiscussionOut.model_fields
        if name not in {"author", "body", "body_html"}
    }
    return {**data, **_post_fields(discussion)}


def comment_out(node: threads.Node) -> dict:
    comment = node.comment
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "language": comment.language,
        "is_edited": comment.is_edited,
        "is_deleted": comment.is_deleted,
        "is_hidden": comment.is_hidden,
        "vote_count": comment.vote_count,
        "voted": node.voted,
        "endorsed": comment.endorsed_at is not None,
        "created_at": comment.created_at,
        "more_replies": node.more_below,
        "replies": [comment_out(child) for child in node.children],
        **_post_fields(comment),
    }


def _discussion(request, discussion_id) -> Discussion:
    try:
        return threads.open_discussion(viewer=request.auth, discussion_id=discussion_id)
    except threads.NotVisible:
        raise Http404 from None


def _comment(request, comment_id) -> Comment:
    try:
        return threads.open_comment(viewer=request.auth, comment_id=comment_id)
    except threads.NotVisible:
        raise Http404 from None


def _language(requested: str | None) -> str:
    return requested or (get_language() or settings.LANGUAGE_CODE)[:2]


@router.get("/discussions", response=DiscussionPage)
def list_discussions(request, filters: Query[ListFilters]):
    try:
        place = resolve_place(
            course_id=filters.course_id, module_id=filters.module_id, item_id=filters.item_id
        )
    except NotFound:
        raise Http404 from None
    discussions.check_may_read(user=request.auth, program_id=place.program_id)
    page = threads.discussions_in(
        place=place,
        viewer=request.auth,
        language=filters.language,
        query=filters.q,
        page=filters.page,
    )
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [discussion_out(row) for row in page],
    }


@router.post("/discussions", response={201: DiscussionOut})
def create_discussion(request, payload: DiscussionIn):
    try:
        place = resolve_place(
            course_id=payload.course_id, module_id=payload.module_id, item_id=payload.item_id
        )
    except NotFound:
        raise Http404 from None
    discussion = discussions.create_discussion(
        author=request.auth,
        place=place,
        title=payload.title,
        body=payload.body,
        language=_language(payload.language),
        kind=payload.kind,
        block_id=payload.block_id,
    )
    return Status(201, discussion_out(discussion))


@router.get("/discussions/{discussion_id}", response=ThreadOut)
def get_discussion(request, discussion_id: UUID, page: int = Query(1, ge=1)):
    discussion = _discussion(request, discussion_id)
    tree = threads.thread(discussion=discussion, viewer=request.auth, page=page)
    return {
        **discussion_out(discussion),
        "comments": [comment_out(node) for node in tree.roots],
        "comment_page": tree.page.number,
        "comment_pages": tree.page.paginator.num_pages,
    }


@router.patch("/discussions/{discussion_id}", response=DiscussionOut)
def edit_discussion(request, discussion_id: UUID, payload: DiscussionPatch):
    discussion = _discussion(request, discussion_id)
    discussion = discussions.edit_post(
        user=request.auth, post=discussion, body=payload.body, title=payload.title
    )
    return discussion_out(discussion)


@router.delete("/discussions/{discussion_id}", response=DiscussionOut)
def delete_discussion(request, discussion_id: UUID):
    discussion = _discussion(request, discussion_id)
    discussion = discussions.delete_post(user=request.auth, post=discussion)
    return discussion_out(discussion)


@router.post("/discussions/{discussion_id}/comments", response={201: CommentOut})
def create_comment(request, discussion_id: UUID, payload: CommentIn):
    discussion = _discussion(request, discussion_id)
    comment = discussions.post_comment(
        author=request.auth,
        discussion=discussion,
        body=payload.body,
        parent_id=payload.parent_id,
        language=_language(payload.language),
    )
    return Status(201, comment_out(threads.Node(comment=comment, depth=0)))


@router.post("/discussions/{discussion_id}/follow", response=FollowOut)
def follow_discussion(request, discussion_id: UUID):
    discussion = _discussion(request, discussion_id)
    return {"following": discussions.follow(user=request.auth, discussion=discussion)}


@router.delete("/discussions/{discussion_id}/follow", response=FollowOut)
def unfollow_discussion(request, discussion_id: UUID):
    discussion = _discussion(request, discussion_id)
    return {
        "following": discussions.follow(user=request.auth, discussion=discussion, following=False)
    }


@router.post("/discussions/{discussion_id}/report", response={200: ReportOut, 201: ReportOut})
def report_discussion(request, discussion_id: UUID, payload: ReportIn):
    discussion = _discussion(request, discussion_id)
    return _report(request, discussion, payload)


@router.get("/discussions/{discussion_id}/mentions", response=list[MentionOut])
def mention_candidates(request, discussion_id: UUID, q: str = Query("", max_length=40)):
    discussion = _discussion(request, discussion_id)
    return notifications.mention_candidates(program_id=discussion.program_id, prefix=q)


def _report(request, post, payload: ReportIn):
    report, created = moderation.report(
        user=request.auth, post=post, reason=payload.reason, note=payload.note
    )
    return Status(201 if created else 200, report)


@router.patch("/comments/{comment_id}", response=CommentOut)
def edit_comment(request, comment_id: UUID, payload: CommentPatch):
    comment = _comment(request, comment_id)
    comment = discussions.edit_post(user=request.auth, post=comment, body=payload.body)
    return comment_out(threads.Node(comment=comment, depth=0))


@router.delete("/comments/{comment_id}", response=CommentOut)
def delete_comment(request, comment_id: UUID):
    comment = _comment(request, comment_id)
    comment = discussions.delete_post(user=request.auth, post=comment)
    return comment_out(threads.Node(comment=comment, depth=0))


def _vote(request, comment_id: UUID, up: bool):
    comment = _comment(request, comment_id)
    comment = discussions.vote(user=request.auth, comment=comment, up=up)
    return comment_out(threads.Node(comment=comment, depth=0, voted=up))


@router.post("/comments/{comment_id}/vote", response=CommentOut)
def vote_comment(request, comment_id: UUID):
    return _vote(request, comment_id, True)


@router.delete("/comments/{comment_id}/vote", response=CommentOut)
def unvote_comment(request, comment_id: UUID):
    return _vote(request, comment_id, False)


@router.post("/comments/{comment_id}/report", response={200: ReportOut, 201: ReportOut})
def report_comment(request, comment_id: UUID, payload: ReportIn):
    return _report(request, _comment(request, comment_id), payload)


@router.post("/comments/{comment_id}/endorse", response=CommentOut)
def endorse_comment(request, comment_id: UUID):
    comment = _comment(request, comment_id)
    comment = discussions.endorse(user=request.auth, comment=comment)
    return comment_out(threads.Node(comment=comment, depth=0))


@router.post("/comments/{comment_id}/accept", response=DiscussionOut)
def accept_comment(request, comment_id: UUID):
    comment = _comment(request, comment_id)
    discussion = discussions.accept_answer(user=request.auth, comment=comment)
    return discussion_out(discussion)


def notification_out(notification: Notification) -> dict:
    about = notification.discussion.title if notification.discussion_id else ""
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "actor": _author(notification.actor),
        "discussion_id": notification.discussion_id,
        "discussion_title": about,
        "title": about or notification.title,
        "url": notification.url,
        "comment_id": notification.comment_id,
        "created_at": notification.created_at,
        "read": notification.read_at is not None,
    }


@router.get("/notifications", response=list[NotificationOut])
def list_notifications(request):
    return [notification_out(row) for row in notifications.recent(user=request.auth)]


@router.get("/notifications/unread", response=UnreadOut)
def unread_notifications(request):
    return {"unread": notifications.unread_count(user=request.auth)}


@router.post("/notifications/read", response=UnreadOut)
def mark_notifications_read(request, payload: ReadIn):
    notifications.mark_read(user=request.auth, ids=payload.ids)
    return {"unread": notifications.unread_count(user=request.auth)}
