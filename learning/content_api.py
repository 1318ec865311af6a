"""The headless content API: Wagtail's API v3 (django-ninja), mounted at ``/api/v3/``.

Wagtail builds the read schema of each page type from its ``api_fields``. Anonymous callers get
live, public pages of the current site (``wagtail.api.v3.querysets``); a browser session does
not elevate them, and writes need an API token.

One gap is closed here: Wagtail keeps the descendants of an unpublished page live, and its
public queryset only checks each page's own ``live`` flag, so a lesson under a withdrawn course
would still be served. The pages router looks its queryset function up at call time, so it is
wrapped to drop pages under an unpublished page for anonymous callers.
"""

from ninja.errors import HttpError
from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.v3.routers import pages as pages_router
from wagtail.api.v3.urls import api

from culturedegree.request_guards import StrictJSONParser

from .catalog import exclude_under_unpublished
from .page_guards import LearnerRecordsProtected

_wagtail_pages_queryset = pages_router.get_pages_queryset


def public_pages_queryset(request, model=pages_router.Page):
    queryset = _wagtail_pages_queryset(request, model)
    if request.user.is_authenticated:
        return queryset
    return exclude_under_unpublished(queryset)


pages_router.get_pages_queryset = public_pages_queryset

# PostgreSQL's OFFSET is a bigint: a larger offset was a 500 (found by schemathesis).
MAX_OFFSET = 2**63 - 1
_wagtail_paginate = WagtailLimitOffsetPagination.paginate_queryset


def paginate_within_bigint(self, queryset, pagination, request, **params):
    if pagination.offset > MAX_OFFSET:
        raise HttpError(400, "offset is too large")
    return _wagtail_paginate(self, queryset, pagination, request, **params)


WagtailLimitOffsetPagination.paginate_queryset = paginate_within_bigint

# Page writes: NUL, lone surrogates, NaN and Infinity are refused with 400, as in /api/v1/.
api.parser = StrictJSONParser()


@api.exception_handler(LearnerRecordsProtected)
def learner_records_protected(request, exc: LearnerRecordsProtected):
    """The move and delete actions refuse pages with learner records (see page_guards)."""
    return problem_response(status=409, detail=str(exc))


urls = api.urls
