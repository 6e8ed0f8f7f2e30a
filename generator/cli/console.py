"""What every command shares: the options of the `kehoach` group (message language, --debug)
and printing to the console.

`main` (the group, `validate`, `build` …) and `year` (`init`, `new`, `diff`, `text`) both
import it, so neither imports the other back: `main` imports `year` only when one of its
commands is asked for.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import messages
from ..errors import Problem

# The group's options, set before any command runs: "lang" the language of the messages
# ("vi" or "en"), "debug" whether an internal error shows its traceback.
state = {"debug": False, "lang": "vi"}


def echo(text: str, err: bool = False) -> None:
    """Prints `text`; a console that cannot show Vietnamese gets replacement characters, not a crash."""
    stream = sys.stderr if err else sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    click.echo(text.encode(encoding, errors="replace").decode(encoding), err=err)


def echo_all(paths: list[Path]) -> None:
    """Prints `paths`, one a line."""
    if paths:  # one call: a province prints thousands of paths
        echo("\n".join(map(str, paths)))


def echo_problems(problems: list[Problem], lang: str) -> None:
    """Prints `problems` on standard error, in file and line order."""
    for problem in sorted(problems, key=lambda problem: problem.sort_key):
        echo(messages.format_problem(problem, lang), err=True)
