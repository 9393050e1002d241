"""The profile a program is built from (CONTRACTS.md "Profile"), and its validation.

`parse_profile` is the one way in: it takes JSON text, bytes or a mapping, checks the shape with
Pydantic, then checks every vocabulary term against the catalog, and returns the profile *as
understood*: the equipment preset expanded (body weight always included), injuries merged per
joint, focus muscles mapped to their muscle group, exercise names resolved to slugs. Every
problem found is reported at once, each naming its field and the allowed values.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator

from forgefit.catalog.index import Catalog
from forgefit.errors import UnknownExerciseError
from forgefit.training.errors import FieldProblem, ProfileError
from forgefit.training.rules import DEFAULT_WEEKS, EXPERIENCES, GOALS, MAX_WEEKS, Experience, Goal

Severity = Literal["mild", "serious"]
SEVERITIES: tuple[Severity, ...] = ("mild", "serious")
BODY_WEIGHT = "body-weight"
# Words people type for a goal that mean one of ours.
GOAL_ALIASES = {
    "weight-loss": "general-fitness",
    "general": "general-fitness",
    "fitness": "general-fitness",
    "muscle": "hypertrophy",
    "size": "hypertrophy",
}
# Field -> (lowest, highest) for messages that say the allowed range in words.
_BOUNDS = {
    "days_per_week": (1, 7),
    "minutes_per_session": (15, 180),
    "weeks": (1, MAX_WEEKS),
}


def _slug_text(value: object) -> object:
    """ "General Fitness" and "general_fitness" both mean general-fitness."""
    if isinstance(value, str):
        return value.strip().lower().replace("_", "-").replace(" ", "-")
    return value


class Injury(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    joint: str
    severity: Severity = "mild"

    @field_validator("joint", "severity", mode="before")
    @classmethod
    def _normalise(cls, value: object) -> object:
        return _slug_text(value)


class KnownLift(BaseModel):
    """A recent set the person did: loads are then given in kg (Epley estimate of the 1RM)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weight_kg: float = Field(gt=0, le=1000)
    reps: int = Field(default=1, ge=1, le=10)


