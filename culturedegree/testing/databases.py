"""The test databases, created from one migrated template (root ``conftest.py`` uses this).

Migrating a test database from nothing takes about 50 s on the 2-core machine, and every
pytest-xdist worker has its own database. So the migrated database is built once and kept
as a template (``TEST_DATABASE_NAME`` plus ``_migrated``); each worker's database is then
created from it (``CREATE DATABASE ... TEMPLATE``, Django's ``TEST["TEMPLATE"]`` setting) in
about a second, and Django's ``migrate`` still runs on the copy and applies whatever it lacks.
The template is labelled (``COMMENT ON DATABASE``) with a digest of every migration file and
of the settings migrations read, and built again when that digest changes.
"""

import hashlib
import importlib.util
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

TEMPLATE_SUFFIX = "_migrated"
READ_BY_MIGRATIONS = (
    "INSTALLED_APPS",
    "AUTH_USER_MODEL",
    "LANGUAGE_CODE",
    "LANGUAGES",
    "WAGTAIL_CONTENT_LANGUAGES",
)


def maintenance_connection(connection):
    """An autocommit connection to the server's `postgres` database, for CREATE and DROP
    DATABASE (none of them may run inside the database they concern)."""
    import psycopg

    params = connection.settings_dict
    options = {
        "dbname": "postgres",
        "user": params.get("USER"),
        "password": params.get("PASSWORD"),
        "host": params.get("HOST"),
        "port": params.get("PORT"),
    }
    return psycopg.connect(**{k: v for k, v in options.items() if v}, autocommit=True)


def database_exists(admin, name: str) -> bool:
    return (
        admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
    )


def migrations_fingerprint() -> str:
    """A digest of every migration file (ours and our dependencies') and of the settings
    migrations read. The files are read, not imported: some run queries at import
    (wagtail-localize's first migration asks django_migrations which way to go)."""
    digest = hashlib.sha256()
    for app_config in apps.get_app_configs():
        module, _explicit = MigrationLoader.migrations_module(app_config.label)
        spec = importlib.util.find_spec(module) if module else None
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for path in sorted(Path(folder).glob("*.py")):
                digest.update(f"{app_config.label}/{path.name}".encode())
                digest.update(path.read_bytes())
    for name in READ_BY_MIGRATIONS:
        digest.update(repr(getattr(settings, name, None)).encode())
    return digest.hexdigest()


def template_label(admin, template: str) -> dict:
    """What `template` was built from: {"migrations": digest, "run": test run id}, or {}."""
    found = admin.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        [template],
    ).fetchone()
    try:
        label = json.loads(found[0]) if found and found[0] else {}
    except ValueError:
        return {}
    return label if isinstance(label, dict) else {}


def is_current(label: dict, *, migrations: str, run: str, rebuild: bool) -> bool:
    """Whether a template labelled `label` serves: built from these `migrations` and, when
    asked to `rebuild` (``--create-db``), by this `run` already."""
    return label.get("migrations") == migrations and (not rebuild or label.get("run") == run)


def ensure_template(connection, admin, *, template: str, run: str, rebuild: bool) -> bool:
    """Build `template` unless it holds the current migrations (and, under `rebuild`, was
    built by this `run` already). One caller builds at a time, the others wait for it and
    find it built. Returns whether this call built it."""
    from psycopg import sql

    lock = int.from_bytes(hashlib.sha256(template.encode()).digest()[:8], "big", signed=True)
    admin.execute("SELECT pg_advisory_lock(%s)", [lock])
    try:
        wanted = {"migrations": migrations_fingerprint(), "run": run}
        label = template_label(admin, template)
        if is_current(label, migrations=wanted["migrations"], run=run, rebuild=rebuild):
            return False
        _build(connection, admin, template)
        comment = sql.Literal(json.dumps(wanted, sort_keys=True))
        admin.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(template), comment)
        )
        return True
    finally:
        admin.execute("SELECT pg_advisory_unlock(%s)", [lock])


def _build(connection, admin, template: str) -> None:
    """Create and migrate `template` the way Django creates a test database, through the
    same connection, then point the connection back where it was."""
    from psycopg import sql

    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(template))
    admin.execute(drop)
    test_settings = settings.DATABASES[connection.alias]["TEST"]
    saved = {key: test_settings.get(key) for key in ("NAME", "TEMPLATE")}
    old_name = connection.settings_dict["NAME"]
    test_settings.update(NAME=template, TEMPLATE=None)
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    except BaseException:
        connection.close()
        admin.execute(drop)
        raise
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=True)
        test_settings.update(saved)
