"""Learners' actions in discussions: start one, reply, edit, delete, vote, endorse, accept,
follow. Each is one function, atomic, called by the pages, the API and the demo alike;
notifications and completion are sent from here, after the rows are written.
"""

import datetime as dt
import re
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from culturedegree.errors import Refused

from . import notifications
from .access import (
    Place,
    complete_discussion_module,
    is_discussion_module,
    is_moderator,
    is_participant,
    is_program_staff,
    record_post,
    resolve_place,
)
from .markdown import count_links, render
from .models import Ban, Comment, Discussion, DiscussionKind, Follow, PostEdit, Vote

MAX_TITLE_CHARS = 200
MAX_BODY_CHARS = 20_000
# Posts (discussions and comments together) a person may write per window: the setting
# COMMUNITY_POST_RATE_LIMIT, per POST_RATE_WINDOW_SECONDS.
POST_RATE_WINDOW_SECONDS = 60
# Accounts younger than this may put at most NEW_ACCOUNT_MAX_LINKS links in a post.
NEW_ACCOUNT_DAYS = 7
NEW_ACCOUNT_MAX_LINKS = 2
# A substantive post: this many words, or this many letters in scripts written without
# spaces between words (Japanese, Chinese), not counting quoted lines.
SUBSTANTIVE_WORDS = 15
SUBSTANTIVE_LETTERS = 60
WORD = re.compile(r"\w+")


class PostError(Refused):
    """A request the person can fix; `code` maps to an HTTP status."""

    STATUS = {
        "not_found": 404,
        "forbidden": 403,
        "banned": 403,
        "locked": 403,
        "invalid": 422,
        "too_large": 422,
        "rate_limited": 429,
    }


def active_ban(*, user, course_id: int) -> Ban | None:
    now = timezone.now()
    return (
        Ban.objects.filter(learner=user, course_id=course_id, lifted_at__isnull=True)
        .exclude(expires_at__lte=now)
        .order_by("-created_at")
        .first()
    )


def ban_message(ban: Ban) -> str:
    if ban.expires_at is None:
        return _("You are banned from this course's discussions: %(reason)s") % {
            "reason": ban.reason
        }
    return _("You are banned from this course's discussions until %(date)s: %(reason)s") % {
        "date": timezone.localtime(ban.expires_at).strftime("%Y-%m-%d %H:%M UTC"),
        "reason": ban.reason,
    }


def check_may_read(*, user, program_id: int) -> None:
    if not is_participant(user=user, program_id=program_id):
        raise PostError(
            _("Enroll in the program to take part in its discussions."), code="forbidden"
        )


def check_may_take_part(*, user, program_id: int, course_id: int) -> None:
    """Refuse anyone who is not enrolled (or staff) or is banned from the course."""
    check_may_read(user=user, program_id=program_id)
    ban = active_ban(user=user, course_id=course_id)
    if ban is not None:
        raise PostError(ban_message(ban), code="banned")


def _check_rate(*, user) -> None:
    """At most COMMUNITY_POST_RATE_LIMIT posts per window. Call inside the posting transaction: the
    person's row is locked, so parallel posts are counted one after another."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk").first()
    since = timezone.now() - dt.timedelta(seconds=POST_RATE_WINDOW_SECONDS)
    recent = sorted(
        [
            *Discussion.objects.filter(author=user, created_at__gte=since).values_list(
                "created_at", flat=True
            ),
            *Comment.objects.filter(author=user, created_at__gte=since).values_list(
                "created_at", flat=True
            ),
        ]
    )
    limit = settings.COMMUNITY_POST_RATE_LIMIT
    if len(recent) >= limit:
        oldest = recent[-limit]
        retry = POST_RATE_WINDOW_SECONDS - int((timezone.now() - oldest).total_seconds())
        retry = max(retry, 1)
        raise PostError(
            _("You are posting too fast. Try again in %(seconds)s seconds.") % {"seconds": retry},
            code="rate_limited",
            retry_after=retry,
        )


def _clean_body(*, user, body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise PostError(_("Write something first."), code="invalid")
    if len(body) > MAX_BODY_CHARS:
        raise PostError(
            _("A post can be at most %(limit)s characters long.") % {"limit": MAX_BODY_CHARS},
            code="too_large",
        )
    joined = getattr(user, "date_joined", None) or timezone.now()
    is_new = timezone.now() - joined < dt.timedelta(days=NEW_ACCOUNT_DAYS)
    if is_new and not user.is_staff and count_links(body) > NEW_ACCOUNT_MAX_LINKS:
        raise PostError(
            _("New accounts can include at most %(limit)s links in a post.")
            % {"limit": NEW_ACCOUNT_MAX_LINKS},
            code="invalid",
        )
    return body


def is_substantive(body: str) -> bool:
    """Enough of the person's own words to count as taking part (quotes do not count)."""
    own = "\n".join(line for line in body.splitlines() if not line.lstrip().startswith(">"))
    words = WORD.findall(own)
    return len(words) >= SUBSTANTIVE_WORDS or sum(map(len, words)) >= SUBSTANTIVE_LETTERS


