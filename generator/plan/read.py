"""Reading a plan file: loaded, then held against its schema, then checked for meaning, into
`Checked`, the typed plan (or standalone letter) with its problems. Prints nothing.

`check_plan` stops before rendering, so `kehoach validate` never imports Jinja2, lxml or the
writer (start-up time, performance issue).
"""

from pathlib import Path
from typing import NamedTuple

from ..errors import PlanInvalid, Problem, has_errors, making
from ..save import MAX_NAME, plan_name_allowed, suggested_name
from .checks import meaning_problems
from .load import LoadedPlan, load_bytes, load_plan
from .model import IndexedPlan, build_plan as typed_plan
from .standalone import StandaloneLetter, build_letter, is_letter, letter_problems, not_a_plan
from .validate import schema_problems


class Checked(NamedTuple):
    """A plan file's problems, and its typed plan when it has no errors (with the data and
    positions it was read from, to place what building finds); for a standalone letter's
    file, its typed `letter` instead of the plan."""

    file: str
    problems: list[Problem]
    plan: IndexedPlan | None = None
    loaded: LoadedPlan | None = None
    letter: StandaloneLetter | None = None


def check_plan(path: Path, needs_plan: str | None = None, raw: bytes | None = None) -> Checked:
    """Returns the problems of the plan (or standalone letter) at `path`: loading, then schema,
    then meaning; with `raw`, of that text as if it were the file's (an editor's unsaved text).
    `needs_plan` names the command that only a plan makes sense for: a standalone letter is
    then an error saying so. Raises `Crashed` on a bug."""
    with making(path, None):
        return _check(path, needs_plan, raw)


def _check(path: Path, needs_plan: str | None, raw: bytes | None) -> Checked:
    try:
        loaded = load_plan(path) if raw is None else load_bytes(raw, str(path))
    except PlanInvalid as invalid:
        return Checked(str(path), invalid.problems)
    if is_letter(loaded.data) and needs_plan is not None:
        return Checked(loaded.file, [not_a_plan(loaded, needs_plan)])
    problems = [*loaded.problems, *schema_problems(loaded), *_name_problems(loaded.file, path)]
    if has_errors(problems):
        return Checked(loaded.file, problems)
    plan, letter = None, None
    if is_letter(loaded.data):
        letter = build_letter(loaded.data)
        problems += letter_problems(letter, loaded)
    else:
        plan = typed_plan(loaded.data)
        problems += meaning_problems(plan, loaded)
    if has_errors(problems):
        return Checked(loaded.file, problems)
    return Checked(loaded.file, problems, plan, loaded, letter)


def _name_problems(file: str, path: Path) -> list[Problem]:
    """The plan's documents go to a folder named after its file: a name that cannot be a
    folder's is an error of the plan, found by `validate` as by `build`."""
    return [] if plan_name_allowed(path.stem) else [name_problem(file, path.stem)]


def name_problem(file: str, stem: str) -> Problem:
    """Returns the error of a plan file whose `stem` cannot name its output folder."""
    return Problem(file=file, line=1, column=1, code="path.unsafe_name",
                   args={"name": stem, "limit": MAX_NAME, "suggestion": suggested_name(stem)})
