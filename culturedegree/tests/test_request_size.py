"""Security finding 17: a request body over its path's limit is refused before it is read."""

import io

import pytest
from django.test import Client

from culturedegree.request_guards import body_limit
from learning.tests.journey_helpers import make_learner

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class CountingStream(io.RawIOBase):
    """A request body of `size` bytes that counts how much of it anyone reads."""

    def __init__(self, size: int):
        self.size = size
        self.read_bytes = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        count = min(len(buffer), self.size - self.read_bytes)
        buffer[:count] = b"a" * count
        self.read_bytes += count
        return count


@pytest.fixture
def learner_client(site):
    client = Client()
    client.force_login(make_learner())
    return client


def send(client: Client, path: str, *, size: int, content_type: str):
    body = CountingStream(size)
    response = client.generic(
        "POST",
        path,
        CONTENT_LENGTH=str(size),
        CONTENT_TYPE=content_type,
        **{"wsgi.input": body},
    )
    return response, body.read_bytes


def test_a_60_mb_avatar_is_refused_with_413_before_it_is_read(learner_client):
    response, read = send(
        learner_client,
        "/en/accounts/profile/",
        size=60 * MB,
        content_type="multipart/form-data; boundary=xyz",
    )
    assert response.status_code == 413
    assert read == 0
    assert "at most 6.0" in response.content.decode()  # the page says the limit
    assert response["Content-Type"].startswith("text/html")


def test_the_page_is_in_the_learners_language(learner_client):
    response, _ = send(
        learner_client,
        "/fr/accounts/profile/",
        size=60 * MB,
        content_type="multipart/form-data; boundary=xyz",
    )
    assert response.status_code == 413
    assert 'lang="fr"' in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/api/v1/enrollments", "/api/v3/pages/", "/_allauth/app/v1/auth/signup"]
)
def test_apis_answer_413_in_json(learner_client, path):
    response, read = send(learner_client, path, size=2 * MB, content_type="application/json")
    assert response.status_code == 413
    assert read == 0
    assert response.json()["limit"] == 1 * MB


@pytest.mark.parametrize(
    ("path", "limit"),
    [
        ("/en/accounts/signup/", 1 * MB),
        ("/ar/accounts/profile/", 6 * MB),
        ("/api/v1/progress/1/heartbeat", 1 * MB),
        ("/admin/images/multiple/add/", 512 * MB),
        ("/admin/media/audio/add/", 512 * MB),
    ],
)
def test_limits_per_path(path, limit):
    assert body_limit(path) == limit


def test_a_body_within_the_limit_is_served(learner_client):
    response, read = send(
        learner_client, "/api/v1/enrollments", size=10, content_type="application/json"
    )
    assert response.status_code == 400  # ten letters "a" are not JSON; but it was read
    assert read == 10
