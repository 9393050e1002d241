"""Reading one catalog file into plain data, safely and fast.

Safe: only regular files are opened (a FIFO named `x.yaml` would block forever), at most
`MAX_RECORD_BYTES` are read, and YAML that could blow up in memory or stack (aliases, which
make "billion laughs" bombs possible; nesting deeper than any record needs, which crashes the
C parser) is refused with a message before PyYAML builds anything.

Fast: records are read by `simple_yaml` when they stay within its plain subset, which is what
our records use; anything else goes through PyYAML's C loader. Either way the result is what
PyYAML's safe loader would give.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

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


def parse_yaml_bytes(data: bytes, display_name: str) -> tuple[object, list[Problem]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
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
