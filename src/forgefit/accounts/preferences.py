"""Favourite and excluded exercises: the planner prefers the first and leaves out the second
whenever a program is built for the user."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import delete, select

from forgefit.accounts.db import Database
from forgefit.accounts.errors import NotFoundError
from forgefit.accounts.models import Exclusion, Favourite
from forgefit.catalog import Catalog

Kind = Literal["favourites", "exclusions"]
KINDS: tuple[Kind, ...] = ("favourites", "exclusions")
_TABLES: dict[str, type[Favourite] | type[Exclusion]] = {
    "favourites": Favourite,
    "exclusions": Exclusion,
}


def list_preferences(database: Database, user_id: int) -> dict[str, list[str]]:
    """{"favourites": [...], "exclusions": [...]}, each in the order they were added."""
    result: dict[str, list[str]] = {}
    with database.read() as session:
        for kind, table in _TABLES.items():
            query = (
                select(table.exercise)
                .where(table.user_id == user_id)
                .order_by(table.created_at, table.exercise)
            )
            result[kind] = list(session.scalars(query))
    return result


def add_preference(
    database: Database, catalog: Catalog, user_id: int, kind: Kind, slug: str
) -> bool:
    """Add the exercise (raises UnknownExerciseError for an unknown slug). An exercise is never
    both a favourite and excluded: adding it to one list takes it off the other. Returns False
    when it was already there."""
    exercise = catalog.get(slug)
    table = _TABLES[kind]
    other = _TABLES["exclusions" if kind == "favourites" else "favourites"]
    with database.write() as session:
        session.execute(
            delete(other).where(other.user_id == user_id, other.exercise == exercise.slug)
        )
        if session.get(table, (user_id, exercise.slug)) is not None:
            return False
        session.add(table(user_id=user_id, exercise=exercise.slug))
    return True


def remove_preference(database: Database, user_id: int, kind: Kind, slug: str) -> None:
    table = _TABLES[kind]
    with database.write() as session:
        result = session.execute(
            delete(table).where(table.user_id == user_id, table.exercise == slug)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFoundError(f"'{slug}' is not in your {kind}.")
