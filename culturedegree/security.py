"""Security headers that depend on where a response goes."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

ADMIN_PREFIXES = ("/admin/", "/django-admin/")

# Measured with tests/e2e/test_csp.py against Wagtail 8.0.1 under the strict policy: the
# dashboard, page explorer, page editor, images and users views run six distinct inline
# <script> blocks (admin_base.html's configuration, panel and chooser initialisation) and
# apply inline styles (see wagtail/wagtail#1288), and the dashboard fetches Wagtail's
# release feed to offer upgrades. Only under the admin prefixes, which serve no
# learner-written content, do we allow them. The learner site keeps the strict policy:
# no inline script, no inline style, nothing from another origin.
ADMIN_POLICY_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "connect-src": ["https://releases.wagtail.org"],
}


class AdminContentSecurityPolicyMiddleware:
    """Relax the Content-Security-Policy for the Wagtail and Django admin only.

    Sits below django-csp's middleware, so the update is on the response before django-csp
    builds the header from it. django-csp adds a nonce source only when a template asked for
    one, and a nonce would make browsers ignore 'unsafe-inline': admin templates never ask.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.path_info.startswith(ADMIN_PREFIXES) and not getattr(
            response, "_csp_update", None
        ):
            response._csp_update = ADMIN_POLICY_UPDATE
        return response
