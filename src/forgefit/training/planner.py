"""Build a multi-week program from a profile, the way a coach does, with its review attached.

profile --parse----> Profile as understood
        --pool-----> the exercises hard rules 1, 2, 4 and the exclusions allow
        --template-> a known program's structure, named or the best fit (templates.py)
        --fill-----> each slot gets the best staple the person can do (slots.py)
        --volume---> week 1 fitted to the minutes, volume where it belongs (construct.py)
        --weeks----> building weeks, deloads, loads, warm-ups, explanations (weeks.py)
        --review---> every rule and coach check; a hard violation is a bug and is raised
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from forgefit.catalog.index import Catalog
from forgefit.training.construct import build_week_one
from forgefit.training.errors import PlannerError, UnservableProfileError
from forgefit.training.pool import (
    Pool,
    build_pool,
    catalog_facts,
    difficulty_gap,
    equipment_phrase,
    is_trainable,
    plannable,
    rejection,
)
from forgefit.training.profile import Profile, parse_profile
from forgefit.training.program import (
    Program,
    Progression,
    ProgressionRule,
    Substitution,
    TemplateInfo,
)
from forgefit.training.progression import FAMILY_RULES, progression_for
from forgefit.training.review import review_program
from forgefit.training.rules import SESSIONS_PER_WEEK, split_for
from forgefit.training.slots import Filler, movement_matches
from forgefit.training.templates import Layout, choose_template, training_data
from forgefit.training.week_parts import BuiltSession
from forgefit.training.weeks import build_weeks, explain_all

# The movement roles a program should fill (soft-5, soft-6), for refusals and notes.
MOVEMENT_ROLES = (
    "knee-dominant",
    "hip-dominant",
    "horizontal-push",
    "vertical-push",
    "horizontal-pull",
    "vertical-pull",
)
ROLE_WEIGHTS = {role: 1.0 for role in (*MOVEMENT_ROLES, "core")}
SPLIT_ORDER = ("upper", "lower", "push", "pull", "legs", "full-body", "core")


def prepare_catalog(catalog: Catalog) -> None:
    """Work out now what the planner otherwise works out on first use, once per catalog: the
    exercises' facts, which exercises each kind of profile could be given, and which exercises
    fit each movement. A server's plan workers do this when they start, so no person's plan
    pays for it."""
    data = training_data()
    catalog_facts(catalog)
    for hypertrophy in (False, True):
        for neck_focus in (False, True):
            plannable(catalog, hypertrophy, neck_focus)
    for movement in data.movements.values():
        movement_matches(catalog, data, movement)


def build_program(profile: Profile | Mapping[str, Any] | str | bytes, catalog: Catalog) -> Program:
    """A program for the profile, with its review. Raises ProfileError for an invalid profile
    (or template), UnservableProfileError (a ProfileError) when no program can serve it."""
    understood = parse_profile(profile, catalog)
    layout = choose_template(understood)
    pool = build_pool(catalog, understood)
    refuse_if_unservable(pool, understood, catalog)
    data = training_data()
    filler = Filler(understood, pool, data, understood.seed)
    base = build_week_one(understood, layout, filler, catalog.vocab)
    swaps, injury_notes = injuries_acted_on(base, understood, pool, catalog)
    allowed = pool.by_slug()
    progressions = {
        slot.facts.slug: progression_for(
            slot.facts,
            slot.scheme.role,
            understood,
            allowed,
            catalog,
            drill=slot.drill,
            power=slot.power,
            conditioning=slot.conditioning,
        )
        for session in base
        for slot in session.slots
    }
    explained = explain_all(base, understood, catalog, swaps, progressions)
    weeks = build_weeks(base, understood, explained, catalog, data)
    notes = [_template_note(layout, understood)]
    if layout.note:
        notes.insert(0, layout.note)
    split_note = split_for(understood.days_per_week, understood.experience).note
    if split_note:
        notes.append(split_note)
    notes.extend(_profile_notes(understood, pool, catalog))
    notes.extend(injury_notes)
    notes.extend(_load_notes(understood, base))
    kinds = {planned.type for planned, _ in layout.sessions}
    template = layout.template
    program = Program(
        profile=understood,
        split="-".join(kind for kind in SPLIT_ORDER if kind in kinds),
        split_name=template.name,
        weeks=weeks,
        weekly_sets=weeks[0].weekly_sets if weeks else {},
        notes=notes,
        template=TemplateInfo(
            slug=template.slug,
            name=template.name,
            based_on=template.based_on,
            source=template.source,
            summary=template.summary,
            picked_by=layout.picked_by,
        ),
        progression_rules=_progression_rules(progressions, base),
    )
    review = review_program(program, catalog, _pool=pool)
    if not review.passed:
        broken = "; ".join(f.message for f in review.errors)
        raise PlannerError(f"The planner broke a hard rule (a bug, please report it): {broken}")
    program.review = review
    return program


def _progression_rules(
    progressions: dict[str, Progression], base: list[BuiltSession]
) -> list[ProgressionRule]:
    families: dict[str, ProgressionRule] = {}
    for session in base:
        for slot in session.slots:
            progression = progressions[slot.facts.slug]
            family = progression.family or progression.kind
            rule = families.get(family)
            if rule is None:
                text = FAMILY_RULES[family][1] if family in FAMILY_RULES else progression.rule
                rule = ProgressionRule(
                    family=family, kind=progression.kind, rule=text, exercises=[]
                )
                families[family] = rule
            if slot.facts.slug not in rule.exercises:
                rule.exercises.append(slot.facts.slug)
    return list(families.values())


def _template_note(layout: Layout, profile: Profile) -> str:
    template = layout.template
    why = "you chose it" if layout.picked_by == "you" else "it fits your goal, level, days and kit"
    text = f"Template: {template.name}, based on {template.based_on} ({why}). {template.summary}"
    missing = sorted(template.needs - profile.equipment_set)
    if missing:
        text += (
            " It is built on a barbell program; with your equipment its slots use the closest "
            "lifts you can do."
        )
    return text


def _load_notes(profile: Profile, base: list[BuiltSession]) -> list[str]:
    notes = []
    slugs = {slot.facts.slug for session in base for slot in session.slots}
    known = [slug for slug in profile.lifts if slug in slugs]
    if known:
        notes.append(
            "Loads in kg come from the lifts you gave (Epley estimate of your one-rep max), "
            "rounded down to real plate, dumbbell and kettlebell steps."
        )
    # Only where something is loaded without a known lift: a body-weight program has no
    # weight to choose.
    unknown_loads = any(
        slot.facts.loadable and slot.facts.slug not in profile.lifts
        for session in base
        for slot in session.slots
    )
    if profile.experience == "beginner" and unknown_loads:
        notes.append(
            "Starting loads: for each loaded exercise pick a weight you could lift about 4 more "
            "times than the top of its reps, then add weight as the progression rules say."
        )
    return notes


def injuries_acted_on(
    base: list[BuiltSession], profile: Profile, pool: Pool, catalog: Catalog
) -> tuple[dict[str, Substitution], list[str]]:
    """For each injury: the exercises chosen instead of the usual pick because of it, the
    ones kept but capped, and a note naming the joint and what changed."""
    if not profile.injuries:
        return {}, []
    healthy = profile.model_copy(update={"injuries": []})
    # Without the injuries, the pool would also hold the exercises ruled out for them (and
    # not also too hard).
    facts = catalog_facts(catalog)
    back = [
        facts[slug]
        for slug, reason in pool.rejected.items()
        if reason.kind == "injury" and difficulty_gap(facts[slug].exercise, profile) <= 1
    ]
    healthy_pool = Pool(
        (*pool.allowed, *(f for f in back if is_trainable(f.exercise, profile))),
        {},
        (*pool.conditioning, *(f for f in back if not is_trainable(f.exercise, profile))),
        catalog,
    )
    healthy_filler = Filler(healthy, healthy_pool, training_data(), profile.seed)
    swaps: dict[str, Substitution] = {}
    changed: dict[str, list[str]] = {i.joint: [] for i in profile.injuries}
    for session in base:
        for slot in session.slots:
            usual = healthy_filler.candidates(slot.movement)
            others = session.taken() - {slot.facts.slug}
            first = next((f for f in usual if f.slug not in others), None)
            if first is None or first.slug == slot.facts.slug:
                continue
            joint = _joint_against(first.exercise.joint_stress, profile)
            if joint is None:
                continue
            reason = pool.rejected.get(first.slug)
            text = (
                reason.reason
                if reason is not None and reason.kind == "injury"
                else f"it loads the {joint.replace('-', ' ')} more"
            )
            swaps.setdefault(
                slot.facts.slug,
                Substitution(
                    replaces=first.slug,
                    replaces_name=first.exercise.name,
                    because="injury",
                    reason=text,
                    joint=joint,
                ),
            )
            entry = f"{slot.facts.exercise.name} instead of {first.exercise.name}"
            if entry not in changed[joint]:
                changed[joint].append(entry)
    for session in base:
        for slot in session.slots:
            for joint in slot.capped_joints:
                entry = f"{slot.facts.exercise.name} kept to 3 sets, 3 reps short of failure"
                if entry not in changed[joint]:
                    changed[joint].append(entry)
    notes = []
    for injury in profile.injuries:
        joint = injury.joint.replace("-", " ")
        ruled_out = sum(
            1 for r in pool.rejected.values() if r.kind == "injury" and joint in r.reason
        )
        parts = changed[injury.joint]
        stress = "high" if injury.severity == "mild" else "moderate or high"
        one = ruled_out == 1
        text = (
            f"Your {injury.severity} {joint}: {ruled_out} exercise{'' if one else 's'} that "
            f"put{'s' if one else ''} {stress} stress on it {'is' if one else 'are'} left out"
        )
        text += f"; {'; '.join(parts)}." if parts else "; nothing chosen here loads it more."
        notes.append(text[0].upper() + text[1:] + " Stop any exercise that hurts it.")
    return swaps, notes


def _joint_against(stress: Mapping[str, str], profile: Profile) -> str | None:
    for injury in profile.injuries:
        level = stress.get(injury.joint)
        if level == "high" or (level == "moderate"):
            return injury.joint
    return None


# --- Refusal ---------------------------------------------------------------------------------


def _role_coverage(catalog: Catalog, profile: Profile) -> int:
    vocab = catalog.vocab
    covered = set()
    for exercise in catalog.exercises:
        if not is_trainable(exercise, profile) or rejection(exercise, profile, vocab):
            continue
        for role in MOVEMENT_ROLES:
            if exercise.pattern in vocab.pattern_roles.get(role, ()):
                covered.add(role)
    return len(covered)


def refuse_if_unservable(pool: Pool, profile: Profile, catalog: Catalog) -> None:
    """Refuse a profile whose allowed exercises fill none of the movement roles (squat or lunge,
    hinge, pushes, pulls): a program of core work alone serves no goal in TRAINING.md. The
    refusal lists the changes that would open the most roles."""
    if any(role in MOVEMENT_ROLES for facts in pool.allowed for role in facts.roles):
        return
    vocab = catalog.vocab
    kinds = sorted({r.kind for r in pool.rejected.values()})
    reason = (
        "every lower- and upper-body movement pattern (squat, lunge, hinge, pushes and pulls) "
        f"is ruled out by your {' and '.join(kinds) or 'profile'}."
    )
    changes: list[tuple[int, str]] = []

    def consider(text: str, **update: object) -> None:
        opened = _role_coverage(catalog, profile.model_copy(update=update))
        if opened:
            changes.append((opened, f"{text}: it opens {opened} of the 6 movement roles."))

    for preset, info in vocab.equipment_presets.items():
        if preset != profile.preset:
            equipment = sorted(set(profile.equipment) | vocab.preset_equipment(preset))
            consider(f'Use the "{preset}" preset ({info.name})', equipment=equipment)
    for position, injury in enumerate(profile.injuries):
        others = [i for i in profile.injuries if i.joint != injury.joint]
        if injury.severity == "serious":
            milder = [*others, injury.model_copy(update={"severity": "mild"})]
            consider(
                f"If your clinician agrees, mark injuries[{position}] ({injury.joint}) as mild",
                injuries=milder,
            )
        else:
            consider(
                f"Once the {injury.joint} has recovered, remove injuries[{position}]",
                injuries=others,
            )
    if profile.exclude:
        consider(f"Remove some of your {len(profile.exclude)} exclusions", exclude=[])
    changes.sort(key=lambda item: -item[0])
    advice = [text for _, text in changes[:4]] or [
        "Add equipment: a resistance band or a pair of dumbbells opens most patterns."
    ]
    raise UnservableProfileError(reason, advice)


def _a(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _profile_notes(profile: Profile, pool: Pool, catalog: Catalog) -> list[str]:
    notes = []
    low, high = SESSIONS_PER_WEEK[profile.experience]
    days = profile.days_per_week
    if days > high:
        notes.append(
            f"{days} sessions a week is more than the {low}-{high} {_a(profile.experience)} "
            "usually needs; it is planned as asked, with recovery kept between same-muscle days."
        )
    elif days < low:
        notes.append(
            f"{days} session{'s' if days != 1 else ''} a week is fewer than the {low}-{high} "
            f"{_a(profile.experience)} usually trains; weekly volume will sit at the low end."
        )
    allowed = {facts.slug for facts in pool.allowed}
    for slug in profile.favourites:
        reason = pool.rejected.get(slug)
        if reason is None and slug not in allowed:
            name = catalog.get(slug).name
            notes.append(
                f"Your favourite {name} is not a strength exercise the planner programs as "
                "sets; use it in the warm-up or on a rest day."
            )
        if reason is not None:
            notes.append(
                f"Your favourite {catalog.get(slug).name} is left out because {reason.reason}."
            )
    vocab = catalog.vocab
    available = {role for facts in pool.allowed for role in facts.roles}
    # What the same person could do with every piece of equipment: names what to buy.
    equipped = profile.model_copy(update={"equipment": list(vocab.equipment)})
    for role in ROLE_WEIGHTS:
        if role in available:
            continue
        patterns = vocab.pattern_roles.get(role, ())
        options = [
            e
            for e in catalog.exercises
            if e.pattern in patterns
            and is_trainable(e, profile)
            and rejection(e, equipped, vocab) is None
        ]
        label = role.replace("-", " ")
        if options:
            best = max(options, key=lambda e: (e.popularity, e.slug))
            missing = sorted(best.requires - profile.equipment_set)
            notes.append(
                f"No {label} exercise fits your equipment; {equipment_phrase(vocab, missing)} "
                f"would open {best.name}."
            )
        else:
            notes.append(f"No {label} exercise is allowed with your injuries and exclusions.")
    return notes
