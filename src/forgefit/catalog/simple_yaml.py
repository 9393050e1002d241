"""A fast reader for the plain block YAML that exercise records are written in.

PyYAML (even its C loader) spends ~0.25 ms on a record, which makes a 10,000-record catalog take
seconds to load. Records use a small part of YAML: block mappings and sequences, plain and
simply quoted scalars, folded (`>`) and literal (`|`) blocks, one-line flow lists and `{}`.
This reader handles exactly that part and raises `Unsupported` for anything else (anchors,
tags, multi-line flow, escapes, blank lines inside text blocks, tabs, ...); the caller then
uses PyYAML, so the result is always what PyYAML would give. Plain scalars are typed with
PyYAML's own resolver rules (so `yes` is True and `4` is 4, as in PyYAML). Tests compare the
two on every shipped record and on generated documents.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.resolver import Resolver


class Unsupported(Exception):
    """The text uses YAML this reader does not handle; parse it with PyYAML instead."""


# Characters PyYAML treats specially (other line breaks, BOM, non-printables) or that this
# reader does not handle (tabs, carriage returns): their presence means "use PyYAML".
_AWKWARD = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$")
_BLOCK_HEADER = re.compile(r"([>|])(-?)$")
# A plain scalar may not start with an indicator; these never start one we accept.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_ITEM_FORBIDDEN = re.compile(r"[\[\]{}#'\"&*!|>%@`]|: |:$|^[-?:] ")
_DECIMAL = re.compile(r"(?:0|[1-9][0-9]{0,17})$")
_RESOLVERS = Resolver.yaml_implicit_resolvers
# First characters of text PyYAML may read as something other than text when written plain.
TYPED_FIRST_CHARACTERS = frozenset(_RESOLVERS)
# Deeper documents go to PyYAML, whose caller checks nesting before building anything.
MAX_DEPTH = 8
_BOOLEANS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}


def plain_value(text: str) -> Any:
    """Type a plain scalar the way PyYAML's safe loader does (only the types records use)."""
    if not text:
        return None
    resolvers = _RESOLVERS.get(text[0])
    if resolvers is None:  # most text: no implicit type starts with this character
        return text
    if _DECIMAL.match(text):
        return int(text)
    for tag, pattern in resolvers:
        if pattern.match(text):
            if tag == "tag:yaml.org,2002:null":
                return None
            if tag == "tag:yaml.org,2002:bool":
                return _BOOLEANS[text.lower()]
            raise Unsupported(f"plain scalar of type {tag}")
    return text


def pyyaml_would_type(text: str) -> bool:
    """True when PyYAML would read this text, written plain, as something other than text."""
    resolvers = _RESOLVERS.get(text[0] if text else "")
    return resolvers is not None and any(pattern.match(text) for _, pattern in resolvers)


def has_awkward_characters(text: str) -> bool:
    """Tabs, carriage returns, BOMs, other line breaks or non-printables: PyYAML's business.

    str.isprintable (fast) is false for all of them; only when it is false does the slower
    exact check run (it is also false for harmless characters such as a no-break space)."""
    if text.replace("\n", "").isprintable():
        return False
    return _AWKWARD.search(text) is not None


