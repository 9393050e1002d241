"""The exceptions ForgeFit raises. Each carries a message a user can act on."""

from __future__ import annotations

import difflib
from collections.abc import Sequence


class ForgefitError(Exception):
    """Base class: anything the CLI or web app should show as a message, not a traceback."""

    def lines(self) -> list[str]:
        """The message as the CLI prints it: a first line, then one line per detail."""
        return [str(self)]


class CatalogError(ForgefitError):
    """The catalog data is invalid; `problems` lists every finding."""

    def __init__(self, problems: Sequence[object], message: str | None = None) -> None:
        self.problems = list(problems)
        count = len(problems)
        super().__init__(
            message
            or f"The catalog has {count} problem{'s' if count != 1 else ''}; "
            "run `forgefit catalog check` to list them."
        )


class UnknownExerciseError(ForgefitError, LookupError):
    """No exercise has the given slug; `suggestions` holds close matches."""

    def __init__(self, slug: str, suggestions: list[str]) -> None:
        self.slug = slug
        self.suggestions = suggestions
        hint = (
            f" Did you mean: {', '.join(suggestions)}?"
            if suggestions
            else " List every slug with `forgefit exercises`."
        )
        super().__init__(f"No exercise with slug '{slug}'.{hint}")


def close_match(value: str, allowed: Sequence[str]) -> str | None:
    """The allowed term a typo most likely meant ("dumbells" -> "dumbbell"), if any is close.
    Long inputs get none: they are not typos, and comparing them costs time."""
    if len(value) > 60:
        return None
    matches = difflib.get_close_matches(value.lower(), list(allowed), n=1, cutoff=0.6)
    return matches[0] if matches else None


class UnknownTermError(ForgefitError, ValueError):
    """A filter or field named a vocabulary term that does not exist. The message offers the
    closest term when there is one, and the whole list only when there is none."""

    def __init__(self, kind: str, value: str, allowed: list[str]) -> None:
        self.kind = kind
        self.value = value
        self.allowed = allowed
        self.suggestion = close_match(value, allowed)
        shown = value if len(value) <= 60 else value[:55] + "..."
        hint = (
            f"Did you mean '{self.suggestion}'?"
            if self.suggestion
            else f"Allowed values: {', '.join(allowed)}."
        )
        super().__init__(f"Unknown {kind} '{shown}'. {hint}")
