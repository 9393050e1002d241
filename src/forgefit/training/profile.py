"""The profile a program is built from (CONTRACTS.md "Profile"), and its validation.

`parse_profile` is the one way in: it takes JSON text, bytes or a mapping, checks the shape with
Pydantic, then checks every vocabulary term against the catalog, and returns the profile *as
understood*: the equipment preset expanded (body weight always included), injuries merged per
joint, focus muscles mapped to their muscle group, exercise names resolved to slugs. Every
problem found is reported at once (shape and vocabulary alike), each naming its field in words a
lifter understands, with the closest known term for a typo ("'dumbells' is not something we
know. Did you mean dumbbell?"). Hostile input (deep nesting, huge numbers, very long lists or
names) gets a message quickly: lists are capped and fuzzy matching is bounded.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from functools import partial
from typing import Annotated, Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from forgefit.catalog.index import Catalog
from forgefit.errors import close_match
from forgefit.training.errors import FieldProblem, ProfileError
from forgefit.training.profile_json import decode_profile
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
# Caps that keep a hostile profile cheap to check (every unknown term costs a fuzzy "did you
# mean" lookup): no list field holds more items, no term is longer. The catalog's longest
# exercise name is well under 100 characters. The schema states the same limits.
MAX_LIST_ITEMS = 64
MAX_TERM_LENGTH = 100
Term = Annotated[str, StringConstraints(max_length=MAX_TERM_LENGTH)]
# Seeds are whole numbers every JSON reader holds exactly (JavaScript's safe integers): larger
# ones lose digits in clients and schema tools that read numbers as doubles.
SEED_RANGE = (-(2**53 - 1), 2**53 - 1)


def _integral_float(value: object) -> object:
    """7.0 is the JSON number 7; "7", true and 7.5 stay refused (strict below)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    return value


WholeNumber = Annotated[int, BeforeValidator(_integral_float), Field(strict=True)]
# Unknown names given a "did you mean" each; more are counted in one line.
MAX_NAMED_UNKNOWN = 10
_LIST_FIELDS = ("equipment", "injuries", "focus", "exclude", "favourites", "favorites")
# Valid stand-ins for required fields that had a problem, so the other fields still get
# checked in the same pass (the stand-ins are never returned: a problem was reported).
_STAND_INS: dict[str, object] = {
    "goal": "general-fitness",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 60,
}
# Field -> (lowest, highest) for messages that say the allowed range in words.
_BOUNDS = {
    "days_per_week": (1, 7),
    "minutes_per_session": (15, 180),
    "weeks": (1, MAX_WEEKS),
    "seed": SEED_RANGE,
}


def _slug_text(value: object) -> object:
    """ "General Fitness" and "general_fitness" both mean general-fitness."""
    if isinstance(value, str):
        return value.strip().lower().replace("_", "-").replace(" ", "-")
    return value


