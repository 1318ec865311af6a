"""The anonymous page cache shares only what is the same for every visitor."""

import pytest
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import RequestFactory

from learning.content.caching import AnonymousPageCacheMiddleware, bump_content_version

pytestmark = pytest.mark.django_db


class CountingView:
    def __init__(self, *, uses_csrf: bool = False, status: int = 200):
        self.calls = 0
        self.uses_csrf = uses_csrf
        self.status = status

    def __call__(self, request):
        self.calls += 1
        body = get_token(request) if self.uses_csrf else "same for everyone"
        return HttpResponse(body, status=self.status)


def serve(view, request):
    return AnonymousPageCacheMiddleware(CsrfViewMiddleware(view))(request)


def test_second_anonymous_visit_is_served_from_the_cache():
    view, factory = CountingView(), RequestFactory()

    serve(view, factory.get("/en/programs/"))
    response = serve(view, factory.get("/en/programs/"))

    assert view.calls == 1
    assert response.content == b"same for everyone"


def test_a_page_with_a_csrf_token_is_never_shared():
    view, factory = CountingView(uses_csrf=True), RequestFactory()

    serve(view, factory.get("/en/programs/"))
    serve(view, factory.get("/en/programs/"))

    assert view.calls == 2


def test_visitors_with_a_session_or_a_token_are_never_served_from_the_cache():
    view, factory = CountingView(), RequestFactory()
    serve(view, factory.get("/en/programs/"))

    with_session = factory.get("/en/programs/")
    with_session.COOKIES["sessionid"] = "abc"
    serve(view, with_session)
    serve(view, factory.get("/en/programs/", HTTP_AUTHORIZATION="Bearer x"))

    assert view.calls == 3


def test_errors_and_other_urls_are_not_stored():
    not_found, factory = CountingView(status=404), RequestFactory()
    serve(not_found, factory.get("/en/missing/"))
    serve(not_found, factory.get("/en/missing/"))
    outside = CountingView()
    serve(outside, factory.get("/healthz"))
    serve(outside, factory.get("/healthz"))

    assert not_found.calls == 2
    assert outside.calls == 2


def test_a_content_change_makes_every_cached_page_stale():
    view, factory = CountingView(), RequestFactory()
    serve(view, factory.get("/en/programs/"))

    bump_content_version()
    serve(view, factory.get("/en/programs/"))

    assert view.calls == 2
