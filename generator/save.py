"""Writing generated files: safe names, kept inside the output folder, each written atomically."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path, PurePosixPath

from .errors import KehoachError

# Folder and file names built from plan data (plan file stems, unit ids) must match this:
# letters (Vietnamese too), digits, "_", "-" and inner dots; no separators, no "..", no
# leading dot, nothing Windows reads as a device (CON, NUL, COM1 …) or trims (a final dot).
SAFE_NAME = re.compile(r"^(?!\.)(?!.*\.$)(?!.*\.\.)[\w.-]{1,100}$")
_DEVICES = re.compile(r"^(CON|PRN|AUX|NUL|COM\d|LPT\d)(\..*)?$", re.IGNORECASE)
# Characters at most of a plan file's stem and of an id that names files (the schema's slug):
# `output/<stem>/giao-nhiem-vu/.<id>.docx.XXXXXXXX.tmp` stays within 170 characters, leaving 90
# for the output folder's own path under Windows' 260 (README, "Limits on what is read").
MAX_NAME = 64


class UnsafeName(KehoachError):
    """A name built from plan data cannot be used as a file name."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def safe_folder(output: Path, name: str) -> Path:
    """Returns `output/name`, `name` in NFC (macOS gives file names decomposed), refusing a
    `name` that is not a plain safe file name."""
    if not is_safe(name):
        raise UnsafeName(name)
    return output / unicodedata.normalize("NFC", name)


def is_safe(name: str) -> bool:
    """Returns whether `name`, once in NFC, can be the name of an output file or folder."""
    name = unicodedata.normalize("NFC", name)
    return bool(SAFE_NAME.match(name)) and not _DEVICES.match(name)


def plan_name_allowed(stem: str) -> bool:
    """Returns whether a plan file's `stem` can name its output folder: safe, `MAX_NAME` at most."""
    return is_safe(stem) and len(unicodedata.normalize("NFC", stem)) <= MAX_NAME


def suggested_name(stem: str) -> str:
    """Returns a name like `stem` that `plan_name_allowed` takes: "kế hoạch 2023" → "kế-hoạch-2023"."""
    name = re.sub(r"[^\w.-]+", "-", unicodedata.normalize("NFC", stem))
    name = re.sub(r"\.\.+", ".", name).strip(".-")[:MAX_NAME].strip(".-")
    return name if plan_name_allowed(name) else "ke-hoach"


def write_files(folder: Path, files: dict[PurePosixPath, bytes]) -> list[Path]:
    """Writes every file under `folder` atomically and returns their paths, in `files` order.

    Each file goes to a temporary file in its own folder, then is renamed over the old one,
    so a failure leaves either the previous file or the new one, never half of either.
    Raises `OSError` when the files cannot be written.
    """
    targets = [_inside(folder, relative) for relative in files]
    mode = _file_mode()
    temporaries: list[Path] = []
    placed = 0
    try:
        # Every file is written out before any is renamed into place: a full disk or a
        # refused write then leaves the previous build whole, not half old and half new.
        for folder_of_files in dict.fromkeys(target.parent for target in targets):
            make_folder(folder_of_files)
        for target, content in zip(targets, files.values()):
            temporaries.append(_temporary_beside(target, content, mode))
        for temporary, target in zip(temporaries, targets):
            os.replace(temporary, target)
            placed += 1
    finally:
        for temporary in temporaries[placed:]:
            temporary.unlink(missing_ok=True)
    return targets


# A plan's new set is staged in `.<plan>.new-<pid>/` beside its folder (same file system, so
# renames are atomic), under `files/`; the old files it replaces are moved to `old/` while it is
# swapped in, to be put back if the swap fails. `committed` marks a staged set complete and
# synced: a build that finds it left by a crash finishes the swap (rolls forward); one without
# it is a build cut short while staging, removed. What is synced, and why no more: each staged
# file's data, then the staging folder (its mark) before the first rename; the renames after it
# are ordered by a journaling file system's metadata journal (ext4 by default, NTFS), so after a
# power loss the mark and the files not yet renamed are still there (rolled forward). Syncing
# each folder after the swap too made a batch of 60 plans 1.5 times slower on this project's disk.
_STAGING = ".{name}.new-{pid}"
_COMMITTED = "committed"


class WriteFailed(KehoachError):
    """A plan's files could not be written (`error`, the system's); `rolled_back`: its folder
    was left as it was; otherwise (the rollback failed too) `new` are the files already new,
    and the next build completes them."""

    def __init__(self, folder: Path, error: OSError, rolled_back: bool = True,
                 new: list[Path] | None = None) -> None:
        super().__init__(f"{folder}: {error}")
        self.folder, self.error, self.rolled_back, self.new = folder, error, rolled_back, new or []


