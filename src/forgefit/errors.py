"""The exceptions ForgeFit raises. Each carries a message a user can act on."""

from __future__ import annotations

from collections.abc import Sequence


class ForgefitError(Exception):
    """Base class: anything the CLI or web app should show as a message, not a traceback."""


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


class UnknownTermError(ForgefitError, ValueError):
    """A filter or field named a vocabulary term that does not exist."""

    def __init__(self, kind: str, value: str, allowed: list[str]) -> None:
        self.kind = kind
        self.value = value
        self.allowed = allowed
        super().__init__(f"Unknown {kind} '{value}'. Allowed values: {', '.join(allowed)}.")
