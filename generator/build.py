"""One plan through the pipeline: read and checked (`plan.read`), rendered, written. Prints
nothing. The renderer and the writer are imported when `build_plan` is first called, so
`kehoach validate` never imports Jinja2, lxml or the writer (start-up time, performance issue).
"""

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NamedTuple

from . import resources
from .errors import KehoachError, Problem, making
from .plan.checks import report_problems
from .plan.model import IndexedPlan, SharedLetter, Unit, report_symbol
from .plan.read import Checked, check_plan
from .plan.standalone import LETTER_DOCUMENT

if TYPE_CHECKING:
    from .document.model import Document

PLAN_DOCUMENT = "ke-hoach.docx"
REPORT_DOCUMENT = "bao-cao.docx"  # the year-end report (`kehoach report`, issue 18)
# Each unit's documents (the issue "Assignment letters and task sheets"): <folder>/<unit-id>.docx.
LETTER_FOLDER = "giao-nhiem-vu"
SHEET_FOLDER = "phieu-nhiem-vu"


class Built(NamedTuple):
    """What building a plan gave: problems, and the files to write, relative to its folder
    (none when the plan has errors)."""

    checked: Checked
    files: dict[PurePosixPath, bytes]


class UnknownUnits(KehoachError):
    """`kehoach build --unit` named ids the plan does not have (`unknown`), or units it makes
    no letter for (`letterless`, `letter: false`); `known` are the ids of the units it has
    letters for."""

    exit_code = 2

    def __init__(self, file: str, unknown: list[str], known: list[str],
                 letterless: list[str] | None = None) -> None:
        super().__init__(", ".join(unknown or letterless or []))
        self.file, self.unknown, self.known = file, unknown, known
        self.letterless = letterless or []


def build_plan(path: Path, templates: Path | None = None,
               units: Sequence[str] | None = None) -> Built:
    """Returns the documents of the plan at `path`, or its problems when it has errors.

    The documents are the plan, then the assignment letter and task sheet of each unit that
    has them (not `letter: false`). With
    `units`, only those units' letters and sheets: re-sending one unit's documents leaves the
    plan, which may have been signed since, as it is. A task sheet that will not fit on one
    page adds a warning. Raises `UnknownUnits` for an id the plan does not have, and
    `TemplateProblem` when an override template is broken.
    """
    checked = check_plan(path, None if units is None else "build --unit")
    if checked.plan is None and checked.letter is None:
        return Built(checked, {})
    return _written(checked, plan_documents(checked, templates, units))


class Planned(NamedTuple):
    """A document a plan makes: its file name, kind, unit (a letter or sheet of its own) and
    how to make it (rendering is left to the caller, inside its own error handling)."""

    name: PurePosixPath
    kind: str
    unit: Unit | None
    make: Callable[[], "Document"]


def _written(checked: Checked, documents: list[Planned]) -> Built:
    """Returns the planned `documents` of `checked` made and written as .docx, with a warning
    for each task sheet that will not fit on one page."""
    from .writers.docx import write_docx  # heavy imports only once a build is asked for
    from .writers.layout import layout
    from .writers.pages import page_count

    files: dict[PurePosixPath, bytes] = {}
    long_sheets = []
    for planned in documents:
        with making(checked.file, str(planned.name), planned.unit.name if planned.unit else None):
            document = planned.make()
            laid_out = layout(document)  # once, for the writer and the page estimate
            files[planned.name] = write_docx(document, laid_out)
            pages = page_count(document, laid_out) if planned.kind == "sheet" else None
        if planned.unit is not None and pages is not None and pages > 1:
            long_sheets.append(_long_sheet(checked, planned.unit, pages))
    return Built(checked._replace(problems=[*checked.problems, *long_sheets]), files)


