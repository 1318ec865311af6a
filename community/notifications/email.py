"""Notification emails, sent by tasks, each with a one-click unsubscribe (RFC 8058) that
turns off only that kind of email and needs no sign-in.

The email backend is the site's: the console in development, SMTP or any provider
through django-anymail in production (settings: EMAIL_BACKEND, ANYMAIL_*).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from ..models import (
    Channel,
    EmailSchedule,
    Notification,
    NotificationKind,
    NotificationPreference,
    NotificationSettings,
)

UNSUBSCRIBE_SALT = "community.unsubscribe"


def unsubscribe_token(*, user_id, kind: str) -> str:
    return signing.dumps({"u": str(user_id), "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[str, str] | None:
    """(user id, kind), or None when the token is forged or for an unknown kind."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in NotificationKind.values:
        return None
    return data.get("u"), data["k"]


def unsubscribe(token: str) -> tuple[str, str] | None:
    """Turn off that kind of email for that person. Idempotent."""
    found = read_unsubscribe_token(token)
    if found is None:
        return None
    user_id, kind = found
    if not get_user_model().objects.filter(pk=user_id).exists():
        return None
    NotificationPreference.objects.update_or_create(
        user_id=user_id, kind=kind, channel=Channel.EMAIL, defaults={"enabled": False}
    )
    return user_id, kind


def unsubscribe_url(*, user_id, kind: str) -> str:
    return settings.SITE_URL + reverse(
        "community:unsubscribe", kwargs={"token": unsubscribe_token(user_id=user_id, kind=kind)}
    )


def notification_url(notification: Notification) -> str:
    return settings.SITE_URL + reverse("community:open_notification", args=[notification.pk])


def build_email(*, recipient, notifications: list[Notification], kind: str) -> EmailMessage:
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "recipient": recipient,
            "notifications": [(n, notification_url(n)) for n in notifications],
            "kind_label": NotificationKind(kind).label,
            "unsubscribe_url": unsubscribe_url(user_id=recipient.pk, kind=kind),
            "preferences_url": settings.SITE_URL + reverse("community:notification_preferences"),
        }
        subject = render_to_string("community/email/subject.txt", context).strip()
        body = render_to_string("community/email/body.txt", context)
    return EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=body,
        to=[recipient.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


@task()
def send_notification_emails(notification_ids: list[str]) -> int:
    """One email per notification not yet emailed. Safe to run twice."""
    sent = 0
    rows = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
    for notification in rows.select_related("recipient", "actor", "discussion", "comment"):
        if not notification.recipient.is_active:
            continue
        build_email(
            recipient=notification.recipient,
            notifications=[notification],
            kind=notification.kind,
        ).send()
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


@task()
def send_daily_digests() -> int:
    """For people who chose a daily digest: one email per kind with what they have not read
    or been sent yet. Run once a day (`manage.py send_notification_digests`)."""
    sent = 0
    digest_users = NotificationSettings.objects.filter(email_schedule=EmailSchedule.DAILY).values(
        "user_id"
    )
    pending = (
        Notification.objects.filter(
            recipient_id__in=digest_users, emailed_at__isnull=True, read_at__isnull=True
        )
        .select_related("recipient", "actor", "discussion", "comment")
        .order_by("recipient_id", "kind", "created_at")
    )
    off = set(
        NotificationPreference.objects.filter(
            channel=Channel.EMAIL, enabled=False, user_id__in=digest_users
        ).values_list("user_id", "kind")
    )
    groups: dict[tuple, list[Notification]] = {}
    for notification in pending:
        if (notification.recipient_id, notification.kind) in off:
            continue
        groups.setdefault((notification.recipient_id, notification.kind), []).append(notification)
    for (_user_id, kind), rows in groups.items():
        build_email(recipient=rows[0].recipient, notifications=rows, kind=kind).send()
        Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
            emailed_at=timezone.now()
        )
        sent += 1
    return sent
