"""What a user keeps for training: the profile (plan-builder answers) and saved programs, at
most one of them current. Storage calls the planner (training/), never the other way."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Text, cast, delete, select, update
from sqlalchemy.orm import load_only

from forgefit.accounts import preferences, users
from forgefit.accounts.db import Database
from forgefit.accounts.errors import InvalidSignUpError, NoProfileError, NotFoundError
from forgefit.accounts.models import SavedProfile, SavedProgram, User, utc_now
from forgefit.catalog import Catalog
from forgefit.training import build_program, parse_profile
from forgefit.training.rules import GOAL_NAMES

MAX_NAME_LENGTH = 100
# Recent lifts the trainer starts loads from: {"slug": {"weight_kg": 60, "reps": 5}}. Kept with
# the profile but not part of what the planner reads.
LIFTS_FIELD = "lifts"
MAX_LIFT_KG = 1000.0
MAX_LIFT_REPS = 30
# Renaming or choosing the current program never needs the (large) profile and program bodies.
_WITHOUT_BODIES = load_only(
    SavedProgram.id,
    SavedProgram.user_id,
    SavedProgram.name,
    SavedProgram.is_current,
    SavedProgram.created_at,
    SavedProgram.updated_at,
)


def save_profile(
    database: Database, catalog: Catalog, user_id: int, raw: Mapping[str, Any]
) -> dict[str, Any]:
    """Validate the profile exactly as POST /api/v1/plans does (ProfileError names every bad
    field) and keep it as given, so presets stay presets. Recent `lifts` are checked here."""
    parse_profile(planner_profile(raw), catalog)
    _check_lifts(raw.get(LIFTS_FIELD), catalog)
    data = dict(raw)
    with database.write() as session:
        stored = session.get(SavedProfile, user_id)
        if stored is None:
            session.add(SavedProfile(user_id=user_id, data=data))
        else:
            stored.data = data
            stored.updated_at = utc_now()
    return data


def planner_profile(profile: Mapping[str, Any]) -> dict[str, Any]:
    """The profile without the fields only the trainer reads (the planner refuses extras)."""
    return {key: value for key, value in profile.items() if key != LIFTS_FIELD}


def _check_lifts(lifts: object, catalog: Catalog) -> None:
    if lifts is None:
        return
    if not isinstance(lifts, Mapping):
        raise InvalidSignUpError(
            "profile.lifts", 'Give lifts as {"goblet-squat": {"weight_kg": 20, "reps": 8}}.'
        )
    for slug, lift in lifts.items():
        where = f"profile.lifts.{slug}"
        if slug not in catalog:
            raise InvalidSignUpError(where, f"No exercise with slug '{slug}'.")
        weight = lift.get("weight_kg") if isinstance(lift, Mapping) else None
        reps = lift.get("reps") if isinstance(lift, Mapping) else None
        if not isinstance(weight, int | float) or not 0 < weight <= MAX_LIFT_KG:
            raise InvalidSignUpError(f"{where}.weight_kg", f"Give 0-{MAX_LIFT_KG:g} kg.")
        if not isinstance(reps, int) or not 1 <= reps <= MAX_LIFT_REPS:
            raise InvalidSignUpError(f"{where}.reps", f"Give 1-{MAX_LIFT_REPS} reps.")


def get_profile(database: Database, user_id: int) -> dict[str, Any] | None:
    with database.read() as session:
        stored = session.get(SavedProfile, user_id)
        return dict(stored.data) if stored else None


def _as_list(value: object) -> list[Any]:
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list | tuple) else []


def _with_preferences(
    database: Database, user_id: int, profile: Mapping[str, Any]
) -> dict[str, Any]:
    """The profile plus the user's favourites and exclusions (a profile's own lists stay)."""
    merged = dict(profile)
    kept = preferences.list_preferences(database, user_id)
    # The planner reads "favorites" as "favourites"; keep one spelling so both merge.
    own_favourites = _as_list(merged.pop("favorites", None) or merged.get("favourites"))
    own_exclusions = _as_list(merged.get("exclude"))
    favourites = [*own_favourites, *(s for s in kept["favourites"] if s not in own_favourites)]
    exclusions = [*own_exclusions, *(s for s in kept["exclusions"] if s not in own_exclusions)]
    if favourites:
        merged["favourites"] = favourites
    if exclusions:
        merged["exclude"] = exclusions
    return merged


def check_name(name: str) -> str:
    if not re.fullmatch(users.NAME_PATTERN, users.check_text(name, "name")):
        raise InvalidSignUpError("name", "A program name cannot be empty.")
    name = " ".join(name.split())
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidSignUpError("name", f"Program names are at most {MAX_NAME_LENGTH} characters.")
    return name


def default_name(program: Mapping[str, Any]) -> str:
    profile = program.get("profile", {})
    goal = GOAL_NAMES.get(profile.get("goal", ""), "training").capitalize()
    days = profile.get("days_per_week", "?")
    return f"{goal}, {days} days a week ({date.today().isoformat()})"


@dataclass(frozen=True)
class ProgramSummary:
    id: int
    name: str
    current: bool
    created_at: str
    updated_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "current": self.current,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


def summary(row: SavedProgram) -> ProgramSummary:
    return ProgramSummary(
        row.id, row.name, row.is_current, row.created_at.isoformat(), row.updated_at.isoformat()
    )


def program_document(row: SavedProgram) -> dict[str, Any]:
    """`{id, name, current, created_at, updated_at, ...program}` (the API's program body)."""
    return {**summary(row).to_dict(), **row.program}


def _lock_user(session: Any, user_id: int) -> None:
    """Serialise one user's program writes (PostgreSQL row lock; SQLite writers are serial), so
    two saves at once cannot both become current."""
    session.execute(select(User.id).where(User.id == user_id).with_for_update())


def create_program(
    database: Database,
    catalog: Catalog,
    user_id: int,
    profile: Mapping[str, Any] | None = None,
    name: str | None = None,
) -> SavedProgram:
    """Build a program from `profile` (else the saved one) with the user's favourites and
    exclusions, store it and make it current. Raises ProfileError or NoProfileError."""
    if profile is None:
        profile = get_profile(database, user_id)
        if profile is None:
            raise NoProfileError()
    name = check_name(name) if name is not None else None
    planned = _with_preferences(database, user_id, planner_profile(profile))
    built = build_program(planned, catalog).to_dict()
    with database.write() as session:
        _lock_user(session, user_id)
        session.execute(
            update(SavedProgram)
            .where(SavedProgram.user_id == user_id, SavedProgram.is_current)
            .values(is_current=False)
        )
        row = SavedProgram(
            user_id=user_id,
            name=name or default_name(built),
            is_current=True,
            profile=dict(profile),
            program=built,
        )
        session.add(row)
        session.flush()
        return row


def list_programs(database: Database, user_id: int) -> list[ProgramSummary]:
    """Newest first. Reads only the columns a list needs, never the program bodies."""
    with database.read() as session:
        rows = session.execute(
            select(
                SavedProgram.id,
                SavedProgram.name,
                SavedProgram.is_current,
                SavedProgram.created_at,
                SavedProgram.updated_at,
            )
            .where(SavedProgram.user_id == user_id)
            .order_by(SavedProgram.id.desc())
        ).all()
    return [
        ProgramSummary(
            r.id, r.name, r.is_current, r.created_at.isoformat(), r.updated_at.isoformat()
        )
        for r in rows
    ]


def get_program(database: Database, user_id: int, program_id: int) -> SavedProgram:
    """One of the user's programs; someone else's id is NotFoundError, like a missing one."""
    with database.read() as session:
        row = session.scalar(
            select(SavedProgram).where(
                SavedProgram.id == program_id, SavedProgram.user_id == user_id
            )
        )
    if row is None:
        raise NotFoundError(f"You have no saved program {program_id}.")
    return row


def current_program(database: Database, user_id: int) -> SavedProgram | None:
    with database.read() as session:
        return session.scalar(
            select(SavedProgram).where(SavedProgram.user_id == user_id, SavedProgram.is_current)
        )


def current_program_id(database: Database, user_id: int) -> int | None:
    with database.read() as session:
        return session.scalar(
            select(SavedProgram.id).where(SavedProgram.user_id == user_id, SavedProgram.is_current)
        )


def current_program_json(database: Database, user_id: int) -> bytes | None:
    """The current program's API body, serialised. The Today view reads this often, so the
    stored program JSON is spliced in as the database holds it, never parsed and re-written."""
    with database.read() as session:
        row = session.execute(
            select(
                SavedProgram.id,
                SavedProgram.name,
                SavedProgram.is_current,
                SavedProgram.created_at,
                SavedProgram.updated_at,
                cast(SavedProgram.program, Text).label("program_text"),
            ).where(SavedProgram.user_id == user_id, SavedProgram.is_current)
        ).first()
    if row is None:
        return None
    head = ProgramSummary(
        row.id, row.name, row.is_current, row.created_at.isoformat(), row.updated_at.isoformat()
    ).to_dict()
    program_text: str = row.program_text.strip()
    if not program_text.startswith("{") or program_text == "{}":
        body: dict[str, Any] = {**head, **json.loads(program_text or "{}")}
        return json.dumps(body).encode()
    return (json.dumps(head)[:-1] + ", " + program_text[1:]).encode()


def update_program(
    database: Database,
    user_id: int,
    program_id: int,
    name: str | None = None,
    current: bool | None = None,
) -> SavedProgram:
    """Rename, make current (current=True) or stop it being current (current=False)."""
    name = check_name(name) if name is not None else None
    with database.write() as session:
        _lock_user(session, user_id)
        row = session.scalar(
            select(SavedProgram)
            .options(_WITHOUT_BODIES)
            .where(SavedProgram.id == program_id, SavedProgram.user_id == user_id)
        )
        if row is None:
            raise NotFoundError(f"You have no saved program {program_id}.")
        if current and not row.is_current:
            session.execute(
                update(SavedProgram)
                .where(SavedProgram.user_id == user_id, SavedProgram.is_current)
                .values(is_current=False)
            )
            session.flush()
        if current is not None:
            row.is_current = current
        if name is not None:
            row.name = name
        row.updated_at = utc_now()
        session.flush()
        return row


def delete_program(database: Database, user_id: int, program_id: int) -> None:
    with database.write() as session:
        result = session.execute(
            delete(SavedProgram).where(
                SavedProgram.id == program_id, SavedProgram.user_id == user_id
            )
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFoundError(f"You have no saved program {program_id}.")
