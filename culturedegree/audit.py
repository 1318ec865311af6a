"""The security audit log (SECURITY.md item 23), kept in Wagtail's own audit log.

Entries about a person are logged against their User row (Wagtail's ModelLogEntry needs an
instance), so the Site history report lists, filters and exports them beside editors'
actions. Data holds what an investigator needs (the IP address, the groups added) and never a
secret: no password, token, code or session key. Later phases add their actions to ACTIONS.
"""

from allauth.account.adapter import get_adapter
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import ModelLogEntry

SIGN_IN = "culturedegree.sign_in"
SIGN_IN_FAILED = "culturedegree.sign_in_failed"
SIGN_OUT = "culturedegree.sign_out"
SIGN_OUT_EVERYWHERE = "culturedegree.sign_out_everywhere"
PASSWORD_CHANGED = "culturedegree.password_changed"  # noqa: S105 (an action name)
PASSWORD_SET = "culturedegree.password_set"  # noqa: S105 (an action name)
PASSWORD_RESET = "culturedegree.password_reset"  # noqa: S105 (an action name)
EMAIL_ADDED = "culturedegree.email_added"
EMAIL_REMOVED = "culturedegree.email_removed"
EMAIL_CHANGED = "culturedegree.email_changed"
EMAIL_CONFIRMED = "culturedegree.email_confirmed"
MFA_ADDED = "culturedegree.mfa_added"
MFA_REMOVED = "culturedegree.mfa_removed"
MFA_RESET = "culturedegree.mfa_reset"
ROLES_CHANGED = "culturedegree.roles_changed"
GROUP_PERMISSIONS_CHANGED = "culturedegree.group_permissions_changed"
ENROLLMENT_CHANGED_BY_STAFF = "culturedegree.enrollment_changed_by_staff"
DATA_EXPORTED = "culturedegree.data_exported"
ACCOUNT_ERASED = "culturedegree.account_erased"
CERTIFICATE_REVOKED = "certificates.revoked"
CERTIFICATE_REISSUED = "certificates.reissued"
NAME_CORRECTION_REQUESTED = "certificates.name_correction_requested"
NAME_CORRECTION_APPROVED = "certificates.name_correction_approved"
NAME_CORRECTION_REJECTED = "certificates.name_correction_rejected"
ATTEMPT_GRADED_BY_STAFF = "learning.attempt_graded_by_staff"
ATTEMPTS_REGRADED = "learning.attempts_regraded"

ACTIONS = {
    SIGN_IN: _("Sign-in"),
    SIGN_IN_FAILED: _("Failed sign-in"),
    SIGN_OUT: _("Sign-out"),
    SIGN_OUT_EVERYWHERE: _("Signed out on other devices"),
    PASSWORD_CHANGED: _("Password change"),
    PASSWORD_SET: _("Password set"),
    PASSWORD_RESET: _("Password reset"),
    EMAIL_ADDED: _("Email address added"),
    EMAIL_REMOVED: _("Email address removed"),
    EMAIL_CHANGED: _("Primary email address changed"),
    EMAIL_CONFIRMED: _("Email address verified"),
    MFA_ADDED: _("Two-factor method added"),
    MFA_REMOVED: _("Two-factor method removed"),
    MFA_RESET: _("Recovery codes regenerated"),
    ROLES_CHANGED: _("Role change"),
    GROUP_PERMISSIONS_CHANGED: _("Group permission change"),
    ENROLLMENT_CHANGED_BY_STAFF: _("Enrollment change by staff"),
    DATA_EXPORTED: _("Personal data export"),
    ACCOUNT_ERASED: _("Account deletion"),
    CERTIFICATE_REVOKED: _("Certificate revoked"),
    CERTIFICATE_REISSUED: _("Certificate re-issued"),
    NAME_CORRECTION_REQUESTED: _("Certificate name correction requested"),
    NAME_CORRECTION_APPROVED: _("Certificate name correction approved"),
    NAME_CORRECTION_REJECTED: _("Certificate name correction rejected"),
    ATTEMPT_GRADED_BY_STAFF: _("Attempt graded by staff"),
    ATTEMPTS_REGRADED: _("Attempts regraded"),
}

# Entry labels are the object's name; an erased account's entries get this one instead.
ERASED_LABEL = "erased account"


def register_actions(actions) -> None:
    """The `register_log_actions` hook: labels for the report's filter and its exports."""
    for action, label in ACTIONS.items():
        actions.register_action(action, label, label)


def client_ip(request) -> str:
    """The client address as allauth's rate limits see it (trusted proxies honoured)."""
    if request is None:
        return ""
    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # an address allauth cannot parse must not stop a sign-in
        return ""


def log_user_event(*, user, action: str, request=None, by=None, data: dict | None = None):
    """Log `action` against `user`. `by` is who acted; by default the user themselves, or
    the staff member of the admin request being served."""
    actor = by or get_active_log_context().user or user
    entry_data = dict(data or {})
    ip = client_ip(request)
    if ip:
        entry_data["ip"] = ip
    return log(user, action, user=actor, data=entry_data)


def log_group_event(*, group, action: str, data: dict):
    return log(group, action, data=data)


def entries_about(user):
    """Every audit entry logged against this user's row."""
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id=str(user.pk),
    )
