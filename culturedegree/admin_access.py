"""Whether a user may enter Wagtail's admin, asked in one query (or none).

The site frame asks on every page (the Wagtail userbar) and the learner gates ask when they
decide (learning.journey.access.can_edit_pages). ``user.has_perm`` loads every permission the user
holds, two queries; this asks for the one permission, and a learner page folds the question
into the query it runs anyway (learning.journey.page_marks). Same answer for the backends this site
uses (Django's ModelBackend and allauth's, which extends it): active superusers have it, others
through their own permissions or a group's.
"""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

ADMIN_PERMISSION = ("wagtailadmin", "access_admin")
MEMO = "may_access_admin_memo"


@cache
def holds_admin_permission_sql(user_column: str) -> str:
    """SQL: whether the user whose id is ``user_column`` holds the permission, itself or
    through a group; takes the parameters ``%(app_label)s`` and ``%(codename)s``."""
    user_model = get_user_model()
    own = user_model.user_permissions.through._meta.db_table
    member = user_model.groups.through._meta.db_table
    granted = Group.permissions.through._meta.db_table
    # Table names from the models, the column from our own code: no input reaches the text.
    return f"""EXISTS (SELECT 1 FROM {Permission._meta.db_table} ap
        JOIN {ContentType._meta.db_table} ct ON ct.id = ap.content_type_id
        WHERE ct.app_label = %(app_label)s AND ap.codename = %(codename)s AND (
            ap.id IN (SELECT permission_id FROM {own} WHERE user_id = {user_column})
            OR ap.id IN (SELECT g.permission_id FROM {granted} g
                JOIN {member} m ON m.group_id = g.group_id WHERE m.user_id = {user_column})))"""  # noqa: S608


def permission_params() -> dict[str, str]:
    app_label, codename = ADMIN_PERMISSION
    return {"app_label": app_label, "codename": codename}


def remember(user, *, holds_permission: bool) -> None:
    """Keep what a query with ``holds_admin_permission_sql`` said, for the rest of the request
    (the user object lives as long as the request)."""
    user.__dict__[MEMO] = bool(holds_permission)


def may_access_admin(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if MEMO not in user.__dict__:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {holds_admin_permission_sql('%(user)s')}",
                {**permission_params(), "user": user.pk},
            )
            remember(user, holds_permission=cursor.fetchone()[0])
    return user.__dict__[MEMO]
