"""Everything a user owns, as one JSON document or one CSV file per table. Secrets (password
and token hashes) are never exported: they are ours to check, not the user's data."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sqlalchemy import select

from forgefit.accounts.db import Database
from forgefit.accounts.errors import NotFoundError
from forgefit.accounts.models import (
    ApiToken,
    Exclusion,
    Favourite,
    Injury,
    LoggedSet,
    SavedProfile,
    SavedProgram,
    Swap,
    User,
    Workout,
)

EXPORT_TABLES = (
    "account",
    "profile",
    "programs",
    "favourites",
    "exclusions",
    "tokens",
    "workouts",
    "sets",
    "injuries",
    "swaps",
)


def _stamp(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def export_user(database: Database, user_id: int) -> dict[str, list[dict[str, Any]]]:
    """{table: [row, ...]} for every table in EXPORT_TABLES."""
    with database.read() as session:
        user = session.get(User, user_id)
        if user is None:
            raise NotFoundError("No such account.")
        profile = session.get(SavedProfile, user_id)
        programs = session.scalars(
            select(SavedProgram).where(SavedProgram.user_id == user_id).order_by(SavedProgram.id)
        ).all()
        favourites = session.scalars(select(Favourite).where(Favourite.user_id == user_id)).all()
        exclusions = session.scalars(select(Exclusion).where(Exclusion.user_id == user_id)).all()
        tokens = session.scalars(
            select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id)
        ).all()
        workouts = session.scalars(
            select(Workout).where(Workout.user_id == user_id).order_by(Workout.id)
        ).all()
        sets = session.scalars(
            select(LoggedSet)
            .where(LoggedSet.user_id == user_id)
            .order_by(LoggedSet.workout_id, LoggedSet.position)
        ).all()
        injuries = session.scalars(
            select(Injury).where(Injury.user_id == user_id).order_by(Injury.id)
        ).all()
        swaps = session.scalars(select(Swap).where(Swap.user_id == user_id).order_by(Swap.id)).all()
    return {
        "account": [
            {
                "id": user.id,
                "email": user.email,
                "units": user.units,
                "created_at": _stamp(user.created_at),
            }
        ],
        "profile": (
            [{"profile": profile.data, "updated_at": _stamp(profile.updated_at)}] if profile else []
        ),
        "programs": [
            {
                "id": p.id,
                "name": p.name,
                "current": p.is_current,
                "created_at": _stamp(p.created_at),
                "updated_at": _stamp(p.updated_at),
                "profile": p.profile,
                "program": p.program,
            }
            for p in programs
        ],
        "favourites": [
            {"exercise": f.exercise, "created_at": _stamp(f.created_at)} for f in favourites
        ],
        "exclusions": [
            {"exercise": e.exercise, "created_at": _stamp(e.created_at)} for e in exclusions
        ],
        "tokens": [
            {
                "id": t.id,
                "label": t.label,
                "prefix": t.prefix,
                "created_at": _stamp(t.created_at),
                "last_used_at": _stamp(t.last_used_at),
            }
            for t in tokens
        ],
        "workouts": [
            {
                "id": w.id,
                "program_id": w.program_id,
                "week": w.week,
                "day": w.day,
                "started_at": _stamp(w.started_at),
                "finished_at": _stamp(w.finished_at),
            }
            for w in workouts
        ],
        "sets": [
            {
                "workout_id": s.workout_id,
                "position": s.position,
                "exercise": s.exercise,
                "load_kg": s.load_kg,
                "reps": s.reps,
                "seconds": s.seconds,
                "rir": s.rir,
                "note": s.note,
            }
            for s in sets
        ],
        "injuries": [
            {
                "id": i.id,
                "joint": i.joint,
                "severity": i.severity,
                "note": i.note,
                "reported_on": _stamp(i.reported_on),
                "cleared_on": _stamp(i.cleared_on),
            }
            for i in injuries
        ],
        "swaps": [
            {
                "program_id": w.program_id,
                "from": w.from_slug,
                "to": w.to_slug,
                "scope": w.scope,
                "week": w.week,
                "day": w.day,
                "created_at": _stamp(w.created_at),
            }
            for w in swaps
        ],
    }


def table_csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    """Rows as CSV with a header; nested values (a profile, a program) as JSON text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                key: json.dumps(value, ensure_ascii=False)
                if isinstance(value, dict | list)
                else value
                for key, value in row.items()
            }
        )
    return buffer.getvalue()


CSV_COLUMNS: dict[str, list[str]] = {
    "account": ["id", "email", "units", "created_at"],
    "profile": ["profile", "updated_at"],
    "programs": ["id", "name", "current", "created_at", "updated_at", "profile", "program"],
    "favourites": ["exercise", "created_at"],
    "exclusions": ["exercise", "created_at"],
    "tokens": ["id", "label", "prefix", "created_at", "last_used_at"],
    "workouts": ["id", "program_id", "week", "day", "started_at", "finished_at"],
    "sets": ["workout_id", "position", "exercise", "load_kg", "reps", "seconds", "rir", "note"],
    "injuries": ["id", "joint", "severity", "note", "reported_on", "cleared_on"],
    "swaps": ["program_id", "from", "to", "scope", "week", "day", "created_at"],
}


def export_csv(database: Database, user_id: int, table: str) -> str:
    if table not in CSV_COLUMNS:
        raise NotFoundError(f"No table '{table}'. Tables: {', '.join(EXPORT_TABLES)}.")
    return table_csv(export_user(database, user_id)[table], CSV_COLUMNS[table])
