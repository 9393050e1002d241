"""Every `-o PATH` (and every other file ForgeFit writes) goes through one safe-write helper:
regular files replaced atomically keeping their permissions, links, FIFOs and devices written
through and never replaced. Each test keeps a sentinel file beside the output that must survive.
"""

from __future__ import annotations

import os
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from forgefit.errors import ForgefitError
from forgefit.files import read_bounded, write_file
from tests.conftest import FORGEFIT

PROFILE = (
    '{"goal": "strength", "experience": "beginner", "days_per_week": 3, '
    '"minutes_per_session": 60, "preset": "full-gym"}'
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sentinel.txt").write_text("keep")
    return tmp_path


def only_expected_files(folder: Path, *names: str) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(["sentinel.txt", *names])
    assert (folder / "sentinel.txt").read_text() == "keep"


def test_plan_output_replaces_a_private_file_and_keeps_it_private(folder: Path):
    profile = folder / "me.json"
    profile.write_text(PROFILE)
    output = folder / "program.md"
    output.write_text("old program")
    output.chmod(0o600)
    before = output.stat().st_ino
    result = subprocess.run(
        [FORGEFIT, "plan", "--profile", str(profile), "-o", str(output)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert output.read_text().startswith("# ")
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert output.stat().st_ino != before, "replaced by rename, not rewritten in place"
    only_expected_files(folder, "me.json", "program.md")


def test_regular_file_keeps_its_mode(folder: Path):
    output = folder / "shared.csv"
    output.write_text("old")
    output.chmod(0o640)
    write_file(output, "new")
    assert output.read_text() == "new"
    assert stat.S_IMODE(output.stat().st_mode) == 0o640
    only_expected_files(folder, "shared.csv")


def test_new_file_gets_the_usual_permissions(folder: Path):
    old_mask = os.umask(0o022)
    try:
        write_file(folder / "new.md", "text")
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE((folder / "new.md").stat().st_mode) == 0o644
    only_expected_files(folder, "new.md")


def test_symlink_is_written_through_and_stays_a_link(folder: Path):
    real = folder / "real.ics"
    real.write_text("old")
    real.chmod(0o600)
    link = folder / "link.ics"
    link.symlink_to(real)
    write_file(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    only_expected_files(folder, "real.ics", "link.ics")


def test_fifo_is_written_through_never_replaced(folder: Path):
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_file(fifo, "through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    only_expected_files(folder, "pipe")


def test_device_is_written_through_never_replaced():
    write_file(Path("/dev/null"), "discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize(
    ("name", "words"),
    [("missing-folder/out.md", "folder does not exist"), ("sentinel.txt/out.md", "is a file")],
)
def test_unwritable_output_gets_a_message(folder: Path, name: str, words: str):
    with pytest.raises(ForgefitError, match=words):
        write_file(folder / name, "text")
    only_expected_files(folder)


def test_folder_as_output_is_refused(folder: Path):
    (folder / "out").mkdir()
    with pytest.raises(ForgefitError, match="is a folder"):
        write_file(folder / "out", "text")
    only_expected_files(folder, "out")


def test_bounded_read_refuses_devices_fifos_and_huge_files(folder: Path):
    with pytest.raises(ForgefitError, match="not a regular file"):
        read_bounded(Path("/dev/zero"), 1024, "profile")
    with pytest.raises(ForgefitError, match="larger than"):
        read_bounded(Path("/dev/zero"), 1024, "profile", allow_streams=True)
    os.mkfifo(folder / "pipe")
    with pytest.raises(ForgefitError, match="named pipe"):
        read_bounded(folder / "pipe", 1024, "record")
    (folder / "big").write_bytes(b"x" * 2048)
    with pytest.raises(ForgefitError, match="larger than"):
        read_bounded(folder / "big", 1024, "record")
