"""One plan through the pipeline: load, validate, check, render, write. Prints nothing.

`check_plan` stops before rendering, so `kehoach validate` never imports Jinja2, lxml or the
writer (start-up time, performance issue); `build_plan` imports them when first called.
"""

from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from . import resources
from .checks import meaning_problems
from .errors import KehoachError, PlanInvalid, Problem, has_errors
from .load import load_plan
from .model import Plan, build_plan as typed_plan
from .validate import schema_problems

PLAN_DOCUMENT = "ke-hoach.docx"
# Each unit's documents (the issue "Assignment letters and task sheets"): <folder>/<unit-id>.docx.
LETTER_FOLDER = "giao-nhiem-vu"
SHEET_FOLDER = "phieu-nhiem-vu"


class Checked(NamedTuple):
    """A plan file's problems, and its typed plan when it has no errors."""

    file: str
    problems: list[Problem]
    plan: Plan | None = None


class Built(NamedTuple):
    """What building a plan gave: problems, and the files to write, relative to its folder
    (none when the plan has errors)."""

    checked: Checked
    files: dict[PurePosixPath, bytes]


def check_plan(path: Path) -> Checked:
    """Returns the problems of the plan at `path`: loading, then schema, then meaning."""
    try:
        loaded = load_plan(path)
    except PlanInvalid as invalid:
        return Checked(str(path), invalid.problems)
    problems = [*loaded.problems, *schema_problems(loaded)]
    if has_errors(problems):
        return Checked(loaded.file, problems)
    plan = typed_plan(loaded.data)
    problems += meaning_problems(plan, loaded)
    return Checked(loaded.file, problems, None if has_errors(problems) else plan)


class UnknownUnits(KehoachError):
    """`kehoach build --unit` named ids the plan does not have; `known` are the plan's ids."""

    exit_code = 2

    def __init__(self, file: str, unknown: list[str], known: list[str]) -> None:
        super().__init__(", ".join(unknown))
        self.file, self.unknown, self.known = file, unknown, known


def build_plan(path: Path, templates: Path | None = None,
               units: Sequence[str] | None = None) -> Built:
    """Returns the documents of the plan at `path`, or its problems when it has errors.

    The documents are the plan, then each unit's assignment letter and task sheet. With
    `units`, only those units' letters and sheets: re-sending one unit's documents leaves the
    plan, which may have been signed since, as it is. Raises `UnknownUnits` for an id the plan
    does not have, and `TemplateProblem` when an override template is broken.
    """
    checked = check_plan(path)
    plan = checked.plan
    if plan is None:
        return Built(checked, {})
    wanted = None if units is None else list(dict.fromkeys(units))  # each id once, in order
    if wanted is not None:
        unknown = [unit_id for unit_id in wanted if unit_id not in plan.units_by_id]
        if unknown:
            raise UnknownUnits(checked.file, unknown, [unit.id for unit in plan.units])
    from .docx_writer import write_docx  # heavy imports only once a build is asked for
    from .render import render

    builtin = resources.templates_dir()

    def document(template: str, **context: object) -> bytes:
        return write_docx(render(template, {"plan": plan, **context}, builtin, templates))

    files: dict[PurePosixPath, bytes] = {}
    if units is None:
        files[PurePosixPath(PLAN_DOCUMENT)] = document("ke-hoach.xml.j2")
    chosen = plan.units if wanted is None else [plan.units_by_id[unit_id] for unit_id in wanted]
    for folder, template in ((LETTER_FOLDER, "cong-van.xml.j2"), (SHEET_FOLDER, "phieu-nhiem-vu.xml.j2")):
        for unit in chosen:
            files[PurePosixPath(folder, f"{unit.id}.docx")] = document(
                template, share=plan.unit_duties(unit.id))
    return Built(checked, files)
