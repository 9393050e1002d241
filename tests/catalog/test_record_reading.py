"""The fast record reader gives exactly what PyYAML gives, and reading never crashes.

Hypothesis runs a bounded number of examples (the counts are in each `settings`); a failure
prints the smallest document that shows the difference.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forgefit.catalog import load_vocabulary, simple_yaml
from forgefit.catalog.record_files import parse_yaml_bytes, reader_for
from forgefit.catalog.validation import validate_record
from forgefit.catalog.vocabulary import DATA_DIR

SHIPPED = sorted((DATA_DIR / "exercises").glob("*.yaml"))
FUZZ = settings(
    max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def pyyaml(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def same_as_pyyaml(text: str) -> bool:
    """True when both fast readers (yaml-rs behind its screen, then simple_yaml) read the
    text exactly as PyYAML does, or decline it; the full reading function agrees too."""
    try:
        expected = pyyaml(text)
    except (yaml.YAMLError, RecursionError):
        expected = ERROR
    try:
        fast = simple_yaml.parse(text)
    except simple_yaml.Unsupported:
        pass
    else:
        assert expected is not ERROR, f"simple_yaml accepted text PyYAML rejects:\n{text}"
        assert fast == expected and type(fast) is type(expected), text
    raw, problems = parse_yaml_bytes(text.encode("utf-8"), "doc.yaml")
    if expected is ERROR:
        assert problems, f"read text PyYAML rejects:\n{text}"
    elif problems:  # only our refusals may stop a document PyYAML reads
        assert any(word in problems[0].message for word in ("alias", "deep")), problems
    else:
        assert raw == expected, text
        assert type(raw) is type(expected)
    return True


ERROR = object()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_record_reads_the_same_as_with_pyyaml(path: Path):
    text = path.read_text(encoding="utf-8")
    assert same_as_pyyaml(text)


def test_nearly_every_shipped_record_takes_a_fast_path():
    readers = {path.name: reader_for(path.read_text(encoding="utf-8")) for path in SHIPPED}
    slow = sorted(name for name, reader in readers.items() if reader == "pyyaml")
    # A few unusual records may need PyYAML; many would make loading slow again.
    assert len(slow) <= len(SHIPPED) // 20, slow
    assert sum(reader == "yaml-rs" for reader in readers.values()) >= len(SHIPPED) * 0.9


def test_plain_words_are_typed_as_pyyaml_types_them():
    text = "a: yes\nb: No\nc: ~\nd: 4\ne: null\nf: Off\ng: text\nh: 0\ni: [on, 7, x]\n"
    assert simple_yaml.parse(text) == pyyaml(text)
    for declined in ("a: 1.5\n", "a: 2024-01-01\n", "a: 012\n", "a: 1_000\n", "a: &x 1\n"):
        with pytest.raises(simple_yaml.Unsupported):
            simple_yaml.parse(declined)


# ----- generated documents -----------------------------------------------------------------

TRICKY_WORDS = st.sampled_from(
    ["Yes", "no", "on", "null", "~", "07", "1.5", "a: b", "x #y", "C#", "-", "- x", "'q'",
     '"d"', "[a]", "{b}", "it's", "x:", "?", "&a", "*a", "!t", "%", "@", "`", "|", ">",
     " lead", "trail ", "", "2024-01-01", "1_0", "0x1F", "+5", ".5", "<<", "=", "é", "💪"]
)  # fmt: skip
PLAIN_WORDS = st.sampled_from(["squat", "Press", "the", "bar", "knee", "4", "x", "Off", "up"])
# Mostly plain words, so that most documents stay within the fast reader's subset and the
# comparison with PyYAML is exercised, with a tricky word now and then.
WORDS = st.one_of(*[PLAIN_WORDS] * 9, TRICKY_WORDS)
TEXT = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
SCALAR = st.one_of(TEXT, st.integers(-5, 10**6), st.none(), st.booleans())
# Keys as records write them; unusual keys are covered by the line soup below.
KEY = st.sampled_from(["name", "tips", "knee", "lower-back", "a", "b_c", "question", "x1"])
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEY, inner, max_size=4)),
    max_leaves=12,
)
DOCUMENT = st.dictionaries(KEY, VALUE, min_size=1, max_size=6)


@FUZZ
@given(
    DOCUMENT,
    st.sampled_from([None, False]),
    st.sampled_from([2, 4]),
    st.sampled_from([20, 80, 1000]),
)
def test_dumped_documents_read_the_same_as_with_pyyaml(document, flow, indent, width):
    text = yaml.safe_dump(
        document, default_flow_style=flow, indent=indent, width=width, allow_unicode=True
    )
    assert same_as_pyyaml(text)


LINE = st.tuples(
    st.sampled_from(["", "  ", "    ", "      ", " "]),
    st.sampled_from(["", "- ", "key: ", "other: ", "- key: ", "-", "key:", "# ", "? "]),
    st.one_of(TEXT, st.sampled_from([">-", "|", ">", "|-", ">+", "[a, b]", "[]", "{}", "[a,"])),
).map("".join)


@FUZZ
@given(st.lists(LINE, min_size=1, max_size=10).map("\n".join))
def test_line_soup_is_declined_or_read_the_same_as_with_pyyaml(text: str):
    assert same_as_pyyaml(text)
    assert same_as_pyyaml(text + "\n")


# ----- the loader never crashes ------------------------------------------------------------

VOCABULARY = load_vocabulary()
REFERENCE = (DATA_DIR / "exercises" / "band-bent-over-kickback.yaml").read_bytes()
ANY_KEY = st.one_of(st.text(max_size=12), st.integers(), st.none(), st.booleans(), st.floats())
RAW = st.recursive(
    st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.none(), st.booleans()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(ANY_KEY, inner, max_size=5)
    ),
    max_leaves=25,
)


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_give_data_or_problems_never_an_exception(data: bytes):
    raw, problems = parse_yaml_bytes(data, "fuzz.yaml")
    assert problems == [] or raw is None


@FUZZ
@given(st.integers(0, len(REFERENCE) - 1), st.binary(min_size=1, max_size=40))
def test_a_damaged_record_gives_problems_never_an_exception(position: int, noise: bytes):
    data = REFERENCE[:position] + noise + REFERENCE[position + len(noise) :]
    raw, problems = parse_yaml_bytes(data, "record.yaml")
    if not problems:
        validate_record("record.yaml", raw, VOCABULARY, stem="record")


@FUZZ
@given(st.dictionaries(ANY_KEY, RAW, max_size=30) | RAW)
def test_any_parsed_shape_is_validated_without_an_exception(raw: object):
    exercise, problems = validate_record("fuzz.yaml", raw, VOCABULARY, stem="fuzz")
    assert (exercise is None) == bool(problems)
    assert all(len(str(problem)) < 2000 for problem in problems)
