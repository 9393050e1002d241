"""`forgefit catalog check` answers hostile or broken files with a message, quickly, in bounded
memory: never a hang, a crash or a traceback."""

from __future__ import annotations

import os
import resource
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FORGEFIT

# Generous for a loaded machine; a hang or an exponential blow-up takes far longer.
TIME_LIMIT = 30
MEMORY_LIMIT = 1024 * 1024 * 1024


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def check(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [FORGEFIT, "catalog", "check", str(folder)],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=limit_memory,
    )


def alias_bomb() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghij":
        refs = ", ".join([f"*{previous}"] * 9)
        lines.append(f"{name}: &{name} [{refs}]")
        previous = name
    lines += [f"name: *{previous}", f"equipment: *{previous}", "slug: bomb"]
    return "\n".join(lines) + "\n"


HOSTILE = {
    "alias-bomb": (alias_bomb(), "alias"),
    "deep-flow": ("name: " + "[" * 50_000 + "]" * 50_000 + "\n", "deep"),
    "deep-block": ("name:\n" + "- " * 50_000 + "x\n", "deep"),
    "mixed-keys": (
        "name: Mixed\n1: one\n2.5: two\nnull: three\ntrue: four\n"
        "faqs:\n  - {question: Why?, answer: Because., 3: x, extra: y}\n",
        "unknown field",
    ),
    "binary": ("name: \x00\x01\x02\n", "cannot be read as YAML"),
    "not-a-mapping": ("- just\n- a list\n", "expected a mapping"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_record_gets_a_message(tmp_path: Path, case: str):
    text, words = HOSTILE[case]
    (tmp_path / f"{case}.yaml").write_text(text)
    result = check(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert words in result.stdout, result.stdout[:2000]
    assert len(result.stdout) < 20_000, "messages stay short whatever the file holds"


def test_a_fifo_named_like_a_record_is_reported_not_waited_on(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.yaml")
    result = check(tmp_path)
    assert result.returncode == 1
    assert "named pipe" in result.stdout


def test_a_huge_file_is_reported_without_reading_it_all(tmp_path: Path):
    with (tmp_path / "huge.yaml").open("wb") as handle:
        handle.truncate(2 * 1024 * 1024 * 1024)  # 2 GB, sparse: costs no disk
    result = check(tmp_path)
    assert result.returncode == 1
    assert "larger than 1 MB" in result.stdout


def test_a_folder_with_no_records_is_an_error(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("not a record")
    result = check(tmp_path)
    assert result.returncode == 1
    assert "holds no exercise records" in result.stderr
    assert "valid" not in result.stderr
