"""The Jinja environment templates run in: Jinja's immutable sandbox with a render budget, a
loader that stays inside its template folders, and a bytecode cache a corrupt entry cannot break.

A `--templates` folder may come with a plan repository pulled from someone else (issue 17,
part 6), so every template, built-in or not, is rendered the same way: it may read the plan's
values and call kehoach's filters, and nothing else (no `__globals__` and other internals, no
changing a list or a mapping, no file outside its folder), within `RENDER_SECONDS` and
`OUTPUT_CHARACTERS` per document. The README states these limits.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes, pass_eval_context
from jinja2.bccache import Bucket
from jinja2.filters import do_replace
from jinja2.nodes import EvalContext
from jinja2.loaders import split_template_path
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment

from ..errors import Problem, TemplateProblem

# The budget of one document's render, far above any plan's: the sample's plan renders in about
# 0.01 s into 19,000 characters of roles XML, the benchmark's tenfold plan in under 0.1 s.
RENDER_SECONDS = 10
OUTPUT_CHARACTERS = 50_000_000
_POWER_BITS = 100_000  # `a ** b` past this many bits is refused before Python computes it


class OverBudget(jinja2.TemplateError):
    """A template went past a limit of its render; `code` and `problem_args` word the problem.
    Raised inside the template's code, so that Jinja's traceback gives its file and line."""

    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.problem_args = args


class _Budget(threading.local):
    deadline = float("inf")  # no render running: nothing to stop


_budget = _Budget()


@contextmanager
def budget() -> Iterator[None]:
    """Runs one document's render in this thread within `RENDER_SECONDS`."""
    _budget.deadline = time.monotonic() + RENDER_SECONDS
    try:
        yield
    finally:
        _budget.deadline = float("inf")


def _check_time() -> None:
    if time.monotonic() > _budget.deadline:
        raise OverBudget("template.budget_time", seconds=RENDER_SECONDS)


