"""The progress store on both engines: a stored program this version cannot read gives a
message that says what to do, never a traceback."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from forgefit.accounts import Database, programs, progress_store, users
from forgefit.accounts.models import SavedProgram
from forgefit.catalog import default_catalog
from tests.accounts.conftest import PASSWORD, PROFILE, new_email


def test_an_unreadable_stored_program_is_a_clear_error(database: Database):
    catalog = default_catalog()
    user = users.create_user(database, new_email(), PASSWORD)
    row = programs.create_program(database, catalog, user.id, PROFILE)
    readable = progress_store.program_history(database, catalog, user.id, row.id, date.today())
    assert readable["items"] == []
    with database.write() as session:
        session.execute(
            update(SavedProgram).where(SavedProgram.id == row.id).values(program={"weeks": "?"})
        )
    with pytest.raises(progress_store.UnreadableProgramError, match="Build a new program"):
        progress_store.program_history(database, catalog, user.id, row.id, date.today())
