"""A program as Markdown (for people), CSV (for spreadsheets), iCalendar (sessions on their
weekdays) and printable HTML. Every function takes a Program or its JSON as a dict and returns
a string; nothing here decides anything about training."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
from collections.abc import Mapping
from typing import Any

from forgefit.training.program import PlannedExercise, Program, Session, Week
from forgefit.training.rules import GOAL_NAMES, WEEKDAYS

CSV_COLUMNS = (
    "week", "deload", "day", "weekday", "session", "order", "slug", "name", "role", "sets",
    "reps_low", "reps_high", "seconds", "rest_seconds", "rir", "load_percent_1rm",
    "estimated_minutes", "why",
)  # fmt: skip


def _program(program: Program | Mapping[str, Any]) -> Program:
    return program if isinstance(program, Program) else Program.model_validate(program)


def _name(item: PlannedExercise) -> str:
    return item.name or item.slug.replace("-", " ").title()


def _work(item: PlannedExercise) -> str:
    if item.reps is not None:
        low, high = item.reps
        return f"{low}-{high} reps" if low != high else f"{low} reps"
    return f"{item.seconds} s" if item.seconds else "-"


def _rest(seconds: int) -> str:
    if seconds >= 120 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def _load(item: PlannedExercise) -> str:
    if item.load_kg is not None:
        percent = f" ({item.load_percent_1rm:g} % 1RM)" if item.load_percent_1rm else ""
        return f"{item.load_kg:g} kg{percent}"
    if item.load_percent_1rm is not None:
        return f"{item.load_percent_1rm:g} % 1RM"
    return ""


def _rir(item: PlannedExercise) -> str:
    return "-" if item.rir is None else str(item.rir)


def _title(program: Program) -> str:
    profile = program.profile
    weeks = len(program.weeks)
    return f"Your {weeks}-week {GOAL_NAMES[profile.goal]} program"


def _summary(program: Program) -> list[str]:
    profile = program.profile
    lines = [
        f"{program.split_name or program.split} - {profile.days_per_week} day"
        f"{'s' if profile.days_per_week != 1 else ''} a week - {profile.minutes_per_session}-minute"
        f" sessions - {profile.experience}",
        "Equipment: " + (", ".join(profile.equipment) or "body weight"),
    ]
    if profile.injuries:
        lines.append(
            "Injuries: " + ", ".join(f"{i.joint} ({i.severity})" for i in profile.injuries)
        )
    if profile.focus:
        lines.append("Focus: " + ", ".join(profile.focus))
    if program.template is not None:
        template = program.template
        lines.append(f"Template: {template.name}, based on {template.based_on} ({template.source})")
    return lines


def _session_heading(session: Session) -> str:
    weekday = WEEKDAYS[session.day - 1]
    return f"{weekday} - {session.name} (about {session.estimated_minutes} min)"


def _warmup_text(session: Session) -> str:
    warmup = session.warmup
    if warmup is None:
        return ""
    text = warmup.general
    if warmup.ramp_up:
        steps = ", ".join(
            f"{r.percent} % x {r.reps}" if r.percent is not None else f"{r.reps} easy reps"
            for r in warmup.ramp_up
        )
        text += f" Ramp-up sets before the first lift: {steps}."
    return text


# --- Markdown ---------------------------------------------------------------------------------


def to_markdown(program: Program | Mapping[str, Any]) -> str:
    """The program for people: summary, notes, every week's sessions, progression, review."""
    parsed = _program(program)
    out = [f"# {_title(parsed)}", ""]
    out += [f"- {line}" for line in _summary(parsed)]
    if parsed.notes:
        out += ["", "## Notes", ""] + [f"- {note}" for note in parsed.notes]
    for week in parsed.weeks:
        label = "deload" if week.deload else "building"
        out += ["", f"## Week {week.week} ({label})", ""]
        if week.note:
            out += [f"_{week.note}_", ""]
        for session in week.sessions:
            out += [f"### {_session_heading(session)}", ""]
            warmup = _warmup_text(session)
            if warmup:
                out += [f"Warm-up: {warmup}", ""]
            out += [
                "| # | Exercise | Sets | Reps / time | Rest | RIR | Load |",
                "|---|---|---|---|---|---|---|",
            ]
            for order, item in enumerate(session.exercises, start=1):
                out.append(
                    f"| {order} | {_name(item)} | {item.sets} | {_work(item)} | "
                    f"{_rest(item.rest_seconds)} | {_rir(item)} | {_load(item)} |"
                )
            if week.week == parsed.weeks[0].week:
                out.append("")
                out += [f"- **{_name(item)}**: {item.why}" for item in session.exercises]
            out.append("")
    rules = _progression_rules(parsed)
    if rules:
        out += ["## Progression", ""] + [f"- **{name}**: {rule}" for name, rule in rules]
    review = parsed.review
    if review is not None:
        verdict = "passes every hard rule" if review.passed else "BREAKS a hard rule"
        out += ["", "## Review", "", f"This program {verdict}.", ""]
        out += [f"- {f.level}: {f.message}" for f in review.findings] or ["- No findings."]
    return "\n".join(out).rstrip() + "\n"


