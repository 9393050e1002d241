"""Request and response shapes of the accounts API, with the examples OpenAPI shows."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from forgefit.accounts.users import EMAIL_PATTERN, NAME_PATTERN, TEXT_PATTERN

EXAMPLE_PROFILE: dict[str, Any] = {
    "goal": "hypertrophy",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 45,
    "preset": "home-dumbbells",
}


# What the account code accepts, stated in the schema for clients and fuzzers. The code checks
# it itself (with messages that say how to fix it), so the schema only documents it.
EMAIL_SCHEMA: dict[str, Any] = {"pattern": EMAIL_PATTERN, "maxLength": 254}
NEW_PASSWORD_SCHEMA: dict[str, Any] = {
    "pattern": TEXT_PATTERN,
    "minLength": 10,
    "maxLength": 1024,
}
NAME_SCHEMA: dict[str, Any] = {"pattern": NAME_PATTERN, "maxLength": 100}
LABEL_SCHEMA: dict[str, Any] = {"pattern": TEXT_PATTERN}


def _examples(*examples: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": list(examples)})


class SignUpIn(BaseModel):
    model_config = _examples({"email": "ana@example.org", "password": "correct horse battery"})

    email: str = Field(
        max_length=1000,
        description="Your email address; you sign in with it.",
        json_schema_extra=EMAIL_SCHEMA,
    )
    password: str = Field(
        max_length=10_000,
        description="At least 10 characters.",
        json_schema_extra=NEW_PASSWORD_SCHEMA,
    )


class UserOut(BaseModel):
    model_config = _examples({"id": 1, "email": "ana@example.org"})

    id: int
    email: str


class TokenIn(BaseModel):
    model_config = _examples(
        {"email": "ana@example.org", "password": "correct horse battery", "label": "my phone"}
    )

    email: str = Field(max_length=1000)
    password: str = Field(max_length=1024, description="Your password.")
    label: str = Field(
        default="",
        max_length=100,
        description="A name to recognise it by.",
        json_schema_extra=LABEL_SCHEMA,
    )


class NewTokenOut(BaseModel):
    model_config = _examples(
        {
            "id": 3,
            "token": "ff_x1Yq0hR3XbJtJ1m7o6a8GZ7Jq2oK9t1vQe5n0c3fUuA",
            "label": "my phone",
            "prefix": "ff_x1Yq0hR",
            "created_at": "2026-11-28T21:04:05+00:00",
        }
    )

    id: int
    token: str = Field(description="Shown this once; send it as `Authorization: Bearer <token>`.")
    label: str
    prefix: str = Field(description="The token's first characters, to tell tokens apart.")
    created_at: str


class TokenOut(BaseModel):
    id: int
    label: str
    prefix: str
    created_at: str
    last_used_at: str | None = Field(description="Within five minutes; null if never used.")


class TokenList(BaseModel):
    model_config = _examples(
        {
            "items": [
                {
                    "id": 3,
                    "label": "my phone",
                    "prefix": "ff_x1Yq0hR",
                    "created_at": "2026-11-28T21:04:05+00:00",
                    "last_used_at": None,
                }
            ]
        }
    )

    items: list[TokenOut]


class MeOut(BaseModel):
    model_config = _examples(
        {
            "id": 1,
            "email": "ana@example.org",
            "units": "kg",
            "created_at": "2026-11-28T21:00:00+00:00",
            "profile": EXAMPLE_PROFILE,
            "current_program": 7,
        }
    )

    id: int
    email: str
    units: str = Field(description='"kg" or "lb": how loads are shown.')
    created_at: str
    profile: dict[str, Any] | None = Field(description="The saved profile, or null.")
    current_program: int | None = Field(description="Id of the current program, or null.")


class ProfileOut(BaseModel):
    model_config = _examples({"profile": EXAMPLE_PROFILE})

    profile: dict[str, Any]


class ProgramIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [
                {"name": "Home dumbbells, autumn"},
                {"profile": EXAMPLE_PROFILE, "name": "Three days at home"},
            ]
        },
    )

    profile: dict[str, Any] | None = Field(
        default=None,
        description="A profile as for POST /api/v1/plans; omitted: the saved profile.",
    )
    name: str | None = Field(
        default=None,
        max_length=1000,
        description="Up to 100 characters.",
        json_schema_extra=NAME_SCHEMA,
    )


class ProgramPatch(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={"examples": [{"name": "Winter block"}, {"current": True}]},
    )

    name: str | None = Field(
        default=None,
        max_length=1000,
        description="Up to 100 characters.",
        json_schema_extra=NAME_SCHEMA,
    )
    current: bool | None = Field(
        default=None, description="true: make this the current program (the old one stops)."
    )


class ProgramSummaryOut(BaseModel):
    id: int
    name: str
    current: bool
    created_at: str
    updated_at: str


class ProgramList(BaseModel):
    model_config = _examples(
        {
            "items": [
                {
                    "id": 7,
                    "name": "Three days at home",
                    "current": True,
                    "created_at": "2026-11-28T21:05:00+00:00",
                    "updated_at": "2026-11-28T21:05:00+00:00",
                }
            ]
        }
    )

    items: list[ProgramSummaryOut]


class SavedProgramOut(ProgramSummaryOut):
    """The summary fields plus the whole Program JSON (CONTRACTS.md): profile, split, weeks,
    weekly_sets, review."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "id": 7,
                    "name": "Three days at home",
                    "current": True,
                    "created_at": "2026-11-28T21:05:00+00:00",
                    "updated_at": "2026-11-28T21:05:00+00:00",
                    "profile": EXAMPLE_PROFILE,
                    "split": "full-body",
                    "weeks": [{"week": 1, "deload": False, "sessions": ["..."]}],
                    "weekly_sets": {"quads": 9.5},
                    "review": {"passed": True, "findings": []},
                }
            ]
        },
    )


