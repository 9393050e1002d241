"""Program templates and movements as data (training/data/*.yaml), and choosing a template.

A template is the structure of a known program: sessions of slots, each slot a movement
("squat", "row", "lateral-raise") with a tier (main, secondary, accessory, core, power,
conditioning) and its sets and reps. `choose_template` picks the one that fits a profile best
(or the one the person named) and lays its sessions on weekdays.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from forgefit.catalog.model import Exercise
from forgefit.training.errors import FieldProblem, ProfileError
from forgefit.training.profile import Profile
from forgefit.training.rules import PlannedSession, SessionType, split_for

DATA_DIR = Path(__file__).parent / "data"
Tier = Literal["main", "secondary", "accessory", "core", "power", "conditioning"]
TIERS: tuple[Tier, ...] = ("main", "secondary", "accessory", "core", "power", "conditioning")
GENERIC = "forgefit-split"
# Every second full-body day leads with the overhead press and a pull-up or pulldown, the bench
# and row following (the A/B days of Starting Strength): when short sessions lose their
# secondary lifts, the week still holds a horizontal and a vertical press and pull.
B_DAY_LEADS = {
    "bench": "overhead-press",
    "overhead-press": "bench",
    "row": "vertical-pull",
    "vertical-pull": "row",
}
AUTO = "auto"
# Equipment that loads a lift; a person with none of it trains with body weight (and bands).
LOADING_EQUIPMENT = frozenset(
    {"barbell", "dumbbell", "kettlebell", "cable", "machine", "smith-machine", "trap-bar", "ez-bar"}
)


@dataclass(frozen=True, slots=True)
class Movement:
    slug: str
    name: str
    patterns: frozenset[str]
    muscles: frozenset[str]
    compound: bool
    power: bool
    conditioning: bool
    staples: tuple[tuple[str, ...], ...]
    fallback: tuple[str, ...]
    key_for: tuple[str, ...]
    tiers: dict[str, int]

    def staple_tier(self, slug: str) -> int | None:
        return self.tiers.get(slug)


@dataclass(frozen=True, slots=True)
class SlotSpec:
    move: str
    tier: Tier
    sets: int
    reps: tuple[int, int] | None = None
    optional: bool = False
    goals: tuple[str, ...] = ()
    vary: bool = False
    beginner: str | None = None


@dataclass(frozen=True, slots=True)
class SessionSpec:
    key: str
    name: str
    type: SessionType
    slots: tuple[SlotSpec, ...]


@dataclass(frozen=True, slots=True)
class Template:
    slug: str
    name: str
    based_on: str
    source: str
    summary: str
    goals: tuple[str, ...]
    experiences: tuple[str, ...]
    priority: int
    needs: frozenset[str]
    suits: str | None
    sessions: dict[str, SessionSpec]
    layouts: dict[int, tuple[tuple[int, str], ...]]


@dataclass(frozen=True, slots=True)
class TrainingData:
    movements: dict[str, Movement]
    templates: dict[str, Template]
    generic: Template
    generic_types: dict[str, tuple[SlotSpec, ...]]
    extras: dict[str, tuple[str, ...]]
    not_real_pull_slugs: frozenset[str]
    not_real_pull_mechanic: str
    not_real_pull_words: tuple[str, ...]
    drill_categories: frozenset[str]
    drill_slugs: frozenset[str]
    barbell_style: frozenset[str]
    # (pattern, slug) -> the best tier any movement of that pattern lists the exercise at:
    # the staple questions below are asked for every candidate of every slot.
    staple_tiers: dict[tuple[str, str], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for movement in self.movements.values():
            for pattern in movement.patterns:
                for slug, tier in movement.tiers.items():
                    key = (pattern, slug)
                    self.staple_tiers[key] = min(tier, self.staple_tiers.get(key, tier))

    def is_real_vertical_pull(self, exercise: Exercise) -> bool:
        """A pull-up, chin-up or pulldown; not a pullover, straight-arm or floor pulldown."""
        if exercise.pattern != "vertical-pull":
            return False
        name = exercise.name.lower()
        return not (
            exercise.slug in self.not_real_pull_slugs
            or exercise.mechanic == self.not_real_pull_mechanic
            or any(word in name for word in self.not_real_pull_words)
        )

    def is_staple(self, exercise: Exercise) -> bool:
        """Listed among the staples of a movement of its own pattern: a coach's choice."""
        return (exercise.pattern, exercise.slug) in self.staple_tiers

    def is_top_staple(self, exercise: Exercise) -> bool:
        """Among the first-tier staples of a movement of its own pattern (a sumo deadlift)."""
        return self.staple_tiers.get((exercise.pattern, exercise.slug)) == 0

    def is_drill(self, exercise: Exercise) -> bool:
        """Motor-control drills: done for quality, never to a reps-in-reserve target."""
        return exercise.category in self.drill_categories or exercise.slug in self.drill_slugs

    def all_templates(self) -> list[Template]:
        return [*self.templates.values(), self.generic]


