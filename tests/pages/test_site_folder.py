"""`site build` never deletes or overwrites what ForgeFit did not write.

Every test builds into a temporary folder holding a sentinel file that must survive. The
protected folders (home, current folder and above) are tried through the real CLI with HOME and
the working directory pointed at temporary folders; the file system root only through the
check function, which refuses before anything is built.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from forgefit.catalog import Catalog, load_catalog
from forgefit.catalog.vocabulary import DATA_DIR, VOCABULARY_FILE
from forgefit.errors import ForgefitError
from forgefit.pages.export import MANIFEST_NAME, check_output_dir, export_site
from forgefit.pages.site import Site
from forgefit.pages.site_folder import STAGING_PREFIX
from tests.conftest import FORGEFIT

SENTINEL_TEXT = "my own notes, not ForgeFit's"


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A site over a dozen shipped records: the same pages, a fraction of the build time."""
    folder = tmp_path_factory.mktemp("small-catalog")
    (folder / "exercises").mkdir()
    (folder / "vocabularies.yaml").write_bytes(VOCABULARY_FILE.read_bytes())
    for path in sorted((DATA_DIR / "exercises").glob("*.yaml"))[:12]:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        record.pop("easier", None)
        record.pop("harder", None)
        (folder / "exercises" / path.name).write_text(yaml.safe_dump(record), encoding="utf-8")
    catalog: Catalog = load_catalog(folder, use_cache=False)
    return Site(catalog, "http://127.0.0.1:8000")


