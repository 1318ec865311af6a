from .discussions import Comment, Discussion, DiscussionKind, Follow, PostEdit, Vote
from .moderation import Ban, Report, ReportReason, ReportStatus
from .notifications import (
    Channel,
    EmailSchedule,
    Notification,
    NotificationKind,
    NotificationPreference,
    NotificationSettings,
)

__all__ = [
    "Ban",
    "Channel",
    "Comment",
    "Discussion",
    "DiscussionKind",
    "EmailSchedule",
    "Follow",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "NotificationSettings",
    "PostEdit",
    "Report",
    "ReportReason",
    "ReportStatus",
    "Vote",
]
