"""Security finding 14: no 500s from text input (culturedegree/request_guards.py).

A NUL byte anywhere in a query string, a form or a JSON body, and NaN, Infinity or a lone
surrogate in a JSON body, get a 400, on every endpoint of the URL list; any other text
gets no 5xx. Requests go through the Django test client, so through the whole middleware.
"""

import json
import math
import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import given, settings
from hypothesis import strategies as st

from culturedegree.request_guards import UnsafeInput, strict_json_loads
from learning.journey.enrollment import enroll
from learning.models import ContentItemPage
from learning.tests.factories import build_program
from learning.tests.journey_helpers import make_learner
from learning.tests.module_worlds import afresh, rolled_back

NUL = "\x00"
CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def every_route() -> list[str]:
    """Every route of the URLconf, as Django lists it (regular-expression routes, such as
    Wagtail's page catch-all and media, are stood in for by a page URL of `world`)."""
    routes = {
        "/" + route
        for route in walk(get_resolver().url_patterns)
        if "^" not in route and "(?P" not in route
    }
    return sorted(routes)


def concrete(route: str, world: dict) -> str:
    def value(match):
        if match["kind"] == "uuid" or match["name"] == "enrollment_id":
            return world["enrollment_id"]
        if match["kind"] == "int" or match["name"].endswith("id") or match["name"] == "pk":
            return str(world["item_id"])
        return "x"

    return CONVERTER.sub(value, route)


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    """A learner enrolled in a program, and the URL list made concrete with their ids, built
    once for the module; each test runs in a savepoint of its own
    (module_worlds.rolled_back)."""
    from culturedegree import demo

    with rolled_back(django_db_blocker):
        demo.ensure_locales()
        demo.ensure_home_page()
        program = build_program(courses=1, modules=1, items=1)
        learner = make_learner("owner@example.com")
        enrollment = enroll(learner=learner, program=program)[0]
        item = ContentItemPage.objects.descendant_of(program).live().first()
        ids = {"item_id": item.id, "enrollment_id": str(enrollment.pk)}
        yield {
            "learner": learner,
            **ids,
            "urls": [concrete(route, ids) for route in every_route()] + [program.url, item.url],
        }


@pytest.fixture
def world(db, built_world):
    """The module's world with a client of the test's own, signed in as the learner."""
    world = afresh(built_world)
    client = Client(raise_request_exception=False)
    client.force_login(world["learner"])
    return {**world, "client": client}


# --- the regressions the review found --------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/en/search/?q=%00", "/en/programs/?q=%00", "/api/v3/pages/?search=%00"]
)
def test_a_nul_in_a_search_is_a_400(world, url):
    response = world["client"].get(url)
    assert response.status_code == 400


def test_api_answers_a_nul_with_json(world):
    response = world["client"].get("/api/v3/pages/?search=%00")
    assert response.status_code == 400
    assert response.json()["message"]


@pytest.mark.parametrize(
    "value", ["NaN", "Infinity", "-Infinity", "1e999", '"\\u0000"', '"\\ud800"']
)
def test_a_heartbeat_with_an_unstorable_progress_value_is_a_400(world, value):
    body = '{"position_seconds": 1, "progress_data": {"note": VALUE}}'.replace("VALUE", value)
    url = f"/api/v1/progress/{world['item_id']}/heartbeat"
    for content_type in ("application/json", "text/plain"):
        response = world["client"].post(url, body, content_type=content_type)
        assert response.status_code == 400, (content_type, response.content)


# --- every route of the URL list -------------------------------------------------------


def test_every_route_refuses_a_nul_in_the_query_string(world):
    wrong = {}
    for url in world["urls"]:
        for query in ("q=%00", "next=a%00b", "%00=1"):
            status = world["client"].get(f"{url}?{query}").status_code
            if status != 400:
                wrong[f"{url}?{query}"] = status
    assert not wrong


def test_every_route_refuses_a_nul_in_a_form(world):
    wrong = {}
    for url in world["urls"]:
        for fields in ({"email": f"a{NUL}@example.com"}, {f"na{NUL}me": "x"}):
            status = world["client"].post(url, fields).status_code  # multipart
            if status != 400:
                wrong[f"POST multipart {url} {fields!r}"] = status
        body = f"q=a{quote(NUL)}b"
        status = (
            world["client"]
            .post(url, body, content_type="application/x-www-form-urlencoded")
            .status_code
        )
        if status != 400:
            wrong[f"POST urlencoded {url}"] = status
    assert not wrong


UNSTORABLE_JSON = ["NaN", "Infinity", "-Infinity", "1e999", '"a\\u0000b"', '"\\udfff"']


JSON_PLACES = ['{{"email": {}}}', '[{{"a": [1, {{"b": {}}}]}}]', "{{{}: 1}}"]


