"""The folder a static site is built into: what ForgeFit may write there and what it may remove.

ForgeFit only ever removes files it wrote itself. Every export leaves a manifest
(`.forgefit-site.json`) listing the files it wrote; the next export into the same folder removes
the listed files it no longer writes and touches nothing else. A folder that holds other files
and no manifest is refused, and so are the file system root, the home folder, the current
folder and every folder above them, whatever the options.

Pages are first rendered into a staging folder inside the target (so moving them into place is
a rename on the same disk, also when the target is a symbolic link to a folder elsewhere). A
staging folder carries a marker file; one left behind by an interrupted build is removed by the
next build.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from forgefit.errors import ForgefitError
from forgefit.files import describe_os_error, read_bounded, write_file

MANIFEST_NAME = ".forgefit-site.json"
STAGING_PREFIX = ".forgefit-staging-"
STAGING_MARKER = ".forgefit-staging"
_MANIFEST_GENERATOR = "forgefit"
_MANIFEST_LIMIT = 32 * 1024 * 1024
_FIX = "Give a new or empty folder, e.g. `forgefit site build ./public`."


def protected_reason(out_dir: Path) -> str | None:
    """Why out_dir may never be a site folder (None when it may be): the file system root, the
    home folder, the current folder or any folder above the home or current folder.

    Checked on the path as written and with symbolic links followed, so a link to the home
    folder is refused too."""
    home = _resolved(Path.home())
    cwd = _resolved(Path.cwd())
    for candidate in {Path(os.path.abspath(out_dir)), _resolved(out_dir)}:
        if candidate == Path(candidate.anchor):
            return "it is the root of the file system"
        if candidate == home:
            return "it is your home folder"
        if candidate == cwd:
            return "it is the current folder"
        if candidate in cwd.parents:
            return "it holds the current folder"
        if candidate in home.parents:
            return "it holds your home folder"
    return None


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare the path as written
        return Path(os.path.abspath(path))


@dataclass(frozen=True, slots=True)
class SiteFolder:
    """A folder checked as safe to build into, and the files a previous export left there."""

    root: Path
    previous: frozenset[str]
    exists: bool
    force: bool


def check_output_dir(out_dir: Path, force: bool = False) -> SiteFolder:
    """Decide, without changing anything, whether a site may be built into out_dir.

    Raise ForgefitError naming the folder and the fix when it may not. `force` allows a
    non-empty folder without a manifest (ForgeFit's files are added; nothing is removed) but
    never a protected folder.
    """
    reason = protected_reason(out_dir)
    if reason is not None:
        raise ForgefitError(
            f"Refusing to build the site into {out_dir}: {reason}, and a build replaces "
            f"files in the folder it is given. {_FIX}"
        )
    if out_dir.is_symlink() and not out_dir.exists():
        raise ForgefitError(
            f"{out_dir} is a link to a folder that does not exist; create that folder or give "
            "another one."
        )
    if not out_dir.exists():
        return SiteFolder(out_dir, frozenset(), exists=False, force=force)
    if not out_dir.is_dir():
        raise ForgefitError(f"{out_dir} is a file; give a folder to build the site into.")
    manifest = out_dir / MANIFEST_NAME
    if manifest.exists() or manifest.is_symlink():
        return SiteFolder(out_dir, read_manifest(manifest), exists=True, force=force)
    try:
        others = [entry for entry in os.scandir(out_dir) if not _is_staging(Path(entry.path))]
    except OSError as error:
        raise ForgefitError(describe_os_error(out_dir, error, "read")) from None
    if others and not force:
        raise ForgefitError(
            f"{out_dir} is not empty and holds no ForgeFit site (no {MANIFEST_NAME}), so "
            f"building there could overwrite your files. {_FIX} Or pass --force to add the "
            "site's files to it (files with the same names are replaced; nothing is removed)."
        )
    return SiteFolder(out_dir, frozenset(), exists=True, force=force)


def read_manifest(manifest: Path) -> frozenset[str]:
    """The files a previous export wrote, as safe relative paths."""
    problem = f"{manifest} is not a ForgeFit site manifest"
    if manifest.is_symlink():
        raise ForgefitError(f"{problem} (it is a link); remove it or build into another folder.")
    raw = read_bounded(manifest, _MANIFEST_LIMIT, "site manifest")
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError):
        document = None
    files = document.get("files") if isinstance(document, dict) else None
    if (
        not isinstance(document, dict)
        or document.get("generator") != _MANIFEST_GENERATOR
        or not isinstance(files, list)
        or not all(isinstance(name, str) and is_safe_relative(name) for name in files)
    ):
        raise ForgefitError(
            f"{problem}; remove it if you know the folder holds only an old ForgeFit site, or "
            "build into another folder."
        )
    return frozenset(files)


def is_safe_relative(name: str) -> bool:
    """A plain relative path inside the folder: no '..', no absolute path, no empty part."""
    path = PurePosixPath(name)
    return (
        bool(name)
        and "\\" not in name
        and "\x00" not in name
        and not path.is_absolute()
        and all(part not in ("", ".", "..") for part in name.split("/"))
        and name != MANIFEST_NAME
    )


def _is_staging(path: Path) -> bool:
    return (
        path.name.startswith(STAGING_PREFIX)
        and not path.is_symlink()
        and path.is_dir()
        and (path / STAGING_MARKER).is_file()
    )


def remove_leftover_staging(root: Path) -> None:
    """Remove staging folders an interrupted build left behind (only ours: marker checked)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(root):
            path = Path(entry.path)
            if _is_staging(path):
                shutil.rmtree(path, ignore_errors=True)


def conflicts(folder: SiteFolder, planned: Iterable[str]) -> list[str]:
    """Planned files that exist in the folder but were not written by a previous export."""
    if not folder.exists or folder.force:
        return []
    return [
        name
        for name in planned
        if name not in folder.previous and os.path.lexists(folder.root / name)
    ]


class SiteWriter:
    """Stages a build inside the folder, then moves it into place (see the module doc)."""

    def __init__(self, folder: SiteFolder) -> None:
        self.folder = folder
        self.root = folder.root
        self.staging = self.root / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
        self._real_dirs: set[Path] = set()

    def __enter__(self) -> SiteWriter:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            remove_leftover_staging(self.root)
            self.staging.mkdir()
            (self.staging / STAGING_MARKER).write_bytes(b"")
        except OSError as error:
            raise ForgefitError(describe_os_error(self.root, error)) from None
        return self

    def __exit__(self, *exc_info: object) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def stage(self, name: str, text: str) -> None:
        """Write one file of the new site into the staging folder."""
        target = self.staging / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        except OSError as error:
            raise ForgefitError(describe_os_error(self.root / name, error)) from None

    def commit(self, written: list[str]) -> None:
        """Move the staged files into place, remove the old export's leftovers, and record
        what is there now. The manifest is written before anything moves (listing old and
        new files), so an interruption never leaves a file of ours unlisted."""
        self._write_manifest(sorted(self.folder.previous | set(written)))
        try:
            for name in written:
                destination = self.root / name
                self._real_parent(destination)
                if destination.is_dir() and not destination.is_symlink():
                    raise ForgefitError(
                        f"{destination} is a folder where the site needs a file; move it away "
                        "or build into another folder."
                    )
                os.replace(self.staging / name, destination)
            for name in sorted(self.folder.previous - set(written)):
                self._remove_old(name)
        except OSError as error:
            raise ForgefitError(describe_os_error(self.root, error)) from None
        self._write_manifest(sorted(written))

    def _write_manifest(self, files: list[str]) -> None:
        document = {"generator": _MANIFEST_GENERATOR, "version": 1, "files": files}
        write_file(self.root / MANIFEST_NAME, json.dumps(document, indent=0) + "\n")

    def _real_parent(self, destination: Path) -> None:
        """Create destination's folders; refuse a link or file standing where one should be,
        so a move never lands outside the site folder."""
        current = self.root
        for part in destination.relative_to(self.root).parts[:-1]:
            current = current / part
            if current in self._real_dirs:
                continue
            if current.is_symlink() or (current.exists() and not current.is_dir()):
                raise ForgefitError(
                    f"{current} is a link or a file where the site needs a folder; move it "
                    "away or build into another folder."
                )
            if not current.exists():
                current.mkdir()
            self._real_dirs.add(current)

    def _remove_old(self, name: str) -> None:
        """Remove a file the previous export wrote, never following a link out of the folder;
        then remove folders the removal left empty."""
        path = self.root / name
        current = self.root
        for part in PurePosixPath(name).parts[:-1]:
            current = current / part
            if current.is_symlink() or not current.is_dir():
                return
        if path.is_symlink() or path.is_file():
            path.unlink()
        parent = path.parent
        while parent != self.root:
            try:
                parent.rmdir()  # only succeeds when empty
            except OSError:
                break
            parent = parent.parent
