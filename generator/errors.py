"""Problems found in a plan, and the few exceptions that carry them to the CLI."""

# Annotations are evaluated, not postponed: NamedTuple would compile each annotation string into
# a ForwardRef (see `document`).
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

Severity = Literal["error", "warning"]
# A path into the loaded plan data: mapping keys and list indexes, as jsonschema's `absolute_path`.
DataPath = tuple[str | int, ...]


class Position(NamedTuple):
    """A place in a source file; line and column count from 1. A named tuple, not a dataclass:
    the loader makes one per value, and a tuple is made three times quicker."""

    line: int
    column: int


_NO_ARGS: Mapping[str, Any] = MappingProxyType({})


class Problem(NamedTuple):
    """One thing wrong (or doubtful) in a plan, located and worded later by `messages`.

    `code` names the kind of problem (e.g. ``"schema.required"``, ``"figures.reduction"``);
    `args` fills its message. Nothing here is user-facing text except what `args` quotes.
    A named tuple, not a frozen dataclass, as every record of the pipeline: a dataclass
    `exec`s its generated methods when its module is imported, at every command's start-up.
    """

    file: str
    line: int
    column: int
    code: str
    args: Mapping[str, Any] = _NO_ARGS
    severity: Severity = "error"
    path: DataPath = ()

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


def has_errors(problems: list[Problem]) -> bool:
    """Returns whether any of `problems` is an error (warnings let a plan build)."""
    return any(problem.severity == "error" for problem in problems)


class KehoachError(Exception):
    """Base of the errors the CLI reports without a traceback; `exit_code` is what it exits with."""

    exit_code = 1


class PlanInvalid(KehoachError):
    """A plan could not be loaded or validated; `problems` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class TemplateProblem(KehoachError):
    """An override template is broken; carries the problem at the template's file and line."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


class Crashed(Exception):
    """kehoach failed, a bug, on the plan `file`: while checking it (`document` None) or making
    `document` (for `unit`, a unit's name). The error itself is the `__cause__`."""

    def __init__(self, file: str, document: str | None, unit: str | None = None) -> None:
        super().__init__(file)
        self.file, self.document, self.unit = file, document, unit

    @property
    def stage(self) -> str:
        return "checking" if self.document is None else "making"


@contextmanager
def making(file: object, document: str | None, unit: str | None = None) -> Iterator[None]:
    """Turns a bug inside the block into `Crashed`, saying what was being made (for `unit`)."""
    try:
        yield
    except KehoachError:
        raise
    except Exception as error:
        stop = stop_behind(error)
        if stop is not None:
            raise stop from None
        raise Crashed(str(file), document, unit) from error


def stop_behind(error: BaseException) -> BaseException | None:
    """Returns the stop (Ctrl-C, SIGTERM: an exception that is no `Exception`) that `error` was
    raised in the wake of, if any: then `error` is no bug but the work failing to close as the
    stop cut it short (a zip file closed while the stop left a part half-written)."""
    seen: set[int] = set()
    cause = error.__context__
    while cause is not None and id(cause) not in seen:
        if not isinstance(cause, Exception):
            return cause
        seen.add(id(cause))
        cause = cause.__context__
    return None
