from django.urls import path

from . import moderation_views, notification_views, views

app_name = "community"

urlpatterns = [
    path(
        "<slug:kind>s/<int:page_id>/discussions/",
        views.discussion_list,
        name="discussions",
    ),
    path(
        "<slug:kind>s/<int:page_id>/discussions/new/",
        views.start_discussion,
        name="start_discussion",
    ),
    path("discussions/preview/", views.preview, name="preview"),
    path("discussions/<uuid:discussion_id>/", views.thread_page, name="thread"),
    path(
        "discussions/<uuid:discussion_id>/comments/<uuid:comment_id>/",
        views.subthread_page,
        name="subthread",
    ),
    path("discussions/<uuid:discussion_id>/reply/", views.reply, name="reply"),
    path("discussions/<uuid:discussion_id>/edit/", views.edit_discussion, name="edit_discussion"),
    path("discussions/<uuid:discussion_id>/follow/", views.follow, name="follow"),
    path("comments/<uuid:comment_id>/vote/", views.vote, name="vote"),
    path("comments/<uuid:comment_id>/edit/", views.edit_comment, name="edit_comment"),
    path("comments/<uuid:comment_id>/delete/", views.delete_comment, name="delete_comment"),
    path("comments/<uuid:comment_id>/endorse/", moderation_views.endorse, name="endorse"),
    path("<slug:post_type>/<uuid:post_id>/report/", moderation_views.report, name="report"),
    path(
        "<slug:post_type>/<uuid:post_id>/moderate/<slug:action>/",
        moderation_views.moderate,
        name="moderate",
    ),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path("notifications/bell/", notification_views.bell, name="bell"),
    path("notifications/read/", notification_views.read_all, name="read_all"),
    path(
        "notifications/preferences/",
        notification_views.preferences,
        name="notification_preferences",
    ),
    path(
        "notifications/unsubscribe/<str:token>/",
        notification_views.unsubscribe_view,
        name="unsubscribe",
    ),
    path(
        "notifications/<uuid:notification_id>/",
        notification_views.open_notification,
        name="open_notification",
    ),
]
