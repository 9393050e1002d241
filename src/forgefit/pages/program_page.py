"""The plan builder's pages: the profile form, and a program as a page with its review, a chart
of weekly sets against the target bands, and a swap control on each exercise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from forgefit.catalog import related
from forgefit.pages import urls
from forgefit.pages.charts import VolumeRow, volume_chart_svg
from forgefit.pages.exercise_page import Link
from forgefit.pages.site import Site
from forgefit.training import FieldProblem, Program
from forgefit.training.rules import EXPERIENCES, GOAL_NAMES, GOALS, MAX_WEEKS, VOLUME_BANDS
from forgefit.training.templates import describe_templates

SWAP_OPTIONS = 4
FORM_DEFAULTS: dict[str, Any] = {
    "goal": "hypertrophy",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 45,
    "weeks": 4,
    "seed": 1,
    "preset": "home-dumbbells",
    "equipment": [],
    "injuries": {},
    "focus": [],
    "exclude": "",
    "favourites": "",
    "template": "auto",
}
# One-click starting points: (label, form values).
PRESET_PROFILES: list[tuple[str, dict[str, Any]]] = [
    ("Beginner, 3 days, home dumbbells", {"preset": "home-dumbbells"}),
    ("Beginner, 2 days, body weight only", {"preset": "bodyweight", "days_per_week": 2}),
    (
        "Intermediate strength, 4 days, full gym",
        {"goal": "strength", "experience": "intermediate", "days_per_week": 4,
         "minutes_per_session": 75, "preset": "full-gym"},
    ),
    (
        "Muscle, 5 days, full gym",
        {"experience": "intermediate", "days_per_week": 5, "minutes_per_session": 60,
         "preset": "full-gym"},
    ),
    ("General fitness, 3 days of 30 min, bands", {"goal": "general-fitness",
                                             "minutes_per_session": 30, "preset": "bands"}),
    ("Kettlebell only, 3 days, sore knee", {"preset": "kettlebell", "injuries": {"knee": "mild"}}),
]  # fmt: skip


def form_query(values: dict[str, Any]) -> str:
    """Form values -> the query string /plan/program reads (the inverse of the web's parser)."""
    pairs: list[tuple[str, str]] = []
    for key in ("goal", "experience", "days_per_week", "minutes_per_session", "weeks", "seed"):
        if values.get(key) not in (None, ""):
            pairs.append((key, str(values[key])))
    if values.get("preset"):
        pairs.append(("preset", str(values["preset"])))
    if values.get("template") and values["template"] != "auto":
        pairs.append(("template", str(values["template"])))
    pairs += [("equipment", item) for item in values.get("equipment", [])]
    pairs += [(f"injury_{joint}", level) for joint, level in values.get("injuries", {}).items()]
    pairs += [("focus", item) for item in values.get("focus", [])]
    for key in ("exclude", "favourites"):
        if values.get(key):
            pairs.append((key, str(values[key])))
    return urlencode(pairs)


# Profile fields that have a control of their own on the form.
FORM_FIELDS = frozenset(
    {
        "goal", "experience", "days_per_week", "minutes_per_session", "weeks", "seed",
        "preset", "equipment", "injuries", "focus", "exclude", "favourites",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class FormProblem:
    """A profile problem as the form shows it: beside its field, and in the summary."""

    label: str
    message: str
    form_field: str | None

    @classmethod
    def of(cls, problem: FieldProblem) -> FormProblem:
        base = problem.field.split("[", 1)[0].split(".", 1)[0]
        base = "favourites" if base == "favorites" else base
        return cls(problem.label, problem.message, base if base in FORM_FIELDS else None)


def render_plan_form(
    site: Site,
    values: dict[str, Any] | None = None,
    errors: list[FieldProblem] | None = None,
    **form: Any,
) -> str:
    """The plan form. `form` overrides the form's target for signed-in people (form_action,
    form_method, csrf, heading, lede, submit_label, name_field, hide_presets)."""
    vocab = site.vocab
    shown = FORM_DEFAULTS | (values or {})
    shown_errors = [FormProblem.of(problem) for problem in errors or []]
    field_errors: dict[str, list[str]] = {}
    for problem in shown_errors:
        if problem.form_field:
            field_errors.setdefault(problem.form_field, []).append(problem.message)
    presets = [
        Link(label, f"{urls.PLAN_BUILDER}/program?{form_query(FORM_DEFAULTS | changes)}")
        for label, changes in PRESET_PROFILES
    ]
    return site.render_template(
        "plan_form.html",
        title="Plan Builder: A Personal Training Program",
        meta_description="Build a multi-week training program from your goal, schedule, "
        "equipment and injuries, explained exercise by exercise.",
        canonical=site.absolute(urls.PLAN_BUILDER),
        values=shown,
        errors=shown_errors,
        field_errors=field_errors,
        presets=presets,
        goals=[(goal, GOAL_NAMES[goal]) for goal in GOALS],
        experiences=[(level, level.capitalize()) for level in EXPERIENCES],
        equipment_presets=[(slug, p.name) for slug, p in vocab.equipment_presets.items()],
        equipment=[(slug, name) for slug, name in vocab.equipment.items() if slug != "body-weight"],
        joints=list(vocab.joints.items()),
        groups=[(slug, g.name) for slug, g in vocab.muscle_groups.items() if g.major],
        max_weeks=MAX_WEEKS,
        templates=[
            (str(t["slug"]), f"{t['name']} ({', '.join(str(d) for d in t['days']) or '1-7'} days)")  # type: ignore[attr-defined]
            for t in describe_templates()
        ],
        **form,
    )


def _swaps(site: Site, program: Program) -> dict[str, list[Link]]:
    catalog = site.catalog
    profile = program.profile
    excluded = set(profile.exclude)
    swaps: dict[str, list[Link]] = {}
    for week in program.weeks:
        for session in week.sessions:
            for item in session.exercises:
                if item.slug in swaps or item.slug not in catalog:
                    continue
                options = related.substitutes(
                    catalog,
                    catalog.get(item.slug),
                    available_equipment=profile.equipment_set,
                    injuries=profile.injury_map,
                    limit=SWAP_OPTIONS + len(excluded),
                )
                swaps[item.slug] = [
                    Link(option.name, urls.exercise(option.slug))
                    for option in options
                    if option.slug not in excluded
                ][:SWAP_OPTIONS]
    return swaps


PROGRESSION_LABELS = {
    "linear": "Add weight every session",
    "double": "Reps first, then weight",
    "reps-then-harder": "Reps, then sets, then a harder variant",
    "seconds": "Longer holds",
}
RIR_EXPLAINED = (
    'Effort is given as reps in reserve: "stop about 2 reps before you couldn\'t do another" '
    "means end the set while you could still do about two more good reps."
)


def effort_words(rir: int | None) -> str:
    if rir is None:
        return ""
    if rir == 0:
        return "until you couldn't do another rep"
    return f"stop about {rir} rep{'s' if rir != 1 else ''} short"


def progression_rules(site: Site, program: Program) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Each progression rule once (numbered, with the exercises it covers), and the rule number
    of every exercise, so rows point at a rule instead of repeating it. The planner states its
    rules once per exercise family; a program read back without them is grouped by rule text."""

    def name_of(slug: str) -> str:
        return site.catalog.get(slug).name if slug in site.catalog else slug

    rules: list[dict[str, Any]] = []
    of_slug: dict[str, int] = {}
    for family in program.progression_rules:
        rules.append(
            {
                "label": family.family,
                "text": family.rule,
                "names": [name_of(s) for s in family.exercises],
            }
        )
        for slug in family.exercises:
            of_slug.setdefault(slug, len(rules))
    by_text: dict[str, int] = {}
    for week in program.weeks:
        for session in week.sessions:
            for item in session.exercises:
                if item.progression is None or item.slug in of_slug:
                    continue
                text = item.progression.rule
                if text not in by_text:
                    label = PROGRESSION_LABELS.get(item.progression.kind, item.progression.kind)
                    rules.append({"label": label, "text": text, "names": []})
                    by_text[text] = len(rules)
                number = by_text[text]
                of_slug[item.slug] = number
                rules[number - 1]["names"].append(name_of(item.slug))
    return rules, of_slug


def volume_rows(site: Site, program: Program) -> list[VolumeRow]:
    vocab = site.vocab
    band = VOLUME_BANDS[program.profile.goal][program.profile.experience]
    return [
        VolumeRow(group.name, round(program.weekly_sets.get(slug, 0.0), 1), band.minimum,
                  min(band.maximum, 22.0))
        for slug, group in vocab.muscle_groups.items()
        if group.major
    ]  # fmt: skip


def render_program_page(
    site: Site,
    program: Program,
    query: str,
    saved: dict[str, Any] | None = None,
) -> str:
    """The program page. For a saved program, `saved` carries its name, links and form token
    (download URLs then use its id, never the profile)."""
    profile = program.profile
    names = {e.slug: e.name for e in site.catalog.exercises}
    review = program.review
    findings = review.findings if review else []
    rules = review.rules if review else []
    checks = sum(r.checks for r in rules)
    met = sum(r.met for r in rules)
    review_summary = f"{met} of {checks} rule checks met." if checks else ""
    sessions = len(program.weeks[0].sessions) if program.weeks else 0
    # Programs name their template (the Template line says where it comes from); older
    # saved programs only know their split.
    built_on = (
        f"following the {program.split_name} template"
        if program.split_name
        else f"as a {program.split} split"
    )
    summary = (
        f"{sessions} session{'s' if sessions != 1 else ''} a week of about "
        f"{profile.minutes_per_session} minutes for a {profile.experience} lifter, {built_on}."
    )
    base = f"{urls.PLAN_BUILDER}/program"
    notes = getattr(program, "notes", None) or []
    rules_list, rule_of = progression_rules(site, program)
    return site.render_template(
        "program.html",
        progression_rules=rules_list,
        rule_of=rule_of,
        effort=effort_words,
        rir_explained=RIR_EXPLAINED,
        title="Your Training Program",
        meta_description=summary,
        canonical=None,
        robots="noindex",
        goal_name=GOAL_NAMES[profile.goal],
        summary=summary,
        notes=notes,
        weeks=program.weeks,
        names=names,
        swaps=_swaps(site, program),
        chart=volume_chart_svg(
            volume_rows(site, program), "Weekly hard sets per muscle group against the target"
        ),
        review=review or {"passed": True, "findings": []},
        review_summary=review_summary,
        export_urls=(saved or {}).get("export_urls")
        or {fmt: f"{base}.{fmt}?{query}" for fmt in ("csv", "ics", "md", "json", "html")},
        edit_url=(saved or {}).get("edit_url") or f"{urls.PLAN_BUILDER}?{query}",
        saved=saved,
        program_template=program.template,
        findings=findings,
    )


def render_log_sheet(site: Site, program: Program, name: str) -> str:
    """A printable sheet: every session with a box per set for the weight and reps done."""
    return site.render_template(
        "log_sheet.html",
        title=f"Log sheet: {name}",
        meta_description="A printable training log with a box per set.",
        canonical=None,
        robots="noindex",
        name=name,
        weeks=program.weeks,
        names={e.slug: e.name for e in site.catalog.exercises},
        effort=effort_words,
        rir_explained=RIR_EXPLAINED,
    )