def plan_documents(checked: Checked, templates: Path | None = None,
                   units: Sequence[str] | None = None) -> list[Planned]:
    """Returns the documents of a checked plan without errors, in `build`'s order: the plan,
    then the assignment letters, then the task sheets; with `units`, only those units' letters
    and sheets. A standalone letter makes its one document, `cong-van.docx`. Raises
    `UnknownUnits` as `build_plan`."""
    from .render.templates import render

    builtin = resources.templates_dir()
    if checked.letter is not None:
        letter = checked.letter
        return [Planned(PurePosixPath(LETTER_DOCUMENT), "letter", None,
                        lambda: render("cong-van-rieng.xml.j2", {"letter": letter}, builtin, templates))]
    plan = checked.plan
    assert plan is not None
    wanted = None if units is None else list(dict.fromkeys(units))  # each id once, in order
    lettered = _lettered(plan)
    if wanted is not None:
        _check_wanted(checked.file, plan, wanted, [unit.id for unit in lettered])

    def document(template: str, share_of: Unit | None = None, **context: object) -> Callable[[], "Document"]:
        def make() -> "Document":  # a unit's share too is worked out when the document is made
            share = {"share": plan.unit_duties(share_of.id)} if share_of is not None else {}
            return render(template, {"plan": plan, **context, **share}, builtin, templates)
        return make

    planned: list[Planned] = []
    if units is None:
        planned.append(Planned(PurePosixPath(PLAN_DOCUMENT), "plan", None, document("ke-hoach.xml.j2")))
    chosen = lettered if wanted is None else [plan.units_by_id[unit_id] for unit_id in wanted]
    # A letter is a document of its own: the copies of the plan issued (ô 12) are not its copies.
    letter_plan = plan if plan.copies is None else IndexedPlan(plan.data._replace(copies=None))
    for name, unit, shared in _letters(plan, chosen):
        if unit is not None:
            make = document("cong-van.xml.j2", unit, plan=letter_plan)
        else:
            make = document("cong-van-nhieu-don-vi.xml.j2", plan=letter_plan, shared=shared)
        planned.append(Planned(name, "letter", unit, make))
    for unit in chosen:
        planned.append(Planned(PurePosixPath(SHEET_FOLDER, f"{unit.id}.docx"), "sheet", unit,
                               document("phieu-nhiem-vu.xml.j2", unit)))
    return planned


def build_report(path: Path, templates: Path | None = None) -> Built:
    """Returns the year-end report of the plan at `path` (bao-cao.docx), or its problems when it
    has errors; a warning for each result the report needs and the plan has not recorded yet.
    Raises `TemplateProblem` when an override template is broken."""
    checked = check_plan(path, "report")
    plan = checked.plan
    if plan is None:
        return Built(checked, {})
    assert checked.loaded is not None
    checked = checked._replace(problems=[*checked.problems, *report_problems(plan, checked.loaded)])
    from .render.templates import render

    info = plan.results.report
    # The report is a document of its own: signed as it says (else as the plan), copies its own.
    signed = IndexedPlan(plan.data._replace(signer=info.signer or plan.signer, copies=None))
    context = {"plan": signed, "symbol": info.symbol or report_symbol(plan.document.symbol)}
    return _written(checked, [Planned(PurePosixPath(REPORT_DOCUMENT), "report", None, lambda: render(
        "bao-cao.xml.j2", context, resources.templates_dir(), templates))])


def _lettered(plan: IndexedPlan) -> list[Unit]:
    """Returns the units that get a letter, and so a task sheet (issue 16): each unit but those
    with `letter: false`; with `assignments.letters`, the units the letters address."""
    if not plan.assignments.letters:
        return [unit for unit in plan.units if unit.letter]
    addressed = {unit_id for shared in plan.assignments.letters for unit_id in shared.to}
    return [unit for unit in plan.units if unit.id in addressed]


def _letters(plan: IndexedPlan, chosen: list[Unit]
             ) -> Iterator[tuple[PurePosixPath, Unit | None, SharedLetter | None]]:
    """Yields the name of each letter to make for the `chosen` units, with its unit (a letter of
    its own) or its `SharedLetter`: with `assignments.letters`, those that reach one of them
    (<letter-id>.docx); otherwise each unit's own letter (<unit-id>.docx)."""
    if not plan.assignments.letters:
        for unit in chosen:
            yield PurePosixPath(LETTER_FOLDER, f"{unit.id}.docx"), unit, None
        return
    chosen_ids = {unit.id for unit in chosen}
    for shared in plan.assignments.letters:
        if chosen_ids.intersection(shared.to):
            yield PurePosixPath(LETTER_FOLDER, f"{shared.id}.docx"), None, shared


def _check_wanted(file: str, plan: IndexedPlan, wanted: list[str], lettered: list[str]) -> None:
    """Raises `UnknownUnits` when `wanted` (the ids of `--unit`) names a unit the plan does not
    have, or one without letters."""
    unknown = [unit_id for unit_id in wanted if unit_id not in plan.units_by_id]
    if unknown:
        raise UnknownUnits(file, unknown, [unit.id for unit in plan.units])
    letterless = [unit_id for unit_id in wanted if unit_id not in lettered]
    if letterless:
        raise UnknownUnits(file, [], lettered, letterless)


def _long_sheet(checked: Checked, unit: Unit, pages: int) -> Problem:
    """Returns the warning that `unit`'s task sheet, meant for one page, takes `pages`."""
    assert checked.plan is not None and checked.loaded is not None
    path = ("units", checked.plan.units.index(unit))
    at = checked.loaded.position(path)
    return Problem(file=checked.file, line=at.line, column=at.column, code="layout.sheet_pages",
                   args={"unit": unit.name, "pages": pages}, severity="warning", path=path)
