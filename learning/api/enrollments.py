"""Enrollments: list, enroll, read, pause, resume, drop, set a target date."""

from uuid import UUID

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import HttpError

from learning.journey.access import NotFound, resolve_program
from learning.journey.enrollment import TransitionError, change_status, enroll, set_target_date
from learning.models import Enrollment

from .helpers import learner_of
from .schemas import EnrollIn, EnrollmentOut, EnrollmentPatch

router = Router()


def _own_enrollment(request, enrollment_id: UUID) -> Enrollment:
    return get_object_or_404(
        Enrollment.objects.select_related("program"), pk=enrollment_id, learner=learner_of(request)
    )


@router.get(
    "/enrollments", response=list[EnrollmentOut], operation_id="learning_api_list_enrollments"
)
def list_enrollments(request):
    return Enrollment.objects.filter(learner=learner_of(request)).select_related("program")


@router.post(
    "/enrollments",
    response={200: EnrollmentOut, 201: EnrollmentOut},
    operation_id="learning_api_create_enrollment",
)
def create_enrollment(request, payload: EnrollIn):
    try:
        program = resolve_program(page_id=payload.program_id)
    except NotFound:
        raise Http404 from None
    enrollment, created = enroll(learner=learner_of(request), program=program)
    enrollment.program = program
    return Status(201 if created else 200, enrollment)


@router.get(
    "/enrollments/{enrollment_id}",
    response=EnrollmentOut,
    operation_id="learning_api_get_enrollment",
)
def get_enrollment(request, enrollment_id: UUID):
    return _own_enrollment(request, enrollment_id)


@router.patch(
    "/enrollments/{enrollment_id}",
    response=EnrollmentOut,
    operation_id="learning_api_update_enrollment",
)
def update_enrollment(request, enrollment_id: UUID, payload: EnrollmentPatch):
    enrollment = _own_enrollment(request, enrollment_id)
    fields = payload.model_fields_set
    try:
        if "target_completion_date" in fields:
            enrollment = set_target_date(
                enrollment=enrollment, target=payload.target_completion_date
            )
        if "status" in fields and payload.status is not None:
            enrollment = change_status(enrollment=enrollment, status=payload.status)
    except TransitionError as exc:
        raise HttpError(exc.status, exc.message) from None
    return Enrollment.objects.select_related("program").get(pk=enrollment.pk)
