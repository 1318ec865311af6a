"""Whether a user may enter Wagtail's admin, asked in one query.

The site frame asks on every page (the Wagtail userbar) and the learner gates ask when they
decide (learning.access.can_edit_pages). ``user.has_perm`` loads every permission the user
holds, two queries; this asks for the one permission. Same answer for the backends this site
uses (Django's ModelBackend and allauth's, which extends it): active superusers have it, others
through their own permissions or a group's.
"""

from django.contrib.auth.models import Permission
from django.db.models import Q

ADMIN_PERMISSION = ("wagtailadmin", "access_admin")


def may_access_admin(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    memo = user.__dict__.get("may_access_admin_memo")
    if memo is None:
        app_label, codename = ADMIN_PERMISSION
        memo = (
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            .filter(Q(user=user) | Q(group__user=user))
            .exists()
        )
        user.__dict__["may_access_admin_memo"] = memo
    return memo
