"""Who hears about a post: replies, mentions, endorsements, accepted answers and followed
discussions, on the site and by email, as each person chose.

We keep our own small model rather than django-notifications-community: its generic
relations store object ids as text, which cannot be joined to our UUID and page keys in
the one query the bell must cost, and it has no per-kind, per-channel preferences or
unsubscribe (docs/decisions/0033-community.md).
"""

import re
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Lower, Replace
from django.utils import timezone

from ..access import enrolled_learner_ids
from ..models import (
    Channel,
    EmailSchedule,
    Follow,
    Notification,
    NotificationKind,
    NotificationPreference,
    NotificationSettings,
)

MENTION = re.compile(r"(?<![\w@])@([\w.-]{2,40})")
MAX_MENTIONS = 10


def mention_handle(user) -> str:
    """How a person is mentioned: their name without spaces (people without a name cannot
    be mentioned, so no part of an email address is ever shown)."""
    return "".join((user.name or "").split())


def participants(*, program_id: int):
    """People who may be mentioned in the program's discussions: enrolled, with a name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=enrolled_learner_ids(program_id=program_id))
        .exclude(name="")
    )


def mention_candidates(*, program_id: int, prefix: str, limit: int = 8) -> list[dict]:
    """Autocomplete for "@": participants whose handle starts with the prefix."""
    prefix = "".join(prefix.split()).lower()
    if not prefix:
        return []
    handles = participants(program_id=program_id).annotate(
        handle=Replace(Lower("name"), Value(" "), Value(""))
    )
    return [
        {"handle": mention_handle(user), "name": user.name}
        for user in handles.filter(handle__startswith=prefix).order_by("name")[:limit]
    ]


def mentioned_ids(*, program_id: int, body: str) -> list:
    handles = {match.lower() for match in MENTION.findall(body)}
    if not handles:
        return []
    return list(
        participants(program_id=program_id)
        .annotate(handle=Replace(Lower("name"), Value(" "), Value("")))
        .filter(handle__in=list(handles)[:MAX_MENTIONS])
        .values_list("pk", flat=True)
    )


def _disabled(*, user_ids: Iterable, kind: str) -> dict[str, set]:
    """channel -> the users who turned this kind off there."""
    off: dict[str, set] = {Channel.IN_APP: set(), Channel.EMAIL: set()}
    for user_id, channel in NotificationPreference.objects.filter(
        user_id__in=list(user_ids), kind=kind, enabled=False
    ).values_list("user_id", "channel"):
        off[channel].add(user_id)
    return off


def notify(
    *,
    kind: str,
    recipient_ids: Iterable,
    actor,
    discussion=None,
    comment=None,
    title: str = "",
    url: str = "",
) -> list:
    """Notify each recipient once (never the actor), as their preferences say; emails go
    out through a task after the transaction commits. Without a discussion, `title` names
    what it is about and `url` is the page it opens."""
    ids = {pk for pk in recipient_ids if pk is not None and pk != getattr(actor, "pk", None)}
    if not ids:
        return []
    off = _disabled(user_ids=ids, kind=kind)
    rows = [
        Notification(
            recipient_id=pk,
            kind=kind,
            actor=actor,
            discussion=discussion,
            comment=comment,
            title=title[:200],
            url=url[:500],
            in_app=pk not in off[Channel.IN_APP],
        )
        for pk in ids
        if pk not in off[Channel.IN_APP] or pk not in off[Channel.EMAIL]
    ]
    created = Notification.objects.bulk_create(rows)
    daily = set(
        NotificationSettings.objects.filter(
            user_id__in=ids, email_schedule=EmailSchedule.DAILY
        ).values_list("user_id", flat=True)
    )
    to_email = [
        str(row.pk)
        for row in created
        if row.recipient_id not in off[Channel.EMAIL] and row.recipient_id not in daily
    ]
    if to_email:
        from .email import send_notification_emails

        transaction.on_commit(lambda: send_notification_emails.enqueue(to_email))
    return created


def notify_mentions(*, actor, discussion, comment, body: str) -> set:
    ids = set(mentioned_ids(program_id=discussion.program_id, body=body))
    notify(
        kind=NotificationKind.MENTION,
        recipient_ids=ids,
        actor=actor,
        discussion=discussion,
        comment=comment,
    )
    return ids


def notify_reply(*, actor, discussion, comment, parent) -> None:
    """A new comment: mentions first, then the author replied to, then followers; each
    person hears once."""
    told = notify_mentions(actor=actor, discussion=discussion, comment=comment, body=comment.body)
    replied_to = parent.author_id if parent is not None else discussion.author_id
    if replied_to not in told:
        notify(
            kind=NotificationKind.REPLY,
            recipient_ids=[replied_to],
            actor=actor,
            discussion=discussion,
            comment=comment,
        )
        told.add(replied_to)
    followers = (
        set(Follow.objects.filter(discussion=discussion).values_list("user_id", flat=True)) - told
    )
    notify(
        kind=NotificationKind.FOLLOWED,
        recipient_ids=followers,
        actor=actor,
        discussion=discussion,
        comment=comment,
    )


def notify_learner(*, kind: str, recipient_id, title: str, url: str) -> list:
    """A notification that is not about a post (an achievement earned, a certificate issued),
    for other apps to call; the recipient's preferences for `kind` apply."""
    return notify(kind=kind, recipient_ids=[recipient_id], actor=None, title=title, url=url)


def unread_count(*, user) -> int:
    """The bell's figure: one query."""
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).count()


def recent(*, user, limit: int = 50):
    return (
        Notification.objects.filter(recipient=user, in_app=True)
        .select_related("actor", "discussion", "comment")
        .order_by("-created_at")[:limit]
    )


def mark_read(*, user, ids: Iterable | None = None) -> int:
    """Mark the user's notifications read (all of them when `ids` is None)."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())


def preferences(*, user) -> dict[tuple[str, str], bool]:
    stored = {
        (kind, channel): enabled
        for kind, channel, enabled in NotificationPreference.objects.filter(user=user).values_list(
            "kind", "channel", "enabled"
        )
    }
    return {
        (kind, channel): stored.get((kind, channel), True)
        for kind in NotificationKind.values
        for channel in Channel.values
    }


def set_preference(*, user, kind: str, channel: str, enabled: bool) -> None:
    NotificationPreference.objects.update_or_create(
        user=user, kind=kind, channel=channel, defaults={"enabled": enabled}
    )


def email_schedule(*, user) -> str:
    row = NotificationSettings.objects.filter(user=user).first()
    return row.email_schedule if row else EmailSchedule.IMMEDIATE


def set_email_schedule(*, user, schedule: str) -> None:
    NotificationSettings.objects.update_or_create(user=user, defaults={"email_schedule": schedule})
