"""What achievements use of the learner's journey, in one place (learning's layout moves;
this module follows it). The dependency points one way: learning never imports certificates."""

from wagtail.models import Page

from learning.journey.access import default_language_code
from learning.journey.activity import local_day
from learning.journey.dashboard_fragment import CSRF_PLACEHOLDER, learner_fragment
from learning.journey.events import listen
from learning.models import Enrollment, EnrollmentStatus

__all__ = [
    "CSRF_PLACEHOLDER",
    "default_language_code",
    "enrollment_id_for_module",
    "is_enrolled",
    "learner_fragment",
    "listen",
    "local_day",
]


def is_enrolled(*, learner, program_id: int) -> bool:
    """The learner has an enrollment in the program they have not dropped."""
    return (
        Enrollment.objects.filter(learner=learner, program_id=program_id)
        .exclude(status=EnrollmentStatus.DROPPED)
        .exists()
    )


def enrollment_id_for_module(*, learner_id, module_id: int):
    """The learner's enrollment in the program a module (an assessment's event object)
    belongs to, or None. Two queries."""
    path = Page.objects.filter(id=module_id).values_list("path", flat=True).first()
    if path is None:
        return None
    program_path = path[: -2 * Page.steplen]
    return (
        Enrollment.objects.filter(learner_id=learner_id, program__path=program_path)
        .values_list("pk", flat=True)
        .first()
    )
