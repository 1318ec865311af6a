"""What load balancers and orchestrators probe (README, "operators")."""

import pytest

pytestmark = pytest.mark.django_db


def test_liveness_answers_ok_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readiness_checks_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/healthz", "/readyz"])
def test_probes_answer_get_only(client, url):
    assert client.post(url).status_code == 405
