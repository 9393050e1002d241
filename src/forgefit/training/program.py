"""The program and review as data: CONTRACTS.md "Program" JSON, plus extra fields.

Field names in CONTRACTS.md are promises: `profile`, `split`, `weeks[].week`, `.deload`,
`.sessions[].day`, `.name`, `.estimated_minutes`, `.exercises[].slug`, `.sets`, `.reps`,
`.seconds`, `.rest_seconds`, `.rir`, `.why`, `weekly_sets` and `review` (`passed`, `findings[]`
with `rule`, `level`, `message`). Everything else here is an addition. A program read back for
review may omit the additions: each has a default, and the review recomputes what it needs
from the catalog.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from forgefit.training.profile import Profile
from forgefit.training.rules import Level, Role

ProgressionKind = Literal[
    "linear", "double", "reps-then-harder", "seconds", "power", "conditioning", "drill"
]


class _Model(BaseModel):
    # Programs read back for review may carry fields a later version added: keep them.
    model_config = ConfigDict(extra="allow")


class Progression(_Model):
    """How an exercise moves forward from session to session (TRAINING.md "Progression")."""

    kind: ProgressionKind
    rule: str
    family: str | None = None
    step_kg: float | None = None
    max_step_percent: float | None = None
    next_variant: str | None = None


class Substitution(_Model):
    """What the exercise stands in for, when equipment or an injury ruled out the usual choice."""

    replaces: str
    replaces_name: str
    because: Literal["equipment", "injury", "exclusion", "difficulty"]
    reason: str
    joint: str | None = None


class PlannedExercise(_Model):
    slug: str
    sets: int
    reps: list[int] | None = Field(default=None, description="[low, high]; null for timed work")
    seconds: int | None = None
    rest_seconds: int
    # Reps in reserve; null for work not done to a rep target near failure (drills, power,
    # conditioning intervals, timed holds).
    rir: int | None
    why: str = ""
    # Additions.
    name: str | None = None
    role: Role | None = None
    pattern: str | None = None
    load_percent_1rm: float | None = None
    progression: Progression | None = None
    substitution: Substitution | None = None
    tier: str | None = None
    # A load in kg (from a known lift, rounded to real increments) or how to pick one.
    load_kg: float | None = None
    load: str | None = None

    @field_validator("reps")
    @classmethod
    def _range(cls, value: list[int] | None) -> list[int] | None:
        if value is not None and (len(value) != 2 or value[0] > value[1] or value[0] < 1):
            raise ValueError("must be [low, high] with 1 <= low <= high")
        return value

    @classmethod
    def assembled(cls, values: dict[str, Any]) -> PlannedExercise:
        """`model_construct` for values that name every field, in order, with no aliases: the
        planner builds hundreds per program from checked parts, and model_construct's
        per-field alias and default lookups were its single largest cost. The result is the
        same object (tests compare the two)."""
        if tuple(values) != _PLANNED_FIELDS:
            raise ValueError(f"assembled needs exactly the fields {_PLANNED_FIELDS}, in order")
        made = cls.__new__(cls)
        object.__setattr__(made, "__dict__", values)
        object.__setattr__(made, "__pydantic_fields_set__", set(values))
        object.__setattr__(made, "__pydantic_extra__", {})
        object.__setattr__(made, "__pydantic_private__", None)
        return made


_PLANNED_FIELDS = tuple(PlannedExercise.model_fields)


class RampUpSet(_Model):
    percent: int | None
    reps: int
    note: str


class Warmup(_Model):
    minutes: float
    general_minutes: int
    general: str
    ramp_up_for: str | None = None
    ramp_up: list[RampUpSet] = Field(default_factory=list)


class Session(_Model):
    day: int = Field(ge=1, le=7)
    name: str
    estimated_minutes: int
    exercises: list[PlannedExercise]
    # Additions.
    weekday: str | None = None
    type: str | None = None
    warmup: Warmup | None = None


class Week(_Model):
    week: int
    deload: bool
    sessions: list[Session]
    # Addition: this week's sets per muscle group (the top-level figure is week 1's).
    weekly_sets: dict[str, float] = Field(default_factory=dict)
    note: str | None = None


class Finding(_Model):
    rule: str
    level: Level
    message: str
    # Additions: what was measured, the target, what would fix it, where, and - when the soft
    # target is out of reach for this profile - what limits it ("time", "days", "equipment").
    value: float | None = None
    target: str | None = None
    fix: str | None = None
    week: int | None = None
    day: int | None = None
    slug: str | None = None
    limited_by: str | None = None
    source: str | None = None


class RuleResult(_Model):
    """One rule of TRAINING.md: how many checks ran and how many were met."""

    rule: str
    title: str
    hard: bool
    checks: int
    met: int
    limited: int  # checks not met because the profile leaves no way to meet them


class Review(_Model):
    passed: bool
    findings: list[Finding]
    # Addition: every rule, checked or not, so a program can be reviewed rule by rule.
    rules: list[RuleResult] = Field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]


class TemplateInfo(_Model):
    """The program template the plan follows, and where its structure comes from."""

    slug: str
    name: str
    based_on: str
    source: str
    summary: str
    picked_by: Literal["you", "fit"]


class ProgressionRule(_Model):
    """One progression rule, stated once for a family of exercises."""

    family: str
    kind: ProgressionKind
    rule: str
    exercises: list[str]


class Program(_Model):
    profile: Profile
    split: str
    weeks: list[Week]
    weekly_sets: dict[str, float]
    review: Review | None = None
    # Additions.
    split_name: str | None = None
    notes: list[str] = Field(default_factory=list)
    template: TemplateInfo | None = None
    progression_rules: list[ProgressionRule] = Field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The CONTRACTS.md Program JSON as plain Python data."""
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
