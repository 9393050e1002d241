"""Exports: Markdown for people, CSV, iCalendar on the right weekdays, printable HTML."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from forgefit.training import CSV_COLUMNS, Program, to_csv, to_html, to_ics, to_markdown
from tests.training.conftest import Plan


@pytest.fixture
def program(plan: Plan) -> Program:
    return plan(days_per_week=4, experience="intermediate", weeks=5)


def unfold(text: str) -> list[str]:
    """RFC 5545 lines, with folded continuations joined back."""
    lines: list[str] = []
    for raw in text.split("\r\n"):
        if raw.startswith(" ") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def events(text: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in unfold(text):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            found.append(current)
            current = None
        elif current is not None:
            key, _, value = line.partition(":")
            current[key.split(";")[0]] = value
    return found


def test_ics_has_one_event_per_session_on_its_weekday(program: Program):
    text = to_ics(program, start=dt.date(2026, 1, 7))  # a Wednesday: week 1 starts Monday 12th
    found = events(text)
    sessions = [(w, s) for w in program.weeks for s in w.sessions]
    assert len(found) == len(sessions)
    for event, (week, session) in zip(found, sessions, strict=True):
        start = dt.datetime.strptime(event["DTSTART"], "%Y%m%dT%H%M%S")
        assert start.isoweekday() == session.day
        offset = dt.timedelta(weeks=week.week - 1, days=session.day - 1)
        assert start.date() == dt.date(2026, 1, 12) + offset
        assert event["DURATION"] == f"PT{session.estimated_minutes}M"
        assert session.name in event["SUMMARY"]
    assert len({e["UID"] for e in found}) == len(found)


def test_ics_is_well_formed(program: Program):
    text = to_ics(program, start=dt.date(2026, 1, 5))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\n" not in text.replace("\r\n", "")
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT")


def test_ics_escapes_commas_and_semicolons(program: Program):
    description = next(e["DESCRIPTION"] for e in events(to_ics(program, dt.date(2026, 1, 5))))
    assert "\\," in description and "\\n" in description


def test_csv_has_the_header_and_one_row_per_exercise(program: Program):
    rows = list(csv.reader(io.StringIO(to_csv(program))))
    assert tuple(rows[0]) == CSV_COLUMNS
    total = sum(len(s.exercises) for w in program.weeks for s in w.sessions)
    assert len(rows) == total + 1
    first = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    item = program.weeks[0].sessions[0].exercises[0]
    assert first["slug"] == item.slug and int(first["sets"]) == item.sets
    assert first["weekday"] == "Monday" and first["why"] == item.why


def test_markdown_lists_every_session_with_its_exercises(program: Program):
    text = to_markdown(program)
    assert text.startswith("# Your 5-week hypertrophy (muscle size) program")
    assert "## Week 5 (deload)" in text
    for session in program.weeks[0].sessions:
        assert session.name in text
        for item in session.exercises:
            assert f"**{item.name}**: {item.why}" in text
    assert "## Progression" in text and "## Review" in text


def test_html_is_printable_and_escaped(plan: Plan):
    program = plan()
    program.notes.append("Watch <script>alert(1)</script> & more")
    page = to_html(program)
    assert page.startswith("<!doctype html>")
    assert "@media print" in page and "break-before:page" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    for item in program.weeks[0].sessions[0].exercises:
        assert item.name is not None and item.name in page


def test_exports_accept_the_program_json(program: Program):
    data = program.to_dict()
    assert to_csv(data) == to_csv(program)
    assert to_markdown(data) == to_markdown(program)
