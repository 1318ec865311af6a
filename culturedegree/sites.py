"""The django.contrib.sites record that allauth's emails read: the site's name and host.

Django creates it as "example.com"; every `migrate` (and every test database flush) sets it
from WAGTAIL_SITE_NAME and SITE_URL instead, so emails say "Culture Degree" and the host
learners actually use."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS


def site_domain() -> str:
    """SITE_URL's host, with its port when it has one: "culturedegree.org", "127.0.0.1:8000"."""
    return urlsplit(settings.SITE_URL).netloc


def sync_site_from_settings(*, using: str = DEFAULT_DB_ALIAS, **_signal_kwargs) -> None:
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"name": settings.WAGTAIL_SITE_NAME, "domain": site_domain()},
    )
    Site.objects.clear_cache()