def _slot(raw: dict[str, Any]) -> SlotSpec:
    reps = raw.get("reps")
    return SlotSpec(
        move=str(raw["move"]),
        tier=raw["tier"],
        sets=int(raw.get("sets", 3)),
        reps=(int(reps[0]), int(reps[1])) if reps else None,
        optional=bool(raw.get("optional", False)),
        goals=tuple(raw.get("goals", ())),
        vary=bool(raw.get("vary", False)),
        beginner=raw.get("beginner"),
    )


def _template(slug: str, raw: dict[str, Any]) -> Template:
    sessions = {
        key: SessionSpec(key, s["name"], s["type"], tuple(_slot(x) for x in s["slots"]))
        for key, s in raw.get("sessions", {}).items()
    }
    layouts = {
        int(days): tuple((int(day), str(key)) for day, key in layout)
        for days, layout in raw.get("layouts", {}).items()
    }
    return Template(
        slug=slug,
        name=raw["name"],
        based_on=raw["based_on"],
        source=raw["source"],
        summary=raw["summary"],
        goals=tuple(raw.get("goals", ())),
        experiences=tuple(raw.get("experiences", ())),
        priority=int(raw.get("priority", 0)),
        needs=frozenset(raw.get("needs", ())),
        suits=raw.get("suits"),
        sessions=sessions,
        layouts=layouts,
    )


@functools.cache
def training_data() -> TrainingData:
    """The templates and movements, read and checked once per process."""
    moves_raw = yaml.safe_load((DATA_DIR / "movements.yaml").read_text(encoding="utf-8"))
    templates_raw = yaml.safe_load((DATA_DIR / "templates.yaml").read_text(encoding="utf-8"))
    movements = {
        slug: Movement(
            slug=slug,
            name=m["name"],
            patterns=frozenset(m.get("patterns", ())),
            muscles=frozenset(m.get("muscles", ())),
            compound=bool(m.get("compound", False)),
            power=bool(m.get("power", False)),
            conditioning=bool(m.get("conditioning", False)),
            staples=tuple(tuple(tier) for tier in m.get("staples", ())),
            fallback=tuple(m.get("fallback", ())),
            key_for=tuple(m.get("key_for", ())),
            tiers={
                name: tier
                for tier, names in reversed(list(enumerate(m.get("staples", ()))))
                for name in names
            },
        )
        for slug, m in moves_raw["movements"].items()
    }
    templates = {slug: _template(slug, t) for slug, t in templates_raw["templates"].items()}
    generic_raw = templates_raw["generic"]
    generic = _template(
        GENERIC,
        {**generic_raw, "goals": ["strength", "hypertrophy", "endurance", "general-fitness"],
         "experiences": ["beginner", "intermediate", "advanced"]},
    )  # fmt: skip
    generic_types = {
        kind: tuple(_slot(x) for x in slots) for kind, slots in generic_raw["session_types"].items()
    }
    pulls = moves_raw["not_real_vertical_pulls"]
    drills = moves_raw["drills"]
    data = TrainingData(
        movements=movements,
        templates=templates,
        generic=generic,
        generic_types=generic_types,
        extras={g: tuple(m) for g, m in templates_raw["extras"].items()},
        not_real_pull_slugs=frozenset(pulls["slugs"]),
        not_real_pull_mechanic=pulls["mechanic"],
        not_real_pull_words=tuple(pulls["name_words"]),
        drill_categories=frozenset(drills["categories"]),
        drill_slugs=frozenset(drills["slugs"]),
        barbell_style=frozenset(moves_raw["barbell_style_equipment"]),
    )
    _check(data)
    return data


def _check(data: TrainingData) -> None:
    """Every slot names a known movement and tier; a typo in the data fails loudly at load."""
    slots = [s for t in data.templates.values() for ss in t.sessions.values() for s in ss.slots]
    slots += [s for group in data.generic_types.values() for s in group]
    for slot in slots:
        if slot.move not in data.movements or slot.tier not in TIERS:
            raise ValueError(f"templates.yaml: unknown movement or tier in {slot}")
        if slot.beginner is not None and slot.beginner not in data.movements:
            raise ValueError(f"templates.yaml: unknown beginner movement in {slot}")
    for template in data.templates.values():
        for layout in template.layouts.values():
            for _, key in layout:
                if key not in template.sessions:
                    raise ValueError(f"templates.yaml: {template.slug} has no session {key}")
    for movement in data.movements.values():
        for name in movement.fallback:
            if name not in data.movements:
                raise ValueError(f"movements.yaml: {movement.slug} falls back to unknown {name}")


