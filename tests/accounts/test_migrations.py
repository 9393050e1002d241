"""Schema upgrades keep every row: a database made by the first version, filled, upgraded to the
newest schema and read back through today's code; and `forgefit db upgrade`."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from forgefit.accounts import (
    Database,
    current_revision,
    head_revision,
    programs,
    security,
    tokens,
    upgrade_database,
    users,
)
from forgefit.catalog import Catalog
from tests.accounts.conftest import PASSWORD, PROFILE, ScratchDatabase
from tests.conftest import FORGEFIT

FIRST_REVISION = "0001"


def test_a_first_version_database_upgrades_without_losing_anything(
    scratch: ScratchDatabase, catalog: Catalog
):
    database = Database.connect(scratch.url)
    try:
        assert upgrade_database(database, FIRST_REVISION) == (None, FIRST_REVISION)
        assert "programs" not in inspect(database.engine).get_table_names()
        # Rows written the way version 0001 wrote them (its tables, its columns).
        token = security.new_api_token()
        now = datetime.now(UTC)
        with database.write() as session:
            session.execute(
                text(
                    "INSERT INTO users (id, email, password_hash, created_at) "
                    "VALUES (7, 'old@example.org', :hash, :now)"
                ),
                {"hash": security.hash_password(PASSWORD), "now": now},
            )
            session.execute(
                text(
                    "INSERT INTO api_tokens (user_id, label, token_hash, prefix, created_at) "
                    "VALUES (7, 'laptop', :hash, :prefix, :now)"
                ),
                {"hash": security.token_hash(token), "prefix": token[:10], "now": now},
            )

        before, after = upgrade_database(database)
        assert (before, after) == (FIRST_REVISION, head_revision())

        user = users.authenticate(database, "old@example.org", PASSWORD, None)
        assert (user.id, user.units) == (7, "kg")
        resolved = tokens.user_for_token(database, token)
        assert resolved is not None and resolved.id == 7
        assert [t.label for t in tokens.list_tokens(database, 7)] == ["laptop"]
        # The new tables work for the old account.
        saved = programs.create_program(database, catalog, 7, PROFILE, "After the upgrade")
        assert programs.get_program(database, 7, saved.id).is_current
    finally:
        database.dispose()


def test_upgrading_twice_changes_nothing(database: Database):
    revision = current_revision(database)
    assert revision == head_revision()
    assert upgrade_database(database) == (revision, revision)


def test_db_upgrade_command_creates_the_sqlite_file_in_the_data_folder(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k != "FORGEFIT_DATABASE_URL"}
    env["FORGEFIT_DATA_DIR"] = str(tmp_path)
    first = subprocess.run(
        [FORGEFIT, "db", "upgrade"], env=env, capture_output=True, text=True, check=False
    )
    assert first.returncode == 0, first.stderr
    assert f"to {head_revision()}" in first.stderr
    assert (tmp_path / "forgefit.db").is_file()
    again = subprocess.run(
        [FORGEFIT, "db", "upgrade"], env=env, capture_output=True, text=True, check=False
    )
    assert "already at the newest schema" in again.stderr


def test_db_upgrade_names_an_unreachable_database_without_a_traceback(tmp_path: Path):
    env = {
        **os.environ,
        "FORGEFIT_DATA_DIR": str(tmp_path),
        "FORGEFIT_DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none",
    }
    result = subprocess.run(
        [FORGEFIT, "db", "upgrade"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "FORGEFIT_DATABASE_URL" in result.stderr and "127.0.0.1:9" in result.stderr


@pytest.mark.parametrize("url", ["mysql://x@y/z", "nonsense"])
def test_an_unusable_database_url_is_explained(url: str):
    from forgefit.accounts import StorageError

    with pytest.raises(StorageError, match="FORGEFIT_DATABASE_URL"):
        Database.connect(url)
