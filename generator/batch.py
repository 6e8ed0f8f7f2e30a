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
from typing import Any, NamedTuple

from .errors import Problem, TemplateProblem, stop_behind


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


class WriteError(NamedTuple):
    """Why a plan's files could not be written into `folder`: the system's `error`; whether the
    folder was left as it was (`rolled_back`), otherwise the files of it already `new`."""

    folder: Path
    error: OSError
    rolled_back: bool = True
    new: Sequence[Path] = ()


class Outcome(NamedTuple):
    """What building one plan gave. `written`: the files written (None: nothing was written,
    the plan has errors or could not be written); `problems` are sorted by line."""

    plan: Path
    written: list[Path] | None
    problems: Sequence[Problem] = ()
    # --unit named ids the plan does not have, or units without letters: (unknown ids, the ids
    # of the units with letters, ids of units without); a usage error.
    unknown_units: tuple[list[str], list[str], list[str]] | None = None
    # The files could not be written.
    write_error: WriteError | None = None
    # kehoach failed (a bug) and wrote nothing for the plan: what it was making, the crash report.
    crash: Crash | None = None
    # The worker process building the plan died (killed, out of memory): nothing was written.
    worker_died: bool = False


def _build_one(plan: Path, output: Path, templates: Path | None,
               units: Sequence[str] | None, report: bool = False) -> Outcome:
    from .build import UnknownUnits, build_plan, build_report
    from .errors import Crashed
    from .plan.read import name_problem
    from .save import UnsafeName, WriteFailed, safe_folder, write_plan

    try:
        folder = safe_folder(output, plan.stem)
        built = build_report(plan, templates) if report else build_plan(plan, templates, units)
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
        return Outcome(plan, write_plan(folder, built.files), problems)
    except WriteFailed as failed:
        return Outcome(plan, None, problems, write_error=WriteError(
            failed.folder, failed.error, failed.rolled_back, failed.new))


def _crashed(plan: Path, error: BaseException, crash: Crash) -> Outcome:
    """Returns the outcome of a plan whose build met a bug, with the crash report written."""
    from .crash import write_report

    return Outcome(plan, None, crash=crash._replace(report=write_report(error, crash.context(plan))))


def build_one(plan: Path, output: Path, templates: Path | None = None,
              units: Sequence[str] | None = None, report: bool = False) -> Outcome:
    """Builds the plan at `plan` into `output/<plan-file-stem>/` and writes its files; returns
    what happened. Nothing is written for a plan with errors (see `build.build_plan`); a bug
    is reported as the plan's `crash`, and the other plans of a batch still build. With
    `report`, the plan's year-end report instead (`build.build_report`)."""
    try:
        return _build_one(plan, output, templates, units, report)
    except Exception as error:  # noqa: BLE001 - a bug outside any one document
        stop = stop_behind(error)
        if stop is not None:
            raise stop from None
        return _crashed(plan, error, Crash("building", None, None, None))


def worker_count(jobs: int, plans: int) -> int:
    """Returns how many processes `jobs` means for `plans` plans (0: one per CPU)."""
    return min(jobs or os.cpu_count() or 1, plans)


def build_all(plans: Sequence[Path], output: Path, templates: Path | None = None,
              units: Sequence[str] | None = None, jobs: int = 1) -> Iterator[Outcome]:
    """Yields the outcome of each of `plans`, in their order, building them in `jobs` worker
    processes (1: in this process, one after the other; 0: one per CPU).

    Each outcome is yielded as soon as it and those before it are done. Closing the iteration
    early (or `Stopped`) stops the workers, each removing what it had staged.
    """
    workers = worker_count(jobs, len(plans))
    if workers <= 1:
        for plan in plans:
            yield build_one(plan, output, templates, units)
        return
    yield from _in_workers(plans, workers, (output, templates, units))


# What a worker is doing with each plan of the batch, in shared memory: the parent reads it when
# a worker dies, to tell the plan that died with it from those to build again.
WAITING, BUILDING, DONE, STOPPED = 0, 1, 2, 3
_states: Any = None


