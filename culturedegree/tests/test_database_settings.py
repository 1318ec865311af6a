"""culturedegree.settings.database: what the environment turns on."""

import pytest
from django.db import connection

from culturedegree.settings.database import database_config

URL = "postgresql://postgres@127.0.0.1:5432/culturedegree"


def test_prepared_statements_are_on_unless_turned_off(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", URL)
    monkeypatch.delenv("DATABASE_PREPARE_THRESHOLD", raising=False)
    options = database_config(tmp_path)["OPTIONS"]
    assert options == {"server_side_binding": True, "prepare_threshold": 5}
    monkeypatch.setenv("DATABASE_PREPARE_THRESHOLD", "2")
    assert database_config(tmp_path)["OPTIONS"]["prepare_threshold"] == 2
    monkeypatch.setenv("DATABASE_PREPARE_THRESHOLD", "off")
    assert "server_side_binding" not in database_config(tmp_path).get("OPTIONS", {})


def test_the_suite_runs_with_prepared_statements(django_db_blocker):
    """What production runs: parameters bound by the server, queries prepared."""
    with django_db_blocker.unblock():
        connection.ensure_connection()
        hint = "the suite runs as production does: unset DATABASE_PREPARE_THRESHOLD"
        assert connection.settings_dict["OPTIONS"].get("server_side_binding") is True, hint
        assert connection.connection.prepare_threshold == 5, hint


def test_prepared_statements_stay_off_behind_a_transaction_pooler(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", URL)
    monkeypatch.setenv("DATABASE_PREPARE_THRESHOLD", "5")
    monkeypatch.setenv("DISABLE_SERVER_SIDE_CURSORS", "1")
    config = database_config(tmp_path)
    assert config["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert "prepare_threshold" not in config.get("OPTIONS", {})


def test_a_threshold_that_is_not_a_number_is_refused_by_name(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", URL)
    monkeypatch.setenv("DATABASE_PREPARE_THRESHOLD", "often")
    with pytest.raises(RuntimeError, match="DATABASE_PREPARE_THRESHOLD"):
        database_config(tmp_path)
