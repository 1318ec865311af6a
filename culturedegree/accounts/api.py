"""The signed-in person's own account in the learner API: `GET /api/v1/me/export`."""

from typing import Any

from ninja import Router

from culturedegree import privacy

router = Router(tags=["account"])


@router.get("/me/export", response=dict[str, Any])
def export_my_data(request):
    """Everything the site holds about the caller (the same data as the profile's download)."""
    privacy.record_export(user=request.auth, request=request, format="api")
    return privacy.export_personal_data(user=request.auth)
