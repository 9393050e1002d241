"""Strict decoding of JSON request bodies, so hostile JSON gets a 422 naming the field.

Python's `json` module, left alone, turns a few inputs into server errors or silent surprises:
nesting a few thousand levels deep raises RecursionError, an integer of more than 4,300 digits
raises ValueError, and a key given twice silently keeps the last value. This module checks the
nesting depth before parsing (without recursion), parses numbers and objects through hooks that
mark what they reject, and then reports every problem with the path of the field it sits in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

# Profiles nest three levels (profile -> injuries -> injury); 32 leaves room for any sane body.
MAX_DEPTH = 32
# Twenty digits hold any 64-bit integer; nothing a request needs is longer.
MAX_NUMBER_DIGITS = 20

# Everything that changes nesting or starts/ends a string; the text between is skipped by re.
_STRUCTURE = re.compile(rb'["\\\[\]{}]')


@dataclass(frozen=True, slots=True)
class BodyProblem:
    """One thing wrong with a JSON body: the field's path (`injuries[0].joint`) and why."""

    field: str
    message: str


class BodyError(ValueError):
    """The body is not JSON we accept; `problems` name every field at fault."""

    def __init__(self, problems: list[BodyProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


@dataclass(frozen=True, slots=True)
class _Rejected:
    """Stands where a value was refused during parsing, so the walk can name its field."""

    reason: str


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys given more than once."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        duplicates: list[str] = []
        for key, _ in pairs:
            if key in seen and key not in duplicates:
                duplicates.append(key)
            seen.add(key)
        result.duplicates = tuple(duplicates)
    return result


def _integer(text: str) -> int | _Rejected:
    digits = len(text.lstrip("-"))
    if digits > MAX_NUMBER_DIGITS:
        return _Rejected(
            f"is a number with {digits:,} digits; at most {MAX_NUMBER_DIGITS} are allowed."
        )
    return int(text)


def _decimal(text: str) -> float | _Rejected:
    if len(text) > MAX_NUMBER_DIGITS * 2:
        return _Rejected(f"is a number {len(text):,} characters long; write it shorter.")
    return float(text)


def _constant(name: str) -> _Rejected:
    return _Rejected(f"{name} is not a JSON number; give a finite number.")


def nesting_depth(body: bytes) -> int:
    """The deepest nesting of arrays and objects in `body`, ignoring brackets inside strings."""
    depth = deepest = 0
    in_string = False
    escaped_at = -1  # the position a backslash inside a string escapes
    for match in _STRUCTURE.finditer(body):
        position, char = match.start(), match.group()
        if position == escaped_at:
            continue
        if in_string:
            if char == b"\\":
                escaped_at = position + 1
            elif char == b'"':
                in_string = False
        elif char == b'"':
            in_string = True
        elif char in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif char in (b"]", b"}"):
            depth -= 1
    return deepest


def _field(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _collect(value: Any, path: str, problems: list[BodyProblem]) -> None:
    if isinstance(value, _Rejected):
        problems.append(BodyProblem(path or "body", value.reason))
    elif isinstance(value, dict):
        for key in getattr(value, "duplicates", ()):
            problems.append(
                BodyProblem(_field(path, key), "is given more than once; give each field once.")
            )
        for key, item in value.items():
            _collect(item, _field(path, key), problems)
    elif isinstance(value, list):
        for position, item in enumerate(value):
            _collect(item, _field(path, position), problems)


def decode_json_body(body: bytes) -> Any:
    """Parse a request body as strict JSON; raise BodyError naming every field at fault."""
    depth = nesting_depth(body)
    if depth > MAX_DEPTH:
        raise BodyError(
            [BodyProblem("body", f"nests {depth:,} levels deep; at most {MAX_DEPTH} allowed.")]
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BodyError([BodyProblem("body", "is not UTF-8 text.")]) from None
    try:
        data = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_integer,
            parse_float=_decimal,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        problem = BodyProblem("body", f"is not valid JSON ({error.msg} at {where}).")
        raise BodyError([problem]) from None
    problems: list[BodyProblem] = []
    _collect(data, "", problems)
    if problems:
        raise BodyError(problems)
    return data
