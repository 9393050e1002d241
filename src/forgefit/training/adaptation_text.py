"""How the adaptation writes loads and logged sets into its records, and what it asks of a person
who has no starting load yet."""

from __future__ import annotations

from typing import Final

START_INSTRUCTION: Final = (
    "Pick a weight you could lift about 4 more times at the end of each set; "
    "what you report sets the next session."
)


def load_text(load: float | None) -> str:
    """ "60 kg", or "-" for no load."""
    return "-" if load is None else f"{load:g} kg"


def sets_text(reps: list[int], load: float | None, rir: int | None) -> str:
    """ "3 x 8 at 60 kg, RIR 3 reported": the data a change was made from."""
    first = reps[0]
    shown = f"{len(reps)} x {first}" if reps.count(first) == len(reps) else "+".join(map(str, reps))
    where = "" if load is None else f" at {load:g} kg"
    effort = "" if rir is None else f", RIR {rir} reported"
    return f"{shown}{where}{effort}"