def _start_worker(states: Any) -> None:
    from .stopping import start_worker

    global _states
    _states = states
    start_worker()


def _build_in_worker(index: int, plan: Path, output: Path, templates: Path | None,
                     units: Sequence[str] | None) -> Outcome:
    """Builds plan number `index` in a worker; a SIGTERM ends the worker once the plan's staged
    files are removed."""
    from .stopping import Stopped, busy

    _states[index] = BUILDING
    try:
        with busy():
            outcome = build_one(plan, output, templates, units)
    except Stopped as stopped:
        _states[index] = STOPPED
        os._exit(stopped.exit_code)
    _states[index] = DONE
    return outcome


def _in_workers(plans: Sequence[Path], workers: int,
                settings: tuple[Path, Path | None, Sequence[str] | None]) -> Iterator[Outcome]:
    """Yields the outcomes of `plans` built by `workers` processes, in order. When a worker dies
    (killed, out of memory), the plan it was building fails; the pool is made again for the
    others (concurrent.futures gives up on the whole pool)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    states = multiprocessing.RawArray("b", len(plans))
    done: dict[int, Outcome] = {}
    waiting = list(range(len(plans)))
    shown = fruitless = 0
    while waiting:
        pool = ProcessPoolExecutor(min(workers, len(waiting)), initializer=_start_worker,
                                   initargs=(states,))
        complete = False
        try:
            futures = {index: pool.submit(_build_in_worker, index, plans[index], *settings)
                       for index in waiting}
            for index in waiting:
                try:
                    done[index] = futures[index].result()
                except BrokenProcessPool:
                    break
                while shown in done:
                    yield done.pop(shown)
                    shown += 1
            else:
                complete = True
        finally:
            _stop_workers(pool, complete)
            if not complete:  # stopped, or a worker died: a worker's own clean-up may have been cut
                _settle_cut(plans, states, settings[0])
        unsettled = [index for index in waiting if index >= shown and index not in done]
        left = _after_break(plans, unsettled, futures, states, done)
        fruitless = fruitless + 1 if len(left) == len(waiting) else 0
        if fruitless > 1:  # twice no plan done nor lost: workers die before building anything
            done.update((index, _died(plans[index])) for index in left)
            left = []
        for index in left:
            states[index] = WAITING
        waiting = left
        while shown in done:
            yield done.pop(shown)
            shown += 1


def _after_break(plans: Sequence[Path], unsettled: list[int], futures: dict[int, Any], states: Any,
                 done: dict[int, Outcome]) -> list[int]:
    """Puts into `done` the outcomes of the `unsettled` plans that a broken pool still gave, and
    the failure of the plan a dead worker was building; returns the plans to build again."""
    for index in unsettled:
        future = futures[index]
        if future.done() and not future.cancelled() and future.exception() is None:
            done[index] = future.result()
        elif states[index] == BUILDING:
            done[index] = _died(plans[index])
    return [index for index in unsettled if index not in done]


def _died(plan: Path) -> Outcome:
    """Returns the outcome of `plan`, whose worker died (its folder settled: `_settle_cut`)."""
    return Outcome(plan, None, worker_died=True)


def _settle_cut(plans: Sequence[Path], states: Any, output: Path) -> None:
    """Leaves the folder of each plan a worker was building, or was stopped in, with one whole
    set of documents again and nothing staged beside it: the worker may have died swapping the
    files in, or a second SIGTERM (the pool stops the other workers when one ends) may have cut
    short its own clean-up."""
    from .save import is_safe, settle

    for index, plan in enumerate(plans):
        if states[index] in (BUILDING, STOPPED) and is_safe(plan.stem):
            settle(output / plan.stem)


def _stop_workers(pool: Any, complete: bool) -> None:
    """Shuts `pool` down; unless its work is `complete`, first stops (SIGTERM) its workers, each
    removing what it had staged."""
    import multiprocessing

    if not complete:
        for child in multiprocessing.active_children():
            child.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
