"""Whether a user may enter Wagtail's admin, asked in one query (or none).

The site frame asks on every page (the Wagtail userbar) and the learner gates ask when they
decide (learning.access.can_edit_pages). ``user.has_perm`` loads every permission the user
holds, two queries; this asks for the one permission, and a learner page folds the question
into the query it runs anyway (learning.page_journey). Same answer for the backends this site
uses (Django's ModelBackend and allauth's, which extends it): active superusers have it, others
through their own permissions or a group's.
"""

from django.contrib.auth.models import Permission
from django.db.models import Exists, Q

ADMIN_PERMISSION = ("wagtailadmin", "access_admin")
MEMO = "may_access_admin_memo"


def holds_admin_permission(user_ref) -> Exists:
    """EXISTS: the user (a pk or an OuterRef) holds the permission, itself or through a group."""
    app_label, codename = ADMIN_PERMISSION
    return Exists(
        Permission.objects.filter(content_type__app_label=app_label, codename=codename).filter(
            Q(user=user_ref) | Q(group__user=user_ref)
        )
    )


def remember(user, *, holds_permission: bool) -> None:
    """Keep what a query with ``holds_admin_permission`` said, for the rest of the request
    (the user object lives as long as the request)."""
    user.__dict__[MEMO] = bool(holds_permission)


def may_access_admin(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if MEMO not in user.__dict__:
        app_label, codename = ADMIN_PERMISSION
        remember(
            user,
            holds_permission=Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
            .filter(Q(user=user) | Q(group__user=user))
            .exists(),
        )
    return user.__dict__[MEMO]