class Profile(BaseModel):
    """A person's training profile. Build it with `parse_profile` to get vocabulary checks and
    the normalised form; constructing it directly checks only the shape."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    goal: Goal
    experience: Experience
    days_per_week: int = Field(ge=1, le=7)
    minutes_per_session: int = Field(ge=15, le=180)
    equipment: list[str] = Field(default_factory=list)
    preset: str | None = None
    injuries: list[Injury] = Field(default_factory=list)
    focus: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    favourites: list[str] = Field(
        default_factory=list, validation_alias=AliasChoices("favourites", "favorites")
    )
    weeks: int = Field(default=DEFAULT_WEEKS, ge=1, le=MAX_WEEKS)
    seed: int = 0
    # Additions: a program template by slug ("auto" or absent: the best fit), and known lifts
    # by exercise slug ({"barbell-back-squat": {"weight_kg": 100, "reps": 5}}).
    template: str | None = None
    lifts: dict[str, KnownLift] = Field(default_factory=dict)

    @field_validator("goal", mode="before")
    @classmethod
    def _goal_words(cls, value: object) -> object:
        value = _slug_text(value)
        return GOAL_ALIASES.get(value, value) if isinstance(value, str) else value

    @field_validator("experience", "preset", "template", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return _slug_text(value)

    @field_validator("equipment", "focus", "exclude", "favourites", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        """A single string is accepted where a list is expected ("equipment": "dumbbell")."""
        if isinstance(value, str):
            return [value] if value.strip() else []
        if isinstance(value, list):
            return [_slug_text(item) if isinstance(item, str) else item for item in value]
        return value

    @field_validator("injuries", mode="before")
    @classmethod
    def _injury_words(cls, value: object) -> object:
        """`"knee"` is accepted for `{"joint": "knee"}` (a mild note)."""
        if isinstance(value, list):
            return [{"joint": item} if isinstance(item, str) else item for item in value]
        return value

    @property
    def injury_map(self) -> dict[str, str]:
        """joint -> severity, the form `catalog.related.is_safe_for` takes."""
        return {injury.joint: injury.severity for injury in self.injuries}

    @property
    def equipment_set(self) -> frozenset[str]:
        return frozenset(self.equipment) | {BODY_WEIGHT}


def _field_name(location: tuple[str | int, ...]) -> str:
    name = ""
    for part in location:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "profile"


def _allowed_for(field: str) -> tuple[str, ...]:
    if field == "goal":
        return GOALS
    if field == "experience":
        return EXPERIENCES
    if field.endswith(".severity"):
        return SEVERITIES
    return ()


def _problem_from_pydantic(error: Mapping[str, Any]) -> FieldProblem:
    location = tuple(error.get("loc", ()))
    field = _field_name(location)
    kind = str(error.get("type", ""))
    value = error.get("input")
    allowed = _allowed_for(field)
    top = str(location[0]) if location else ""
    if kind == "missing":
        hint = f" Allowed values: {', '.join(allowed)}." if allowed else ""
        return FieldProblem(field, f"is required.{hint}", allowed)
    if kind == "extra_forbidden":
        known = ", ".join(Profile.model_fields)
        guess = difflib.get_close_matches(str(location[-1]), list(Profile.model_fields), n=1)
        hint = f" Did you mean '{guess[0]}'?" if guess else ""
        return FieldProblem(field, f"is not a profile field.{hint} Known fields: {known}.")
    if kind == "literal_error":
        return FieldProblem(
            field, f"'{value}' is not allowed. Allowed values: {', '.join(allowed)}.", allowed
        )
    if kind in {"greater_than_equal", "less_than_equal"} and top in _BOUNDS:
        low, high = _BOUNDS[top]
        return FieldProblem(field, f"must be between {low} and {high} (got {value}).")
    if kind.startswith("int_"):
        return FieldProblem(field, f"must be a whole number (got {value!r}).")
    if kind in {"list_type", "string_type"}:
        wanted = "a list" if kind == "list_type" else "text"
        return FieldProblem(field, f"must be {wanted} (got {value!r}).")
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return FieldProblem(field, f"must be an object (got {value!r}).")
    return FieldProblem(field, f"{error.get('msg', 'is invalid')} (got {value!r}).")


def _decode(raw: str | bytes | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(raw, Mapping):
        return dict(raw)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise ProfileError(
            [FieldProblem("profile", f"is not valid JSON ({error.msg} at {where}).")]
        ) from None
    except UnicodeDecodeError:
        raise ProfileError([FieldProblem("profile", "is not UTF-8 text.")]) from None
    if not isinstance(data, dict):
        raise ProfileError(
            [FieldProblem("profile", f"must be a JSON object, not {type(data).__name__}.")]
        )
    return data


def _suggest(value: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(value, allowed, n=3, cutoff=0.6)
    return f" Did you mean: {', '.join(close)}?" if close else ""


def _expand_equipment(profile: Profile, catalog: Catalog, problems: list[FieldProblem]) -> set[str]:
    vocab = catalog.vocab
    presets = list(vocab.equipment_presets)
    terms = list(vocab.equipment)
    equipment: set[str] = {BODY_WEIGHT}
    if profile.preset is not None:
        if profile.preset in vocab.equipment_presets:
            equipment |= vocab.preset_equipment(profile.preset)
        else:
            problems.append(
                FieldProblem(
                    "preset",
                    f"unknown preset '{profile.preset}'.{_suggest(profile.preset, presets)} "
                    f"Allowed values: {', '.join(presets)}.",
                    tuple(presets),
                )
            )
    for position, item in enumerate(profile.equipment):
        if item in vocab.equipment:
            equipment.add(item)
        elif item in vocab.equipment_presets:
            equipment |= vocab.preset_equipment(item)
        else:
            problems.append(
                FieldProblem(
                    f"equipment[{position}]",
                    f"unknown equipment '{item}'.{_suggest(item, terms + presets)} Allowed "
                    f"values: {', '.join(terms)}; or a preset: {', '.join(presets)}.",
                    tuple(terms + presets),
                )
            )
    if profile.preset is None and not profile.equipment:
        problems.append(
            FieldProblem(
                "equipment",
                "is required: give a list of equipment slugs, or a preset "
                f'({", ".join(presets)}) as "preset" or as "equipment".',
                tuple(presets),
            )
        )
    return equipment


def _resolve_exercises(
    field: str, values: list[str], catalog: Catalog, problems: list[FieldProblem]
) -> list[str]:
    slugs: list[str] = []
    for position, value in enumerate(values):
        try:
            slug = catalog.get(value).slug
        except UnknownExerciseError as error:
            problems.append(FieldProblem(f"{field}[{position}]", str(error)))
            continue
        if slug not in slugs:
            slugs.append(slug)
    return slugs


def normalise_profile(profile: Profile, catalog: Catalog) -> Profile:
    """Check every vocabulary term and return the profile as understood (see module doc);
    raise ProfileError naming every field at fault."""
    vocab = catalog.vocab
    problems: list[FieldProblem] = []
    equipment = _expand_equipment(profile, catalog, problems)

    joints = list(vocab.joints)
    severity_by_joint: dict[str, Severity] = {}
    for position, injury in enumerate(profile.injuries):
        if injury.joint not in vocab.joints:
            problems.append(
                FieldProblem(
                    f"injuries[{position}].joint",
                    f"unknown joint '{injury.joint}'.{_suggest(injury.joint, joints)} "
                    f"Allowed values: {', '.join(joints)}.",
                    tuple(joints),
                )
            )
            continue
        if severity_by_joint.get(injury.joint) != "serious":
            severity_by_joint[injury.joint] = injury.severity

    groups = list(vocab.muscle_groups)
    focus: list[str] = []
    for position, item in enumerate(profile.focus):
        group = item if item in vocab.muscle_groups else None
        if group is None and item in vocab.muscles:
            group = vocab.muscles[item].group
        if group is None:
            problems.append(
                FieldProblem(
                    f"focus[{position}]",
                    f"unknown muscle group '{item}'.{_suggest(item, groups)} "
                    f"Allowed values: {', '.join(groups)}.",
                    tuple(groups),
                )
            )
        elif group not in focus:
            focus.append(group)

    exclude = _resolve_exercises("exclude", profile.exclude, catalog, problems)
    favourites = _resolve_exercises("favourites", profile.favourites, catalog, problems)
    lifts = dict(
        zip(
            _resolve_exercises("lifts", list(profile.lifts), catalog, problems),
            profile.lifts.values(),
            strict=False,
        )
    )
    if problems:
        raise ProfileError(problems)
    ordered_equipment = [term for term in vocab.equipment if term in equipment]
    injuries = [
        Injury(joint=joint, severity=severity_by_joint[joint])
        for joint in vocab.joints
        if joint in severity_by_joint
    ]
    return profile.model_copy(
        update={
            "equipment": ordered_equipment,
            "injuries": injuries,
            "focus": focus,
            "exclude": exclude,
            "favourites": [slug for slug in favourites if slug not in exclude],
            "lifts": lifts if len(lifts) == len(profile.lifts) else dict(profile.lifts),
        }
    )


def parse_profile(raw: str | bytes | Mapping[str, Any] | Profile, catalog: Catalog) -> Profile:
    """Validate a profile (JSON text, bytes, a mapping or a Profile) and return it as
    understood. Raise ProfileError listing every problem, each naming its field."""
    if isinstance(raw, Profile):
        return normalise_profile(raw, catalog)
    data = _decode(raw)
    try:
        profile = Profile.model_validate(data)
    except ValidationError as error:
        raise ProfileError([_problem_from_pydantic(e) for e in error.errors()]) from None
    return normalise_profile(profile, catalog)