def test_every_route_refuses_unstorable_json(world):
    wrong = {}
    for url in world["urls"]:
        for n, value in enumerate(UNSTORABLE_JSON):
            place = JSON_PLACES[n % len(JSON_PLACES)]
            if place.startswith("{{{") and not value.startswith('"'):
                place = JSON_PLACES[0]
            body = place.format(value)
            method = ("post", "patch", "put")[n % 3]
            response = getattr(world["client"], method)(url, body, content_type="application/json")
            if response.status_code != 400:
                wrong[f"{method.upper()} {url} {body}"] = response.status_code
    assert not wrong


STORABLE_TEXT = [
    "",
    " ",
    "'; select 1; --",
    '"<script>alert(1)</script>',
    "%",
    "\\",
    "\x01\x7f",
    "\ufffd",
    "\u202e\u0623\u0647\u0644\u0627",  # right-to-left override, Arabic
    "\U0001d54f\U0001f642",  # outside the Basic Multilingual Plane
    "9" * 400,
    "a" * 5000,
]
QUERY_PARAMETERS = [
    "q",
    "search",
    "next",
    "page",
    "fields",
    "order",
    "type",
    "locale",
    "child_of",
    "offset",
    "limit",
    "program",
    "status",
    "program_id",
    "course_id",
    "lang",
    "language",
]


FIELD_NAME = re.compile(r'<(?:input|textarea|select)[^>]*\sname="([^"]+)"')


def site_urls(world) -> list[str]:
    """The routes a learner reaches (the admin sends them to sign in)."""
    return [url for url in world["urls"] if not url.startswith(("/admin/", "/django-admin/"))]


def test_no_route_answers_5xx_to_storable_text_in_its_parameters(world):
    """Each request gives every parameter a different text; over the requests to one
    route, every text reaches it."""
    broken = {}
    rounds = 3
    for url in site_urls(world):
        for round_ in range(rounds):
            texts = {
                name: STORABLE_TEXT[(i * rounds + round_) % len(STORABLE_TEXT)]
                for i, name in enumerate(QUERY_PARAMETERS)
            }
            query = "&".join(f"{name}={quote(text)}" for name, text in texts.items())
            status = world["client"].get(f"{url}?{query}").status_code
            if status >= 500:
                broken[f"GET {url} round {round_}"] = status
    assert not broken


def test_no_form_answers_5xx_to_storable_text_in_its_fields(world, settings):
    """Every form on every page, signed in and not; each request gives every field a
    different text, and a one-field form sees a third of the texts."""
    settings.ACCOUNT_RATE_LIMITS = False
    forms = {}
    for signed_in in (True, False):
        client = world["client"] if signed_in else Client(raise_request_exception=False)
        for url in site_urls(world):
            response = client.get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                names = set(FIELD_NAME.findall(response.content.decode()))
                names -= {"csrfmiddlewaretoken"}
                if names:
                    forms[(url, signed_in)] = sorted(names)
    found = {url for url, _ in forms}
    assert {"/en/accounts/signup/", "/en/accounts/login/", "/en/accounts/profile/"} <= found
    broken = {}
    rounds = 4
    for (url, signed_in), names in forms.items():
        for round_ in range(rounds):
            fields = {
                name: STORABLE_TEXT[(i * rounds + round_) % len(STORABLE_TEXT)]
                for i, name in enumerate(names)
            }
            client = Client(raise_request_exception=False)
            if signed_in:
                client.force_login(world["learner"])
            status = client.post(url, fields).status_code
            if status >= 500:
                broken[f"POST {url} round {round_}"] = status
    assert not broken


# --- the JSON parser itself, as a property ---------------------------------------------

storable_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters=[NUL])
)
storable_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | storable_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(storable_text, children, max_size=4)
    ),
    max_leaves=20,
)
poison = st.sampled_from([math.nan, math.inf, -math.inf, NUL, f"a{NUL}", "\ud800", "x\udc00y"])


def hide(document, poison_value, path: list[int]):
    """`document` with the poison in one place, chosen by `path`, keys included."""
    if isinstance(document, list) and document:
        index = path[0] % (len(document) + 1) if path else 0
        if index < len(document):
            document[index] = hide(document[index], poison_value, path[1:])
            return document
        return [*document, poison_value]
    if isinstance(document, dict) and document:
        keys = list(document)
        key = keys[path[0] % len(keys)] if path else keys[0]
        if isinstance(poison_value, str) and path and path[0] % 2:
            document[poison_value] = document.pop(key)
        else:
            document[key] = hide(document[key], poison_value, path[1:])
        return document
    return [document, poison_value]


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(document=storable_json, poison_value=poison, path=st.lists(st.integers(0, 99)))
def test_strict_json_refuses_a_poison_anywhere_and_nothing_else(document, poison_value, path):
    text = json.dumps(document)
    assert strict_json_loads(text.encode()) == json.loads(text)
    poisoned = json.dumps(hide(document, poison_value, path))
    with pytest.raises(UnsafeInput):
        strict_json_loads(poisoned.encode())


def test_strict_json_refuses_invalid_utf8_and_deep_nesting():
    with pytest.raises(ValueError):
        strict_json_loads(b'{"a": "\xed\xa0\x80"}')
    with pytest.raises(ValueError):
        strict_json_loads("[" * 100_000 + "]" * 100_000)
