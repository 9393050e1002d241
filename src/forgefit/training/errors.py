"""The trainer's exceptions. Each carries a message a person can act on.

They subclass `forgefit.errors.ForgefitError`, so the CLI and the web app show them as messages
(the web app as 422 with the problems as JSON) without knowing the trainer's internals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forgefit.errors import ForgefitError


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One thing wrong with an input: where (`injuries[0].severity`) and what to do about it."""

    field: str
    message: str
    allowed: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"

    @property
    def label(self) -> str:
        """The field in plain words: `equipment[1]` -> "equipment", `days_per_week` -> "days
        per week" (the exact location stays in `field` for programs and the web form)."""
        return self.field.split("[", 1)[0].split(".", 1)[0].replace("_", " ")

    def to_dict(self) -> dict[str, object]:
        return {"field": self.field, "message": self.message, "allowed": list(self.allowed)}


class ProfileError(ForgefitError, ValueError):
    """The profile is invalid, or cannot be served; `problems` names every field at fault."""

    def __init__(self, problems: Sequence[FieldProblem], message: str | None = None) -> None:
        self.problems = list(problems)
        if message is None:
            count = len(self.problems)
            listed = " ".join(f"{problem}" for problem in self.problems)
            message = f"The profile has {count} problem{'s' if count != 1 else ''}. {listed}"
        super().__init__(message)

    def lines(self) -> list[str]:
        count = len(self.problems)
        header = f"The profile has {count} problem{'s' if count != 1 else ''}:"
        return [header, *(f"{p.label}: {p.message}" for p in self.problems)]


class UnservableProfileError(ProfileError):
    """A valid profile that no program can serve (say, every movement pattern is ruled out by
    injuries and equipment). `reason` says why; `changes` lists what would make it servable."""

    def __init__(self, reason: str, changes: Sequence[str]) -> None:
        self.reason = reason
        self.changes = list(changes)
        advice = " ".join(f"{change}" for change in self.changes)
        super().__init__(
            [FieldProblem("profile", reason)],
            f"Cannot build a program for this profile: {reason} What would help: {advice}",
        )

    def lines(self) -> list[str]:
        return [
            f"Cannot build a program for this profile: {self.reason}",
            "What would help:",
            *self.changes,
        ]


class ProgramError(ForgefitError, ValueError):
    """A program given to the review is not in the Program JSON shape; `problems` say where."""

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        self.problems = list(problems)
        listed = " ".join(str(problem) for problem in self.problems)
        super().__init__(f"The program is not in the expected shape. {listed}")


class PlannerError(ForgefitError, RuntimeError):
    """The planner produced a program that breaks a hard rule. This is a bug, never the
    person's fault; it is raised rather than returning an unsafe program."""
