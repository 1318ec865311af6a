"""OpenID Connect providers configured from the environment.

``OIDC_PROVIDERS`` holds a JSON list, one object per provider::

    [{"id": "keycloak", "name": "Keycloak", "server_url": "https://id.example.org/realms/x",
      "client_id": "culturedegree", "secret": "..."}]

This module is imported by the settings, so it must not touch Django's app registry.
"""

import json
import re
from typing import Any
from urllib.parse import urlsplit

REQUIRED_KEYS = ("id", "name", "server_url", "client_id", "secret")
PROVIDER_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


class OIDCConfigurationError(ValueError):
    """``OIDC_PROVIDERS`` is malformed; the message says which entry and why."""


def parse_oidc_providers(raw: str) -> list[dict[str, Any]]:
    """Turn the ``OIDC_PROVIDERS`` value into allauth ``openid_connect`` APPS entries."""
    if not raw.strip():
        return []
    try:
        entries = json.loads(raw)
    except json.JSONDecodeError as error:
        raise OIDCConfigurationError(f"OIDC_PROVIDERS is not valid JSON: {error}") from error
    if not isinstance(entries, list):
        raise OIDCConfigurationError("OIDC_PROVIDERS must be a JSON list of objects.")
    apps = []
    seen: set[str] = set()
    for position, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise OIDCConfigurationError(f"OIDC_PROVIDERS[{position}] must be an object.")
        missing = [key for key in REQUIRED_KEYS if not str(entry.get(key, "")).strip()]
        if missing:
            raise OIDCConfigurationError(f"OIDC_PROVIDERS[{position}] lacks {', '.join(missing)}.")
        provider_id = str(entry["id"])
        if not PROVIDER_ID.match(provider_id):
            raise OIDCConfigurationError(
                f"OIDC_PROVIDERS[{position}].id {provider_id!r} must be lowercase letters, "
                "digits, '-' or '_' (it appears in callback URLs)."
            )
        if provider_id in seen:
            raise OIDCConfigurationError(f"OIDC_PROVIDERS id {provider_id!r} appears twice.")
        seen.add(provider_id)
        server_url = str(entry["server_url"]).rstrip("/")
        if not server_url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            raise OIDCConfigurationError(
                f"OIDC_PROVIDERS[{position}].server_url must use https (plain http only on "
                "loopback, for tests)."
            )
        apps.append(
            {
                "provider_id": provider_id,
                "name": str(entry["name"]),
                "client_id": str(entry["client_id"]),
                "secret": str(entry["secret"]),
                "settings": {
                    "server_url": server_url,
                    "oauth_pkce_enabled": True,
                    "token_auth_method": entry.get("token_auth_method", "client_secret_basic"),
                    "scope": entry.get("scope", ["openid", "profile", "email"]),
                },
            }
        )
    return apps


def provider_origins(apps: list[dict[str, Any]]) -> list[str]:
    """Origins of the providers' servers, for the CSP's form-action.

    The "Continue" form on our side answers with a redirect to the provider, and browsers
    hold that redirect to the form-action directive.
    """
    origins = []
    for app in apps:
        parts = urlsplit(app["settings"]["server_url"])
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in origins:
            origins.append(origin)
    return origins