def _progression_rules(program: Program) -> list[tuple[str, str]]:
    """Each progression rule once, with the exercises that follow it."""
    names = {
        item.slug: _name(item)
        for week in program.weeks
        for session in week.sessions
        for item in session.exercises
    }
    if program.progression_rules:
        return [
            (f"{rule.family} ({', '.join(names.get(s, s) for s in rule.exercises)})", rule.rule)
            for rule in program.progression_rules
        ]
    grouped: dict[str, list[str]] = {}
    for week in program.weeks:
        for session in week.sessions:
            for item in session.exercises:
                if item.progression is not None:
                    members = grouped.setdefault(item.progression.rule, [])
                    if _name(item) not in members:
                        members.append(_name(item))
    return [(", ".join(members), rule) for rule, members in grouped.items()]


# --- CSV --------------------------------------------------------------------------------------


def to_csv(program: Program | Mapping[str, Any]) -> str:
    """One row per exercise per session per week, with the header `CSV_COLUMNS`."""
    parsed = _program(program)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for week in parsed.weeks:
        for session in week.sessions:
            for order, item in enumerate(session.exercises, start=1):
                low, high = item.reps if item.reps else ("", "")
                writer.writerow(
                    [
                        week.week, str(week.deload).lower(), session.day,
                        WEEKDAYS[session.day - 1], session.name, order, item.slug, _name(item),
                        item.role or "", item.sets, low, high,
                        "" if item.seconds is None else item.seconds, item.rest_seconds,
                        "" if item.rir is None else item.rir,
                        "" if item.load_percent_1rm is None else item.load_percent_1rm,
                        session.estimated_minutes, item.why,
                    ]
                )  # fmt: skip
    return buffer.getvalue()


# --- iCalendar --------------------------------------------------------------------------------


