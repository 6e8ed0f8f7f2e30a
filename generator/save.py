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
            folder_of_files.mkdir(parents=True, exist_ok=True)
        for target, content in zip(targets, files.values()):
            temporaries.append(_temporary_beside(target, content, mode))
        for temporary, target in zip(temporaries, targets):
            os.replace(temporary, target)
            placed += 1
    finally:
        for temporary in temporaries[placed:]:
            temporary.unlink(missing_ok=True)
    return targets


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
    if not overwrite and target.exists():
        raise FileExists(target)
    target.parent.mkdir(parents=True, exist_ok=True)
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
