"""Backups: `manage.py backup` then `manage.py restore` into an empty database gives back
every row, and a restore never lands on a database that has tables."""

import pytest
from django.core.management import CommandError, call_command
from psycopg import sql

from culturedegree import backups
from learning.journey.enrollment import enroll
from learning.tests.journey_helpers import build_tree, make_learner


def row_counts(database: dict) -> dict[str, int]:
    with backups.connect(database) as connection:
        tables = connection.execute(
            "SELECT schemaname, tablename FROM pg_catalog.pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchall()
        return {
            f"{schema}.{table}": connection.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(schema, table))
            ).fetchone()[0]
            for schema, table in tables
        }


@pytest.fixture
def empty_database(django_db_blocker):
    from django.db import connection

    source = connection.settings_dict
    target = {**source, "NAME": f"{source['NAME']}_restore"}
    maintenance = {**source, "NAME": "postgres"}
    name = sql.Identifier(target["NAME"])
    with backups.connect(maintenance) as server:
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(name))
        server.execute(sql.SQL("CREATE DATABASE {}").format(name))
    yield target
    with backups.connect(maintenance) as server:
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database_gives_back_every_row(tmp_path, empty_database):
    from django.db import connection

    tree = build_tree()
    for number in range(3):
        enroll(learner=make_learner(f"learner{number}@example.org"), program=tree.program)
    source = row_counts(connection.settings_dict)

    call_command("backup", directory=tmp_path)
    [dump] = tmp_path.glob("*.dump")
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    backups.restore(path=dump, database=empty_database)

    restored = row_counts(empty_database)
    assert restored == source
    assert source["public.learning_enrollment"] == 3
    assert source["public.wagtailcore_page"] > 5


@pytest.mark.django_db
def test_restore_refuses_a_database_that_has_tables(tmp_path):
    dump = tmp_path / "some.dump"
    dump.write_bytes(b"PGDMP")

    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(dump))


def test_restore_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore", str(tmp_path / "missing.dump"))


def test_the_tools_are_no_older_than_the_server(django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import connection

        major = backups.server_major_version(connection.settings_dict)
    for tool in ("pg_dump", "pg_restore"):
        assert backups.tool_major_version(backups.pg_tool(tool, server_major=major)) >= major


def test_the_embedded_servers_socket_directory_reaches_pg_dump():
    database = {"NAME": "postgres", "HOST": "", "USER": "postgres", "OPTIONS": {"host": "/sock"}}

    environment = backups.libpq_environment(database)

    assert (environment["PGHOST"], environment["PGDATABASE"]) == ("/sock", "postgres")
    assert "PGPASSWORD" not in backups.connection_parameters(database)
