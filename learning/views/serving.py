"""Wagtail's serve view, routed from what learning.content.shared keeps per content version
(docs/decisions/0031-signed-in-page-speed.md)."""

from django.http import HttpResponse
from wagtail import hooks
from wagtail.views import serve_chain

from learning.content.shared import route


def serve(request, path: str):
    """Wagtail's serve view (wagtail.views.serve), routed through ``route``."""
    page, args, kwargs = route(request, path)
    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)
