"""OIDC_PROVIDERS: the environment's list of OpenID Connect providers."""

import json

import pytest

from culturedegree.accounts.oidc import (
    OIDCConfigurationError,
    parse_oidc_providers,
    provider_origins,
)

KEYCLOAK = {
    "id": "keycloak",
    "name": "Keycloak",
    "server_url": "https://id.example.org/realms/culture/",
    "client_id": "culturedegree",
    "secret": "s3cret",
}


def test_empty_value_configures_no_provider():
    assert parse_oidc_providers("") == []
    assert parse_oidc_providers("  ") == []


def test_a_provider_becomes_an_allauth_app_with_pkce():
    (app,) = parse_oidc_providers(json.dumps([KEYCLOAK]))

    assert app["provider_id"] == "keycloak"
    assert app["name"] == "Keycloak"
    assert (app["client_id"], app["secret"]) == ("culturedegree", "s3cret")
    assert app["settings"]["server_url"] == "https://id.example.org/realms/culture"
    assert app["settings"]["oauth_pkce_enabled"] is True


def test_origins_for_the_content_security_policy():
    other = {**KEYCLOAK, "id": "other", "server_url": "https://login.example.com/o"}
    apps = parse_oidc_providers(json.dumps([KEYCLOAK, other]))

    assert provider_origins(apps) == ["https://id.example.org", "https://login.example.com"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps(KEYCLOAK), "must be a JSON list"),
        (json.dumps(["keycloak"]), "must be an object"),
        (json.dumps([{**KEYCLOAK, "secret": ""}]), "lacks secret"),
        (json.dumps([{"id": "x"}]), "lacks name, server_url, client_id, secret"),
        (json.dumps([{**KEYCLOAK, "id": "Key Cloak"}]), "must be lowercase"),
        (json.dumps([KEYCLOAK, KEYCLOAK]), "appears twice"),
        (json.dumps([{**KEYCLOAK, "server_url": "http://id.example.org"}]), "must use https"),
    ],
)
def test_malformed_values_fail_at_start_up_with_a_reason(value, message):
    with pytest.raises(OIDCConfigurationError, match=message):
        parse_oidc_providers(value)


def test_plain_http_is_allowed_on_loopback_for_tests():
    (app,) = parse_oidc_providers(json.dumps([{**KEYCLOAK, "server_url": "http://127.0.0.1:9000"}]))

    assert app["settings"]["server_url"] == "http://127.0.0.1:9000"
