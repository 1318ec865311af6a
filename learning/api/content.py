"""The headless content API: Wagtail's API v3 (django-ninja), mounted at ``/api/v3/``.

Wagtail builds the read schema of each page type from its ``api_fields``. Anonymous callers get
live, public pages of the current site (``wagtail.api.v3.querysets``); a browser session does
not elevate them, and writes need an API token.

One gap is closed here: Wagtail keeps the descendants of an unpublished page live, and its
public queryset only checks each page's own ``live`` flag, so a lesson under a withdrawn course
would still be served. The pages router looks its queryset function up at call time, so it is
wrapped to drop pages under an unpublished page for anonymous callers.
"""

import hashlib
import json
from http import HTTPStatus

from django.conf import settings
from django.http import JsonResponse, QueryDict
from django.urls import reverse
from ninja.errors import HttpError
from ninja.responses import NinjaJSONEncoder
from wagtail.api.utils import get_full_url
from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.v3.registry import registry
from wagtail.api.v3.routers import pages as pages_router
from wagtail.api.v3.urls import api
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page, PageViewRestriction

from culturedegree.request_guards import StrictJSONParser
from learning.admin.page_guards import LearnerRecordsProtected
from learning.content.localization import exclude_under_unpublished
from learning.content.readers import CONTENT_API_PREFIX, reading
from learning.content.shared import shared
from learning.journey.access import may_read_item_body

LISTING_PATH = f"{CONTENT_API_PREFIX}pages/"

_wagtail_pages_queryset = pages_router.get_pages_queryset


def public_pages_queryset(request, model=pages_router.Page):
    if request.user.is_authenticated:
        return without_own_fields(_wagtail_pages_queryset(request, model), model)
    try:
        queryset = exclude_under_unpublished(anonymous_pages_queryset(request, model))
    except ValueError as exc:  # ?site= matched several sites, as Wagtail answers it
        raise HttpError(HTTPStatus.BAD_REQUEST, str(exc)) from exc
    return without_own_fields(queryset, model)


def without_own_fields(queryset, model):
    """A listing of one page type (``?type=``) shows what every page has (id, title, meta);
    the type's own columns (a program's overview and requirements, StreamFields of kilobytes)
    are left in the database. Filtering and ordering on them still work, and ``fields=``
    reads the pages it adds fields to afresh (add_listing_fields)."""
    if model is Page:
        return queryset
    own = [
        field.attname
        for field in model._meta.concrete_fields
        if field.model is model and not field.primary_key
    ]
    return queryset.defer(*own) if own else queryset


def view_restrictions() -> list[PageViewRestriction]:
    """Every view restriction with its page, kept per content version."""
    return shared(
        "api-restrictions", (), lambda: list(PageViewRestriction.objects.select_related("page"))
    )


def anonymous_pages_queryset(request, model):
    """wagtail.api.querysets.get_public_pages_queryset, with what is the same for every
    caller (the site asked for, its trees in each language, the pages with a view
    restriction) kept per content version (learning.content.shared) instead of three queries
    a call. Each restriction is still asked whether it lets this request in."""
    queryset = model._default_manager.all().live().select_related("locale")
    restrictions = view_restrictions()
    for restriction in restrictions:
        if not restriction.accept_request(request):
            queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    site_param = request.GET.get("site")
    asked = hashlib.sha256(site_param.encode()).hexdigest() if site_param is not None else ""
    trees = shared(
        "api-site-trees",
        (request.get_host(), asked),
        lambda: _site_trees(SiteFilterValidator(site=site_param, request=request).site_obj),
    )
    if not trees:
        return queryset.none()  # no sites configured
    scoped = queryset.descendant_of(trees[0], inclusive=True)
    for tree in trees[1:]:
        scoped |= queryset.descendant_of(tree, inclusive=True)
    return scoped


def _site_trees(site) -> list[Page]:
    """The site's root page and, with i18n, its translations: where its pages live."""
    if site is None:
        return []
    root = site.root_page
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return [root]
    return [root, *root.get_translations()]


pages_router.get_pages_queryset = public_pages_queryset

# PostgreSQL's OFFSET is a bigint: a larger offset was a 500 (found by schemathesis).
MAX_OFFSET = 2**63 - 1
_wagtail_paginate = WagtailLimitOffsetPagination.paginate_queryset


def paginate_within_bigint(self, queryset, pagination, request, **params):
    if pagination.offset > MAX_OFFSET:
        raise HttpError(400, "offset is too large")
    key = shared_count_key(request)
    if key is None:
        return _wagtail_paginate(self, queryset, pagination, request, **params)
    # Wagtail's page for a visitor (its limit check, then the items and their count), with
    # the count kept per content version: every publish, unpublish, move, delete and change of
    # a view restriction or site bumps it, and nothing else changes which pages a visitor sees.
    max_limit = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
    if max_limit is not None and pagination.limit > int(max_limit):
        raise HttpError(400, f"limit cannot be higher than {int(max_limit)}")
    offset, limit = pagination.offset, min(pagination.limit, self.max_limit)
    return {
        self.items_attribute: queryset[offset : offset + limit],
        "count": shared("api-listing-count", key, queryset.count),
    }