class PreferenceList(BaseModel):
    model_config = _examples({"items": ["goblet-squat", "dumbbell-bench-press"]})

    items: list[str] = Field(description="Exercise slugs, in the order they were added.")


class ExportOut(BaseModel):
    """Everything you own: one list of rows per table (the CSV export has one file per table)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "account": [{"id": 1, "email": "ana@example.org", "units": "kg"}],
                    "profile": [{"profile": EXAMPLE_PROFILE}],
                    "programs": [{"id": 7, "name": "Three days at home", "current": True}],
                    "favourites": [{"exercise": "goblet-squat"}],
                    "exclusions": [],
                    "tokens": [{"id": 3, "label": "my phone", "prefix": "ff_x1Yq0hR"}],
                }
            ]
        }
    )

    account: list[dict[str, Any]]
    profile: list[dict[str, Any]]
    programs: list[dict[str, Any]]
    favourites: list[dict[str, Any]]
    exclusions: list[dict[str, Any]]
    tokens: list[dict[str, Any]]
    workouts: list[dict[str, Any]]
    sets: list[dict[str, Any]]
    injuries: list[dict[str, Any]]
    swaps: list[dict[str, Any]]


class MessageOut(BaseModel):
    detail: str


# Every account route: a body that is not JSON at all is a 400 (FastAPI's own answer); the
# body guard in front of the app (body_limits.py) answers 413 and 408 for any route that takes
# a body, so they are documented here too (the fuzz test sends bodies over the limit).
BODY_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": MessageOut, "description": "The request body is not valid JSON."},
    408: {"model": MessageOut, "description": "The body arrived too slowly."},
    413: {"model": MessageOut, "description": "The body is over 64 KB."},
}

# Statuses every signed-in route can answer, documented once.
AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": MessageOut, "description": "No valid API token (or signed-in session)."},
    403: {"model": MessageOut, "description": "A browser request without its CSRF header."},
}
