"""Plan file bytes → data and the position of every value: size, encoding, BOM, NFC, control
characters, tabs, safe YAML with duplicate keys, tags and limits. The only module importing yaml.

The data is built from the parser's events (not `yaml.compose`: libyaml's composer recurses in C
and crashes on a few thousand nested brackets), so positions, duplicate keys and the nesting and
alias budgets come in one walk. Scalars resolve exactly as `yaml.safe_load` resolves them, with
three deliberate differences, all because the data goes on to JSON Schema:

- a YAML timestamp (`2023-05-18`) stays the string it was written as, for `"format": "date"` to
  check (an impossible `2023-02-31` would crash `safe_load`);
- mapping keys are always the text written (`2023:` gives the key "2023", `on:` gives "on");
- `<<` merge keys, `!!binary`, `!!set`, `!!omap`, `!!pairs`, non-finite floats and every
  constructing tag (`!!python/...`) are refused, as are unknown local `!tags`.

A decimal comma stays text ("9,2" is a string), for the schema to ask for a number.
"""

# Annotations are evaluated, not postponed: NamedTuple would compile each one (see `document`).
import math
import os
import re
import unicodedata
from collections.abc import Callable
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..errors import DataPath, PlanInvalid, Position, Problem, has_errors

MAX_BYTES = 2 * 1024 * 1024  # a year's plan is ~30 KB; anything near this is not a plan
MAX_DEPTH = 50  # nested mappings and lists; the sample plans nest 10 deep
MAX_NODES = 200_000  # values after alias expansion; the sample plans have ~300
MAX_REPORTED = 20  # character problems (control characters, tabs) reported one by one

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it: ~10× faster
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("null", "bool", "int", "float", "str", "timestamp")}
_MAPPING_TAGS = {None, "!", f"{_TAG}map"}
_SEQUENCE_TAGS = {None, "!", f"{_TAG}seq"}


@cache
def _forbidden() -> re.Pattern[str]:
    """Returns what neither YAML nor XML 1.0 (so neither the parser nor Word) can hold: C0
    controls but tab and line breaks, DEL, C1 controls, lone surrogates (from "\\ud800"
    escapes), U+FFFE, U+FFFF. None of them is printable (`str.isprintable`). Compiled when
    first needed, which a plan without such characters never is (start-up time)."""
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
# A YAML 1.1 integer read in base 8 ("010" is 8) or base 60 ("1:30" is 90): surely not meant.
_SURPRISING_INT = re.compile(r"[-+]?(?:0[0-7_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+)")
_FLOW_DIGITS = re.compile(r"\d+")


