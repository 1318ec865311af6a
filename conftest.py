"""Suite-wide fixtures. Browser fixtures live in tests/e2e/conftest.py."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def site(db):
    """The demo foundation (locales, home page, default site) as `seed_demo` builds it."""
    from culturedegree import demo

    demo.ensure_locales()
    return demo.ensure_home_page()
