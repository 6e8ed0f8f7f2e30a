"""Building many plans: each plan built and written where it is built, in this process or in worker
processes (`kehoach build --jobs N`), outcomes handed back in the plans' order. Prints nothing.

A worker builds a plan, writes its files itself and returns only their paths and the plan's
problems, so what travels between processes, and what the main process keeps, stays small
however many plans there are (the performance issue: memory flat as the batch grows). Workers
are started by `concurrent.futures` with the platform's default method, and everything they run
is importable from this module, so it works with "spawn" (Windows, macOS) as with "fork"; each
imports the pipeline once and keeps its template environment and caches for all its plans.
"""

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from .errors import Problem, TemplateProblem

# Plans handed to a worker at a time: few enough to share the work out evenly at the end of a
# batch, enough that a worker rarely waits for the next plan.
MAX_CHUNK = 4


class Crash(NamedTuple):
    """What kehoach was doing when it failed (`stage`): "checking" the plan, "making" `document`
    (of the unit named `unit`), or "building" it otherwise; `report`: the crash report (None: it
    could not be written)."""

    stage: str
    document: str | None
    unit: str | None
    report: Path | None

    def context(self, plan: object) -> dict[str, str]:
        """Returns what was being done, for the crash report of `plan`."""
        return {"plan": str(plan), "stage": self.stage, "document": self.document or "-",
                "unit": self.unit or "-"}


class Outcome(NamedTuple):
    """What building one plan gave. `written`: the files written (None: nothing was written,
    the plan has errors or could not be written); `problems` are sorted by line."""

    plan: Path
    written: list[Path] | None
    problems: Sequence[Problem] = ()
    # --unit named ids the plan does not have, or units without letters: (unknown ids, the ids
    # of the units with letters, ids of units without); a usage error.
    unknown_units: tuple[list[str], list[str], list[str]] | None = None
    # The files could not be written: (folder, the system's reason).
    write_error: tuple[Path, str] | None = None
    # kehoach failed (a bug) and wrote nothing for the plan: what it was making, the crash report.
    crash: Crash | None = None


def _build_one(plan: Path, output: Path, templates: Path | None,
               units: Sequence[str] | None) -> Outcome:
    from .build import Crashed, UnknownUnits, build_plan, name_problem
    from .save import UnsafeName, safe_folder, write_files

    try:
        folder = safe_folder(output, plan.stem)
        built = build_plan(plan, templates, units)
    except Crashed as crashed:
        assert crashed.__cause__ is not None
        return _crashed(plan, crashed.__cause__, Crash(crashed.stage, crashed.document, crashed.unit, None))
    except UnknownUnits as unknown:
        return Outcome(plan, None, unknown_units=(unknown.unknown, unknown.known,
                                                    unknown.letterless))
    except TemplateProblem as broken:
        return Outcome(plan, None, [broken.problem])
    except UnsafeName as unsafe:
        return Outcome(plan, None, [name_problem(str(plan), unsafe.name)])
    problems = sorted(built.checked.problems, key=lambda problem: problem.sort_key)
    if not built.files:
        return Outcome(plan, None, problems)
    try:
        return Outcome(plan, write_files(folder, built.files), problems)
    except OSError as error:
        return Outcome(plan, None, problems, write_error=(folder, str(error.strerror or error)))


def _crashed(plan: Path, error: BaseException, crash: Crash) -> Outcome:
    """Returns the outcome of a plan whose build met a bug, with the crash report written."""
    from .crash import write_report

    return Outcome(plan, None, crash=crash._replace(report=write_report(error, crash.context(plan))))


def build_one(plan: Path, output: Path, templates: Path | None = None,
              units: Sequence[str] | None = None) -> Outcome:
    """Builds the plan at `plan` into `output/<plan-file-stem>/` and writes its files; returns
    what happened. Nothing is written for a plan with errors (see `build.build_plan`); a bug
    is reported as the plan's `crash`, and the other plans of a batch still build."""
    try:
        return _build_one(plan, output, templates, units)
    except Exception as error:  # noqa: BLE001 - a bug outside any one document
        return _crashed(plan, error, Crash("building", None, None, None))


def worker_count(jobs: int, plans: int) -> int:
    """Returns how many processes `jobs` means for `plans` plans (0: one per CPU)."""
    return min(jobs or os.cpu_count() or 1, plans)


def build_all(plans: Sequence[Path], output: Path, templates: Path | None = None,
              units: Sequence[str] | None = None, jobs: int = 1) -> Iterator[Outcome]:
    """Yields the outcome of each of `plans`, in their order, building them in `jobs` worker
    processes (1: in this process, one after the other; 0: one per CPU).

    Each outcome is yielded as soon as it and those before it are done. Stopping the iteration
    early cancels the plans not yet started.
    """
    workers = worker_count(jobs, len(plans))
    if workers <= 1:
        for plan in plans:
            yield build_one(plan, output, templates, units)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(MAX_CHUNK, len(plans) // (workers * 4)))
    count = len(plans)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        try:
            yield from pool.map(build_one, plans, [output] * count, [templates] * count,
                                [units] * count, chunksize=chunk)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