class LoadedPlan(NamedTuple):
    """A plan file read as data, with where each value and key was written.

    `positions` maps the path of the root, of every mapping value and of every list entry to
    the start of that VALUE; `key_positions` maps each mapping entry's path to its KEY.
    `problems` holds the warnings found while loading (errors raise `PlanInvalid` instead).
    """

    file: str
    data: Any
    positions: dict[DataPath, Position]
    key_positions: dict[DataPath, Position]
    problems: list[Problem]

    def position(self, path: DataPath) -> Position:
        """Returns where the value at `path`, or its nearest ancestor that has a position, starts."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return Position(1, 1)


def load_plan(path: Path, display_name: str | None = None) -> LoadedPlan:
    """Returns the plan at `path`; raises `PlanInvalid` with every problem found when it is not
    a readable plan. Messages name the file `display_name`, or `path` as given."""
    file = display_name if display_name is not None else str(path)
    return load_bytes(read_plan_bytes(path, file), file)


def load_bytes(raw: bytes, file: str) -> LoadedPlan:
    """Returns the plan in `raw`, the contents of `file`; raises `PlanInvalid` as `load_plan`."""
    if not raw.strip():
        raise PlanInvalid([_problem(file, Position(1, 1), "load.empty")])
    text = _normalise(_decode(raw, file))
    problems = _character_problems(text, file) if _may_hold_forbidden(raw) else []
    builder = _Builder(file)
    try:
        # Control characters were reported above; blanked out here, the rest can still be read.
        builder.read(_forbidden().sub(" ", text) if problems else text)
    except _Stop:
        pass
    except yaml.MarkedYAMLError as error:
        problems += _syntax_problems(error, text, file)
    except yaml.YAMLError:  # unmarked (the reader's own checks): nothing better to say than where
        problems.append(_problem(file, Position(1, 1), "yaml.syntax"))
    problems += builder.problems
    problems.sort(key=lambda problem: problem.sort_key)
    if has_errors(problems):
        raise PlanInvalid(problems)
    return LoadedPlan(file, builder.data, builder.positions, builder.key_positions, problems)


# --- bytes to text -------------------------------------------------------------------------


def _problem(file: str, at: Position, code: str, path: DataPath = (), severity: str = "error",
             **args: Any) -> Problem:
    return Problem(file=file, line=at.line, column=at.column, code=code, args=args,
                   severity=severity, path=path)  # type: ignore[arg-type]


_NOWHERE = Position(0, 0)  # a file that cannot be read has no line to point at


def read_plan_bytes(path: Path, file: str) -> bytes:
    """Returns the bytes of the plan file `path` (named `file` in messages), at most `MAX_BYTES`;
    raises `PlanInvalid` otherwise."""
    try:
        if _special(path):  # a FIFO would block the open for ever, a device read for ever
            raise PlanInvalid([_problem(file, _NOWHERE, "load.not_regular")])
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            raw = stream.read(MAX_BYTES + 1)  # read no more than the limit, whatever stat says
    except FileNotFoundError:
        raise PlanInvalid([_problem(file, _NOWHERE, "load.missing")]) from None
    except IsADirectoryError:
        raise PlanInvalid([_problem(file, _NOWHERE, "load.not_a_file")]) from None
    except PermissionError:
        raise PlanInvalid([_problem(file, _NOWHERE, "load.permission")]) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__  # worded by `messages.os_reason`
        raise PlanInvalid([_problem(file, _NOWHERE, "load.unreadable", reason=reason,
                                    errno=error.errno)]) from None
    if len(raw) > MAX_BYTES:
        raise PlanInvalid([_problem(file, Position(1, 1), "load.too_large",
                                    size=max(size, len(raw)), limit=MAX_BYTES)])
    return raw


def _special(path: Path) -> bool:
    """Returns whether `path` is neither a regular file nor a folder (a pipe, a socket, a device)."""
    import stat

    mode = os.stat(path).st_mode
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


_BOM = b"\xef\xbb\xbf"


def _decode(raw: bytes, file: str) -> str:
    """Returns `raw` as text (a UTF-8 BOM is dropped); raises `PlanInvalid` saying where the
    first byte that is not UTF-8 is, and which legacy encoding the file seems to be in."""
    raw = raw.removeprefix(_BOM)
    # UTF-16 decodes as "UTF-8" full of NUL characters when it has no BOM: say what it is.
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw.count(0) > len(raw) // 4:
        raise PlanInvalid([_problem(file, Position(1, 1), "load.not_utf8", encoding="UTF-16")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        at = _byte_position(raw, error.start)
        from .legacy_encoding import guess_encoding  # only for a file that is not UTF-8

        raise PlanInvalid([_problem(file, at, "load.not_utf8", encoding=guess_encoding(raw))]) from None


def _byte_position(raw: bytes, offset: int) -> Position:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Position(raw.count(b"\n", 0, offset) + 1, column)


def _normalise(text: str) -> str:
    """Returns `text` with "\\n" line ends (so our line count is the parser's) and in NFC, so
    that text typed with combining accents (macOS, some keyboards) equals the precomposed one."""
    if "\r" in text:  # a quick look first: replacing scans all of the text, even for nothing
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _nfc(text)


def _offset_position(text: str, offset: int) -> Position:
    return Position(text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))


# The bytes no forbidden character's UTF-8 starts with: all but C0 controls and DEL.
_PLAIN_BYTES = bytes(byte for byte in range(256) if byte in b"\t\n\r" or 0x20 <= byte != 0x7f)


def _may_hold_forbidden(raw: bytes) -> bool:
    """Whether the UTF-8 `raw` may hold a `_forbidden` character: a C0 control or DEL, or the
    lead bytes of a C1 control (C2 80–9F) or of U+FFFE, U+FFFF (EF BF BE/BF). A glance at
    the bytes, 7× quicker than the regex over the text (strict UTF-8 has no surrogates)."""
    return bool(raw.translate(None, _PLAIN_BYTES)) or b"\xc2" in raw or b"\xef\xbf" in raw


def _character_problems(text: str, file: str) -> list[Problem]:
    """Returns a problem for each control character in `text` (the first `MAX_REPORTED`)."""
    problems = []
    for match in _forbidden().finditer(text):
        if len(problems) == MAX_REPORTED:
            break
        problems.append(_problem(file, _offset_position(text, match.start()), "load.control_char",
                                 char=f"U+{ord(match.group()):04X}"))
    return problems


# --- syntax errors, in our words -----------------------------------------------------------


def _syntax_problems(error: yaml.MarkedYAMLError, text: str, file: str) -> list[Problem]:
    """Returns the problems that explain the parser's `error` (the parser stops at the first).

    Its wording is never shown: both PyYAML's and libyaml's phrasings are mapped to our codes.
    """
    mark = error.problem_mark or error.context_mark
    at = Position(mark.line + 1, mark.column + 1) if mark is not None else Position(1, 1)
    tab_lines = [_offset_position(text, match.end() - 1) for match in _TAB_INDENT.finditer(text)]
    if any(tab.line == at.line for tab in tab_lines):
        return [_problem(file, tab, "load.tab_indent") for tab in tab_lines[:MAX_REPORTED]]
    code, where, args = _classify(error, text, at)
    return [_problem(file, where, code, **args)]


def _classify(error: yaml.MarkedYAMLError, text: str, at: Position) -> tuple[str, Position, dict]:
    problem = (error.problem or "").lower()
    context = (error.context or "").lower()
    started = at
    if error.context_mark is not None:
        started = Position(error.context_mark.line + 1, error.context_mark.column + 1)
    char = _char_at(text, error.problem_mark)
    if "maximum nesting depth" in problem:  # libyaml's own limit (PyYAML 6.0.4+), far past ours
        return "load.too_deep", at, {"limit": MAX_DEPTH}
    if "mapping values are not allowed" in problem:
        return "yaml.unexpected_colon", at, {}
    if "sequence entries are not allowed" in problem:
        return "yaml.dash_in_value", at, {}
    if "could not find expected ':'" in problem:
        return "yaml.missing_colon", started, {}
    if "quoted scalar" in context and "end of stream" in problem:
        return "yaml.unclosed_quote", started, {"quote": _char_at(text, error.context_mark)}
    if "escape" in problem:
        return "yaml.bad_escape", at, {}
    if "flow sequence" in context or "flow mapping" in context:
        bracket = _char_at(text, error.context_mark)
        return "yaml.unclosed_bracket", started, {"bracket": bracket, "line": at.line}
    if "alias" in context or "anchor" in context or "directive" in context:
        return "yaml.reserved_char", started, {"char": _char_at(text, error.context_mark)}
    if "cannot start any token" in problem and char and char in "@`%":
        return "yaml.reserved_char", at, {"char": char}
    if context.startswith("while parsing a block") or "<block end>" in problem:
        return "yaml.bad_indent", at, {"start_line": started.line}
    return "yaml.syntax", at, {}


def _char_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column] if mark.column < len(line) else ""


# --- events to data ------------------------------------------------------------------------


class _Stop(Exception):
    """Reading cannot go on (too deep, too big, not a mapping); the problem is recorded."""


class _Anchor(NamedTuple):
    value: Any
    size: int  # values in the subtree, counted against `MAX_NODES` at each alias
    depth: int  # nesting levels of the value (0 for a scalar), counted against `MAX_DEPTH`
    entries: list[tuple[DataPath, Position, bool]]  # (path below it, position, is a key)
    position: Position


class _Frame:
    """An open mapping or list."""

    __slots__ = ("value", "is_mapping", "path", "position", "anchor", "flow", "log_start",
                 "nodes_start", "depth_below", "key", "key_lines", "last")

    def __init__(self, value: dict | list, path: DataPath, position: Position, anchor: str | None,
                 flow: bool, log_start: int, nodes_start: int) -> None:
        self.value = value
        self.is_mapping = isinstance(value, dict)
        self.path = path
        self.position = position
        self.anchor = anchor
        self.flow = flow
        self.log_start = log_start
        self.nodes_start = nodes_start
        self.depth_below = 0  # nesting levels of its deepest entry
        self.key: str | None = None  # mapping: the key whose value comes next
        self.key_lines: dict[str, int] = {}
        self.last: tuple[str, Any] | None = None  # mapping: last key and its value's end mark ("9,2")


# How a scalar without a tag resolves, as `yaml.resolver.Resolver.resolve` does it: a plain
# scalar by the patterns registered for its first character, any other to a string. Looked up
# here: the generic call was a good part of the time a scalar took.
_STR = f"{_TAG}str"
_TEXT_TAGS = {_STR, f"{_TAG}timestamp"}
_KEY_TAGS = {None, "!", _STR}
_WILDCARD = yaml.resolver.Resolver.yaml_implicit_resolvers.get(None, [])
_PATTERNS = {first: patterns + _WILDCARD
             for first, patterns in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
             if first is not None}


# The usual numbers ("2023", "-9.2"): what SafeConstructor makes of them, without its node.
_SIMPLE_NUMBERS = {f"{_TAG}int": (re.compile(r"[-+]?(?:0|[1-9][0-9]*)"), int),
                   f"{_TAG}float": (re.compile(r"[-+]?[0-9]+\.[0-9]+"), float)}


def _plain_tag(value: str) -> str:
    """Returns the tag of a plain (unquoted, untagged) scalar written `value`."""
    for tag, pattern in _PATTERNS.get(value[:1], _WILDCARD):  # "" has patterns of its own
        if pattern.match(value):
            return tag
    return _STR


def _construct(tag: str, event: yaml.ScalarEvent) -> Any:
    """Returns SafeConstructor's value for `event` read as `tag`; raises as it raises."""
    simple = _SIMPLE_NUMBERS.get(tag)
    if simple is not None and simple[0].fullmatch(event.value):
        return simple[1](event.value)  # may still be too long (int) or infinite (float)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
    # The constructor function itself: `construct_object` would keep every node forever.
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


class _Builder:
    """Builds the data, positions and problems of one YAML document from parser events."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.data: Any = None
        self.positions: dict[DataPath, Position] = {}
        self.key_positions: dict[DataPath, Position] = {}
        self.problems: list[Problem] = []
        self.anchors: dict[str, _Anchor] = {}
        self.open_anchors: dict[str, Position] = {}  # anchored collections still open
        self.stack: list[_Frame] = []
        self.top: _Frame | None = None  # the innermost open collection
        self.log: list[tuple[DataPath, Position, bool]] = []  # what an anchor's alias repeats
        self.anchored = 0  # anchored collections open: `log` is kept only while one is
        self.nodes = 0
        self.documents = 0
        self.text = ""

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")  # only for the rare "9,2" check: not split up front

    def read(self, text: str) -> None:
        self.text = text
        # Each event opens a collection, closes one, or is a whole value (scalar, alias).
        handlers: dict[type, Callable[[Any], None]] = {
            yaml.ScalarEvent: self._scalar,
            yaml.MappingStartEvent: self._open,
            yaml.SequenceStartEvent: self._open,
            yaml.MappingEndEvent: self._close,
            yaml.SequenceEndEvent: self._close,
            yaml.AliasEvent: self._alias,
            yaml.DocumentStartEvent: self._document,
            yaml.DocumentEndEvent: _ignore,
            yaml.StreamStartEvent: _ignore,
            yaml.StreamEndEvent: _ignore,
        }
        loader = _Loader(text)
        try:  # `yaml.parse` without its generator: the parser gives None after the last event
            for event in iter(loader.get_event, None):
                handlers[type(event)](event)
        finally:
            loader.dispose()
        if self.data is None:
            self._fail(Position(1, 1), "load.empty")
        if not isinstance(self.data, dict):
            self._fail(self.positions[()], "load.not_mapping", found=json_type(self.data))

    def _document(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            self._fail(_start(event), "load.multiple_documents")

    def _add(self, code: str, at: Position, path: DataPath = (), severity: str = "error",
             **args: Any) -> None:
        self.problems.append(_problem(self.file, at, code, path, severity, **args))

    def _fail(self, at: Position, code: str, **args: Any) -> None:
        self._add(code, at, **args)
        raise _Stop

    def _count(self, size: int, at: Position) -> None:
        """Counts `size` more values; an alias bomb stops here, before it is expanded."""
        self.nodes += size
        if self.nodes > MAX_NODES:
            self._fail(at, "load.too_many_nodes", limit=MAX_NODES)

    # -- where the next value goes

    def _slot(self) -> DataPath | None:
        """Returns the path of the next value, or None when the open mapping expects a key."""
        top = self.top
        if top is None:
            return ()
        if not top.is_mapping:
            return (*top.path, len(top.value))
        return None if top.key is None else (*top.path, top.key)

    def _place(self, value: Any, path: DataPath, at: Position, end: Any = None) -> None:
        """Puts a finished value at `path`, the slot `_slot` gave when it began."""
        self.positions[path] = at
        if self.anchored:
            self.log.append((path, at, False))
        top = self.top
        if top is None:
            self.data = value
        elif top.is_mapping:
            top.value[top.key] = value  # type: ignore[call-overload]
            top.last = (top.key, end)  # type: ignore[assignment]
            top.key = None
        else:
            top.value.append(value)  # type: ignore[union-attr]

    def _new_anchor(self, name: str, at: Position, path: DataPath) -> None:
        first = self.open_anchors.get(name) or (self.anchors[name].position if name in self.anchors else None)
        if first is not None:
            self._add("yaml.duplicate_anchor", at, path, name=name, first_line=first.line)

    # -- values

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        at = _start(event)
        path = self._slot()
        if path is None:
            self._key(event.value, at, event)
            return
        self._count(1, at)
        value = self._resolve(event, at, path)
        if event.anchor is not None:
            self._new_anchor(event.anchor, at, path)
            self.anchors[event.anchor] = _Anchor(value, 1, 0, [], at)
        if event.value == "" and self.top is not None and self.top.flow:
            self._check_flow_comma()
        self._place(value, path, at, event.end_mark)

    def _resolve(self, event: yaml.ScalarEvent, at: Position, path: DataPath) -> Any:
        """Returns the value of a scalar as `yaml.safe_load` resolves it (but timestamps stay
        text, see the module docstring)."""
        tag = event.tag
        if tag is None or tag == "!":
            tag = _plain_tag(event.value) if event.implicit[0] else _STR
        if tag in _TEXT_TAGS:
            return self._escaped(event, at, path) if event.style == '"' else event.value
        if tag not in _SCALAR_TAGS:
            self._bad_tag(tag, at, path)
            return None
        try:
            value = _construct(tag, event)
        except (ValueError, KeyError, TypeError, yaml.YAMLError):
            self._add("load.bad_scalar", at, path, tag=_short_tag(tag), value=event.value)
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self._add("load.not_finite", at, path, value=event.value)
        if isinstance(value, int) and event.tag is None and _SURPRISING_INT.fullmatch(event.value):
            self._add("load.surprising_number", at, path, "warning", value=event.value, result=value)
        return value

    def _escaped(self, event: yaml.ScalarEvent, at: Position, path: DataPath) -> str:
        """Returns a double-quoted string in NFC. Other text needs neither step: the text parsed
        is NFC and its control characters were blanked out, and a scalar is pieces of it joined
        by spaces or line breaks. Only an escape ("\\a", "\\u0301") can bring either back."""
        found = None if event.value.isprintable() else _forbidden().search(event.value)
        if found:
            self._add("load.control_char", at, path, char=f"U+{ord(found.group()):04X}")
        return _nfc(event.value)

    def _bad_tag(self, tag: str, at: Position, path: DataPath) -> None:
        code = "load.unsafe_tag" if tag.startswith(f"{_TAG}python/") else "load.unknown_tag"
        self._add(code, at, path, tag=_short_tag(tag))

    def _check_flow_comma(self) -> None:
        """`{rate: 9,2}` reads as `rate: 9` and a key "2" with no value (an empty scalar): say
        it is a decimal comma rather than let the schema talk about a key "2"."""
        top = self.top
        if top is None or not top.is_mapping or top.last is None \
                or not _FLOW_DIGITS.fullmatch(top.key or ""):
            return
        number_key, end = top.last
        number = top.value.get(number_key)  # type: ignore[union-attr]
        key_at = self.key_positions[(*top.path, top.key)]
        if end is None or isinstance(number, bool) or not isinstance(number, int):
            return
        line = self.lines[end.line] if end.line < len(self.lines) else ""
        right_after_a_comma = line[end.column:end.column + 1] == ","
        if right_after_a_comma and (key_at.line, key_at.column) == (end.line + 1, end.column + 2):
            written = f"{number},{top.key}"
            path = (*top.path, number_key)
            self._add("load.decimal_comma", self.positions[path], path, value=written,
                      suggestion=written.replace(",", "."))

    def _key(self, value: str, at: Position, event: yaml.ScalarEvent) -> None:
        top = self.top
        assert top is not None
        key = _nfc(value) if event.style == '"' else value  # NFC otherwise, see `_escaped`
        path = (*top.path, key)
        if event.tag not in _KEY_TAGS:
            self._bad_tag(event.tag, at, path)
        if key == "<<" and event.tag is None and event.implicit[0]:
            self._add("load.merge_key", at, path)
        first_line = top.key_lines.get(key)
        if first_line is not None:
            self._add("load.duplicate_key", at, path, key=key, first_line=first_line)
        else:
            top.key_lines[key] = at.line
        if event.anchor is not None:
            self._new_anchor(event.anchor, at, path)
            self.anchors[event.anchor] = _Anchor(key, 1, 0, [], at)
        top.key = key
        self.key_positions[path] = at
        if self.anchored:
            self.log.append((path, at, True))

    def _alias(self, event: yaml.AliasEvent) -> None:
        at = _start(event)
        if event.anchor in self.open_anchors:
            self._fail(at, "load.recursive_alias", name=event.anchor)
        anchor = self.anchors.get(event.anchor)
        if anchor is None:
            self._fail(at, "yaml.unknown_alias", name=event.anchor)
        path = self._slot()
        if path is None:
            if not isinstance(anchor.value, str):
                self._fail(at, "load.complex_key")
            # The anchored text was made NFC when it was read.
            self._key(anchor.value, at, yaml.ScalarEvent(None, None, (False, True), anchor.value))
            return
        self._count(anchor.size, at)
        if len(self.stack) + anchor.depth > MAX_DEPTH:
            self._fail(at, "load.too_deep", limit=MAX_DEPTH)
        for below, position, is_key in anchor.entries:
            (self.key_positions if is_key else self.positions)[(*path, *below)] = position
            if self.anchored:
                self.log.append(((*path, *below), position, is_key))
        if self.top is not None:
            self.top.depth_below = max(self.top.depth_below, anchor.depth)
        self._place(anchor.value, path, anchor.position)

    # -- collections

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        at = _start(event)
        path = self._slot()
        if path is None:
            self._fail(at, "load.complex_key")
        if len(self.stack) >= MAX_DEPTH:
            self._fail(at, "load.too_deep", limit=MAX_DEPTH)
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (_MAPPING_TAGS if is_mapping else _SEQUENCE_TAGS):
            self._bad_tag(event.tag, at, path)
        if event.anchor is not None:
            self._new_anchor(event.anchor, at, path)
            self.open_anchors[event.anchor] = at
            self.anchored += 1
        self._count(1, at)
        self.top = _Frame({} if is_mapping else [], path, at, event.anchor,
                          bool(event.flow_style), len(self.log), self.nodes)
        self.stack.append(self.top)

    def _close(self, event: yaml.CollectionEndEvent) -> None:
        frame = self.stack.pop()
        self.top = self.stack[-1] if self.stack else None
        depth = frame.depth_below + 1
        if self.top is not None:
            self.top.depth_below = max(self.top.depth_below, depth)
        if frame.anchor is not None:
            self.open_anchors.pop(frame.anchor, None)
            self.anchored -= 1
            cut = len(frame.path)
            entries = [(path[cut:], position, is_key)
                       for path, position, is_key in self.log[frame.log_start:]]
            self.anchors[frame.anchor] = _Anchor(frame.value, self.nodes - frame.nodes_start + 1,
                                                 depth, entries, frame.position)
        self._place(frame.value, frame.path, frame.position)


def _ignore(event: yaml.Event) -> None:
    """Stream start and end, document end: nothing to build."""


def _start(event: yaml.Event) -> Position:
    return Position(event.start_mark.line + 1, event.start_mark.column + 1)


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def json_type(value: Any) -> str:
    """Returns the JSON Schema type name of `value` ("array", "string", …), for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"
