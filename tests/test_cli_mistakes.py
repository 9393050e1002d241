"""The CLI answers every mistake with a message and an exit code: never a traceback, a hang or a
silently shared port."""

from __future__ import annotations

import json
import socket
import subprocess
import time
from pathlib import Path

from tests.conftest import FORGEFIT, REPO_ROOT

PROFILE = {
    "goal": "strength",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 60,
    "preset": "full-gym",
}


def run(*args: str, stdin: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [FORGEFIT, *args], capture_output=True, text=True, timeout=timeout, input=stdin
    )


def test_profile_from_standard_input():
    result = run("plan", "--profile", "-", "--json", stdin=json.dumps(PROFILE))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["goal"] == "strength"


def test_every_profile_problem_on_its_own_line_in_plain_words():
    bad = {**PROFILE, "goal": "strenght", "days_per_week": 9, "equipment": ["dumbells"]}
    bad["injuries"] = ["kneee"]
    result = run("plan", "--profile", "-", stdin=json.dumps(bad))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].endswith("The profile has 4 problems:")
    assert "  goal: 'strenght' is not something we know. Did you mean strength?" in lines
    assert "  equipment: 'dumbells' is not something we know. Did you mean dumbbell?" in lines
    assert "  injuries: 'kneee' is not something we know. Did you mean knee?" in lines
    assert "  days per week: must be between 1 and 7 (you gave 9)." in lines


def test_profile_from_dev_zero_is_refused_quickly():
    started = time.monotonic()
    result = run("plan", "--profile", "/dev/zero", timeout=30)
    assert result.returncode == 1
    assert "larger than" in result.stderr
    assert time.monotonic() - started < 30


def test_deep_or_huge_profiles_get_a_message():
    for text, words in (
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (json.dumps(PROFILE)[:-1] + ', "seed": ' + "7" * 10_000 + "}", "digits long"),
        (json.dumps({**PROFILE, "exclude": [f"x{n}" for n in range(10_000)]}), "10,000 items"),
    ):
        result = run("plan", "--profile", "-", stdin=text)
        assert result.returncode == 1
        assert words in result.stderr
        assert "Traceback" not in result.stderr


def test_vocabulary_typo_in_an_option_gets_did_you_mean_not_a_list():
    result = run("exercises", "--equipment", "dumbells")
    assert result.returncode == 2
    assert "Did you mean 'dumbbell'?" in result.stderr
    assert "kettlebell" not in result.stderr


def test_serve_refuses_a_port_already_in_use():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port), timeout=30)
    assert result.returncode == 1
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr


def test_serve_refuses_an_impossible_port():
    result = run("serve", "--port", "99999")
    assert result.returncode == 2
    assert "65535" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_run_takes_a_port():
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8080"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "serve --host 127.0.0.1 --port 8080" in result.stdout


def test_plan_output_into_a_missing_folder_gets_a_message(tmp_path: Path):
    profile = tmp_path / "me.json"
    profile.write_text(json.dumps(PROFILE))
    result = run("plan", "--profile", str(profile), "-o", str(tmp_path / "no" / "plan.md"))
    assert result.returncode == 1
    assert "folder does not exist" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["me.json"]
