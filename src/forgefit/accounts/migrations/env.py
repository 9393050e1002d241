"""Alembic environment: always run from `forgefit.accounts.migrate` with a live connection."""

from __future__ import annotations

from alembic import context

from forgefit.accounts.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them; batch mode does that
)
with context.begin_transaction():
    context.run_migrations()
