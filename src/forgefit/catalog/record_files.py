"""Reading one catalog file into plain data, safely and fast.

Safe: only regular files are opened (a FIFO named `x.yaml` would block forever), at most
`MAX_RECORD_BYTES` are read, and YAML that could blow up in memory or stack (aliases, which
make "billion laughs" bombs possible; nesting deeper than any record needs, which crashes the
C parser) is refused with a message before PyYAML builds anything.

Fast: PyYAML, even with its C parser, spends ~0.25 ms on a record, seconds for a large catalog.
So a record is first read by yaml-rs (a Rust YAML parser, ~5x faster), but only when nothing in
it could be read differently by the two: yaml-rs follows YAML 1.2, PyYAML YAML 1.1 (where `yes`
is true and `012` is octal). A screen of the text (no tags, anchors, escapes, document markers,
deep nesting or unusual numbers) and a check of the result (no value PyYAML would type
differently) decide; otherwise `simple_yaml` (PyYAML's rules for our plain subset) or PyYAML
itself reads the file. Whichever reads it, the result is what PyYAML's safe loader gives; tests
compare them on every shipped record and on generated documents.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

from forgefit.catalog import simple_yaml
from forgefit.catalog.validation import Problem
from forgefit.errors import ForgefitError
from forgefit.files import InputTooLargeError, read_bounded

_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A record is a few KB; the vocabulary file tens of KB.
MAX_RECORD_BYTES = 1024 * 1024
MAX_VOCABULARY_BYTES = 4 * 1024 * 1024
# Records nest three deep (faqs -> item -> answer); the vocabulary four.
MAX_NESTING = 16

# Screens for text yaml-rs must not read (see _safe_for_yaml_rs); each starts with a literal so
# the regex engine jumps between candidates instead of trying every position.
# Long runs of indentation and indicators (deep nesting), and lines of only spaces (which
# block scalars treat differently).
_DEEP_OR_SPACES_ONLY_LINE = re.compile(r"\n(?:[ ?:-]{33}| +(?:\n|\Z))")
_ZERO_NUMBER = re.compile(r"0[0-9oO]")  # 012 is octal in YAML 1.1, twelve in YAML 1.2
_NODE_PROPERTY = re.compile(r"(?:^|[\s\[{,])[!&*]", re.MULTILINE)  # tags, anchors, aliases
_PLAIN_BLOCK_HEADER = re.compile(r"-? *")
_MAX_FLOW_BRACKETS = 64
_SIMPLE_KEYS = (str, int, bool, type(None))


def read_yaml_file(
    path: Path, display_name: str, limit: int = MAX_RECORD_BYTES
) -> tuple[object, list[Problem]]:
    """Parse one YAML file; every failure becomes a Problem with a fix, never an exception."""
    try:
        data = read_bounded(path, limit, "record")
    except InputTooLargeError:
        size = f"{limit // (1024 * 1024)} MB"
        return None, [
            Problem(
                display_name,
                "file",
                f"is larger than {size}; a record is a few KB. Check "
                "that this file is an exercise record.",
            )
        ]
    except ForgefitError as error:
        return None, [Problem(display_name, "file", str(error))]
    return parse_yaml_bytes(data, display_name)


def reader_for(text: str) -> str:
    """Which reader takes this text: "yaml-rs", "simple" or "pyyaml" (for tests and for
    finding records that load slowly)."""
    if _read_with_yaml_rs(text) is not _DECLINED:
        return "yaml-rs"
    try:
        simple_yaml.parse(text)
    except simple_yaml.Unsupported:
        return "pyyaml"
    return "simple"


def parse_yaml_bytes(data: bytes, display_name: str) -> tuple[object, list[Problem]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        quick = _read_with_yaml_rs(text)
        if quick is not _DECLINED:
            return quick, []
        try:
            return simple_yaml.parse(text), []
        except simple_yaml.Unsupported:
            pass
    try:
        refusal = _unsafe_structure(data)
        if refusal is not None:
            return None, [Problem(display_name, "yaml", refusal)]
        return yaml.load(data, Loader=_YAML_LOADER), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        reason = error.problem or error.context or "invalid YAML"
        return None, [Problem(display_name, "yaml", f"{where}{reason}; fix the YAML syntax.")]
    except (yaml.YAMLError, UnicodeDecodeError, ValueError, RecursionError) as error:
        reason = str(error)[:200]
        return None, [Problem(display_name, "yaml", f"cannot be read as YAML ({reason}).")]


def _unsafe_structure(data: bytes) -> str | None:
    """Why the YAML must not be built into objects (None when it may): walks the parser's
    events, which libyaml produces without recursion, so this check itself cannot crash."""
    depth = 0
    for event in yaml.parse(data, Loader=_YAML_LOADER):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            where = f"line {mark.line + 1}: " if mark else ""
            return (
                f"{where}uses a YAML alias (*{event.anchor}); records do not need anchors or "
                "aliases, and they can make a small file expand without limit. Write the "
                "values out."
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                return (
                    f"nests lists or mappings more than {MAX_NESTING} deep; a record needs "
                    "three levels at most. Check the indentation and brackets."
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


_DECLINED = object()


def _read_with_yaml_rs(text: str) -> object:
    """The document as PyYAML would read it, or _DECLINED when yaml-rs cannot be trusted to
    agree (see the module doc)."""
    if not _safe_for_yaml_rs(text):
        return _DECLINED
    try:
        document = yaml_rs.loads(
            text,
            parse_datetime=False,
            duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.LastWins,
        )
    except Exception:  # any error: PyYAML reads the file and words the message
        return _DECLINED
    return document if _agrees_with_pyyaml(document) else _DECLINED


def _safe_for_yaml_rs(text: str) -> bool:
    """True for text where YAML 1.1 and 1.2 cannot differ and nesting stays shallow: a
    mapping from the first character, a final newline, no tabs or unusual characters, no
    document markers, tags, anchors, aliases or escapes, few brackets, no octal-looking
    numbers, and plain text blocks (_block_scalars_are_plain)."""
    if (
        not text[:1].isalpha()
        or not text.endswith("\n")
        or "\\" in text
        or "\n---" in text
        or "\n..." in text
        or "\n%" in text
        or text.count("[") + text.count("{") > _MAX_FLOW_BRACKETS
        or simple_yaml.has_awkward_characters(text)
        or _DEEP_OR_SPACES_ONLY_LINE.search(text)
    ):
        return False
    if ("!" in text or "&" in text or "*" in text) and _NODE_PROPERTY.search(text):
        return False
    for number in _ZERO_NUMBER.finditer(text):
        before = text[number.start() - 1 : number.start()]
        if not (before.isalnum() or before in "._"):
            return False
    return _block_scalars_are_plain(text)


def _block_scalars_are_plain(text: str) -> bool:
    """Every block scalar (`key: >-`, `- |`) has a plain header and its text starts on the next
    line, indented deeper than the header's line: the edge cases (empty blocks, keep and
    indentation indicators, comments) are read differently by the two parsers."""
    for position in _indicator_positions(text):
        line_start = text.rfind("\n", 0, position) + 1
        before = text[line_start:position]
        stripped = before.strip(" ")
        if not (before.endswith(" ") and (stripped.endswith(":") or stripped == "-")):
            continue  # a '>' or '|' inside text
        line_end = text.find("\n", position)
        if line_end < 0 or not _PLAIN_BLOCK_HEADER.fullmatch(text, position + 1, line_end):
            return False
        header_indent = len(before) - len(before.lstrip(" "))
        next_end = text.find("\n", line_end + 1)
        following = text[line_end + 1 : next_end if next_end >= 0 else len(text)]
        content = following.lstrip(" ")
        if not content or len(following) - len(content) <= header_indent:
            return False
    return True


def _indicator_positions(text: str) -> list[int]:
    """Where '>' and '|' occur (str.find is far faster than a regex over the whole text)."""
    positions = []
    for character in ">|":
        position = text.find(character)
        while position >= 0:
            positions.append(position)
            position = text.find(character, position + 1)
    return positions


def _agrees_with_pyyaml(document: object) -> bool:
    """True when no value in the document could have been typed differently by PyYAML: no
    text that PyYAML would type when written plain (`yes`, `1_000`, `2024-01-01`), no floats
    (`1e3` differs), dates, bytes or unusual keys. Written for speed: it runs on every record."""
    pending: list[Any] = [document]
    pop, push, extend = pending.pop, pending.append, pending.extend
    typed_first = simple_yaml.TYPED_FIRST_CHARACTERS
    while pending:
        node = pop()
        kind = type(node)
        if kind is str:
            if node[:1] in typed_first and _would_be_typed(node):
                return False
        elif kind is dict:
            for key, value in node.items():
                key_kind = type(key)
                if key_kind is str:
                    if key[:1] in typed_first and _would_be_typed(key):
                        return False
                elif key_kind not in _SIMPLE_KEYS:
                    return False
                push(value)
        elif kind is list:
            extend(node)
        elif kind not in _SIMPLE_KEYS:
            return False  # floats, dates, bytes: leave to PyYAML
    return True


# Answers for short texts (field names, vocabulary terms) repeat across records: remember them.
_TYPED: dict[str, bool] = {}


def _would_be_typed(text: str) -> bool:
    known = _TYPED.get(text)
    if known is None:
        known = simple_yaml.pyyaml_would_type(text)
        if len(text) <= 40 and len(_TYPED) < 10_000:
            _TYPED[text] = known
    return known