def _complete_if_substantive(*, author, discussion: Discussion, body: str) -> None:
    if discussion.module_id is None or not is_substantive(body):
        return
    if is_discussion_module(discussion.module_id):
        complete_discussion_module(learner=author, module_id=discussion.module_id)


def create_discussion(
    *,
    author,
    place: Place,
    title: str,
    body: str,
    language: str,
    kind: str = DiscussionKind.DISCUSSION,
    block_id: str = "",
    rate_limited: bool = True,
) -> Discussion:
    """Start a discussion in the place's module (or its course when it has none)."""
    check_may_take_part(user=author, program_id=place.program_id, course_id=place.course_id)
    title = (title or "").strip()
    if not title:
        raise PostError(_("Give the discussion a title."), code="invalid")
    if len(title) > MAX_TITLE_CHARS:
        raise PostError(
            _("A title can be at most %(limit)s characters long.") % {"limit": MAX_TITLE_CHARS},
            code="too_large",
        )
    body = _clean_body(user=author, body=body)
    if block_id and place.item_id is None:
        raise PostError(_("A block anchor needs its content item."), code="invalid")
    with transaction.atomic():
        if rate_limited:
            _check_rate(user=author)
        discussion = Discussion.objects.create(
            program_id=place.program_id,
            course_id=None if place.module_id else place.course_id,
            module_id=place.module_id,
            item_id=place.item_id,
            block_id=block_id[:64],
            author=author,
            kind=kind,
            title=title,
            body=body,
            body_html=render(body),
            language=language[:10],
        )
        Follow.objects.get_or_create(discussion=discussion, user=author)
        record_post(author=author, course_id=place.course_id, discussion=discussion)
        notifications.notify_mentions(actor=author, discussion=discussion, comment=None, body=body)
        _complete_if_substantive(author=author, discussion=discussion, body=body)
    return discussion


def locked_discussion(discussion_id) -> Discussion:
    """The discussion, row-locked for the rest of the transaction."""
    return Discussion.objects.select_for_update().get(pk=discussion_id)


def post_comment(
    *,
    author,
    discussion: Discussion,
    body: str,
    language: str,
    parent_id: uuid.UUID | None = None,
    rate_limited: bool = True,
) -> Comment:
    """Reply to the discussion, or to one of its comments."""
    check_may_take_part(
        user=author, program_id=discussion.program_id, course_id=course_of(discussion)
    )
    if discussion.is_locked and not is_moderator(user=author, program_id=discussion.program_id):
        raise PostError(_("This discussion is locked: no new replies."), code="locked")
    if discussion.is_deleted or discussion.is_hidden:
        raise PostError(_("This discussion is no longer open."), code="locked")
    body = _clean_body(user=author, body=body)
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(pk=parent_id).only("discussion_id", "author_id").first()
        if parent is None or parent.discussion_id != discussion.pk:
            raise PostError(
                _("You can only reply to a comment of this discussion."), code="invalid"
            )
    with transaction.atomic():
        if rate_limited:
            _check_rate(user=author)
        comment = Comment.objects.create(
            discussion=discussion,
            parent=parent,
            author=author,
            body=body,
            body_html=render(body),
            language=language[:10],
        )
        Discussion.objects.filter(pk=discussion.pk).update(
            comment_count=F("comment_count") + 1, last_activity_at=timezone.now()
        )
        Follow.objects.get_or_create(discussion=discussion, user=author)
        record_post(
            author=author, course_id=course_of(discussion), discussion=discussion, comment=comment
        )
        notifications.notify_reply(
            actor=author, discussion=discussion, comment=comment, parent=parent
        )
        _complete_if_substantive(author=author, discussion=discussion, body=body)
    return comment


def course_of(discussion: Discussion) -> int:
    if discussion.course_id:
        return discussion.course_id
    return resolve_place(module_id=discussion.module_id).course_id


def may_edit(*, user, author_id) -> bool:
    return user.is_authenticated and author_id is not None and author_id == user.pk


