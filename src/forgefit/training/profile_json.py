"""Reading a profile's JSON text, refusing what could only be an attack or a mistake before
Pydantic sees it: numbers hundreds of digits long (Python's int parsing is slow on them), NaN and
Infinity, nesting deep enough to exhaust the stack, text that is not UTF-8."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from forgefit.training.errors import FieldProblem, ProfileError

# Digits in the longest number a profile holds (a seed); longer ones are refused when read.
MAX_NUMBER_DIGITS = 18


def _refuse_long_number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _LongNumber(len(text))
    return int(text)


def _refuse_constant(name: str) -> float:
    raise _NotANumber(name)


class _LongNumber(ValueError):
    def __init__(self, digits: int) -> None:
        self.digits = digits


class _NotANumber(ValueError):
    def __init__(self, name: str) -> None:
        self.name = name


def decode_profile(raw: str | bytes | Mapping[str, Any]) -> dict[str, Any]:
    """The profile's JSON as a dict, or a ProfileError saying plainly what is wrong with it."""
    if isinstance(raw, Mapping):
        return dict(raw)

    def problem(message: str) -> ProfileError:
        return ProfileError([FieldProblem("profile", message)])

    try:
        data = json.loads(raw, parse_int=_refuse_long_number, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise problem(f"is not valid JSON ({error.msg} at {where}).") from None
    except UnicodeDecodeError:
        raise problem("is not UTF-8 text.") from None
    except _LongNumber as error:
        raise problem(
            f"holds a number {error.digits} digits long; the numbers in a profile are small "
            "(days per week, minutes, weeks, a seed)."
        ) from None
    except _NotANumber as error:
        raise problem(f"holds {error.name}, which is not a number JSON allows.") from None
    except RecursionError:
        raise problem("is nested too deeply to be a profile; check the brackets.") from None
    if not isinstance(data, dict):
        raise problem(f"must be a JSON object, not {type(data).__name__}.")
    return data
