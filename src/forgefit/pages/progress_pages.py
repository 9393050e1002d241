"""The history and progress pages as HTML. They take the very dictionaries the JSON API returns
(web/progress_pages.py fetches them with `accounts.progress_store`), so page and API cannot show
different numbers; this module only adds plain words and charts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import Any

from markupsafe import Markup

from forgefit.pages.progress_charts import Bar, Point, bar_chart_svg, line_chart_svg
from forgefit.pages.site import Site

# Each rule id in words a person reads at a glance (docs/adaptation.md has the full rules).
RULE_WORDS = {
    "start-from-known-lift": "Starting weight from a lift you told us",
    "calibrate-from-first-session": "Set from your first session",
    "linear-progression": "Every target hit: a step heavier",
    "double-progression": "Working up the rep range",
    "effort-autoregulation": "Set by how hard it felt",
    "missed-reps": "Reps missed: same weight again",
    "stall-reset": "Stuck twice: lighter, then build back",
    "deload-brought-forward": "Lighter session brought forward",
    "planned-deload": "Planned lighter week",
    "reps-then-sets-then-harder": "More reps, then more sets, then a harder version",
    "timed-progression": "A longer hold",
    "time-off": "Back after time off",
    "injury-swap": "Swapped to protect an injury",
    "injury-ease": "Eased for an injury",
    "injury-return": "Back after an injury",
    "injury-no-substitute": "Left out to protect an injury",
}
FIELD_WORDS = {
    "load_kg": "weight",
    "reps": "reps",
    "sets": "sets",
    "seconds": "time",
    "rir": "reps in reserve",
    "exercise": "exercise",
    "week": "session",
}
RECORD_WORDS = {
    "heaviest": "Heaviest set",
    "best-e1rm": "Best estimated 1RM",
    "best-volume": "Most weight lifted in one session",
    "most-reps-at-weight": "Most reps at a weight",
}
STATUS_WORDS = {"below": "below target", "within": "on target", "above": "above target"}
WEEKS_SHOWN = 8


def _page(site: Site, template: str, title: str, **context: Any) -> str:
    return site.render_template(
        template,
        title=title,
        meta_description=f"{title} on ForgeFit.",
        canonical=None,
        robots="noindex",
        **context,
    )


def history_items_in_words(items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each change as a headline ("Goblet Squat: weight 20 kg → 22.5 kg") and its reasons."""
    shown = []
    for item in items:
        shown.append(
            {
                **item,
                "headline": f"{item['exercise_name']}: {change_words(item)}",
                "rule_words": RULE_WORDS.get(item["rule"], item["rule"]),
            }
        )
    return shown


def change_words(item: Mapping[str, Any]) -> str:
    """ "weight 20 kg → 22.5 kg"; a first value is "set to", a value the rule kept "stays at"."""
    what = FIELD_WORDS.get(item["field"], item["field"])
    before, after = item["before"], item["after"]
    if before in ("-", ""):
        return f"{what} set to {after}"
    if before == after:
        return f"{what} stays at {after}"
    return f"{what} {before} → {after}"


def render_history(site: Site, history: Mapping[str, Any]) -> str:
    words = history_items_in_words(history["items"])
    days = [
        {"date": day, "items": list(changes)}
        for day, changes in groupby(reversed(words), key=lambda item: item["date"])
    ]
    return _page(
        site,
        "account_history.html",
        f"Changes to {history['program_name']}",
        history=history,
        days=days,
        progress_url="/account/progress",
        program_url=f"/account/programs/{history['program_id']}",
    )


def _weeks(weekly: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The last few weeks, newest first, each with its rows and a bar chart."""
    weeks = []
    for start, rows in groupby(weekly, key=lambda row: row["week_start"]):
        rows_list = list(rows)
        weeks.append({"week_start": start, "rows": rows_list})
    weeks = weeks[-WEEKS_SHOWN:][::-1]
    for index, week in enumerate(weeks):
        week["chart"] = Markup(  # our own SVG; every label in it is escaped
            bar_chart_svg(
                [
                    Bar(row["group_name"], row["sets"], row["band_low"], row["band_high"])
                    for row in week["rows"]
                ],
                f"week-{index}",
                f"Hard sets per muscle group, week of {week['week_start']}",
            )
        )
        for row in week["rows"]:
            row["status_words"] = STATUS_WORDS.get(row["status"] or "", "no target")
    return weeks


def render_progress(
    site: Site,
    progress: Mapping[str, Any],
    *,
    exercise_choices: Sequence[tuple[str, str]],
    chosen: str | None,
) -> str:
    exercises = []
    for index, item in enumerate(progress["exercises"]):
        chart = line_chart_svg(
            [Point(point["date"], point["e1rm_kg"]) for point in item["e1rm"]],
            f"e1rm-{index}",
            f"Estimated 1RM of {item['name']} over time, in kg",
        )
        records = [
            {**record, "words": RECORD_WORDS.get(record["kind"], record["kind"])}
            for record in item["records"]
        ]
        exercises.append({**item, "chart": Markup(chart), "records": records})
    return _page(
        site,
        "account_progress.html",
        "Your progress",
        progress=progress,
        adherence=progress["adherence"],
        exercises=exercises,
        weeks=_weeks(progress["weekly_sets"]),
        exercise_choices=exercise_choices,
        chosen=chosen,
    )
