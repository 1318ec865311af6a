"""Test-suite support; nothing a user sees. ``databases``: each test database created from one
migrated template."""