def _check_size(size: int) -> None:
    """Raises `OverBudget` when a text of `size` characters would pass the output budget."""
    if size > OUTPUT_CHARACTERS:
        raise OverBudget("template.budget_size", characters=OUTPUT_CHARACTERS)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox whose every call, attribute, item and loop step checks the
    render's deadline: no signal or timer thread, so it stops a template in a worker process
    or any thread alike. Repetition (`*`) and powers (`**`) are sized before Python computes
    them, so one operation cannot take the memory the output budget guards."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._safe: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Returns Jinja's answer, remembered by type and name: the sandbox decides by the
        object's type alone, and asking it at every attribute read made a build 30 % slower."""
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        _check_time()
        if isinstance(getattr(obj, "__self__", None), str):  # "x".ljust(…), .center, .zfill …
            _check_widths(args, kwargs)
        return super().call(context, obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:  # "{:>99999999999}".format(…): Jinja's sandbox wraps it here
            _check_format(value.__self__)
        return wrapped

    def getattr(self, obj: Any, attribute: str) -> Any:
        _check_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _check_time()
        return super().getitem(obj, argument)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        _check_time()
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "%":
            _check_format(left)  # "%99999999999d" % …
        elif isinstance(left, int) and isinstance(right, int) and right > 0 \
                and left.bit_length() * right > _POWER_BITS:
            raise OverBudget("template.budget_size", characters=OUTPUT_CHARACTERS)
        return super().call_binop(context, operator, left, right)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Returns the template's syntax tree with every loop's items counted against the time
        budget: a loop over a list bound earlier calls nothing the hooks above would see."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _TIMED, [], [], None, None, lineno=loop.lineno)
        return tree


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
        _check_size(len(sequence) * times)


def _check_widths(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Raises `OverBudget` for a width or count, given to a text's method or filter, past the
    output budget: Python would make the text in one step, before the output is counted."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int):
            _check_size(value)


_WIDTH = re.compile(r"\d{8,}")  # a figure in a format long enough to pass OUTPUT_CHARACTERS


def _check_format(text: Any) -> None:
    if isinstance(text, str):
        for width in _WIDTH.findall(text):
            _check_size(int(width))


def _sized_filters() -> dict[str, Callable[..., Any]]:
    """Returns Jinja's filters that make a text of a given width, checked as `_check_widths` does."""
    from jinja2.filters import FILTERS

    def sized(name: str) -> Callable[..., Any]:
        @functools.wraps(FILTERS[name])
        def checked(value: Any, *args: Any, **kwargs: Any) -> Any:
            _check_widths(args, kwargs)
            if name == "format":
                _check_format(value)
            return FILTERS[name](value, *args, **kwargs)
        return checked

    return {name: sized(name) for name in ("center", "indent", "format")}


def _replace(context: EvalContext, text: Any, old: str, new: str, count: int | None = None) -> str:
    """Returns Jinja's `replace`, sized first: a short text replaced by a long one grows."""
    _check_size(len(str(text)) + str(text).count(str(old)) * len(str(new)))
    return do_replace(context, text, old, new, count)


def _timed(items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        _check_time()
        yield item


def _range(*args: int) -> range:
    """Returns `range(*args)`, refusing more than Jinja's sandbox allows (`MAX_RANGE`) in words."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise OverBudget("template.budget_range", count=MAX_RANGE)
    return numbers


_TIMED = "kehoach_timed"  # the filter every loop goes through (not for templates' own use)


def environment(folders: list[Path], filters: Mapping[str, Any], tests: Mapping[str, Any]) -> Sandbox:
    """Returns the sandboxed environment reading templates from `folders`, first one first."""
    sandbox = Sandbox(
        loader=_Loader(folders), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
        auto_reload=False,  # templates do not change during a run: no file times looked at per document
        bytecode_cache=_bytecode_cache())
    sandbox.filters.update(_sized_filters(), replace=pass_eval_context(_replace), **{_TIMED: _timed})
    sandbox.filters.update(filters)
    sandbox.tests.update(tests)
    sandbox.globals["range"] = _range
    return sandbox


class _Loader(jinja2.BaseLoader):
    """Reads a template from the first of its folders that has it, as Jinja's `FileSystemLoader`
    does, but only a regular file inside that folder (a link may point within it, never out
    of it) and only UTF-8 text; any other is a problem naming the file."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = [(str(folder), os.path.realpath(folder)) for folder in folders]

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, None]:
        pieces = split_template_path(template)
        for folder, real_folder in self.folders:
            path = os.path.join(folder, *pieces)
            if os.path.lexists(path):
                return _read(path, real_folder), os.path.normpath(path), None
        raise jinja2.TemplateNotFound(template)


def _read(path: str, real_folder: str) -> str:
    """Returns the text of the template at `path`, in the folder whose real path is `real_folder`."""
    real = os.path.realpath(path)
    if os.path.commonpath([real, real_folder]) != real_folder:
        raise _problem(path, "template.outside", path=real)
    try:
        if not stat.S_ISREG(os.stat(real).st_mode):  # a FIFO would block the read for ever
            raise _problem(path, "template.not_a_file")
        data = Path(real).read_bytes()
    except OSError as error:
        raise _problem(path, "template.unreadable", reason=error.strerror or str(error)) from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        raise TemplateProblem(Problem(
            file=os.path.normpath(path), line=data.count(b"\n", 0, error.start) + 1,
            column=len(data[line_start:error.start].decode("utf-8")) + 1, code="template.encoding",
            args={"byte": f"{data[error.start]:02X}"})) from error


def _problem(file: str, code: str, **args: Any) -> TemplateProblem:
    return TemplateProblem(Problem(file=os.path.normpath(file), line=1, column=1, code=code, args=args))


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, in a private per-user folder of the system's
    temporary folder: a fresh process reads them there instead of compiling them again (about
    45 ms of a one-plan build). An entry is keyed by the template's file and checked against
    its source, so an edited or overriding template is compiled anew. Each entry starts with
    the SHA-256 of the rest: a corrupt one (a crash while writing, a full disk) is compiled
    anew and rewritten, never run. A cache that cannot be written is no cache, never a failed
    build."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            entry = Path(self._get_cache_filename(bucket)).read_bytes()
        except OSError:
            return
        digest, code = entry[:32], entry[32:]
        if hashlib.sha256(code).digest() == digest:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = bucket.bytecode_to_string()
        try:
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".entry-")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(hashlib.sha256(code).digest() + code)
            os.replace(temporary, self._get_cache_filename(bucket))  # whole, for a process reading it now
        except OSError:
            _remove(temporary)


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


# The entries' names: a new one whenever what kehoach compiles changes (here: the sandbox and
# its timed loops), so that no entry compiled otherwise is ever run.
_ENTRY = "sandbox-1-%s.cache"


def _bytecode_cache() -> _BytecodeCache | None:
    folder = _cache_folder()
    return None if folder is None else _BytecodeCache(folder, _ENTRY)


def _cache_folder() -> str | None:
    """Returns the per-user cache folder, made private (0700) if new, or None (no cache) when
    it cannot be made or is not safe: not a folder of this user's that only they can open
    (a link planted there is not followed)."""
    user = os.getuid() if hasattr(os, "getuid") else None
    name = "kehoach-jinja" if user is None else f"kehoach-jinja-{user}"  # Windows: a per-user temp
    folder = os.path.join(tempfile.gettempdir(), name)
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        found = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(found.st_mode) or (user is not None and (
            found.st_uid != user or stat.S_IMODE(found.st_mode) & 0o077)):
        return None
    return folder
