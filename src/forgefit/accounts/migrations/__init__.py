"""Alembic migrations for the accounts database (run by `forgefit db upgrade` and on start)."""