def _ics_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_fold(line: str) -> str:
    """RFC 5545: lines of at most 75 octets, continued with CRLF and a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def first_monday(start: dt.date) -> dt.date:
    """Week 1 starts on the Monday on or after `start`."""
    return start + dt.timedelta(days=(7 - start.weekday()) % 7)


def session_date(monday: dt.date, week: Week, session: Session) -> dt.date:
    return monday + dt.timedelta(weeks=week.week - 1, days=session.day - 1)


def to_ics(
    program: Program | Mapping[str, Any],
    start: dt.date | None = None,
    at: dt.time = dt.time(18, 0),
) -> str:
    """An iCalendar file with one VEVENT per session, on its weekday, from the Monday on or
    after `start` (default: today), at local time `at`, lasting its estimated minutes."""
    parsed = _program(program)
    monday = first_monday(start or dt.date.today())
    identity = hashlib.sha1(parsed.profile.model_dump_json().encode(), usedforsecurity=False)
    key = identity.hexdigest()[:12]
    stamp = dt.datetime.combine(monday, dt.time(0, 0)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//ForgeFit//Training Program//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_ics_escape(_title(parsed))}",
    ]
    for week in parsed.weeks:
        for session in week.sessions:
            day = session_date(monday, week, session)
            begins = dt.datetime.combine(day, at)
            summary = f"{session.name} - week {week.week}{' (deload)' if week.deload else ''}"
            details = [f"{_name(i)}: {i.sets} x {_work(i)}, rest {_rest(i.rest_seconds)}"
                       for i in session.exercises]  # fmt: skip
            warmup = _warmup_text(session)
            description = "\n".join(([f"Warm-up: {warmup}"] if warmup else []) + details)
            lines += [
                "BEGIN:VEVENT",
                f"UID:forgefit-{key}-w{week.week}-d{session.day}@forgefit",
                f"DTSTAMP:{stamp}",
                f"DTSTART:{begins.strftime('%Y%m%dT%H%M%S')}",
                f"DURATION:PT{session.estimated_minutes}M",
                f"SUMMARY:{_ics_escape(summary)}",
                f"DESCRIPTION:{_ics_escape(description)}",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_ics_fold(line) for line in lines) + "\r\n"


# --- HTML -------------------------------------------------------------------------------------

PRINT_CSS = """
body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #222}h3{margin:1.2rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0}
th,td{border:1px solid #999;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eee}td.num{text-align:right}.why{font-size:.85rem;color:#333}
.note{font-style:italic}.deload{color:#555}
@media print{body{margin:0;max-width:none;font-size:11pt}section.week{break-before:page}
section.week:first-of-type{break-before:auto}.session{break-inside:avoid}a{color:inherit}}
"""


def to_html(program: Program | Mapping[str, Any]) -> str:
    """A self-contained page that prints one week per sheet."""
    parsed = _program(program)
    esc = html.escape
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(_title(parsed))}</title>",
        f"<style>{PRINT_CSS}</style></head><body>",
        f"<h1>{esc(_title(parsed))}</h1>",
        "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in _summary(parsed)) + "</ul>",
    ]
    if parsed.notes:
        parts.append("<ul>" + "".join(f"<li>{esc(n)}</li>" for n in parsed.notes) + "</ul>")
    for week in parsed.weeks:
        label = "deload" if week.deload else "building"
        parts.append(f'<section class="week {label}"><h2>Week {week.week} ({label})</h2>')
        if week.note:
            parts.append(f'<p class="note">{esc(week.note)}</p>')
        for session in week.sessions:
            parts.append(f'<div class="session"><h3>{esc(_session_heading(session))}</h3>')
            warmup = _warmup_text(session)
            if warmup:
                parts.append(f"<p><strong>Warm-up:</strong> {esc(warmup)}</p>")
            parts.append(
                "<table><thead><tr><th>#</th><th>Exercise</th><th>Sets</th><th>Reps / time</th>"
                "<th>Rest</th><th>RIR</th><th>Load</th><th>Done</th></tr></thead><tbody>"
            )
            for order, item in enumerate(session.exercises, start=1):
                why = f'<div class="why">{esc(item.why)}</div>' if week.week == 1 else ""
                parts.append(
                    f"<tr><td class=num>{order}</td><td>{esc(_name(item))}{why}</td>"
                    f"<td class=num>{item.sets}</td><td>{esc(_work(item))}</td>"
                    f"<td>{esc(_rest(item.rest_seconds))}</td><td class=num>{_rir(item)}</td>"
                    f"<td>{esc(_load(item))}</td><td></td></tr>"
                )
            parts.append("</tbody></table></div>")
        parts.append("</section>")
    rules = _progression_rules(parsed)
    if rules:
        parts.append("<section><h2>Progression</h2><ul>")
        parts += [f"<li><strong>{esc(n)}</strong>: {esc(r)}</li>" for n, r in rules]
        parts.append("</ul></section>")
    review = parsed.review
    if review is not None and review.findings:
        parts.append("<section><h2>Review</h2><ul>")
        parts += [f"<li>{esc(f.level)}: {esc(f.message)}</li>" for f in review.findings]
        parts.append("</ul></section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
