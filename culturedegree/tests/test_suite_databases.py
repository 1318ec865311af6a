"""The test suite's own database machinery (culturedegree/testing): the migrated template the
workers' databases are created from."""

import pytest

from culturedegree.testing import databases


def test_the_template_is_built_again_when_a_migration_or_a_setting_it_reads_changes(settings):
    digest = databases.migrations_fingerprint()
    assert databases.migrations_fingerprint() == digest
    settings.LANGUAGE_CODE = "fr"  # Wagtail's first locale comes from it
    assert databases.migrations_fingerprint() != digest
    settings.LANGUAGE_CODE = "en"
    settings.MIGRATION_MODULES = {"learning": None}  # as if learning's migrations were gone
    assert databases.migrations_fingerprint() != digest


@pytest.mark.parametrize(
    ("label", "rebuild", "current"),
    [
        ({"migrations": "now", "run": "earlier"}, False, True),
        ({"migrations": "before", "run": "earlier"}, False, False),
        ({}, False, False),
        ({"migrations": "now", "run": "earlier"}, True, False),  # --create-db: build it again
        ({"migrations": "now", "run": "this"}, True, True),  # once: another worker built it
    ],
)
def test_a_template_serves_only_when_built_from_these_migrations(label, rebuild, current):
    assert databases.is_current(label, migrations="now", run="this", rebuild=rebuild) is current
