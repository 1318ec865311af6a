"""Audit entries for the account events that allauth, Django and Wagtail signal."""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Site

from . import audit


def _signed_in(sender, request, user, **kwargs):
    audit.log_user_event(user=user, action=audit.SIGN_IN, request=request, by=user)


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    login = credentials.get("email") or credentials.get("username") or ""
    user = get_user_model().objects.filter(email__iexact=login).first() if login else None
    if user is not None:
        audit.log_user_event(user=user, action=audit.SIGN_IN_FAILED, request=request, by=user)
        return
    # No account to log against, and the address typed is not recorded: it may be anyone's.
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        data = {"account": "unknown"}
        ip = audit.client_ip(request)
        if ip:
            data["ip"] = ip
        log(site, audit.SIGN_IN_FAILED, data=data)


def _signed_out(sender, request, user, **kwargs):
    if user is not None and user.is_authenticated:
        audit.log_user_event(user=user, action=audit.SIGN_OUT, request=request, by=user)


def _account_action(action):
    def handler(sender, request=None, user=None, **kwargs):
        data = {}
        if "email_address" in kwargs:
            data["email"] = kwargs["email_address"].email
        if kwargs.get("to_email_address") is not None:
            data["email"] = kwargs["to_email_address"].email
        if kwargs.get("from_email_address") is not None:
            data["previous_email"] = kwargs["from_email_address"].email
        if user is None and "email_address" in kwargs:
            user = kwargs["email_address"].user
        audit.log_user_event(user=user, action=action, request=request, data=data)

    return handler


def _mfa_action(action):
    def handler(sender, request, user, authenticator, **kwargs):
        audit.log_user_event(
            user=user, action=action, request=request, data={"type": authenticator.type}
        )

    return handler


def _names(model, pk_set, field):
    return sorted(model.objects.filter(pk__in=pk_set).values_list(field, flat=True))


def _user_relations_changed(relation):
    """Groups or permissions added to or removed from users, from either side."""
    model, field = (Group, "name") if relation == "groups" else (Permission, "codename")

    def handler(sender, instance, action, reverse, pk_set, **kwargs):
        if action == "pre_clear":
            pk_set = set(
                getattr(instance, relation).values_list("pk", flat=True)
                if not reverse
                else instance.user_set.values_list("pk", flat=True)
            )
            instance._audit_cleared = pk_set
            return
        if action == "post_clear":
            pk_set = getattr(instance, "_audit_cleared", set())
        elif action not in ("post_add", "post_remove"):
            return
        if not pk_set:
            return
        key = f"{relation}_added" if action == "post_add" else f"{relation}_removed"
        if reverse:
            users = get_user_model().objects.filter(pk__in=pk_set)
            names = [getattr(instance, field)]
        else:
            users = [instance]
            names = _names(model, pk_set, field)
        for user in users:
            audit.log_user_event(user=user, action=audit.ROLES_CHANGED, data={key: names})

    return handler


