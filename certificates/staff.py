"""Which certificates a member of staff may revoke, re-issue or correct: those of the
programs they hold a role on, with the certificates permission (administrators have both)."""

from django.db.models import Q

from learning.journey.staff_access import programs_for_staff

from .models import Certificate, NameCorrection

PERMISSION = "certificates.change_certificate"


def may_manage(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


def certificates_for_staff(*, user):
    if not may_manage(user):
        return Certificate.objects.none()
    programs = list(programs_for_staff(user=user).values_list("id", "path"))
    if not programs:
        return Certificate.objects.none()
    scope = Q(program_id__in=[pk for pk, _path in programs])
    for _pk, path in programs:
        scope |= Q(course__path__startswith=path)
    return Certificate.objects.filter(scope)


def corrections_for_staff(*, user):
    return NameCorrection.objects.filter(certificate__in=certificates_for_staff(user=user))