def template_slugs() -> list[str]:
    return [AUTO, *training_data().templates, GENERIC]


def describe_templates() -> list[dict[str, object]]:
    """Every template as plain data, for the CLI, the API and the plan builder."""
    return [
        {
            "slug": t.slug,
            "name": t.name,
            "based_on": t.based_on,
            "source": t.source,
            "summary": t.summary,
            "goals": list(t.goals),
            "experiences": list(t.experiences),
            "days": sorted(t.layouts),
            "needs": sorted(t.needs),
        }
        for t in training_data().all_templates()
    ]


@dataclass(frozen=True, slots=True)
class Layout:
    """A template laid on weekdays for one profile."""

    template: Template
    sessions: tuple[tuple[PlannedSession, tuple[SlotSpec, ...]], ...]
    picked_by: Literal["you", "fit"]
    note: str | None = None


def _fit_score(template: Template, profile: Profile) -> float | None:
    """How well a template fits the profile; None when it does not fit at all."""
    if profile.days_per_week not in template.layouts:
        return None
    if profile.goal not in template.goals or profile.experience not in template.experiences:
        return None
    equipment = profile.equipment_set
    if not template.needs <= equipment:
        return None
    score = float(template.priority) + (3.0 if template.goals[0] == profile.goal else 0.0)
    loading = equipment & LOADING_EQUIPMENT
    # Programs built for little equipment are offered only to people who have just that.
    if template.suits == "bodyweight":
        if loading:
            return None
        score += 4.0
    if template.suits == "kettlebell":
        if loading != {"kettlebell"}:
            return None
        score += 4.0
    return score


def choose_template(profile: Profile) -> Layout:
    """The named template (profile.template) or the best fit; the generic split otherwise."""
    data = training_data()
    wanted = profile.template
    if wanted not in (None, AUTO, GENERIC):
        template = data.templates.get(wanted)
        if template is None:
            allowed = template_slugs()
            raise ProfileError(
                [
                    FieldProblem(
                        "template",
                        f"unknown template '{wanted}'. Allowed values: {', '.join(allowed)}.",
                        tuple(allowed),
                    )
                ]
            )
        if profile.days_per_week not in template.layouts:
            days = ", ".join(str(d) for d in sorted(template.layouts))
            note = (
                f"You asked for {template.name}, which is laid out for {days} days a week, not "
                f"{profile.days_per_week}; this program uses the best fit for "
                f"{profile.days_per_week} days instead."
            )
            fitted = choose_template(profile.model_copy(update={"template": None}))
            return Layout(fitted.template, fitted.sessions, "fit", note)
        return _lay_out(template, profile, "you")
    if wanted != GENERIC:
        scored = [
            (s, t) for t in data.templates.values() if (s := _fit_score(t, profile)) is not None
        ]
        if scored:
            best = max(scored, key=lambda item: (item[0], item[1].slug))[1]
            return _lay_out(best, profile, "fit")
    return _generic(profile, "you" if wanted == GENERIC else "fit")


def _lay_out(template: Template, profile: Profile, picked_by: Literal["you", "fit"]) -> Layout:
    layout = template.layouts[profile.days_per_week]
    sessions = []
    for day, key in layout:
        spec = template.sessions[key]
        sessions.append((PlannedSession(day, spec.type, spec.name), spec.slots))
    return Layout(template, tuple(sessions), picked_by)


def _generic(profile: Profile, picked_by: Literal["you", "fit"]) -> Layout:
    data = training_data()
    split = split_for(profile.days_per_week, profile.experience)
    seen: dict[str, int] = {}
    sessions = []
    for planned in split.sessions:
        slots = data.generic_types[planned.type]
        turn = seen.get(planned.type, 0)
        seen[planned.type] = turn + 1
        if turn:
            # The second session of a kind picks other exercises where it can.
            slots = tuple(
                SlotSpec(s.move, s.tier, s.sets, s.reps, s.optional, s.goals, True, s.beginner)
                for s in slots
            )
        if planned.type == "full-body" and turn % 2:
            # The new leads are the week's first press overhead and pull-up: the staple itself.
            slots = tuple(
                replace(s, move=B_DAY_LEADS[s.move], vary=s.tier != "main")
                if s.move in B_DAY_LEADS
                else s
                for s in slots
            )
        sessions.append((planned, slots))
    generic = data.generic
    named = Template(
        generic.slug,
        f"{generic.name}: {split.name.lower()}",
        generic.based_on,
        generic.source,
        generic.summary,
        generic.goals,
        generic.experiences,
        generic.priority,
        generic.needs,
        None,
        {},
        {},
    )
    return Layout(named, tuple(sessions), picked_by)