def edit_post(*, user, post: Discussion | Comment, body: str, title: str | None = None):
    """Change one's own post; the text before goes to the edit history."""
    if not may_edit(user=user, author_id=post.author_id) or post.is_deleted:
        raise PostError(_("You can only edit your own posts."), code="forbidden")
    course_id = course_of(post if isinstance(post, Discussion) else post.discussion)
    check_may_take_part(user=user, program_id=_program_of(post), course_id=course_id)
    body = _clean_body(user=user, body=body)
    with transaction.atomic():
        post = type(post).objects.select_for_update().get(pk=post.pk)
        is_discussion = _keep_history(post, editor=user)
        post.body = body
        post.body_html = render(body)
        post.is_edited = True
        fields = ["body", "body_html", "is_edited", "updated_at"]
        if is_discussion and title is not None and title.strip():
            post.title = title.strip()[:MAX_TITLE_CHARS]
            fields.append("title")
        post.save(update_fields=fields)
    return post


def _keep_history(post, *, editor) -> bool:
    """Save the post's text as it stands to its edit history, which moderators read; true
    when the post is a discussion (its title is kept too)."""
    is_discussion = isinstance(post, Discussion)
    PostEdit.objects.create(
        discussion=post if is_discussion else None,
        comment=None if is_discussion else post,
        editor=editor,
        previous_title=post.title if is_discussion else "",
        previous_body=post.body,
    )
    return is_discussion


def _program_of(post) -> int:
    return post.program_id if isinstance(post, Discussion) else post.discussion.program_id


def delete_post(*, user, post: Discussion | Comment):
    """Leave "deleted" in place so the thread survives; the text stays in the edit history
    for moderators."""
    if not (
        may_edit(user=user, author_id=post.author_id)
        or is_moderator(user=user, program_id=_program_of(post))
    ):
        raise PostError(_("You can only delete your own posts."), code="forbidden")
    with transaction.atomic():
        post = type(post).objects.select_for_update().get(pk=post.pk)
        if post.is_deleted:
            return post
        _keep_history(post, editor=user)
        post.is_deleted = True
        post.body = ""
        post.body_html = ""
        post.save(update_fields=["is_deleted", "body", "body_html", "updated_at"])
    return post


def vote(*, user, comment: Comment, up: bool = True) -> Comment:
    """Add (or take back) the user's vote; counted once however many requests race."""
    discussion = comment.discussion
    check_may_take_part(
        user=user, program_id=discussion.program_id, course_id=course_of(discussion)
    )
    if comment.author_id == user.pk:
        raise PostError(_("You cannot vote for your own comment."), code="invalid")
    with transaction.atomic():
        if up:
            try:
                with transaction.atomic():
                    Vote.objects.create(comment=comment, voter=user)
            except IntegrityError:
                pass
            else:
                Comment.objects.filter(pk=comment.pk).update(vote_count=F("vote_count") + 1)
        elif Vote.objects.filter(comment=comment, voter=user).delete()[0]:
            Comment.objects.filter(pk=comment.pk).update(vote_count=F("vote_count") - 1)
    comment.refresh_from_db(fields=["vote_count"])
    return comment


def may_endorse(*, user, program_id: int) -> bool:
    return is_moderator(user=user, program_id=program_id) or is_program_staff(
        user=user, program_id=program_id
    )


def endorse(*, user, comment: Comment, endorsed: bool = True) -> Comment:
    """An instructor's mark on a good answer."""
    if not may_endorse(user=user, program_id=comment.discussion.program_id):
        raise PostError(_("Only the course's staff can endorse answers."), code="forbidden")
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        was = comment.endorsed_at is not None
        comment.endorsed_by = user if endorsed else None
        comment.endorsed_at = timezone.now() if endorsed else None
        comment.save(update_fields=["endorsed_by", "endorsed_at"])
        if endorsed and not was:
            notifications.notify(
                kind="endorsement",
                recipient_ids=[comment.author_id],
                actor=user,
                discussion=comment.discussion,
                comment=comment,
            )
    return comment


def accept_answer(*, user, comment: Comment) -> Discussion:
    """The question's one accepted answer, chosen by its author or staff."""
    with transaction.atomic():
        discussion = locked_discussion(comment.discussion_id)
        if discussion.kind != DiscussionKind.QUESTION:
            raise PostError(_("Only a question has an accepted answer."), code="invalid")
        if not (
            may_edit(user=user, author_id=discussion.author_id)
            or may_endorse(user=user, program_id=discussion.program_id)
        ):
            raise PostError(
                _("Only the person who asked, or staff, can accept an answer."), code="forbidden"
            )
        if discussion.accepted_answer_id == comment.pk:
            return discussion
        discussion.accepted_answer = comment
        discussion.save(update_fields=["accepted_answer", "updated_at"])
        notifications.notify(
            kind="accepted",
            recipient_ids=[comment.author_id],
            actor=user,
            discussion=discussion,
            comment=comment,
        )
    return discussion


def follow(*, user, discussion: Discussion, following: bool = True) -> bool:
    if following:
        Follow.objects.get_or_create(discussion=discussion, user=user)
    else:
        Follow.objects.filter(discussion=discussion, user=user).delete()
    return following