def sentinel(folder: Path, name: str = "mine.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(SENTINEL_TEXT)
    return path


def manifest_files(folder: Path) -> list[str]:
    document = json.loads((folder / MANIFEST_NAME).read_text())
    files: list[str] = document["files"]
    return files


def run_cli(*args: str, cwd: Path | None = None, home: Path | None = None):
    env = os.environ.copy()
    if home is not None:
        env["HOME"] = str(home)
    return subprocess.run(
        [FORGEFIT, *args], capture_output=True, text=True, timeout=120, cwd=cwd, env=env
    )


def test_missing_folder_is_created_with_a_manifest_of_every_file(small_site: Site, tmp_path):
    out = tmp_path / "new" / "site"
    written = export_site(small_site, out)
    files = manifest_files(out)
    assert len(files) == written
    assert all((out / name).is_file() for name in files)
    on_disk = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert on_disk == {*files, MANIFEST_NAME}


def test_empty_folder_is_built_into(small_site: Site, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    export_site(small_site, out)
    assert (out / "index.html").is_file()
    assert (out / MANIFEST_NAME).is_file()


def test_previous_export_is_updated_and_only_its_own_stale_files_removed(
    small_site: Site, tmp_path
):
    out = tmp_path / "site"
    export_site(small_site, out)
    top = sentinel(out)
    nested = sentinel(out / "exercise", "notes.txt")
    # A file an older export wrote that this build no longer writes.
    stale = out / "exercise" / "retired-move" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("old page")
    document = json.loads((out / MANIFEST_NAME).read_text())
    document["files"].append("exercise/retired-move/index.html")
    (out / MANIFEST_NAME).write_text(json.dumps(document))

    export_site(small_site, out)

    assert top.read_text() == SENTINEL_TEXT
    assert nested.read_text() == SENTINEL_TEXT
    assert not stale.exists()
    assert not stale.parent.exists(), "the folder the stale page left empty is removed"
    assert "exercise/retired-move/index.html" not in manifest_files(out)


def test_non_empty_folder_without_manifest_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "photos"
    keep = sentinel(out)
    result = run_cli("site", "build", str(out))
    assert result.returncode == 1
    assert str(out) in result.stderr
    assert "--force" in result.stderr and "empty folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert keep.read_text() == SENTINEL_TEXT
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_force_adds_the_site_beside_other_files_and_removes_nothing(small_site: Site, tmp_path):
    out = tmp_path / "shared"
    keep = sentinel(out)
    with pytest.raises(ForgefitError, match="not empty"):
        export_site(small_site, out)
    export_site(small_site, out, force=True)
    assert keep.read_text() == SENTINEL_TEXT
    assert (out / "index.html").is_file()
    assert "mine.txt" not in manifest_files(out)


def test_file_not_written_by_forgefit_at_a_site_path_is_not_overwritten(small_site: Site, tmp_path):
    out = tmp_path / "site"
    export_site(small_site, out)
    document = json.loads((out / MANIFEST_NAME).read_text())
    document["files"].remove("robots.txt")  # as if the user had added robots.txt by hand
    (out / MANIFEST_NAME).write_text(json.dumps(document))
    (out / "robots.txt").write_text(SENTINEL_TEXT)
    with pytest.raises(ForgefitError, match=r"did not write.*robots\.txt"):
        export_site(small_site, out)
    assert (out / "robots.txt").read_text() == SENTINEL_TEXT


@pytest.mark.parametrize("force", [False, True])
def test_home_folder_is_refused_even_with_force(tmp_path, force: bool):
    home = tmp_path / "home"
    keep = sentinel(home)
    (home / MANIFEST_NAME).write_text('{"generator": "forgefit", "files": ["mine.txt"]}')
    args = ["site", "build", str(home), *(["--force"] if force else [])]
    result = run_cli(*args, home=home, cwd=tmp_path)
    assert result.returncode == 1
    assert "home folder" in result.stderr
    assert keep.read_text() == SENTINEL_TEXT
    assert sorted(p.name for p in home.iterdir()) == [MANIFEST_NAME, "mine.txt"]


def test_current_folder_and_folders_above_it_are_refused_even_with_force(tmp_path):
    work = tmp_path / "projects" / "lifting"
    keep = sentinel(work)
    above = sentinel(tmp_path / "projects", "todo.txt")
    for target in (".", str(work), "..", str(tmp_path / "projects")):
        result = run_cli("site", "build", target, "--force", cwd=work, home=tmp_path / "h")
        assert result.returncode == 1, target
        assert "current folder" in result.stderr, target
    assert keep.read_text() == SENTINEL_TEXT
    assert above.read_text() == SENTINEL_TEXT
    assert sorted(p.name for p in (tmp_path / "projects").iterdir()) == ["lifting", "todo.txt"]


def test_file_system_root_is_refused_even_with_force():
    # Only the check: a build is never started against the real root.
    for force in (False, True):
        with pytest.raises(ForgefitError, match="root of the file system"):
            check_output_dir(Path("/"), force=force)


def test_symlink_to_a_foreign_folder_is_refused_and_its_target_kept(tmp_path):
    real = tmp_path / "real"
    keep = sentinel(real)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    result = run_cli("site", "build", str(link))
    assert result.returncode == 1
    assert keep.read_text() == SENTINEL_TEXT
    assert link.is_symlink()


def test_symlink_to_a_previous_export_is_updated_through_the_link(small_site: Site, tmp_path):
    real = tmp_path / "real"
    export_site(small_site, real)
    keep = sentinel(real)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    export_site(small_site, link)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert keep.read_text() == SENTINEL_TEXT
    assert (real / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]


def test_links_placed_inside_the_site_never_lead_writes_or_removals_outside(
    small_site: Site, tmp_path
):
    out = tmp_path / "site"
    export_site(small_site, out)
    outside_file = sentinel(tmp_path / "elsewhere", "important.txt")
    (out / "robots.txt").unlink()
    (out / "robots.txt").symlink_to(outside_file)
    export_site(small_site, out)
    assert outside_file.read_text() == SENTINEL_TEXT
    assert not (out / "robots.txt").is_symlink()

    outside_dir = tmp_path / "elsewhere"
    os.rename(out / "exercise", tmp_path / "moved-exercise")
    (out / "exercise").symlink_to(outside_dir, target_is_directory=True)
    with pytest.raises(ForgefitError, match="link or a file where the site needs a folder"):
        export_site(small_site, out)
    assert sorted(p.name for p in outside_dir.iterdir()) == ["important.txt"]
    assert outside_file.read_text() == SENTINEL_TEXT


def test_manifest_naming_files_outside_the_folder_is_refused(small_site: Site, tmp_path):
    out = tmp_path / "site"
    export_site(small_site, out)
    outside = sentinel(tmp_path, "outside.txt")
    (out / MANIFEST_NAME).write_text(
        json.dumps({"generator": "forgefit", "files": ["../outside.txt", "index.html"]})
    )
    with pytest.raises(ForgefitError, match="not a ForgeFit site manifest"):
        export_site(small_site, out)
    assert outside.read_text() == SENTINEL_TEXT


def test_interrupted_build_leaves_no_staging_folder_after_the_next_run(tmp_path):
    out = tmp_path / "site"
    keep = sentinel(out)
    (out / MANIFEST_NAME).write_text('{"generator": "forgefit", "files": []}')
    process = subprocess.Popen(
        [FORGEFIT, "site", "build", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while not list(out.glob(f"{STAGING_PREFIX}*/exercise")) and time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the build ended before it could be interrupted: {process.stderr}")
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert list(out.glob(f"{STAGING_PREFIX}*")), "the kill should land mid-build"

    result = run_cli("site", "build", str(out))
    assert result.returncode == 0, result.stderr
    assert not list(out.glob(f"{STAGING_PREFIX}*"))
    assert keep.read_text() == SENTINEL_TEXT


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("under-a-file/site", "part of the path is a file"),
        ("/proc", "not empty"),
        ("/proc/forgefit-site", "Cannot write /proc/forgefit-site"),
    ],
)
def test_unwritable_places_get_a_message(tmp_path, target: str, words: str):
    (tmp_path / "under-a-file").write_text(SENTINEL_TEXT)
    result = run_cli("site", "build", target, cwd=tmp_path)
    assert result.returncode == 1
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "under-a-file").read_text() == SENTINEL_TEXT


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only folders")
def test_read_only_folder_gets_a_message(tmp_path):
    out = tmp_path / "locked"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = run_cli("site", "build", str(out))
        assert result.returncode == 1
        assert "permission denied" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        out.chmod(0o755)
