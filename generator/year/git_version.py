"""A file as it was at a git revision (`kehoach diff PLAN --rev REV`), read with `git show`."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import KehoachError

_TIMEOUT = 60  # seconds; `git show` of one file is quick even in a large repository


class RevisionUnavailable(KehoachError):
    """The file cannot be read at the revision; `reason` says why, for the CLI to word:
    "git_missing", "not_a_repository", "unknown_revision", "not_in_revision" or "git_failed"."""

    def __init__(self, reason: str, path: Path, revision: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {path}@{revision}")
        self.reason = reason
        self.path = path
        self.revision = revision
        self.detail = detail


def file_at_revision(path: Path, revision: str) -> bytes:
    """Returns the bytes of `path` as committed at `revision` (a commit, branch, tag, HEAD~1 …).

    The path is taken relative to the root of the repository that holds it, so the command
    works from any folder. Raises `RevisionUnavailable` saying which step failed.
    """
    folder = path.resolve().parent
    root = _git(["rev-parse", "--show-toplevel"], folder, path, revision, "not_a_repository").decode().strip()
    # `--end-of-options` keeps a revision that starts with "-" from being read as an option.
    _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], folder, path,
         revision, "unknown_revision")
    relative = path.resolve().relative_to(Path(root).resolve()).as_posix()
    return _git(["show", f"{revision}:{relative}"], folder, path, revision, "not_in_revision")


def _git(arguments: list[str], folder: Path, path: Path, revision: str, reason: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(folder), *arguments], capture_output=True,
                              timeout=_TIMEOUT, check=False)
    except FileNotFoundError as error:
        raise RevisionUnavailable("git_missing", path, revision) from error
    except subprocess.TimeoutExpired as error:
        raise RevisionUnavailable("git_failed", path, revision, "timeout") from error
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise RevisionUnavailable(reason, path, revision, detail[0] if detail else "")
    return done.stdout