def _superuser_changing(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance._state.adding:
        return
    if update_fields is not None and "is_superuser" not in update_fields:
        return
    before = sender.objects.filter(pk=instance.pk).values_list("is_superuser", flat=True).first()
    if before is not None and before != instance.is_superuser:
        audit.log_user_event(
            user=instance, action=audit.ROLES_CHANGED, data={"superuser": instance.is_superuser}
        )


def _group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove") or reverse or not pk_set:
        return
    key = "permissions_added" if action == "post_add" else "permissions_removed"
    audit.log_group_event(
        group=instance,
        action=audit.GROUP_PERMISSIONS_CHANGED,
        data={key: _names(Permission, pk_set, "codename")},
    )


def _scoped_permission(scope):
    def saved(sender, instance, created, raw=False, **kwargs):
        if created and not raw:
            _log_scoped(instance, scope, "permissions_added")

    def deleted(sender, instance, **kwargs):
        _log_scoped(instance, scope, "permissions_removed")

    return saved, deleted


def _log_scoped(instance, scope, key):
    # Ids only: on a cascade the page or collection row may already be gone.
    group = Group.objects.filter(pk=instance.group_id).first()
    if group is None:
        return
    audit.log_group_event(
        group=group,
        action=audit.GROUP_PERMISSIONS_CHANGED,
        data={
            key: _names(Permission, {instance.permission_id}, "codename"),
            scope: getattr(instance, f"{scope}_id"),
        },
    )


ENROLLMENT_FIELDS_STAFF_CHANGE = ("status", "target_completion_date")


def _enrollment_saving(sender, instance, update_fields=None, raw=False, **kwargs):
    """An enrollment changed while serving a staff member's admin request (Wagtail's
    admin views set the log context's user), rather than by the learner themselves."""
    staff = get_active_log_context().user
    if raw or staff is None or staff.pk == instance.learner_id:
        return
    if update_fields is not None and not set(ENROLLMENT_FIELDS_STAFF_CHANGE) & set(update_fields):
        return
    before = sender.objects.filter(pk=instance.pk).values(
        *ENROLLMENT_FIELDS_STAFF_CHANGE
    ).first() or dict.fromkeys(ENROLLMENT_FIELDS_STAFF_CHANGE)
    changes = {
        field: [_plain(before[field]), _plain(getattr(instance, field))]
        for field in ENROLLMENT_FIELDS_STAFF_CHANGE
        if before[field] != getattr(instance, field)
    }
    if changes:
        audit.log_user_event(
            user=instance.learner,
            action=audit.ENROLLMENT_CHANGED_BY_STAFF,
            by=staff,
            data={"enrollment": str(instance.pk), "program": instance.program_id, **changes},
        )


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def register_signal_handlers() -> None:
    from learning.models import Enrollment

    user_model = get_user_model()
    uid = "culturedegree-audit-"
    auth_signals.user_logged_in.connect(_signed_in, dispatch_uid=uid + "in")
    auth_signals.user_login_failed.connect(_sign_in_failed, dispatch_uid=uid + "failed")
    auth_signals.user_logged_out.connect(_signed_out, dispatch_uid=uid + "out")
    for signal, action in [
        (account_signals.password_changed, audit.PASSWORD_CHANGED),
        (account_signals.password_set, audit.PASSWORD_SET),
        (account_signals.password_reset, audit.PASSWORD_RESET),
        (account_signals.email_added, audit.EMAIL_ADDED),
        (account_signals.email_removed, audit.EMAIL_REMOVED),
        (account_signals.email_changed, audit.EMAIL_CHANGED),
        (account_signals.email_confirmed, audit.EMAIL_CONFIRMED),
    ]:
        signal.connect(_account_action(action), dispatch_uid=uid + action, weak=False)
    for signal, action in [
        (mfa_signals.authenticator_added, audit.MFA_ADDED),
        (mfa_signals.authenticator_removed, audit.MFA_REMOVED),
        (mfa_signals.authenticator_reset, audit.MFA_RESET),
    ]:
        signal.connect(_mfa_action(action), dispatch_uid=uid + action, weak=False)
    for relation in ("groups", "user_permissions"):
        m2m_changed.connect(
            _user_relations_changed(relation),
            sender=getattr(user_model, relation).through,
            dispatch_uid=uid + relation,
            weak=False,
        )
    pre_save.connect(_superuser_changing, sender=user_model, dispatch_uid=uid + "superuser")
    m2m_changed.connect(
        _group_permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid=uid + "group-permissions",
    )
    for model, scope in [(GroupPagePermission, "page"), (GroupCollectionPermission, "collection")]:
        saved, deleted = _scoped_permission(scope)
        post_save.connect(saved, sender=model, dispatch_uid=uid + scope, weak=False)
        post_delete.connect(deleted, sender=model, dispatch_uid=uid + scope, weak=False)
    pre_save.connect(_enrollment_saving, sender=Enrollment, dispatch_uid=uid + "enrollment")
