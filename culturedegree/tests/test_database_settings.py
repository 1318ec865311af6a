"""culturedegree.settings.database: what the environment turns on."""

import pytest

from culturedegree.settings.database import database_config

URL = "postgresql://postgres@127.0.0.1:5432/culturedegree"


def test_prepared_statements_are_off_unless_asked_for(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", URL)
    monkeypatch.delenv("DATABASE_PREPARE_THRESHOLD", raising=False)
    assert "server_side_binding" not in database_config(tmp_path).get("OPTIONS", {})
    monkeypatch.setenv("DATABASE_PREPARE_THRESHOLD", "5")
    options = database_config(tmp_path)["OPTIONS"]
    assert options == {"server_side_binding": True, "prepare_threshold": 5}


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
