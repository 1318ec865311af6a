"""Django's own admin, at /django-admin/, for superusers only.

Editors use the Wagtail admin. Django's shows what third-party apps register there (allauth's
email addresses, social accounts and authenticators, task results), which only operators
need; a staff member who is not a superuser gets 403.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied


class SuperuserAdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        if request.user.is_active and request.user.is_superuser:
            return True
        if request.user.is_authenticated:
            raise PermissionDenied  # signed in already: the sign-in page would not help
        return False


class SuperuserAdminConfig(AdminConfig):
    """Installed instead of "django.contrib.admin" (Django's documented way to replace the
    default site, so every app's registrations land on it)."""

    default_site = "culturedegree.django_admin.SuperuserAdminSite"
