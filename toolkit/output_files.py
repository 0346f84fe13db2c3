"""Output files that appear whole or not at all.

A command killed halfway through writing ``pairs.csv`` or ``accounts.csv`` must not leave a shorter file that
reads as a complete result. :func:`replaced_on_success` hands out a sibling ``NAME.part`` to write; only when the
block completes does it replace the target (``os.replace``: one step on the same file system), and on any failure
(including the rename) the part is removed and an existing target is left as it was.

A symlink is followed: its final target is replaced and the link stays a link. A target that exists and is not a
regular file (a FIFO, a device, a socket) is written straight into, never renamed over. A folder is refused. A
``NAME.part`` already there (left by a killed run, or a link someone planted) is removed first, never written through.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from netforensics.errors import NetforensicsError


@contextmanager
def replaced_on_success(path: Path | str) -> Iterator[Path]:
    """Yield the path to write instead of ``path``; it becomes ``path`` when the block ends without an error.

    NetforensicsError if ``path`` is a folder; OSError from the rename is raised after the part is removed."""
    try:
        mode: int | None = os.stat(path).st_mode  # follows symlinks
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise NetforensicsError(f"{path} is a folder: give a file name.")
    if mode is not None and (not stat.S_ISREG(mode) or _names_a_descriptor(path)):
        # A FIFO or device, or /dev/stdout (/proc/self/fd/N) even when it leads to a regular file: renaming over it
        # would destroy the device, or replace the shell's redirect target and lose what is printed after.
        yield Path(path)
        return
    target = Path(os.path.realpath(path))  # the final target of a symlink chain (also of a dangling link)
    part = target.with_name(target.name + ".part")
    _remove_stale_part(part)
    try:
        yield part
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _remove_stale_part(part: Path) -> None:
    try:
        mode = os.lstat(part).st_mode  # the link itself: writing through a planted link would write elsewhere
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        raise NetforensicsError(f"{part} is a folder in the way of the file being written: move it away.")
    part.unlink()


def _names_a_descriptor(path: Path | str) -> bool:
    return os.path.abspath(path).startswith(("/dev/std", "/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"))


def cannot_write(path: Path | str, err: OSError) -> NetforensicsError:
    """One line for an OSError met while writing ``path``: the path, the OS reason and where it happened."""
    reason = err.strerror or type(err).__name__
    where = err.filename
    if isinstance(err, FileExistsError) and where is not None:
        reason = f"{where} exists and is not a folder"
    elif where is not None and str(where) != str(path) and not str(where).endswith(".part"):
        reason = f"{reason} ({where})"
    return NetforensicsError(f"Cannot write {path}: {reason}; choose another path.")


def make_folder(folder: Path, for_path: Path | str | None = None) -> None:
    """``mkdir -p folder``; NetforensicsError naming ``for_path`` (default: the folder) if it cannot be created."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise cannot_write(for_path if for_path is not None else folder, err) from err
