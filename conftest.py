"""Suite-wide fixtures. Browser fixtures live in tests/e2e/conftest.py.

Order safety. A transactional test (``django_db(transaction=True)``, ``transactional_db``,
``live_server``) ends with a flush that empties every table, Wagtail's migrated rows included
(root page, default site, locales, root collection, groups and their permissions); the
flush's ``post_migrate`` re-creates content types and permissions under new ids. Tests that
run after it in the same process (one xdist worker, or the serial run) would find those rows
gone. So, once per test database, the rows the migrations left are copied into a
separate schema (``MIGRATED_ROWS_SCHEMA``, which no flush touches), and after every
transactional test ``pytest_runtest_teardown`` puts them back, ids included, in one
transaction: a few ``DELETE``/``INSERT ... SELECT`` statements inside PostgreSQL, tens of
milliseconds. The flush itself deletes rows rather than truncating tables (a second per
test saved; ``_delete_instead_of_truncate``). The restore runs after every fixture's
teardown, so after the flush whatever the fixture order, and no test has to remember to
restore anything. (``serialized_rollback`` would restore before the marked test only, through
the ORM, and only where someone thought of marking it.)

Creation. Each worker's test database is created from one migrated template, kept between
runs and built again when a migration changes (``culturedegree/testing/databases.py``).
``--create-db`` builds the template again too (once per run: the first worker builds it, the
others wait); ``--reuse-db`` uses a worker's database as it is when there is one.
"""

import uuid

import pytest
from django.core.management import call_command

MIGRATED_ROWS_SCHEMA = "cd_migrated_rows"
_restore = {}  # "blocker" and "database" once the test database is set up


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    request,
    django_db_modify_db_settings_parallel_suffix,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
):
    """Point Django's creation of this worker's test database at the migrated template."""
    from django.conf import settings
    from django.db import connection

    from culturedegree.testing import databases

    if not django_db_use_migrations:
        return
    test_settings = settings.DATABASES[connection.alias].setdefault("TEST", {})
    name = test_settings.get("NAME") or f"test_{connection.settings_dict['NAME']}"
    worker = getattr(request.config, "workerinput", {}).get("workerid")
    template = name.removesuffix(f"_{worker}") if worker else name
    template += databases.TEMPLATE_SUFFIX
    with django_db_blocker.unblock(), databases.maintenance_connection(connection) as admin:
        if django_db_keepdb and not django_db_createdb and databases.database_exists(admin, name):
            return  # --reuse-db: Django keeps the worker's database as it is
        databases.ensure_template(
            connection, admin, template=template, run=_run_id(request), rebuild=django_db_createdb
        )
    test_settings["TEMPLATE"] = template


def _run_id(request) -> str:
    """pytest-xdist's id of this run, the same in every worker."""
    try:
        return request.getfixturevalue("testrun_uid")
    except pytest.FixtureLookupError:
        return uuid.uuid4().hex


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The database cache (allauth's rate limits need a real cache) lives in a table; the
    migrated rows are kept aside for the restore after transactional tests."""
    from django.db import connection

    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)
        if _snapshot_exists(connection):
            # A reused database (--reuse-db) may end on a flush: start from the copy.
            restore_migrated_rows(connection)
        else:
            _snapshot_migrated_rows(connection)
        _restore.update(blocker=django_db_blocker, database=connection.settings_dict["NAME"])
    yield
    _restore.clear()


def _model_tables(connection) -> list[str]:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    return sorted(tables)


def _snapshot_exists(connection, schema: str = MIGRATED_ROWS_SCHEMA) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [schema])
        return cursor.fetchone() is not None


def drop_snapshot(connection, schema: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    _restore.get("columns", {}).pop(schema, None)


def _snapshot_migrated_rows(connection) -> None:
    """Copy every non-empty model table, as ``migrate`` left it, into MIGRATED_ROWS_SCHEMA."""
    snapshot_rows(connection, MIGRATED_ROWS_SCHEMA)


def restore_migrated_rows(connection) -> None:
    """Put the migrated rows back as they were after ``migrate``, same ids."""
    restore_rows(connection, MIGRATED_ROWS_SCHEMA)


def snapshot_rows(connection, schema: str) -> None:
    """Copy every non-empty model table, as it stands, into `schema` (which no flush
    touches), for `restore_rows` to put back."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE SCHEMA {schema}")
        for table in _model_tables(connection):
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {qn(table)})")  # noqa: S608
            if cursor.fetchone()[0]:
                cursor.execute(
                    f"CREATE TABLE {schema}.{qn(table)}"  # noqa: S608
                    f" AS SELECT * FROM {qn(table)}"
                )


