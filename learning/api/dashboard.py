"""The My learning figures as JSON."""

from typing import Any

from ninja import Router

from learning.journey import dashboard

from .helpers import learner_of

router = Router()


@router.get(
    "/dashboard",
    response=dict[str, Any],
    operation_id="learning_api_get_dashboard",
)
def get_dashboard(request):
    return dashboard.dashboard_data(learner=learner_of(request), request=request)
