"""The learner's side of the API (/api/v1/, django-ninja): enrollments, progress, heartbeats,
the dashboard, and assessments (their router lives with them, in learning.assessments.api).
One router per concept, as wagtail/api/v3/ splits them; schemas in ``schemas``. Handlers
stay thin: the work is in learning.journey. The content API (Wagtail API v3) is
``content``."""

from ninja import Router

from learning.assessments import api as assessments

from . import dashboard, enrollments, heartbeats, progress

router = Router(tags=["learner"])
router.add_router("", enrollments.router)
router.add_router("", progress.router)
router.add_router("", heartbeats.router)
router.add_router("", dashboard.router)
router.add_router("", assessments.router)
