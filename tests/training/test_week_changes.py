"""The week builder remembers its weekly volume until the week changes: every way a session's
exercises or a slot's sets can change must make it count again, or later guards would judge
by a stale week."""

from __future__ import annotations

import pytest

from forgefit.catalog import Catalog
from forgefit.training.construct import WeekBuilder
from forgefit.training.pool import build_pool
from forgefit.training.profile import parse_profile
from forgefit.training.slots import Filler
from forgefit.training.templates import choose_template, training_data
from forgefit.training.week_parts import BuiltSession, WeekSnapshot


def _builder(catalog: Catalog) -> WeekBuilder:
    profile = parse_profile(
        {"goal": "hypertrophy", "experience": "intermediate", "days_per_week": 4,
         "minutes_per_session": 60, "preset": "full-gym", "seed": 3},
        catalog,
    )  # fmt: skip
    pool = build_pool(catalog, profile)
    filler = Filler(profile, pool, training_data(), profile.seed)
    builder = WeekBuilder(profile, choose_template(profile), filler, catalog.vocab)
    builder.build()
    return builder


def _counted(sessions: list[BuiltSession]) -> dict[str, float]:
    """The week's sets per group, counted from scratch."""
    totals: dict[str, float] = {}
    for session in sessions:
        for slot in session.slots:
            for group, credit in slot.facts.credits:
                totals[group] = totals.get(group, 0.0) + credit * slot.sets
    return totals


def _same(builder: WeekBuilder) -> None:
    measured = builder.volume()
    counted = _counted(builder.sessions)
    assert measured.keys() == counted.keys()
    for group, sets in counted.items():
        assert measured[group] == pytest.approx(sets)


def test_every_kind_of_change_is_counted(catalog: Catalog) -> None:
    builder = _builder(catalog)
    first, second = builder.sessions[0], builder.sessions[1]
    assert len(first.slots) >= 3 and len(second.slots) >= 3
    _same(builder)
    before = builder.volume()
    snapshot = WeekSnapshot(builder.sessions)

    first.slots[0].sets += 2
    _same(builder)
    assert builder.volume() != before

    moved = first.slots.pop()
    _same(builder)
    second.slots.append(moved)
    _same(builder)
    second.slots.remove(moved)
    _same(builder)
    second.slots.insert(0, moved)
    _same(builder)
    second.slots[0] = first.slots[1]
    _same(builder)
    del second.slots[0]
    _same(builder)
    second.slots.extend([moved])
    _same(builder)
    second.slots += [first.slots[0]]
    _same(builder)
    second.slots.sort(key=lambda slot: slot.facts.slug)
    _same(builder)
    first.slots = [*first.slots[:1]]
    _same(builder)
    second.slots.clear()
    _same(builder)

    snapshot.restore()
    _same(builder)
    assert builder.volume() == before


def test_an_unchanged_week_is_not_counted_again(catalog: Catalog) -> None:
    builder = _builder(catalog)
    builder.volume()
    first = builder.volume()
    slot = builder.sessions[0].slots[0]
    slot.sets = slot.sets  # the same count: nothing changed
    assert builder.volume() == first
    # A slot made but not taken by any session changes no week.
    spec = builder.sessions[0].slots[0].spec
    made = builder.make_slot(spec, builder.sessions[1])
    assert made is not None
    assert builder.volume() == first
    _same(builder)