def restore_rows(connection, schema: str, *, empty_all: bool = False) -> None:
    """Put the rows copied into `schema` back, same ids, in one transaction. Tables with no
    copy keep their rows unless `empty_all`, which empties every model table first."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sites.models import Site
    from django.core.management.color import no_style
    from django.db import transaction

    qn = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        columns = _restore.setdefault("columns", {})
        if schema not in columns:
            columns[schema] = _snapshot_columns(cursor, schema)
        snapshot = columns[schema]
        # Foreign keys are DEFERRABLE INITIALLY DEFERRED: checked at commit, in any order.
        for table in _model_tables(connection) if empty_all else snapshot:
            cursor.execute(f"DELETE FROM {qn(table)}")  # noqa: S608
        for table, names in snapshot.items():
            names = ", ".join(names)
            cursor.execute(
                f"INSERT INTO {qn(table)} ({names})"  # noqa: S608
                f" SELECT {names} FROM {schema}.{qn(table)}"
            )
        models = [
            m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in snapshot
        ]
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    ContentType.objects.clear_cache()
    Site.objects.clear_cache()


def _snapshot_columns(cursor, schema: str) -> dict[str, list[str]]:
    """Each copied table's columns, generated ones left out (PostgreSQL computes them)."""
    cursor.execute(
        "SELECT s.table_name, array_agg(quote_ident(s.column_name::text)"
        " ORDER BY s.ordinal_position) FROM information_schema.columns s"
        " JOIN information_schema.columns p ON p.table_schema = current_schema()"
        " AND p.table_name = s.table_name AND p.column_name = s.column_name"
        " AND p.is_generated = 'NEVER' WHERE s.table_schema = %s GROUP BY s.table_name",
        [schema],
    )
    return dict(cursor.fetchall())


def _flushes_database(item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    if names & {"transactional_db", "live_server", "django_db_reset_sequences"}:
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    return bool(marker.kwargs.get("transaction") or (marker.args and marker.args[0]))


def _delete_instead_of_truncate(connection):
    """The flush's statements with DELETE in place of TRUNCATE.

    TRUNCATE gives each of the ~115 tables and their indexes new files: about 1.2 s a flush
    here (2.6 s on a loaded machine). DELETE of the few rows a test made takes milliseconds,
    in one transaction (every foreign key is DEFERRABLE INITIALLY DEFERRED, and no table has
    a trigger), and leaves the tables as empty and the sequences as TRUNCATE does. A flush
    that resets sequences or cascades still truncates."""
    truncate = connection.ops.sql_flush

    def sql_flush(style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [f"DELETE FROM {connection.ops.quote_name(table)}" for table in tables]  # noqa: S608

    return sql_flush


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    flushes = _flushes_database(item)
    if flushes:
        from django.db import connection

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(connection.ops, "sql_flush", _delete_instead_of_truncate(connection))
            result = yield
    else:
        result = yield
    # With no next test, the session teardown has just dropped the test database.
    if nextitem is not None and _restore and flushes:
        from django.db import connection

        with _restore["blocker"].unblock():
            if connection.settings_dict["NAME"] == _restore["database"]:
                restore_migrated_rows(connection)
    return result


@pytest.fixture(scope="session")
def row_snapshots():
    """The copy-aside machinery above for a fixture that builds something slow once per test
    database and hands the same rows back to later tests (tests/e2e/conftest.py's
    ``demo_catalog``): ``snapshot(connection, schema)``, ``restore(connection, schema,
    empty_all=True)``, ``drop(connection, schema)``; ``reset(connection)`` empties every
    table and puts the migrated rows back, as after a transactional test."""
    from types import SimpleNamespace

    def reset(connection):
        restore_rows(connection, MIGRATED_ROWS_SCHEMA, empty_all=True)

    return SimpleNamespace(
        snapshot=snapshot_rows, restore=restore_rows, drop=drop_snapshot, reset=reset
    )


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _clear_cache(django_db_blocker):
    """Rate-limit counters and cached fragments must not leak between tests (every alias:
    the per-worker fragment and rendition caches too)."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    yield
    with django_db_blocker.unblock():
        for cache in caches.all():
            # Before the test database exists the connection points at the real one.
            if _restore or not isinstance(cache, DatabaseCache):
                cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request leaves its language active in the thread (LocaleMiddleware activates it and
    nothing deactivates it): a test that opened a French page must not make the next one's
    ``reverse()`` and ``gettext`` French."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture
def migrated_data(db):
    """Wagtail's migrated rows (root page, default site, locales, content types...). The
    suite restores them after every transactional test (see the module docstring); tests
    that depend on them name this fixture to say so."""


@pytest.fixture
def site(db):
    """The demo foundation (locales, home page, default site) as `seed_demo` builds it."""
    from culturedegree import demo

    demo.ensure_locales()
    return demo.ensure_home_page()
