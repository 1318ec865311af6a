"""The bell, the list of notifications, preferences, and the one-click unsubscribe."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import notifications, threads
from .models import Channel, EmailSchedule, Notification, NotificationKind
from .notifications.email import read_unsubscribe_token, unsubscribe


@require_GET
def bell(request: HttpRequest) -> HttpResponse:
    """The header's bell, polled by htmx: the unread count in one query."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    return render(
        request,
        "community/partials/bell.html",
        {"unread": notifications.unread_count(user=request.user)},
    )


@require_GET
@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "community/notifications.html",
        {"notifications": notifications.recent(user=request.user)},
    )


@require_GET
@login_required
def open_notification(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    """Mark it read and go to the post it is about."""
    notification = get_object_or_404(
        Notification.objects.select_related("comment"), pk=notification_id, recipient=request.user
    )
    notifications.mark_read(user=request.user, ids=[notification.pk])
    if notification.discussion_id is None:
        # Set by our own code to a path on this site; anything else goes to the list.
        safe = notification.url.startswith("/") and not notification.url.startswith("//")
        return redirect(notification.url if safe else "community:notifications")
    url = reverse("community:thread", args=[notification.discussion_id])
    if notification.comment_id:
        page, focus = threads.comment_location(notification.comment)
        if focus is not None:
            url = reverse("community:subthread", args=[notification.discussion_id, focus])
        elif page > 1:
            url += f"?page={page}"
        url += f"#comment-{notification.comment_id}"
    return redirect(url)


@require_POST
@login_required
def read_all(request: HttpRequest) -> HttpResponse:
    notifications.mark_read(user=request.user)
    messages.success(request, _("All notifications marked as read."))
    return redirect("community:notifications")


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        for kind in NotificationKind.values:
            for channel in Channel.values:
                notifications.set_preference(
                    user=request.user,
                    kind=kind,
                    channel=channel,
                    enabled=request.POST.get(f"{kind}:{channel}") == "on",
                )
        schedule = request.POST.get("email_schedule")
        if schedule in EmailSchedule.values:
            notifications.set_email_schedule(user=request.user, schedule=schedule)
        messages.success(request, _("Notification preferences saved."))
        return redirect("community:notification_preferences")
    current = notifications.preferences(user=request.user)
    rows = [
        {
            "kind": kind,
            "label": label,
            "channels": [
                {
                    "name": f"{kind}:{channel}",
                    "label": channel_label,
                    "on": current[(kind, channel)],
                }
                for channel, channel_label in Channel.choices
            ],
        }
        for kind, label in NotificationKind.choices
    ]
    return render(
        request,
        "community/preferences.html",
        {
            "rows": rows,
            "channels": Channel.choices,
            "schedules": EmailSchedule.choices,
            "schedule": notifications.email_schedule(user=request.user),
        },
    )


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no session
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (link scanners must not unsubscribe anyone); POST unsubscribes
    from that one kind of email, signed in or not."""
    found = read_unsubscribe_token(token)
    if found is None:
        raise Http404
    kind_label = NotificationKind(found[1]).label
    if request.method == "POST":
        if unsubscribe(token) is None:
            raise Http404
        return render(
            request, "community/unsubscribe.html", {"done": True, "kind_label": kind_label}
        )
    return render(request, "community/unsubscribe.html", {"done": False, "kind_label": kind_label})