def write_plan(folder: Path, files: dict[PurePosixPath, bytes]) -> list[Path]:
    """Writes a plan's `files` into `folder`, all of them or none, and returns their paths in
    `files` order (issue 17, part 1).

    The files are staged beside `folder`, synced, then swapped in by renames, each old file
    kept aside until all are in; other files in `folder` (the clerk's own) stay. The plan's
    folder is locked meanwhile, so concurrent builds write one after the other, and what an
    earlier build left after a crash is finished or removed first (`recover`). SIGINT and
    SIGTERM wait for the swap. Raises `WriteFailed` (nothing changed, unless it says otherwise).
    """
    targets = [_inside(folder, relative) for relative in files]
    new_folder = not folder.is_dir()
    lock, written = None, False
    try:  # a stop may come at any moment, even while the folder is being made
        try:
            _refuse_link(folder)
            make_folder(folder)
            lock = _lock(folder)
        except OSError as error:
            raise WriteFailed(folder, error) from None
        try:
            recover(folder)
            staging = folder.parent / _STAGING.format(name=folder.name, pid=os.getpid())
            try:
                _stage(staging, files)
                _check_targets(folder, targets)
                _swap(staging, folder, list(files))
                written = True
            finally:
                _remove_tree(staging)
        except OSError as error:
            raise WriteFailed(folder, error) from None
    finally:
        if new_folder and not written:  # made only to be locked: nothing is left of this build
            _remove_empty(folder)
        if lock is not None:
            _unlock(lock)
    return targets


def _remove_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # not empty after all (another build wrote into it), or already gone
        pass


