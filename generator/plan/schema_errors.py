"""jsonschema's errors → problems located at the offending value (or key), one code per
keyword, fields named by the schema's titles. Only a plan that `validate` found invalid comes
here, so jsonschema is imported only then; its own messages are never shown (`messages` words
the problems).

A field is named as a list of segments (`Segment`), rendered by `messages` in the chosen
language: in Vietnamese by the schema's titles ("Chỉ tiêu «hộ nghèo» › Mục tiêu › Tỷ lệ (%)"),
in English by the keys. A list entry is named by its `name`, `title` or `id`, else its number.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .. import resources
from ..errors import DataPath, Position, Problem
from . import schema_patterns
from .load import LoadedPlan, json_type
from .standalone import is_letter

Schema = dict[str, Any]
Segment = dict[str, Any]  # {"key": str | None, "index": int | None, "title": str | None, "name": str | None}

NAME_KEYS = ("name", "title", "id")  # what names a list entry in a message, first found wins
NAME_LENGTH = 40  # a longer name is cut with "…"

# A number typed as text: "9,2", "9.2%", " 141 " (the plan wants 9.2, the generator prints 9,2%).
_NUMBER_TEXT = re.compile(r"\s*([-+]?\d+(?:[.,]\d+)?)\s*%?\s*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The parts of a basis document's number, each its own key; the rules a malformed one breaks.
_CITATION_PARTS = {"number": ("type", "minimum"), "year": ("type", "minimum", "maximum"),
                   "symbol": ("pattern",)}


@functools.cache
def plan_validator() -> Draft202012Validator:
    """Returns the validator of the built-in schema, built once per process."""
    return Draft202012Validator(resources.plan_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


@functools.cache
def letter_validator() -> Draft202012Validator:
    """Returns the validator of the standalone letter's schema, built once per process."""
    return Draft202012Validator(resources.letter_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def explain(loaded: LoadedPlan) -> list[Problem]:
    """Returns every schema problem of `loaded`, sorted by position, one per cause."""
    validator = letter_validator() if is_letter(loaded.data) else plan_validator()
    mapper = _Mapper(loaded, validator)
    problems = [problem for error in validator.iter_errors(loaded.data) for problem in mapper.problems(error)]
    return _one_per_cause(problems)


class _Mapper:
    """Turns jsonschema errors into located, named problems for one plan."""

    def __init__(self, loaded: LoadedPlan, validator: Draft202012Validator) -> None:
        self.loaded = loaded
        self.validator = validator
        self.root: Schema = validator.schema

    # -- one error → problems, by keyword

    def problems(self, error: ValidationError) -> list[Problem]:
        citation = self._citation_part(error)
        if citation is not None:
            return [citation]
        keyword = error.validator
        handler = getattr(self, f"_on_{keyword}", None) if isinstance(keyword, str) else None
        if handler is None:
            handler = self._on_other
        return list(handler(error))

    def _problem(self, path: DataPath, code: str, at: Position | None = None, **args: Any) -> Problem:
        at = at or self.loaded.position(path)
        return Problem(file=self.loaded.file, line=at.line, column=at.column, code=code,
                       args=args, path=path)

    def _base(self, error: ValidationError) -> tuple[DataPath, dict[str, Any]]:
        path = tuple(error.absolute_path)
        return path, {"field": self.field(path)}

    def _citation_part(self, error: ValidationError) -> Problem | None:
        """Returns the problem of a basis document's number, year or symbol written wrong:
        which part, how to write it, and the parts apart when the value holds several."""
        path = tuple(error.absolute_path)
        if not (len(path) == 3 and path[0] == "basis" and error.instance is not None
                and error.validator in _CITATION_PARTS.get(str(path[2]), ())):
            return None
        value, key = str(error.instance), str(path[2])
        parts = _citation_parts(value, key)
        if parts is not None and set(parts) != {key}:  # more than this part, or another one
            return self._problem(path, "citation.parts", field=self.field(path), value=value,
                                 parts=", ".join(f"{name}: {part}" for name, part in parts.items()))
        return self._problem(path, f"citation.{key}", field=self.field(path), value=value)

    def _on_type(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        expected = _as_list(error.validator_value)
        value = error.instance
        if value is None:
            yield self._problem(path, "schema.no_value", **args, expected=expected, note=_note(error))
            return
        number = _NUMBER_TEXT.fullmatch(value) if isinstance(value, str) else None
        if number and {"number", "integer"} & set(expected):
            yield self._problem(path, "schema.number_as_text", **args, value=value,
                                suggestion=number.group(1).replace(",", "."))
            return
        yield self._problem(path, "schema.type", **args, expected=expected, found=json_type(value),
                            value=_shown(value), note=_note(error))

    def _on_required(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        titles = self._property_titles(self._schema_at(path), error.instance)
        at = self._parent_position(path)
        for key in error.validator_value:
            if isinstance(error.instance, dict) and key not in error.instance:
                yield self._problem(path + (key,), "schema.required", at, **args, key=key,
                                    key_title=titles.get(key), note=_note(error))

    def _on_additionalProperties(self, error: ValidationError) -> Iterator[Problem]:
        allowed = set(error.schema.get("properties", {}))
        patterns = list(error.schema.get("patternProperties", {}))
        yield from self._unknown_keys(error, allowed, patterns)

    def _on_unevaluatedProperties(self, error: ValidationError) -> Iterator[Problem]:
        allowed = set(self._property_titles(error.schema, error.instance))
        yield from self._unknown_keys(error, allowed, [])

    def _unknown_keys(self, error: ValidationError, allowed: set[str],
                      patterns: list[str]) -> Iterator[Problem]:
        path, args = self._base(error)
        for key in error.instance:
            if key in allowed or any(re.search(pattern, key) for pattern in patterns):
                continue
            close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
            at = self.loaded.key_positions.get(path + (key,))
            yield self._problem(path + (key,), "schema.unknown_key", at, **args, key=key,
                                suggestion=close[0] if close else None, allowed=sorted(allowed))

    def _on_enum(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        allowed = list(error.validator_value)
        close = difflib.get_close_matches(str(error.instance), [str(a) for a in allowed], n=1, cutoff=0.6)
        yield self._problem(path, "schema.enum", **args, value=_shown(error.instance), allowed=allowed,
                            suggestion=close[0] if close else None)

    def _on_const(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        yield self._problem(path, "schema.const", **args, value=_shown(error.instance),
                            expected=error.validator_value)

    def _on_format(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        value = error.instance
        if error.validator_value == "date":
            code = "schema.date_impossible" if _ISO_DATE.fullmatch(value) else "schema.date_format"
            yield self._problem(path, code, **args, value=value)
        else:
            yield self._problem(path, "schema.format", **args, value=value, format=error.validator_value)

    def _on_pattern(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        value: str = error.instance
        broken = schema_patterns.broken_rule(error.validator_value, value)
        if broken:
            yield self._problem(path, broken.code, **args, value=value, **broken.args)
        else:  # a pattern with no rules listed (a test keeps the built-in schema from having one)
            yield self._problem(path, "schema.pattern", **args, value=value,
                                note=error.schema.get("description"))

    def _on_minimum(self, error: ValidationError) -> Iterator[Problem]:
        yield self._limit(error, "schema.minimum")

    def _on_maximum(self, error: ValidationError) -> Iterator[Problem]:
        yield self._limit(error, "schema.maximum")

    def _on_exclusiveMinimum(self, error: ValidationError) -> Iterator[Problem]:
        yield self._limit(error, "schema.exclusive_minimum")

    def _on_exclusiveMaximum(self, error: ValidationError) -> Iterator[Problem]:
        yield self._limit(error, "schema.exclusive_maximum")

    def _limit(self, error: ValidationError, code: str) -> Problem:
        path, args = self._base(error)
        return self._problem(path, code, **args, value=_shown(error.instance), limit=error.validator_value)

    def _on_minLength(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        code = "schema.empty_text" if error.validator_value == 1 else "schema.min_length"
        yield self._problem(path, code, **args, value=error.instance, limit=error.validator_value)

    def _on_maxLength(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        # An id may name files (a unit's letter and task sheet): say why it is held short.
        code = "schema.long_id" if error.schema.get("pattern") == schema_patterns.SLUG else "schema.max_length"
        yield self._problem(path, code, **args, value=error.instance,
                            limit=error.validator_value, length=len(error.instance))

    def _on_minItems(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        code = "schema.empty_list" if error.validator_value == 1 else "schema.min_items"
        yield self._problem(path, code, **args, count=len(error.instance), limit=error.validator_value)

    def _on_maxItems(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        yield self._problem(path + (error.validator_value,), "schema.max_items", **args,
                            count=len(error.instance), limit=error.validator_value)

    def _on_uniqueItems(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        seen: list[Any] = []
        for index, value in enumerate(error.instance):
            if value in seen:  # JSON equality; `in` on a list, as values may not be hashable
                yield self._problem(path + (index,), "schema.duplicate_item", **args, value=_shown(value),
                                    first=seen.index(value) + 1)
            seen.append(value)

    def _on_minProperties(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        yield self._problem(path, "schema.empty_mapping", self._parent_position(path), **args,
                            keys=sorted(self._property_titles(self._schema_at(path), error.instance)))

    def _on_not(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        rule = error.validator_value if isinstance(error.validator_value, dict) else {}
        if rule.get("pattern") in schema_patterns.MUST_NOT_MATCH:  # (a non-text is a type error first)
            yield self._problem(path, schema_patterns.MUST_NOT_MATCH[rule["pattern"]], **args, value=error.instance)
            return
        note = rule.get("description")
        at = self.loaded.key_positions.get(path) if path and isinstance(path[-1], str) else None
        yield self._problem(path, "schema.forbidden", at, **args, value=_shown(error.instance),
                            note=note or error.schema.get("description"))

    def _on_dependentRequired(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        for key, needed in error.validator_value.items():
            for missing in needed:
                if key in error.instance and missing not in error.instance:
                    yield self._problem(path + (missing,), "schema.required", self._parent_position(path),
                                        **args, key=missing, key_title=None, note=None)

    def _on_anyOf(self, error: ValidationError) -> Iterator[Problem]:
        yield from self._branches(error)

    def _on_oneOf(self, error: ValidationError) -> Iterator[Problem]:
        failing = {sub.relative_schema_path[0] for sub in error.context or ()}
        if len(failing) < len(error.validator_value):  # a failing oneOf with a valid branch has two
            path, args = self._base(error)
            yield self._problem(path, "schema.ambiguous", **args)
            return
        yield from self._branches(error)

    def _on_other(self, error: ValidationError) -> Iterator[Problem]:
        path, args = self._base(error)
        keyword = error.validator if isinstance(error.validator, str) else "false"
        note = error.schema.get("description") if isinstance(error.schema, dict) else None
        yield self._problem(path, "schema.invalid", **args, keyword=keyword, note=note)

    def _branches(self, error: ValidationError) -> Iterator[Problem]:
        """Problems of the branch of an anyOf/oneOf the value most likely meant: among those
        whose type it has, the one with the fewest problems (best_match's idea, ours to word)."""
        by_branch: dict[int, list[ValidationError]] = {}
        for sub in error.context or ():
            by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
        here = tuple(error.absolute_path)
        fitting = {branch: subs for branch, subs in by_branch.items()
                   if not any(sub.validator == "type" and tuple(sub.absolute_path) == here for sub in subs)}
        if not fitting:
            path, args = self._base(error)
            expected = sorted({name for subs in by_branch.values() for sub in subs if sub.validator == "type"
                               for name in _as_list(sub.validator_value)})
            if error.instance is None:
                yield self._problem(path, "schema.no_value", **args, expected=expected, note=None)
            else:
                yield self._problem(path, "schema.type", **args, expected=expected,
                                    found=json_type(error.instance), value=_shown(error.instance), note=None)
            return
        best = min(fitting.values(), key=lambda subs: (len(subs), -len(tuple(subs[0].absolute_path))))
        for sub in best:
            yield from self.problems(sub)

    # -- positions

    def _parent_position(self, path: DataPath) -> Position:
        """Returns where to report something missing from the mapping at `path`: its key
        ("document:"), or for a list entry its start; the top of the file for the plan."""
        if not path:
            return Position(1, 1)
        if isinstance(path[-1], str) and path in self.loaded.key_positions:
            return self.loaded.key_positions[path]
        return self.loaded.position(path)

    # -- names

    def field(self, path: DataPath) -> list[Segment]:
        """Returns the name of the field at `path`, as segments (see the module docstring)."""
        segments: list[Segment] = []
        schema: Schema | None = self.root
        instance: Any = self.loaded.data
        for part in path:
            child_schema = self._child_schema(schema, instance, part)
            child = _child(instance, part)
            if isinstance(part, str):
                segments.append({"key": part, "index": None, "title": _title(child_schema, self.root),
                                 "name": None})
            else:
                owner = segments.pop() if segments and segments[-1]["index"] is None else None
                title = _title(child_schema, self.root) or (owner or {}).get("title")
                segments.append({"key": owner["key"] if owner else None, "index": part, "title": title,
                                 "name": _entry_name(child)})
            schema, instance = child_schema, child
        return segments

    def _schema_at(self, path: DataPath) -> Schema | None:
        """Returns the schema declared for the value at `path` (through $ref and if/then)."""
        schema: Schema | None = self.root
        instance: Any = self.loaded.data
        for part in path:
            schema, instance = self._child_schema(schema, instance, part), _child(instance, part)
        return schema

    def _child_schema(self, schema: Schema | None, instance: Any, part: str | int) -> Schema | None:
        """Returns the subschema that applies to `instance[part]`, looking through $ref, allOf
        and the then/else that `instance` selects."""
        for candidate in self._applicable(schema, instance):
            if isinstance(part, str):
                if part in candidate.get("properties", {}):
                    return candidate["properties"][part]
            else:
                prefix = candidate.get("prefixItems", [])
                if part < len(prefix):
                    return prefix[part]
                if isinstance(candidate.get("items"), dict):
                    return candidate["items"]
        return None

    def _applicable(self, schema: Schema | None, instance: Any) -> Iterator[Schema]:
        pending = [schema]
        seen: set[int] = set()
        while pending:
            current = pending.pop(0)
            if not isinstance(current, dict) or id(current) in seen:
                continue
            seen.add(id(current))
            yield current
            if "$ref" in current:
                pending.append(_resolve(self.root, current["$ref"]))
            pending.extend(current.get("allOf", []))
            pending.extend(current.get("anyOf", []))
            pending.extend(current.get("oneOf", []))
            if "if" in current:
                branch = "then" if self._is_valid(current["if"], instance) else "else"
                pending.append(current.get(branch))

    def _is_valid(self, schema: Any, instance: Any) -> bool:
        try:
            return self.validator.evolve(schema=schema).is_valid(instance)
        except Exception:  # noqa: BLE001 - naming a field must never fail the validation
            return False

    def _property_titles(self, schema: Schema, instance: Any) -> dict[str, str | None]:
        titles: dict[str, str | None] = {}
        for candidate in self._applicable(schema, instance):
            for key, sub in candidate.get("properties", {}).items():
                if titles.get(key) is None:
                    titles[key] = _title(sub, self.root)
        return titles


def _one_per_cause(problems: Iterable[Problem]) -> list[Problem]:
    """Returns `problems` sorted and without repeats, one cause per value: a value of the wrong
    type has no other problem worth saying, and a text one wording of its shape (a date that
    fails both its pattern and its format is one impossible date)."""
    by_path: dict[DataPath, list[Problem]] = {}
    for problem in problems:
        by_path.setdefault(problem.path, []).append(problem)
    kept: list[Problem] = []
    for found in by_path.values():
        typed = [problem for problem in found if problem.code in _TYPE_CODES]
        shaped = sorted((problem for problem in found if problem.code in _SHAPE_CODES),
                        key=lambda problem: _SHAPE_CODES.index(problem.code))
        others = [problem for problem in found if problem.code not in _TYPE_CODES + _SHAPE_CODES]
        kept += typed[:1] if typed else shaped[:1] + others
    # A missing key already explained: by an empty mapping's list of keys, or by a misspelt key
    # whose "did you mean" names it (`targte` for `target`).
    empty = {problem.path for problem in kept if problem.code == "schema.empty_mapping"}
    meant = {(*problem.path[:-1], problem.args["suggestion"]) for problem in kept
             if problem.code == "schema.unknown_key" and problem.args.get("suggestion")}
    kept = [problem for problem in kept if problem.code != "schema.required"
            or (problem.path[:-1] not in empty and problem.path not in meant)]
    unique = {(p.path, p.code, p.line, p.column, repr(sorted(p.args.items(), key=str))): p for p in kept}
    return sorted(unique.values(), key=lambda problem: problem.sort_key)


# Codes in order of preference, for `_one_per_cause`.
_TYPE_CODES = ("schema.no_value", "schema.number_as_text", "schema.type")
_SHAPE_CODES = ("schema.empty_text", "schema.date_impossible", "schema.date_format", "schema.format",
                "schema.spaces", "schema.line_break", "schema.list_marker", "schema.end_mark", "schema.letter_vv",
                "schema.separator", "schema.first_mark", "schema.final_mark", "schema.upper_case",
                "schema.symbol", "schema.slug", "schema.initials", "schema.pattern")


def _resolve(root: Schema, ref: str) -> Schema | None:
    """Returns the target of a local `$ref` ("#/$defs/name"), else None (naming only)."""
    if not ref.startswith("#"):
        return None
    target: Any = root
    for part in ref[1:].split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(target, dict) or part not in target:
            return None
        target = target[part]
    return target if isinstance(target, dict) else None


def _title(schema: Schema | None, root: Schema) -> str | None:
    """Returns the title written where the field is declared, else that of its $ref target."""
    while isinstance(schema, dict):
        if schema.get("title"):
            return schema["title"]
        schema = _resolve(root, schema["$ref"]) if "$ref" in schema else None
    return None


def _child(instance: Any, part: str | int) -> Any:
    try:
        return instance[part]
    except (KeyError, IndexError, TypeError):
        return None


def _entry_name(entry: Any) -> str | None:
    if not isinstance(entry, dict):
        return None
    for key in NAME_KEYS:
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            value = " ".join(value.split())
            return value if len(value) <= NAME_LENGTH else value[: NAME_LENGTH - 1].rstrip() + "…"
    return None


def _note(error: ValidationError) -> str | None:
    """Returns the description of a conditional rule (an if's then/else) that `error` broke:
    it says why the key is needed here ("Đã ghi ngày thì phải ghi tháng.")."""
    schema_path = list(error.absolute_schema_path)
    branches = [i for i, part in enumerate(schema_path) if part in ("then", "else")]
    if not branches or "$ref" in schema_path[branches[-1]:]:
        return None
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    return description


def _shown(value: Any) -> Any:
    """Returns `value` as a message may quote it: scalars as they are, collections by kind."""
    return value if value is None or isinstance(value, (str, int, float, bool)) else f"<{json_type(value)}>"


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _citation_parts(value: str, key: str) -> dict[str, str] | None:
    """Returns the parts of a citation typed in one value (the value of `key`) by the keys they
    go under: {number: 38, year: 2023, symbol: NĐ-CP} for "38/2023/NĐ-CP", {year: 2023,
    symbol: NĐ-CP} for a symbol "2023/NĐ-CP"; None if it does not read as one."""
    pieces = [piece.strip() for piece in value.strip().removeprefix("số").split("/")]
    if len(pieces) == 3:
        named = dict(zip(("number", "year", "symbol"), pieces))
    elif len(pieces) == 2 and key == "number":
        named = {"number": pieces[0], "year" if _is_year(pieces[1]) else "symbol": pieces[1]}
    elif len(pieces) == 2:  # the symbol holds what comes before it: a year, a number, nothing
        named = {"year" if _is_year(pieces[0]) else "number": pieces[0], "symbol": pieces[1]}
    else:
        return None
    if not (named.get("number") or "0").isdigit() or not _is_year(named.get("year", "2000")):
        return None
    return {name: part for name, part in named.items() if part}


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit()