PAGING_PARAMETERS = {"limit", "offset", "fields"}


def shared_count_key(request) -> tuple | None:
    """What decides how many pages a visitor's listing finds: the host, the query's filters
    and ordering, and which view restrictions let this request in. None where the count must
    be asked each time: a signed-in caller (their groups may open private pages) and a
    search (the index follows a publish later, by a background task)."""
    if request.user.is_authenticated or "search" in request.GET:
        return None
    query = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name not in PAGING_PARAMETERS
        for value in values
    )
    restrictions = view_restrictions()
    refused = sorted(r.pk for r in restrictions if not r.accept_request(request))
    digest = hashlib.sha256(json.dumps([query, refused]).encode()).hexdigest()
    return (request.get_host(), digest)


WagtailLimitOffsetPagination.paginate_queryset = paginate_within_bigint

# Page writes: NUL, lone surrogates, NaN and Infinity are refused with 400, as in /api/v1/.
api.parser = StrictJSONParser()


@api.exception_handler(LearnerRecordsProtected)
def learner_records_protected(request, exc: LearnerRecordsProtected):
    """The move and delete actions refuse pages with learner records (see page_guards)."""
    return problem_response(status=409, detail=str(exc))


# The API's root answers JSON: where things are.
@api.get("/", include_in_schema=False, auth=None, url_name="content_api_root")
def api_root(request):
    return {
        "title": api.title,
        "pages": get_full_url(request, reverse("wagtailapi_v3:list_pages")),
        "openapi": get_full_url(request, reverse("wagtailapi_v3:openapi-json")),
    }


RELATIVE_FILTERS = ("child_of", "descendant_of", "ancestor_of")


def localized_query(query: QueryDict) -> QueryDict:
    """With ``locale=fr``, ``child_of`` (``descendant_of``, ``ancestor_of``) given in any
    locale means the French page: an app keeps the ids it has and still gets French pages."""
    language = query.get("locale")
    names = [name for name in RELATIVE_FILTERS if query.get(name, "").isdigit()]
    if not language or not names:
        return query
    query = query.copy()
    for name in names:
        twin = (
            Page.objects.filter(
                translation_key__in=Page.objects.filter(pk=int(query[name])).values(
                    "translation_key"
                ),
                locale__language_code=language,
            )
            .values_list("pk", flat=True)
            .first()
        )
        if twin is not None:
            query[name] = str(twin)
    return query


class FieldsError(ValueError):
    pass


def listing_fields(query: QueryDict) -> list[str]:
    raw = query.get("fields", "")
    names = [name.strip() for name in raw.split(",") if name.strip()]
    if any(not name.replace("_", "").isalnum() and name != "*" for name in names):
        raise FieldsError("fields must be a comma-separated list of field names, or *.")
    return names


def add_listing_fields(document: dict, *, names: list[str], request) -> dict:
    """Each listed page with the fields asked for, as its detail would show them. A field a
    page's type does not have is left out for that page; one no listed type has is a 400."""
    pages = {
        page.pk: page
        for page in Page.objects.filter(pk__in=[row["id"] for row in document["items"]]).specific()
    }
    known = set()
    for row in document["items"]:
        page = pages.get(row["id"])
        registration = registry.get(page._meta.label) if page is not None else None
        if registration is None or registration.read_schema is None:
            continue
        detail = registration.read_schema.model_validate(
            page, context={"request": request}
        ).model_dump(mode="json")
        extra = {k: v for k, v in detail.items() if k not in ("id", "title", "meta")}
        wanted = extra if "*" in names else {k: extra[k] for k in names if k in extra}
        known.update(wanted)
        row.update(wanted)
    unknown = [name for name in names if name != "*" and name not in known]
    if unknown and document["items"]:
        raise FieldsError(f"Unknown field for these pages: {', '.join(unknown)}.")
    return document


def problem(status: int, detail: str) -> JsonResponse:
    return JsonResponse(
        {
            "type": "about:blank",
            "title": HTTPStatus(status).phrase,
            "status": status,
            "detail": detail,
            "message": detail,
        },
        status=status,
        content_type="application/problem+json",
    )


class ContentApiMiddleware:
    """What the content API adds around Wagtail's views: the reader behind a session or
    X-Session-Token (content_readers), ``locale`` applied to relative filters, and ``fields=``
    on listings. After AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(CONTENT_API_PREFIX):
            return self.get_response(request)
        listing = request.path_info == LISTING_PATH and request.method == "GET"
        names: list[str] = []
        if listing:
            request.GET = localized_query(request.GET)
            try:
                names = listing_fields(request.GET)
            except FieldsError as exc:
                return problem(400, str(exc))
        with reading(request, may_read_body=may_read_item_body):
            response = self.get_response(request)
            if names and response.status_code == 200:
                try:
                    document = add_listing_fields(
                        json.loads(response.content), names=names, request=request
                    )
                except FieldsError as exc:
                    return problem(400, str(exc))
                response.content = json.dumps(document, cls=NinjaJSONEncoder)
                response["Content-Length"] = str(len(response.content))
        return response


urls = api.urls