def _stage(staging: Path, files: dict[PurePosixPath, bytes]) -> None:
    """Writes `files` under `staging/files/`, synced, then marks the set committed."""
    mode = _file_mode()
    for relative, content in files.items():
        path = staging.joinpath("files", *relative.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_synced(path, content, mode)
    (staging / _COMMITTED).touch(mode)
    _sync_folder(staging)  # the mark is on disk before the first file is swapped in


def _write_synced(path: Path, content: bytes, mode: int) -> None:
    """Writes `content` into the new file `path`, with `mode`, and waits until it is on disk."""
    with open(path, "xb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(path, mode)


def _check_targets(folder: Path, targets: list[Path]) -> None:
    """Raises the `OSError` a swap would meet part-way: a folder where a file goes, or a file
    where a folder goes. Checked first: swapping a folder aside would carry the clerk's files."""
    import errno
    import stat

    for target in targets:
        for parent in reversed(target.relative_to(folder).parents[:-1]):
            path = folder / parent
            _refuse_link(path)
            if path.exists() and not path.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
        try:
            if stat.S_ISDIR(os.lstat(target).st_mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        except FileNotFoundError:
            pass


def _refuse_link(folder: Path) -> None:
    """Raises `OSError` (ELOOP) when `folder` is a symbolic link: writing through it would put
    the plan's files outside the output folder (issue 17)."""
    if folder.is_symlink():
        import errno

        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(folder))


def _swap(staging: Path, folder: Path, relatives: list[PurePosixPath]) -> None:
    """Moves each staged file into `folder`, the one it replaces into `staging/old/`, then
    removes `staging`; on a failure, puts every old file back (`_roll_back`), then raises the
    failure. A stop waits for all of it: one that came between the swap and the removal left the
    staged folder behind (seen in CI)."""
    from .stopping import uncut

    done: list[tuple[Path, Path, Path | None]] = []  # (target, its staged file, its old file)
    with uncut():
        try:
            for relative in relatives:
                target = folder.joinpath(*relative.parts)
                staged, kept = staging.joinpath("files", *relative.parts), None
                if os.path.lexists(target):
                    kept = staging.joinpath("old", *relative.parts)
                    kept.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(target, kept)
                done.append((target, staged, kept))
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, target)
        except OSError as error:
            _roll_back(done, folder, error)
            raise
        _remove_tree(staging)


def _roll_back(done: list[tuple[Path, Path, Path | None]], folder: Path, error: OSError) -> None:
    """Puts the new files of `done` back into the staged set and the old ones in their place:
    a crash meanwhile leaves a whole staged set, which the next build finishes. Raises
    `WriteFailed` saying which files are new when even that fails."""
    try:
        for target, staged, kept in reversed(done):
            if os.path.lexists(target) and not os.path.lexists(staged):
                os.replace(target, staged)
            if kept is not None:
                os.replace(kept, target)
    except OSError:
        new = [target for target, staged, _ in done if not staged.exists() and target.exists()]
        raise WriteFailed(folder, error, rolled_back=False, new=new) from None


def settle(folder: Path) -> None:
    """Finishes or removes, under the folder's lock, what a build cut short left for the plan
    folder `folder`: a worker killed, or stopped twice, while writing it, perhaps after it had
    removed the folder it made for the plan. An `OSError` leaves it to the next build."""
    made = not folder.is_dir()
    if made and not _staged(folder):
        return
    try:
        make_folder(folder)  # to be locked, as `write_plan` makes it; removed again if empty
        lock = _lock(folder)
    except OSError:
        return
    try:
        recover(folder)
    except OSError:
        pass
    finally:
        _unlock(lock)
        if made:
            _remove_empty(folder)


def _staged(folder: Path) -> list[Path]:
    """Returns the staged sets of files left beside the plan folder `folder`."""
    return list(folder.parent.glob(_STAGING.format(name=folder.name, pid="*")))


def recover(folder: Path) -> None:
    """Finishes or removes what a build cut short (a crash, a power loss) left for the plan
    folder `folder`: a committed staged set is swapped in, anything else staged is removed,
    and so are temporary files of an interrupted single write (`.<name>.<random>.tmp`)."""
    for staging in _staged(folder):
        if staging.is_dir() and (staging / _COMMITTED).is_file():
            staged = staging / "files"
            relatives = [PurePosixPath(*path.relative_to(staged).parts)
                         for path in sorted(staged.rglob("*")) if path.is_file()]
            _check_targets(folder, [folder.joinpath(*relative.parts) for relative in relatives])
            _swap(staging, folder, relatives)  # which removes the staged folder once swapped in
        else:
            _remove_tree(staging)
    for temporary in folder.rglob(".*.tmp"):
        if temporary.is_file():
            temporary.unlink(missing_ok=True)


def _remove_tree(path: Path) -> None:
    """Removes the staged folder `path`, whole: a stop waits for it."""
    import shutil

    from .stopping import uncut

    with uncut():
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def _sync_folder(folder: Path) -> None:
    """Makes the renames in `folder` durable (POSIX: fsync of the folder; Windows has no such call)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _lock(folder: Path) -> int:
    """Returns an open handle holding the lock of the plan folder `folder`, waiting for another
    build that holds it: on POSIX the folder itself is locked (flock), on Windows a hidden lock
    file beside it (msvcrt, whose locks are on files only)."""
    if os.name == "posix":
        import fcntl

        handle = os.open(folder, os.O_RDONLY)
        fcntl.flock(handle, fcntl.LOCK_EX)
        return handle
    import msvcrt

    handle = os.open(folder.parent / f".{folder.name}.lock", os.O_RDWR | os.O_CREAT)
    msvcrt.locking(handle, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
    return handle


def _unlock(handle: int) -> None:
    os.close(handle)  # closing the handle releases its lock on either system


def make_folder(folder: Path) -> None:
    """Makes `folder` and those above it that are missing; a file in the way is said as such
    (`NotADirectoryError`), not as an existing file."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:
        import errno

        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), error.filename) from None


def _inside(folder: Path, relative: PurePosixPath) -> Path:
    for part in relative.parts:
        if not is_safe(part):
            raise UnsafeName(str(relative))
    return folder.joinpath(*relative.parts)


def _temporary_beside(target: Path, content: bytes, mode: int) -> Path:
    """Returns a new temporary file holding `content` in `target`'s folder (so a rename onto
    `target` is atomic), with `mode` (`_file_mode`) rather than mkstemp's private 0600."""
    import tempfile  # here, not at the top: `validate` imports this module for its names only

    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, mode)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _file_mode() -> int:
    """Returns the mode of a file the user makes: readable as any other, under their umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class FileExists(KehoachError):
    """The file to write exists and overwriting it was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def write_new_file(target: Path, content: bytes, *, overwrite: bool = False) -> Path:
    """Writes `content` to `target` atomically and returns `target`.

    Without `overwrite`, raises `FileExists` when `target` exists, even if it appears while
    writing: the temporary file is hard-linked into place, which fails on an existing name.
    """
    if target.is_dir():  # said as such, not as a file that exists
        import errno

        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    if not overwrite and target.exists():
        raise FileExists(target)
    make_folder(target.parent)
    temporary = _temporary_beside(target, content, _file_mode())
    try:
        if overwrite:
            os.replace(temporary, target)
            return target
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise FileExists(target) from None
        except OSError:  # a file system without hard links: the check above has to do
            if target.exists():
                raise FileExists(target) from None
            os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target