class Injury(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    joint: Term
    severity: Severity = "mild"

    @field_validator("joint", "severity", mode="before")
    @classmethod
    def _normalise(cls, value: object) -> object:
        return _slug_text(value)


class KnownLift(BaseModel):
    """A recent set the person did: loads are then given in kg (Epley estimate of the 1RM)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weight_kg: float = Field(gt=0, le=1000, strict=True)
    reps: WholeNumber = Field(default=1, ge=1, le=10)


class Profile(BaseModel):
    """A person's training profile. Build it with `parse_profile` to get vocabulary checks and
    the normalised form; constructing it directly checks only the shape."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    goal: Goal
    experience: Experience
    # Whole numbers are strict: "3", 3.5 and true are refused, not silently converted.
    days_per_week: WholeNumber = Field(ge=1, le=7)
    minutes_per_session: WholeNumber = Field(ge=15, le=180)
    equipment: list[Term] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    preset: Term | None = None
    injuries: list[Injury] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    focus: list[Term] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    exclude: list[Term] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    favourites: list[Term] = Field(
        default_factory=list,
        max_length=MAX_LIST_ITEMS,
        validation_alias=AliasChoices("favourites", "favorites"),
    )
    weeks: WholeNumber = Field(default=DEFAULT_WEEKS, ge=1, le=MAX_WEEKS)
    seed: WholeNumber = Field(default=0, ge=SEED_RANGE[0], le=SEED_RANGE[1])
    # Additions: a program template by slug ("auto" or absent: the best fit), and known lifts
    # by exercise slug ({"barbell-back-squat": {"weight_kg": 100, "reps": 5}}).
    template: Term | None = None
    lifts: dict[Term, KnownLift] = Field(default_factory=dict, max_length=MAX_LIST_ITEMS)

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


def _shown(value: object, limit: int = 40) -> str:
    """A value as quoted in a message, cut short when long."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


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
        closest = close_match(str(value), allowed) if isinstance(value, str) else None
        hint = f"Did you mean {closest}?" if closest else f"Choose one of: {', '.join(allowed)}."
        return FieldProblem(field, f"{_shown(value)} is not something we know. {hint}", allowed)
    if kind in {"greater_than_equal", "less_than_equal"} and top in _BOUNDS:
        low, high = _BOUNDS[top]
        return FieldProblem(field, f"must be between {low} and {high} (you gave {_shown(value)}).")
    if kind == "too_long":
        limit = error.get("ctx", {}).get("max_length", MAX_LIST_ITEMS)
        return FieldProblem(field, f"has more than {limit} items; give at most {limit}.")
    if kind == "string_too_long":
        return FieldProblem(
            field, f"is {len(str(value)):,} characters long; at most {MAX_TERM_LENGTH} allowed."
        )
    if kind.startswith("int_") or kind == "finite_number":
        return FieldProblem(field, f"must be a whole number (you gave {_shown(value)}).")
    if kind in {"list_type", "string_type"}:
        wanted = "a list" if kind == "list_type" else "text"
        return FieldProblem(field, f"must be {wanted} (you gave {_shown(value)}).")
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return FieldProblem(field, f"must be an object (you gave {_shown(value)}).")
    return FieldProblem(field, f"{error.get('msg', 'is invalid')} (you gave {_shown(value)}).")


def _unknown(value: str, allowed: list[str], kind: str) -> str:
    """ "'dumbells' is not something we know. Did you mean dumbbell?", or the known terms when
    nothing is close."""
    guess = close_match(value, allowed)
    if guess:
        return f"{_shown(value)} is not something we know. Did you mean {guess}?"
    return f"{_shown(value)} is not something we know. Known {kind}: {', '.join(allowed)}."


class _UnknownNames:
    """Problems for unknown names in one list field: the first few named, the rest counted,
    so a list of thousands of typos is answered quickly and readably."""

    def __init__(self, field: str, problems: list[FieldProblem]) -> None:
        self.field = field
        self.problems = problems
        self.extra = 0

    def add(self, position: int, describe: Callable[[], str], allowed: tuple[str, ...]) -> None:
        named = sum(1 for p in self.problems if p.field.startswith(f"{self.field}["))
        if named >= MAX_NAMED_UNKNOWN:
            self.extra += 1
            return
        self.problems.append(FieldProblem(f"{self.field}[{position}]", describe(), allowed))

    def close(self) -> None:
        if self.extra:
            self.problems.append(
                FieldProblem(self.field, f"and {self.extra} more names we do not know.")
            )


def _expand_equipment(profile: Profile, catalog: Catalog, problems: list[FieldProblem]) -> set[str]:
    """The equipment set: preset and listed items; nothing listed means body weight only."""
    vocab = catalog.vocab
    presets = list(vocab.equipment_presets)
    terms = [term for term in vocab.equipment if term != BODY_WEIGHT]
    equipment: set[str] = {BODY_WEIGHT}
    if profile.preset is not None:
        if profile.preset in vocab.equipment_presets:
            equipment |= vocab.preset_equipment(profile.preset)
        else:
            problems.append(
                FieldProblem("preset", _unknown(profile.preset, presets, "presets"), tuple(presets))
            )
    unknown = _UnknownNames("equipment", problems)
    for position, item in enumerate(profile.equipment):
        if item in vocab.equipment:
            equipment.add(item)
        elif item in vocab.equipment_presets:
            equipment |= vocab.preset_equipment(item)
        else:
            unknown.add(
                position,
                partial(_unknown, item, [*terms, *presets], "equipment and presets"),
                (*terms, *presets),
            )
    unknown.close()
    return equipment


def _unknown_exercise(catalog: Catalog, value: str) -> str:
    guesses = catalog.close_matches(value, limit=3) if len(value) <= 100 else []
    hint = f" Did you mean {' or '.join(guesses)}?" if guesses else ""
    return f"{_shown(value)} is not an exercise we know.{hint}"


def _resolve_exercises(
    field: str, values: list[str], catalog: Catalog, problems: list[FieldProblem]
) -> list[str]:
    slugs: list[str] = []
    unknown = _UnknownNames(field, problems)
    for position, value in enumerate(values):
        found = catalog.find(value) if len(value) <= 100 else None
        if found is None:
            # Suggestions cost a fuzzy search of the catalog: only for the names shown.
            unknown.add(position, partial(_unknown_exercise, catalog, value), ())
            continue
        slug = found.slug
        if slug not in slugs:
            slugs.append(slug)
    unknown.close()
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
                    _unknown(injury.joint, joints, "joints"),
                    tuple(joints),
                )
            )
            continue
        if severity_by_joint.get(injury.joint) != "serious":
            severity_by_joint[injury.joint] = injury.severity

    groups = list(vocab.muscle_groups)
    focus: list[str] = []
    unknown_focus = _UnknownNames("focus", problems)
    for position, item in enumerate(profile.focus):
        group = item if item in vocab.muscle_groups else None
        if group is None and item in vocab.muscles:
            group = vocab.muscles[item].group
        if group is None:
            unknown_focus.add(
                position, partial(_unknown, item, groups, "muscle groups"), tuple(groups)
            )
        elif group not in focus:
            focus.append(group)
    unknown_focus.close()

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
    understood. Raise ProfileError listing every problem, each naming its field: problems of
    shape (a missing goal, 9 days a week) and of vocabulary (an unknown joint) come together."""
    if isinstance(raw, Profile):
        return normalise_profile(raw, catalog)
    data = decode_profile(raw)
    problems = _overlong_lists(data)
    try:
        profile: Profile | None = Profile.model_validate(data)
    except ValidationError as error:
        problems += [_problem_from_pydantic(e) for e in error.errors()]
        profile = _the_valid_part(data, error)
    except RecursionError:
        raise ProfileError(
            [FieldProblem("profile", "is nested too deeply to be a profile.")]
        ) from None
    if profile is not None:
        try:
            understood = normalise_profile(profile, catalog)
        except ProfileError as error:
            problems += error.problems
        else:
            if not problems:
                return understood
    raise ProfileError(problems)


def _overlong_lists(data: dict[str, Any]) -> list[FieldProblem]:
    """Refuse (and drop, so nothing else checks them) lists longer than MAX_LIST_ITEMS."""
    problems = []
    for field in _LIST_FIELDS:
        value = data.get(field)
        if isinstance(value, list) and len(value) > MAX_LIST_ITEMS:
            problems.append(
                FieldProblem(
                    field,
                    f"lists {len(value):,} items; a profile takes at most {MAX_LIST_ITEMS}.",
                )
            )
            del data[field]
    return problems


def _the_valid_part(data: dict[str, Any], error: ValidationError) -> Profile | None:
    """The profile with every field that had a shape problem left out (or, when required,
    replaced by a stand-in), so the vocabulary of the other fields is checked in the same
    pass. None when even that does not validate."""
    at_fault = {str(e["loc"][0]) for e in error.errors() if e.get("loc")}
    if not at_fault:
        return None
    cleaned = {key: value for key, value in data.items() if key not in at_fault}
    for field, stand_in in _STAND_INS.items():
        if field in at_fault:
            cleaned[field] = stand_in
    if "favorites" in at_fault:
        cleaned.pop("favourites", None)
    try:
        return Profile.model_validate(cleaned)
    except (ValidationError, RecursionError):
        return None
