"""SECURITY.md item 19: schemathesis against both OpenAPI documents, in-process.

Every operation gets a dozen generated requests (FUZZ_EXAMPLES), valid and deliberately invalid
(derandomized, so a failure replays), about half of them aimed at the learner's real
enrollment and content item rather than random ids. The v1 run is signed in with an allauth
headless session token; v3 runs anonymous. A request must never answer 5xx, invalid input
must be refused with a 4xx, and answers must match the document.
"""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from learning.journey.enrollment import enroll
from learning.models import ContentItemPage, Enrollment

from .factories import build_program
from .journey_helpers import make_learner
from .module_worlds import afresh, rolled_back

pytestmark = pytest.mark.django_db
# Generated cases per operation. `make test` runs 12 (derandomized, so the same cases each
# run, about a minute for both APIs on the 2-core machine); FUZZ_EXAMPLES=200 digs deeper.
EXAMPLES_PER_OPERATION = int(os.environ.get("FUZZ_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    negative_data_rejection,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Wagtail's own v3 document lists only the 200 answer although its ninja API validates
# query parameters with a documented-style 422 JSON answer; that document is Wagtail's, so
# only the answers it does describe are held to it.
WAGTAIL_CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler, minus the per-request connection recycling that would close
    the test's transaction (the test Client disconnects the same receivers, and reconnects
    them after each of its own requests, so this is done per call)."""
    handler = WSGIHandler()

    def app(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = handler(environ, start_response)
            body = list(response)
            response.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return body

    return app


@pytest.fixture(scope="module")
def built_ids(django_db_setup, django_db_blocker):
    """A small tree and one enrolled learner who has opened an item, built once for the
    module; each test runs in a savepoint of its own (module_worlds.rolled_back)."""
    with rolled_back(django_db_blocker):
        program = build_program(courses=1, modules=1, items=2)
        learner = make_learner("fuzz@example.com")
        enroll(learner=learner, program=program)
        item = ContentItemPage.objects.descendant_of(program).live().last()
        client = Client()
        client.force_login(learner)
        assert client.post(f"/api/v1/progress/{item.id}/start").status_code == 200
        yield {
            "learner": learner,
            "enrollment_id": str(Enrollment.objects.get(learner=learner).pk),
            "content_item_id": item.id,
            "program_id": program.id,
        }


@pytest.fixture
def known_ids(built_ids):
    return afresh(built_ids)


def session_token(learner) -> str:
    response = Client().post(
        "/_allauth/app/v1/auth/login",
        {"email": learner.email, "password": "a-long-password-2026"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()["meta"]["session_token"]


def aim(case, known: dict) -> None:
    """Point the generated path parameters and body fields at objects that exist, leaving
    alone a part that was deliberately made invalid."""

    def valid(location: ParameterLocation) -> bool:
        component = case.meta.components.get(location) if case.meta else None
        return component is None or component.mode == GenerationMode.POSITIVE

    if case.path_parameters and valid(ParameterLocation.PATH):
        for name in case.path_parameters:
            if name in known:
                case.path_parameters[name] = known[name]
    if isinstance(case.body, dict) and valid(ParameterLocation.BODY):
        for name in case.body:
            if name in known:
                case.body[name] = known[name]


def fuzz(
    schema,
    *,
    headers: dict,
    known: dict,
    checks: list,
    unsatisfiable_ok: bool = False,
) -> list[str]:
    """Run every operation; return one line per failing operation."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok() if hasattr(result, "ok") else None
        if operation is None:
            failures.append(f"unusable operation in the schema: {result.err()}")
            continue

        @FUZZ_SETTINGS
        @given(
            case=st.one_of(
                operation.as_strategy(GenerationMode.POSITIVE),
                operation.as_strategy(GenerationMode.NEGATIVE),
            ),
            aim_at_known=st.booleans(),
        )
        def check(case, aim_at_known):
            if aim_at_known:
                aim(case, known)
            # Each request runs in a savepoint that is rolled back: every example starts
            # from the fixture's state, and a database error cannot poison the next one.
            with transaction.atomic():
                response = case.call(headers=headers)
                transaction.set_rollback(True)
            case.validate_response(response, checks=checks)

        try:
            check()
        except Unsatisfiable:
            if not unsatisfiable_ok:
                failures.append(f"{operation.label}: no request can be generated")
        except Exception as exc:
            failures.append(f"{operation.label}: {exc}")
    return failures


def test_learner_api_survives_fuzzing(wsgi_app, known_ids):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    headers = {"X-Session-Token": session_token(known_ids["learner"])}
    failures = fuzz(schema, headers=headers, known=known_ids, checks=CHECKS)
    assert not failures, "\n\n".join(failures)


def test_content_api_survives_fuzzing(wsgi_app, known_ids):
    schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", wsgi_app)
    known = {"id": known_ids["content_item_id"], "page_id": known_ids["content_item_id"]}
    # Wagtail documents /snippets/{type}/ with an empty choice of types when no snippet
    # model is registered: nothing to send there.
    failures = fuzz(schema, headers={}, known=known, checks=WAGTAIL_CHECKS, unsatisfiable_ok=True)
    assert not failures, "\n\n".join(failures)


def test_a_huge_offset_is_a_4xx_not_a_server_error(client):
    """Found by the fuzzer: PostgreSQL's OFFSET is a bigint."""
    response = client.get("/api/v3/pages/", {"offset": 2**70})
    assert response.status_code == 400
    assert response.json()


def test_the_learner_document_describes_both_credentials(client):
    """Found by the fuzzer: allauth's token scheme lacked `in` and `name`."""
    schemes = client.get("/api/v1/openapi.json").json()["components"]["securitySchemes"]
    assert {"type": "apiKey", "in": "header", "name": "X-Session-Token"} in schemes.values()
    assert {"type": "apiKey", "in": "cookie", "name": "sessionid"} in schemes.values()
