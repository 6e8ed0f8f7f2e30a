"""One plan through the pipeline: load, validate, check, render, write. Prints nothing.

`check_plan` stops before rendering, so `kehoach validate` never imports Jinja2, lxml or the
writer (start-up time, performance issue); `build_plan` imports them when first called.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import resources
from .checks import meaning_problems
from .errors import PlanInvalid, Problem
from .load import load_plan
from .model import Plan, build_plan as typed_plan
from .validate import schema_problems

PLAN_DOCUMENT = "ke-hoach.docx"


@dataclass
class Checked:
    """A plan file's problems, and its typed plan when it has no errors."""

    file: str
    problems: list[Problem]
    plan: Plan | None = None

    @property
    def ok(self) -> bool:
        return self.plan is not None


@dataclass
class Built:
    """What building a plan gave: problems, and the files to write, relative to its folder."""

    checked: Checked
    files: dict[PurePosixPath, bytes] = field(default_factory=dict)


def check_plan(path: Path) -> Checked:
    """Returns the problems of the plan at `path`: loading, then schema, then meaning."""
    try:
        loaded = load_plan(path)
    except PlanInvalid as invalid:
        return Checked(str(path), invalid.problems)
    problems = [*loaded.problems, *schema_problems(loaded)]
    if _has_errors(problems):
        return Checked(loaded.file, problems)
    plan = typed_plan(loaded.data)
    problems += meaning_problems(plan, loaded)
    return Checked(loaded.file, problems, None if _has_errors(problems) else plan)


def build_plan(path: Path, templates: Path | None = None) -> Built:
    """Returns the documents of the plan at `path`, or its problems when it has errors.

    Raises `TemplateProblem` when an override template is broken.
    """
    checked = check_plan(path)
    if checked.plan is None:
        return Built(checked)
    from .docx_writer import write_docx  # heavy imports only once a build is asked for
    from .render import render

    document = render("ke-hoach.xml.j2", {"plan": checked.plan}, resources.templates_dir(), templates)
    return Built(checked, {PurePosixPath(PLAN_DOCUMENT): write_docx(document)})


def _has_errors(problems: list[Problem]) -> bool:
    return any(problem.severity == "error" for problem in problems)
