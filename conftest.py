"""Suite-wide fixtures. Browser fixtures live in tests/e2e/conftest.py."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The database cache (allauth's rate limits need a real cache) lives in a table."""
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _clear_cache(django_db_blocker):
    """Rate-limit counters and cached fragments must not leak between tests (every alias:
    the per-worker fragment and rendition caches too)."""
    from django.core.cache import caches

    yield
    with django_db_blocker.unblock():
        for cache in caches.all():
            cache.clear()


@pytest.fixture
def migrated_data(db):
    """What migrations and post_migrate made (content types, permissions, Wagtail's tree
    roots), back after a transactional test that ran earlier in this process emptied it."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType

    from culturedegree import demo

    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    demo.ensure_locales()
    demo.ensure_home_page()


@pytest.fixture
def site(db):
    """The demo foundation (locales, home page, default site) as `seed_demo` builds it."""
    from culturedegree import demo

    demo.ensure_locales()
    return demo.ensure_home_page()
