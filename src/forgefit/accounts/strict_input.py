"""Request bodies take JSON's own types, as their schema says: a number where it says integer,
true or false where it says boolean, a date as ISO 8601 text. Pydantic's lax mode would read
`"5"` or `true` as 5 reps, `"yes"` as true and `0` as 1 January 1970; a client sending those has
a bug we should name, not guess around (the schema fuzz test sends such bodies). Body models set
`strict=True` and declare their dates with the types below."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated

from pydantic import BeforeValidator, Field


def _text_not_number(message: str) -> Callable[[object], object]:
    """A check run before pydantic parses a date: numbers (and true/false) are refused."""

    def check(value: object) -> object:
        if isinstance(value, bool | int | float):
            raise ValueError(message)
        return value

    return check


# Strictness is lifted for the dates alone: JSON has no date type, so they arrive as text that
# pydantic parses; numbers are refused before that.
Timestamp = Annotated[
    datetime,
    Field(strict=False),
    BeforeValidator(_text_not_number("must be a date and time as text, e.g. 2026-11-29T18:30:00Z")),
]
Day = Annotated[
    date,
    Field(strict=False),
    BeforeValidator(_text_not_number("must be a date as text, e.g. 2026-11-29")),
]
