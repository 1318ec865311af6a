"""Which programs a member of staff holds a role on (shared/DESIGN.md, Roles).

Roles are Wagtail groups with page permissions on a subtree: the catalog (every program in
it) or one program. Permissions granted in a translated tree count for the same programs:
learner records point at the default-locale page.
"""

from django.db.models import Q
from wagtail.models import GroupPagePermission, Locale

from learning.models import ProgramPage


def programs_for_staff(*, user):
    """The default-locale programs `user` may follow learners of."""
    default_locale = Locale.get_default()
    if not user.is_active:
        return ProgramPage.objects.none()
    if user.is_superuser:
        return ProgramPage.objects.filter(locale=default_locale)
    role_paths = set(
        GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True)
    )
    if not role_paths:
        return ProgramPage.objects.none()
    under_a_role = Q()
    for path in role_paths:
        under_a_role |= Q(path__startswith=path)
    keys = ProgramPage.objects.filter(under_a_role).values("translation_key")
    return ProgramPage.objects.filter(locale=default_locale, translation_key__in=keys)
