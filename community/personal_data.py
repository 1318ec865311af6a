"""What the community holds about a person (docs/decisions/0033-community.md).

An erased account's posts stay, so the threads others wrote into still read, but they are
anonymised: the author is removed (shown as "Deleted learner") and the text of every
earlier version in the edit history is deleted. Votes, follows, bans, notifications and
preferences go with the account. Reports they filed and moderation they did stay, without
their name, for the moderation record.
"""

from culturedegree import privacy

from .models import (
    Ban,
    Comment,
    Discussion,
    Follow,
    Notification,
    NotificationPreference,
    NotificationSettings,
    PostEdit,
    Report,
    Vote,
)


def export_discussions(user):
    return [
        {
            "id": str(row.pk),
            "title": row.title,
            "body": row.body,
            "language": row.language,
            "course_id": row.course_id,
            "module_id": row.module_id,
            "created_at": row.created_at,
            "is_deleted": row.is_deleted,
        }
        for row in Discussion.objects.filter(author=user).order_by("created_at")
    ]


def export_comments(user):
    return [
        {
            "id": str(row.pk),
            "discussion": str(row.discussion_id),
            "parent": str(row.parent_id) if row.parent_id else None,
            "body": row.body,
            "language": row.language,
            "created_at": row.created_at,
            "is_deleted": row.is_deleted,
        }
        for row in Comment.objects.filter(author=user).order_by("created_at")
    ]


def anonymise_posts(user):
    PostEdit.objects.filter(discussion__author=user).delete()
    PostEdit.objects.filter(comment__author=user).delete()
    # The author columns are SET_NULL: the rows stay, nameless, when the user row goes.


def kept_without_name(user):
    """The row stays; its foreign key to the user is SET_NULL."""


def export_edits(user):
    return [
        {"post": str(row.discussion_id or row.comment_id), "edited_at": row.edited_at}
        for row in PostEdit.objects.filter(editor=user).order_by("edited_at")
    ]


def export_votes(user):
    return [
        {"comment": str(comment_id), "created_at": created_at}
        for comment_id, created_at in Vote.objects.filter(voter=user).values_list(
            "comment_id", "created_at"
        )
    ]


def export_follows(user):
    return [
        {"discussion": str(discussion_id), "created_at": created_at}
        for discussion_id, created_at in Follow.objects.filter(user=user).values_list(
            "discussion_id", "created_at"
        )
    ]


def export_reports(user):
    return [
        {
            "discussion": str(row.discussion_id),
            "comment": str(row.comment_id) if row.comment_id else None,
            "reason": row.reason,
            "note": row.note,
            "status": row.status,
            "created_at": row.created_at,
        }
        for row in Report.objects.filter(reporter=user).order_by("created_at")
    ]


def export_bans(user):
    return [
        {
            "course_id": row.course_id,
            "reason": row.reason,
            "expires_at": row.expires_at,
            "lifted_at": row.lifted_at,
            "created_at": row.created_at,
        }
        for row in Ban.objects.filter(learner=user).order_by("created_at")
    ]


def export_notifications(user):
    return [
        {
            "kind": row.kind,
            "discussion": str(row.discussion_id) if row.discussion_id else None,
            "comment": str(row.comment_id) if row.comment_id else None,
            "title": row.title,
            "created_at": row.created_at,
            "read_at": row.read_at,
            "emailed_at": row.emailed_at,
        }
        for row in Notification.objects.filter(recipient=user).order_by("created_at")
    ]


def export_preferences(user):
    return list(
        NotificationPreference.objects.filter(user=user).values("kind", "channel", "enabled")
    )


def export_settings(user):
    return list(NotificationSettings.objects.filter(user=user).values("email_schedule"))


privacy.register(Discussion, exporter=export_discussions, eraser=anonymise_posts)
privacy.register(Comment, exporter=export_comments, eraser=anonymise_posts)
privacy.register(PostEdit, exporter=export_edits, eraser=kept_without_name)
privacy.register(Vote, exporter=export_votes, eraser=privacy.deleted_with_account)
privacy.register(Follow, exporter=export_follows, eraser=privacy.deleted_with_account)
privacy.register(Report, exporter=export_reports, eraser=kept_without_name)
privacy.register(Ban, exporter=export_bans, eraser=privacy.deleted_with_account)
privacy.register(Notification, exporter=export_notifications, eraser=privacy.deleted_with_account)
privacy.register(
    NotificationPreference, exporter=export_preferences, eraser=privacy.deleted_with_account
)
privacy.register(
    NotificationSettings, exporter=export_settings, eraser=privacy.deleted_with_account
)