class _Reader:
    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        self.final_newline = bool(lines) and lines[-1] == ""
        if self.final_newline:
            lines.pop()
        self.stripped = stripped = [line.lstrip(" ") for line in lines]
        # Indentation of every line; -1 for a blank line.
        self.indents = [
            len(line) - len(content) if content else -1
            for line, content in zip(lines, stripped, strict=True)
        ]
        # Lines that carry no structure: blank lines and comment-only lines.
        self.skippable = [not content or content[0] == "#" for content in stripped]
        self.count = len(lines)
        self.position = 0
        self.depth = 0

    # ----- line helpers ------------------------------------------------------------------

    def _peek(self) -> tuple[int, str] | None:
        """The next structure line (indentation, content), skipping blanks and comments."""
        position, skippable = self.position, self.skippable
        while position < self.count and skippable[position]:
            position += 1
        self.position = position
        if position >= self.count:
            return None
        return self.indents[position], self.stripped[position].rstrip(" ")

    # ----- structure -----------------------------------------------------------------------

    def document(self) -> Any:
        first = self._peek()
        if first is None:
            return None
        indent, content = first
        if indent != 0 or content.startswith(("---", "...", "%")):
            raise Unsupported("document markers or indented document")
        value = self._node(0)
        if self._peek() is not None:
            raise Unsupported("content after the document")
        return value

    def _node(self, indent: int) -> Any:
        peeked = self._peek()
        assert peeked is not None
        content = peeked[1]
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Unsupported("deep nesting")
        try:
            if content == "-" or content.startswith("- "):
                return self._sequence(indent)
            return self._mapping(indent)
        finally:
            self.depth -= 1

    def _mapping(self, indent: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        while True:
            peeked = self._peek()
            if peeked is None or peeked[0] < indent:
                return result
            line_indent, content = peeked
            if line_indent > indent:
                raise Unsupported("unexpected indentation")
            if content == "-" or content.startswith("- "):
                if not result:
                    raise Unsupported("sequence where a mapping was expected")
                return result  # a sequence at the parent's indentation ends this mapping
            match = _KEY.match(content)
            if match is None:
                raise Unsupported("not a simple key")
            key = plain_value(match.group(1))
            self.position += 1
            rest = match.group(2)
            if rest is None or rest == "":
                result[key] = self._nested(indent)
            else:
                result[key] = self._inline(rest, indent)

    def _nested(self, indent: int) -> Any:
        """The value of `key:` with nothing after the colon."""
        peeked = self._peek()
        if peeked is None:
            return None
        next_indent, content = peeked
        is_item = content == "-" or content.startswith("- ")
        if next_indent > indent or (next_indent == indent and is_item):
            return self._node(next_indent)
        return None

    def _sequence(self, indent: int) -> list[Any]:
        result: list[Any] = []
        while True:
            peeked = self._peek()
            if peeked is None or peeked[0] < indent:
                return result
            line_indent, content = peeked
            if line_indent > indent:
                raise Unsupported("unexpected indentation in a sequence")
            if not (content == "-" or content.startswith("- ")):
                return result  # the parent mapping continues
            item = content[1:].lstrip(" ")
            if not item:
                self.position += 1
                result.append(self._nested(indent))
                continue
            column = indent + (len(content) - len(item))
            if item.startswith("- "):
                raise Unsupported("nested sequence on one line")
            if _KEY.match(item):
                # "- key: value" starts a mapping whose keys line up with this one.
                self.stripped[self.position] = item
                self.indents[self.position] = column
                result.append(self._node(column))
                continue
            self.position += 1
            result.append(self._inline(item, indent))

    # ----- scalars -----------------------------------------------------------------------

    def _inline(self, text: str, parent_indent: int) -> Any:
        """A value written after `key: ` or `- `; continuation lines must be indented deeper
        than parent_indent."""
        first = text[0]
        if first in "[{":
            return self._flow(text)
        if first == "'":
            return self._single_quoted(text)
        if first == '"':
            if len(text) < 2 or not text.endswith('"') or '"' in text[1:-1] or "\\" in text:
                raise Unsupported("double-quoted scalar with escapes or on several lines")
            return text[1:-1]
        if first in "|>":
            return self._block_scalar(text, parent_indent)
        if first in _INDICATORS:
            raise Unsupported("scalar starting with an indicator")
        return self._plain(text, parent_indent)

    def _plain(self, text: str, parent_indent: int) -> Any:
        _check_plain(text)
        parts = [text]
        stripped, indents = self.stripped, self.indents
        while self.position < self.count:
            line_indent = indents[self.position]
            if line_indent < 0:
                # A blank line inside a plain scalar is a line break: leave that to PyYAML.
                if self._continues_after_blank(parent_indent):
                    raise Unsupported("blank line inside a plain scalar")
                break
            if line_indent <= parent_indent:
                break
            content = stripped[self.position].rstrip(" ")
            if content[0] in _INDICATORS:
                raise Unsupported("continuation line starting with an indicator")
            _check_plain(content)
            parts.append(content)
            self.position += 1
        if len(parts) == 1:
            return plain_value(text)
        return plain_value(" ".join(parts))

    def _continues_after_blank(self, parent_indent: int) -> bool:
        for line_indent in self.indents[self.position :]:
            if line_indent >= 0:
                return line_indent > parent_indent
        return False

    def _single_quoted(self, text: str) -> str:
        if len(text) < 2 or not text.endswith("'"):
            raise Unsupported("single-quoted scalar on several lines or with a comment")
        inner = text[1:-1]
        if "'" in inner.replace("''", ""):
            raise Unsupported("quote inside a single-quoted scalar")
        return inner.replace("''", "'")

    def _flow(self, text: str) -> Any:
        if text == "{}":
            return {}
        if not (text.startswith("[") and text.endswith("]")):
            raise Unsupported("flow mapping or multi-line flow sequence")
        inner = text[1:-1].strip(" ")
        if not inner:
            return []
        items = []
        for raw in inner.split(","):
            item = raw.strip(" ")
            if not item or _FLOW_ITEM_FORBIDDEN.search(item):
                raise Unsupported("flow item this reader does not handle")
            items.append(plain_value(item))
        return items

    def _block_scalar(self, header: str, parent_indent: int) -> str:
        match = _BLOCK_HEADER.match(header)
        if match is None:
            raise Unsupported("block scalar header with indentation, keep or comment")
        style, chomp = match.groups()
        stripped, indents = self.stripped, self.indents
        body: list[str] = []
        block_indent = -1
        while self.position < self.count:
            line_indent = indents[self.position]
            if line_indent < 0:
                if self._continues_after_blank(parent_indent):
                    raise Unsupported("blank line inside a text block")
                break
            if line_indent <= parent_indent:
                break
            if block_indent < 0:
                block_indent = line_indent
            content = stripped[self.position]
            if line_indent != block_indent or content.endswith(" "):
                raise Unsupported("uneven indentation or trailing spaces in a text block")
            body.append(content)
            self.position += 1
        if not body:
            raise Unsupported("empty text block")
        text = (" " if style == ">" else "\n").join(body)
        at_end_without_newline = self.position >= self.count and not self.final_newline
        return text if chomp == "-" or at_end_without_newline else text + "\n"


def _check_plain(text: str) -> None:
    if ": " in text or " #" in text or text.endswith(":"):
        raise Unsupported("plain scalar with ': ', ' #' or a final ':'")


def parse(text: str) -> Any:
    """Parse a record's text; raise Unsupported when PyYAML must do it."""
    if _AWKWARD.search(text):
        raise Unsupported("characters this reader leaves to PyYAML")
    try:
        return _Reader(text).document()
    except RecursionError:
        raise Unsupported("deep nesting") from None
