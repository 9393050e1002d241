"""Writing and reading files without ever destroying what the user had.

One helper writes every output file ForgeFit produces (`plan -o`, the catalog cache, the site
manifest, the ExerciseDB id list):

- a regular file is replaced atomically (a temporary file beside it, then a rename), keeping its
  permissions, so a private 0600 file stays private and an interrupted write leaves the old
  content whole;
- a symbolic link is written through: the file it points to gets the new content (replaced
  atomically when it is a regular file), the link itself stays a link;
- a FIFO, a terminal or another device is opened and written to, never replaced;
- a folder is refused with a message.

Reading is bounded: `read_bounded` refuses anything but a regular file (or a stream the caller
explicitly allows) and never reads more than a given number of bytes, so `/dev/zero` or a huge
file gives a message instead of filling memory.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import uuid
from pathlib import Path
from typing import BinaryIO

from forgefit.errors import ForgefitError

_TEMPORARY_PREFIX = ".forgefit-tmp-"


def describe_os_error(path: Path | str, error: OSError, action: str = "write") -> str:
    """A plain-words message for a failed file operation, naming the path and a fix."""
    reasons = {
        errno.EACCES: "permission denied; choose a place you can write to",
        errno.EPERM: "the system does not allow it; choose another place",
        errno.EROFS: "it is on a read-only disk; choose a place you can write to",
        errno.ENOSPC: "the disk is full; free some space and try again",
        errno.ENOENT: "its folder does not exist; create the folder first",
        errno.ENOTDIR: "part of the path is a file, not a folder; check the path",
        errno.EISDIR: "it is a folder; give a file name",
        errno.ENAMETOOLONG: "the name is too long; choose a shorter one",
    }
    reason = reasons.get(error.errno or 0, error.strerror or "it failed")
    if action == "read":
        reason = {
            errno.ENOENT: "it does not exist; check the path",
            errno.EACCES: "permission denied",
            errno.EISDIR: "it is a folder; give a file",
        }.get(error.errno or 0, error.strerror or "it failed")
    return f"Cannot {action} {path}: {reason}."


def _new_file_mode() -> int:
    """Permissions a new file gets under the current umask (0666 minus the umask).

    Read from /proc where possible: setting the umask to read it is not thread-safe.
    """
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _replace_regular_file(
    path: Path, data: bytes, mode: int, owner: tuple[int, int] | None
) -> None:
    """Write data to a temporary file beside path, then rename it over path."""
    temporary = path.with_name(f"{_TEMPORARY_PREFIX}{uuid.uuid4().hex[:12]}-{path.name}"[:255])
    # 0600 while the content is written: a private file is never readable by others, even
    # for the moment before its own permissions are copied.
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if owner is not None:
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(handle.fileno(), *owner)
            os.fchmod(handle.fileno(), mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _write_through(path: Path, data: bytes) -> None:
    """Write into an existing FIFO, terminal or device without replacing it."""
    with open(path, "wb", buffering=0) as handle:
        view = memoryview(data)
        while view:
            written = handle.write(view)
            view = view[written or 0 :]


def write_file(path: Path, content: str | bytes) -> None:
    """Write content to path safely (module docstring); raise ForgefitError with a message."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        target = path
        if path.is_symlink():
            # Write through the link: the file it names is the one to update.
            target = Path(os.path.realpath(path))
        try:
            info = os.stat(target)
        except FileNotFoundError:
            _replace_regular_file(target, data, _new_file_mode(), None)
            return
        if stat.S_ISDIR(info.st_mode):
            raise ForgefitError(f"Cannot write {path}: it is a folder; give a file name.")
        if stat.S_ISREG(info.st_mode):
            _replace_regular_file(
                target, data, stat.S_IMODE(info.st_mode), (info.st_uid, info.st_gid)
            )
        else:
            _write_through(target, data)
    except ForgefitError:
        raise
    except OSError as error:
        raise ForgefitError(describe_os_error(path, error)) from None


class InputTooLargeError(ForgefitError):
    """The input is larger than the reader accepts."""


def read_bounded(path: Path, limit: int, what: str, *, allow_streams: bool = False) -> bytes:
    """Read at most `limit` bytes of path; raise ForgefitError with a message otherwise.

    Only a regular file is read unless `allow_streams` (then a pipe or device such as standard
    input works too, still bounded). A FIFO is refused up front when streams are not allowed:
    opening one would wait for a writer forever. (Loading a catalog reads thousands of files
    through here, so it uses the plain os calls.)
    """
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ForgefitError(f"{path} is a folder; give the path of a {what} file.")
        regular = stat.S_ISREG(info.st_mode)
        if not regular and not allow_streams:
            raise ForgefitError(
                f"{path} is not a regular file (it is a {_file_kind(info.st_mode)}); "
                f"give the path of a {what} file."
            )
        if regular and info.st_size > limit:
            raise InputTooLargeError(_too_large(path, what, limit))
        if regular and info.st_size > 0:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            try:
                # Ask for the size we expect (plus one byte to see growth) rather than for
                # `limit` bytes, which would allocate the whole limit for every small file.
                data = os.read(fd, info.st_size + 1)
                if len(data) <= info.st_size:
                    return data
                data += os.read(fd, limit + 1 - len(data))
            finally:
                os.close(fd)
            if len(data) > limit:
                raise InputTooLargeError(_too_large(path, what, limit))
            return data
        with open(path, "rb") as handle:
            return read_stream(handle, limit, str(path), what)
    except ForgefitError:
        raise
    except OSError as error:
        raise ForgefitError(describe_os_error(path, error, "read")) from None


def read_stream(handle: BinaryIO, limit: int, name: str, what: str) -> bytes:
    """Read an open stream up to `limit` bytes; raise InputTooLargeError beyond it."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputTooLargeError(_too_large(name, what, limit))
    return data


def _too_large(name: Path | str, what: str, limit: int) -> str:
    return (
        f"{name} is larger than {limit // 1024} KB, which is far more than any {what} needs; "
        f"check that this is the right file."
    )


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"
