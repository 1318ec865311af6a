"""What the site as a whole, allauth, Wagtail and Django's admin hold about a person."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.admin.models import LogEntry as DjangoAdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_delete
from wagtail.admin.models import EditingSession, FormState
from wagtail.models import (
    APIToken,
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    UploadedFile,
    WorkflowState,
)
from wagtail.users.models import UserProfile

from . import audit, privacy
from .models import User

# Keys of audit data that identify a person (their address, the email they typed).
AUDIT_PERSONAL_KEYS = {"ip", "email", "previous_email", "name", "previous_name"}


def export_account(user):
    return [
        {
            "id": str(user.pk),
            "email": user.email,
            "name": user.name,
            "preferred_language": user.preferred_language,
            "timezone": user.timezone,
            "avatar": user.avatar.url if user.avatar else None,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_staff": user.is_staff,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        }
    ]


def erase_avatar(user):
    if user.avatar:
        user.avatar.delete(save=False)


def export_email_addresses(user):
    return list(
        EmailAddress.objects.filter(user=user)
        .order_by("-primary", "email")
        .values("email", "verified", "primary")
    )


def export_social_accounts(user):
    # Tokens are secrets of the connection, not the person's data: never exported.
    return list(
        SocialAccount.objects.filter(user=user)
        .order_by("date_joined")
        .values("provider", "uid", "date_joined", "last_login", "extra_data")
    )


def export_authenticators(user):
    # Type and dates only: the TOTP secret and recovery codes stay on the server.
    return list(
        Authenticator.objects.filter(user=user)
        .order_by("created_at")
        .values("type", "created_at", "last_used_at")
    )


def export_sessions(user):
    return list(
        UserSession.objects.filter(user=user)
        .order_by("created_at")
        .values("ip", "user_agent", "created_at", "last_seen_at")
    )


def end_sessions(user):
    """Sign the account out on every device: their sessions go with their rows."""
    for session in UserSession.objects.filter(user=user):
        session.end()


def export_admin_profile(user):
    return list(
        UserProfile.objects.filter(user=user).values(
            "preferred_language",
            "current_time_zone",
            "theme",
            "submitted_notifications",
            "approved_notifications",
            "rejected_notifications",
            "updated_comments_notifications",
        )
    )


def export_security_events(user):
    return [
        {
            "action": str(audit.ACTIONS.get(entry.action, entry.action)),
            "timestamp": entry.timestamp,
            "data": entry.data,
        }
        for entry in audit.entries_about(user).order_by("timestamp")
    ]


def erase_security_events(user):
    """Entries about the person keep what happened and when, without who or from where."""
    for entry in audit.entries_about(user):
        entry.label = audit.ERASED_LABEL
        entry.data = {
            key: value for key, value in entry.data.items() if key not in AUDIT_PERSONAL_KEYS
        }
        entry.save(update_fields=["label", "data"])


def erase_django_admin_entries(user):
    DjangoAdminLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=audit.ERASED_LABEL, change_message="")


def export_page_comments(user):
    comments = Comment.objects.filter(user=user).order_by("created_at")
    replies = CommentReply.objects.filter(user=user).order_by("created_at")
    return [
        {"page": comment.page_id, "text": comment.text, "created_at": comment.created_at}
        for comment in comments
    ] + [
        {"page": reply.comment.page_id, "text": reply.text, "created_at": reply.created_at}
        for reply in replies.select_related("comment")
    ]


EDITORIAL = (
    "Editorial work belongs to the organisation; the link is set to NULL when the account "
    "goes, and the row holds no name or email."
)
ADMIN_STATE = (
    "Admin working state (sessions, drafts of forms, subscriptions, API tokens): deleted "
    "with the account (CASCADE), nothing a person would take away."
)
AUDIT_BY_USER = (
    "Audit entries the person made as staff keep their user id (no name or email); entries "
    "about the person are exported and erased under ModelLogEntry."
)

privacy.register(User, exporter=export_account, eraser=erase_avatar)
privacy.register(EmailAddress, exporter=export_email_addresses, eraser=privacy.deleted_with_account)
privacy.register(
    SocialAccount, exporter=export_social_accounts, eraser=privacy.deleted_with_account
)
privacy.register(Authenticator, exporter=export_authenticators, eraser=privacy.deleted_with_account)
privacy.register(UserSession, exporter=export_sessions, eraser=end_sessions)
privacy.register(UserProfile, exporter=export_admin_profile, eraser=privacy.deleted_with_account)
privacy.register(ModelLogEntry, exporter=export_security_events, eraser=erase_security_events)
privacy.register(
    DjangoAdminLogEntry,
    exporter=lambda user: [],  # Django admin actions of staff; entries about users scrubbed
    eraser=erase_django_admin_entries,
)
privacy.register(Comment, exporter=export_page_comments, eraser=privacy.deleted_with_account)
privacy.exempt(CommentReply, reason="Exported with Comment; deleted with the account (CASCADE).")
privacy.exempt(User.groups.through, reason="Exported with the account (groups); CASCADE.")
privacy.exempt(
    User.user_permissions.through, reason="Staff permissions, no personal data; CASCADE."
)
for model in (EditingSession, FormState, PageSubscription, APIToken):
    privacy.exempt(model, reason=ADMIN_STATE)
for model in (Page, Revision, UploadedFile, WorkflowState, TaskState):
    privacy.exempt(model, reason=EDITORIAL)
for label in (
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailmedia.Media",
    "wagtail_localize.StringTranslation",
    "wagtail_localize.SegmentOverride",
):
    privacy.exempt(apps.get_model(label), reason=EDITORIAL)
privacy.exempt(PageLogEntry, reason=AUDIT_BY_USER)

pre_delete.connect(privacy.run_erasers, sender=User, dispatch_uid="culturedegree-privacy-erase")
