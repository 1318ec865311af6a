"""Wagtail hooks of the learning app."""

from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from wagtail import hooks

from .admin import (
    autosave,  # noqa: F401  (a form posted while its autosave is under way)
    page_guards,  # noqa: F401  (no moving or deleting pages with learner records)
    translation,  # noqa: F401  (translation review and out-of-date report)
    views,  # noqa: F401  (the enrollments viewset)
)
from .assessments import admin as assessments_admin  # noqa: F401  (the assessments snippet)
from .assessments import admin_views as assessments_admin_views  # noqa: F401  (grading)
from .content.readers import request_reader
from .journey.access import may_download_document
from .views.gates import gate_content_items


@hooks.register("before_serve_document")
def serve_documents_to_their_readers(document, request):
    """Documents follow the items that use them (access.may_download_document): free
    previews for everyone, the rest for enrolled learners of an unlocked course."""
    reader = request_reader(request)
    if may_download_document(user=reader, document_id=document.pk):
        return None
    if request.headers.get("X-Session-Token") or reader.is_authenticated:
        message = "Enroll in the program, and finish the courses it waits on, to open this."
        return JsonResponse({"message": message}, status=403 if reader.is_authenticated else 401)
    return redirect_to_login(request.get_full_path())


# Inside Wagtail's own view restrictions (order 0): a private page asks for its password first.
hooks.register("on_serve_page", gate_content_items, order=10)
