"""Next year's plan from this year's (`kehoach new`): edits made on the YAML itself with
ruamel.yaml's round trip, so the clerk's comments, key order, quoting and folded paragraphs stay
as they were; returns the new text and a note of every change, for the clerk to check.

What changes (the issue "Next year's plan"): the plan's year wherever the text means it (the year,
the date's year, the summary, the indicator targets, and "2023" as a word in the texts of the
body: intro, sections, parts, units, appendices), never in the basis documents, baselines,
milestones or other years; each baseline becomes last year's actual result (`actual:`) or, when
none is recorded, last year's target (a warning per indicator); targets are left empty for
`validate` to list; the stated reduction and the actual result, which belong to last year, are
removed, as are the year's results (the report's words, the duties' status, the money spent); the
number and the whole date of issue but its year (day and month) are emptied; each
basis document gets `review: true`. Pointed out, not changed: the number of households and every
basis document dated last year. The clerk's comments that still name last year beside a changed
value are listed apart, after the changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from .. import vn
from ..errors import DataPath, KehoachError
from ..plan import model
from .round_trip import dumped, loaded, same_style

# Comments kehoach writes into the new plan start with this, so that they can be told apart.
MARK = "kehoach new:"
# Keys whose values are ids, enums or numbers, never wording: left alone by the year replacement.
_NOT_TEXT = frozenset({"id", "lead", "support", "indicators", "indicator_table", "units", "numbering",
                       "service", "style", "align", "width", "landscape", "households", "symbol"})
# Top-level keys whose texts are the plan's own wording (the basis documents are not); the
# letters to the units ("assignments") speak of the plan's year as the plan does.
_BODY = ("intro", "sections", "parts", "units", "appendices", "assignments")
_FIELDS = ("rate", "count")
_CONTEXT = 40  # characters of text shown on each side of a replaced year
_BLANK = " … "  # an empty day or month in a date shown to the clerk


class RolloverRefused(KehoachError):
    """The new plan cannot be made; `code` and `args` say why, for the CLI to word."""

    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


@dataclass(frozen=True)
class Note:
    """One change made to the plan, at `line` of the new file; `code` names it, `args` fills its words."""

    code: str
    line: int
    args: dict[str, Any] = field(default_factory=dict)
    warning: bool = False  # something the clerk must put right, not only check


@dataclass(frozen=True)
class NewPlan:
    """The new plan's YAML text, the notes of what changed (in line order), the clerk's comments
    that still name last year beside a changed value (`comments`, in line order), the two years."""

    text: str
    notes: tuple[Note, ...]
    comments: tuple[Note, ...]
    old_year: int
    year: int


@dataclass
class _Edit:
    code: str
    path: DataPath
    args: dict[str, Any]
    offset: int | None = None  # where in the text value the change is
    warning: bool = False
    changed: bool = True  # False: a value kept and only pointed out (a year kept, a figure to update)


def default_output(source: Path, old_year: int, year: int) -> Path:
    """Returns where `kehoach new` writes by default: the source's name with its year changed
    (`xuan-phuc-2023.yaml` → `xuan-phuc-2024.yaml`), or `-<year>` added, in the same folder."""
    pattern = _year_pattern(old_year)
    stem = pattern.sub(str(year), source.stem) if pattern.search(source.stem) else f"{source.stem}-{year}"
    return source.with_name(stem + source.suffix)


def roll_over(text: str, year: int, schema_line: str | None = None) -> NewPlan:
    """Returns the plan of `year` made from the schema-valid plan `text`; `schema_line`, if
    given, replaces the text's own `# yaml-language-server:` first line (or goes above it).

    Raises `RolloverRefused` when `year` is not after the plan's year.
    """
    try:
        yaml, data = loaded(text)
    except YAMLError as error:  # kehoach's loader read it, but ruamel reads YAML 1.2: rare
        raise RolloverRefused("rollover.unreadable", detail=str(error).splitlines()[0]) from error
    old = int(data["year"])
    if year <= old:
        raise RolloverRefused("rollover.year_not_after", year=year, old=old)
    edits: list[_Edit] = []
    _document(data, old, year, edits)
    _letters_issued(data, edits)
    _results(data, old, edits)
    for index, indicator in enumerate(data.get("indicators") or []):
        _indicator(indicator, ("indicators", index), old, year, edits)
    for index, entry in enumerate(data.get("basis") or []):
        _mark_for_review(entry, ("basis", index), old, year, edits)
    if data.get("households") is not None:  # last year's count checks next year's rates
        edits.append(_Edit("rollover.households", ("households",),
                           {"count": vn.number(data["households"]), "old": old}, changed=False))
    pattern = _year_pattern(old)
    for key in _BODY:
        if key in data:
            _replace_years(data[key], (key,), pattern, year, edits)
    new_text = dumped(yaml, data, text)
    if schema_line is not None:
        new_text = _with_first_line(new_text, schema_line)
    root = YAML(typ="rt").load(new_text)
    notes = sorted(_located(root, edits), key=lambda note: note.line)
    return NewPlan(new_text, tuple(notes), tuple(_stale_comments(new_text, root, edits, old)), old, year)


def _with_first_line(text: str, line: str) -> str:
    """Returns `text` with `line` in place of its `# yaml-language-server:` first line, or above
    its first line when it has none."""
    first, _, rest = text.partition("\n")
    end = "\r\n" if first.endswith("\r") else "\n"  # the file's own line ends
    return f"{line}{end}{rest}" if first.startswith("# yaml-language-server:") else f"{line}{end}{text}"


def _comment_slot(container: Any) -> int:
    # ruamel keeps the comment after a mapping value in slot 2, after a list item in slot 0.
    return 2 if isinstance(container, CommentedMap) else 0


def _last_holder(container: Any, key: Any) -> tuple[Any, Any]:
    """Returns the (container, key) whose comment slot holds the comment lines after the entry
    `container[key]`: the entry itself, or the last entry of its block collection."""
    value = container[key]
    while isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
        container, key = value, (list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1)
        value = container[key]
    return container, key


def _delete(mapping: CommentedMap, key: str) -> None:
    """Deletes `mapping[key]` with its end-of-line comment; the full-line comments that follow it
    (ruamel stores them with the entry above) move to the entry before it, so none is lost."""
    keys = list(mapping)
    comment = _comment_after(mapping, key)
    following = comment.value.partition("\n")[2] if comment is not None else ""
    mapping.ca.items.pop(key, None)
    del mapping[key]
    at = keys.index(key)
    if not following.strip() or at == 0:
        return
    target, target_key = _last_holder(mapping, keys[at - 1])
    target_slot = _comment_slot(target)
    entry = target.ca.items.setdefault(target_key, [None, None, None, None])
    if entry[target_slot] is None:
        entry[target_slot] = CommentToken("\n" + following, CommentMark(0), None)
    else:
        entry[target_slot].value += following


def _drop_marks_before(mapping: CommentedMap, key: str) -> None:
    """Removes kehoach's own comment lines (`MARK`) written above `mapping[key]`; ruamel keeps
    them with the entry before it."""
    keys = list(mapping)
    at = keys.index(key)
    comment = _comment_after(mapping, keys[at - 1]) if at > 0 else None
    if comment is not None:
        first, _, rest = comment.value.partition("\n")
        kept = [line for line in rest.split("\n") if MARK not in line]
        comment.value = first + "\n" + "\n".join(kept)


def _comment_after(mapping: CommentedMap, key: str) -> CommentToken | None:
    """Returns the comment ruamel keeps after `mapping[key]`: its end-of-line comment and the
    full-line comments below it (on the entry's last nested value, if it has any), or None."""
    holder, holder_key = _last_holder(mapping, key)
    tokens = holder.ca.items.get(holder_key)
    slot = _comment_slot(holder)
    return tokens[slot] if tokens and len(tokens) > slot else None


def _set_end_of_line_comment(mapping: CommentedMap, key: str, text: str) -> None:
    """Sets the comment at the end of `mapping[key]`'s line, keeping the comment lines after it."""
    tokens = mapping.ca.items.get(key)
    if not tokens or len(tokens) < 3 or tokens[2] is None:
        mapping.yaml_add_eol_comment(text, key)
        return
    first, newline, rest = tokens[2].value.partition("\n")
    tokens[2].value = f"# {text}" + newline + rest if first.strip() else f"# {text}\n" + rest


# --- what changes ---------------------------------------------------------------------------

def _year_pattern(year: int) -> re.Pattern[str]:
    # A year as a word of digits: "năm 2023", "Quý IV/2023", "2023-12-15", never "20231".
    return re.compile(rf"(?<!\d){year}(?!\d)")


def _document(data: CommentedMap, old: int, year: int, edits: list[_Edit]) -> None:
    data["year"] = year
    edits.append(_Edit("rollover.year", ("year",), {"old": old, "new": year}))
    document = data["document"]
    date = document["date"]
    # The whole date of issue is next year's to fill in when the plan is signed: a day or a
    # month kept from last year would print as if it were known (issue 12, part 4).
    printed = vn.long_date(date.get("day"), date.get("month"), old, blank=_BLANK)
    date["year"] = year
    for part in ("day", "month"):
        if date.get(part) is not None:
            date[part] = None
    edits.append(_Edit("rollover.date", ("document", "date"),
                       {"old": printed, "new": vn.long_date(None, None, year, blank=_BLANK)}))
    if document.get("number") is not None:
        edits.append(_Edit("rollover.number", ("document", "number"), {"old": document["number"]}))
        document["number"] = None
    _replace_years(document, ("document",), _year_pattern(old), year, edits, keys=("summary",))


def _letters_issued(data: CommentedMap, edits: list[_Edit]) -> None:
    """Removes the numbers and dates of last year's letters (issue 16), each unit's and each
    letter to several units': next year's letters are numbered when they are sent."""
    assignments = data.get("assignments") or {}
    letter = assignments.get("letter") or {}
    if letter.get("issued"):
        edits.append(_Edit("rollover.letters_issued", ("assignments", "letter"), {"count": len(letter["issued"])}))
        _delete(letter, "issued")
    shared = [entry for entry in assignments.get("letters") or () if isinstance(entry, dict) and "issued" in entry]
    if shared:
        edits.append(_Edit("rollover.letters_issued", ("assignments", "letters"), {"count": len(shared)}))
        for entry in shared:
            _delete(entry, "issued")


def _results(data: CommentedMap, old: int, edits: list[_Edit]) -> None:
    """Removes what last year recorded for its report (issue 18): the report's header and words,
    each duty's status and note, what each funding line spent. The actual figures become
    baselines (`_roll_figures`); the funding's amounts stay, for the clerk to revise."""
    if "results" in data:
        # Pointed at the year: the removed key has no line left.
        edits.append(_Edit("rollover.results", ("year",), {"old": old}))
        _delete(data, "results")
    for index, unit in enumerate(data.get("units") or []):
        recorded = [duty for duty in unit.get("duties") or () if "status" in duty or "note" in duty]
        for duty in recorded:
            for key in ("status", "note"):
                if key in duty:
                    _delete(duty, key)
        if recorded:
            edits.append(_Edit("rollover.statuses", ("units", index),
                               {"unit": unit["name"], "count": len(recorded), "old": old}))
    spent = [activity for activity in (data.get("funding") or {}).get("activities") or () if "spent" in activity]
    for activity in spent:
        _delete(activity, "spent")
    if spent:
        edits.append(_Edit("rollover.spent", ("funding",), {"count": len(spent), "old": old}))


def _roll_figures(entry: CommentedMap, old: int, year: int, *, with_year: bool) -> str:
    """Moves last year's result into `entry`'s baseline: the actual result when one is recorded
    (only its own fields: a rate without a count gets its count computed from the households,
    never last year's target's), else the target; empties the target. Returns the source used:
    "actual" or "target"."""
    actual = entry.get("actual") if isinstance(entry.get("actual"), dict) else {}
    baseline, target = entry["baseline"], entry["target"]
    recorded = any(actual.get(name) is not None for name in _FIELDS)
    source = actual if recorded else target
    for name in _FIELDS:
        if source.get(name) is not None:
            baseline[name] = source[name]
        elif name in baseline:
            _delete(baseline, name)
    if with_year:
        last = target.get("year", old)
        baseline["year"] = actual.get("year", last) if recorded else last
    _empty_target(target, year if with_year else None)
    if "actual" in entry:
        _delete(entry, "actual")
    return "actual" if recorded else "target"


def _empty_target(target: CommentedMap, year: int | None) -> None:
    """Leaves `target` for the clerk to fill in: its figures null, its year `year` (if given)."""
    if year is not None:
        target["year"] = year
    for name in _FIELDS:
        if name in target:
            target[name] = None


def _indicator(indicator: CommentedMap, path: DataPath, old: int, year: int,
               edits: list[_Edit]) -> None:
    name, unit = indicator["name"], indicator.get("unit", "hộ")
    if "target" not in indicator:
        return  # a ladder of later years only: still the plan's aim next year
    if "baseline" not in indicator:  # a level to reach, with no baseline: it stays one
        _empty_target(indicator["target"], year)
        edits.append(_Edit("rollover.target_emptied", (*path, "target"), {"indicator": name, "year": year}))
        if "actual" in indicator:
            _delete(indicator, "actual")
        return
    source_name = _roll_figures(indicator, old, year, with_year=True)
    baseline = indicator["baseline"]
    # Last year's target standing in for its result is a guess the documents would print as a
    # fact: a warning, per indicator (issue 12, part 4; README "Năm mới": record `actual` first).
    edits.append(_Edit(f"rollover.baseline_from_{source_name}", (*path, "baseline"),
                       {"indicator": name, "year": baseline["year"],
                        "figure": vn.figure(baseline.get("rate"), baseline.get("count"), unit),
                        "example": f"actual: {{year: {baseline['year']}, rate: …, count: …}}"},
                       warning=source_name != "actual"))
    edits.append(_Edit("rollover.target_emptied", (*path, "target"), {"indicator": name, "year": year}))
    said = {"actual": f"{MARK} năm gốc = kết quả thực hiện năm {baseline['year']} (actual)",
            "target": f"{MARK} năm gốc = mục tiêu năm {baseline['year']} (chưa ghi kết quả thực hiện)",
            }[source_name]
    _drop_marks_before(indicator, "baseline")  # last rollover's note, if the plan had one
    indicator.yaml_set_comment_before_after_key(
        "baseline", before=f"{said}; điền mục tiêu năm {year}", indent=indicator.lc.key("baseline")[1])
    if "reduction" in indicator:
        _delete(indicator, "reduction")
        edits.append(_Edit("rollover.reduction_removed", (*path, "target"), {"indicator": name, "old": old}))
    _drop_passed_steps(indicator, path, year, edits)
    villages = indicator.get("villages") or []
    sources = [_roll_figures(village, old, year, with_year=False) for village in villages]
    if villages:
        edits.append(_Edit("rollover.villages", (*path, "villages"),
                           {"indicator": name, "count": len(villages),
                            "actual": len(villages) - sources.count("target"),
                            "target": sources.count("target"), "year": year},
                           warning=any(source != "actual" for source in sources)))
        counted = sum(village.get("households") is not None for village in villages)
        if counted:
            edits.append(_Edit("rollover.village_households", (*path, "villages"),
                               {"indicator": name, "count": counted, "old": old}, changed=False))


def _drop_passed_steps(indicator: CommentedMap, path: DataPath, year: int, edits: list[_Edit]) -> None:
    """Removes the ladder's steps no later than the new plan's year: that year's figure is now
    the target, and a step before it is past (a step must come after the target: checks)."""
    steps = indicator.get("milestones") or []
    passed = [step.get("year") for step in steps if step.get("year") is not None and step["year"] <= year]
    if not passed:
        return
    for index in reversed([i for i, step in enumerate(steps) if step.get("year") in passed]):
        del steps[index]
    if not steps:
        _delete(indicator, "milestones")
    edits.append(_Edit("rollover.steps_removed", (*path, "milestones") if steps else path,
                       {"indicator": indicator["name"], "years": ", ".join(map(str, passed)), "year": year}))


def _mark_for_review(entry: CommentedMap, path: DataPath, old: int, year: int,
                     edits: list[_Edit]) -> None:
    comment = f"{MARK} xem lại văn bản này cho năm {year}, rồi xóa dòng review"
    if "review" in entry:  # not reviewed since last year's rollover: renew the note
        entry["review"] = True
        _set_end_of_line_comment(entry, "review", comment)
    else:
        entry.insert(0, "review", True, comment=comment)
    basis = model.basis_entry(entry, path)
    citation, date = basis.name, basis.date
    if date is not None and date.year == old:  # last year's document, likely replaced since
        edits.append(_Edit("rollover.basis_dated", (*path, "review"),
                           {"basis": citation, "date": vn.long_date(date.day, date.month, date.year),
                            "old": old, "year": year}, changed=False))
    else:
        edits.append(_Edit("rollover.basis_review", (*path, "review"), {"basis": citation, "year": year},
                           changed=False))


def _texts(node: Any, path: DataPath,
           keys: tuple[str, ...] | None = None) -> Iterator[tuple[Any, Any, DataPath]]:
    """Yields (container, key, path) of every text under `node`, ids and enums left out."""
    if isinstance(node, dict):
        for key in node:
            if key in _NOT_TEXT or (keys is not None and key not in keys):
                continue
            value = node[key]
            if isinstance(value, str):
                yield node, key, (*path, key)
            else:
                yield from _texts(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, str):
                yield node, index, (*path, index)
            else:
                yield from _texts(value, (*path, index))


_ANY_YEAR = re.compile(r"(?<!\d)(?:20\d\d|2100)(?!\d)")


def _replace_years(node: Any, path: DataPath, pattern: re.Pattern[str], year: int,
                   edits: list[_Edit], keys: tuple[str, ...] | None = None) -> None:
    for container, key, here in list(_texts(node, path, keys)):
        value = container[key]
        for other in _ANY_YEAR.finditer(value):
            # Another year in the wording (a baseline, last year's results): kept, but shown.
            if not pattern.fullmatch(other.group()):
                edits.append(_Edit("rollover.year_kept", here,
                                   {"kept": other.group(), "context": _context(value, other.start(), 4)},
                                   offset=other.start(), changed=False))
        found = list(pattern.finditer(value))
        if not found:
            continue
        new = pattern.sub(str(year), value)
        container[key] = same_style(value, new)
        for match in found:
            edits.append(_Edit("rollover.text_year", here,
                               {"old": match.group(), "new": year,
                                "context": _context(new, match.start(), len(str(year)))},
                               offset=match.start()))


def _context(text: str, start: int, length: int) -> str:
    """Returns the words around `text[start:start + length]` on one line, cut with "…"."""
    text = " ".join(text.split(" "))
    left = max(0, start - _CONTEXT)
    right = min(len(text), start + length + _CONTEXT)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", start + length, right)
        right = space if space != -1 else right
    snippet = " ".join(text[left:right].split())
    return f"{'…' if left > 0 else ''}{snippet}{'…' if right < len(text) else ''}"


# --- where each change is in the new file ---------------------------------------------------

def _located(root: Any, edits: list[_Edit]) -> list[Note]:
    return [Note(edit.code, _line(root, edit.path, edit.offset), edit.args, edit.warning) for edit in edits]


def _line(root: Any, path: DataPath, offset: int | None) -> int:
    """Returns the 1-based line of `path` in the reloaded plan; inside a folded or literal text,
    the line that holds character `offset`."""
    container: Any = root
    for key in path[:-1]:
        container = container[key]
    last = path[-1]
    value = container[last] if (isinstance(container, dict) and last in container) or \
        (isinstance(container, list) and isinstance(last, int) and last < len(container)) else None
    if isinstance(container, CommentedMap):
        # A block list or mapping starts on the line after its key: point at the key.
        nested = isinstance(value, (CommentedMap, CommentedSeq))
        line = container.lc.line if last not in container else \
            container.lc.key(last)[0] if nested else container.lc.value(last)[0]
    else:
        line = container.lc.item(last)[0]
    line += 1
    if offset is not None and isinstance(value, FoldedScalarString):
        folds = getattr(value, "fold_pos", [])
        line += 1 + sum(1 for position in folds if position < offset) + 2 * value[:offset].count("\n")
    elif offset is not None and isinstance(value, LiteralScalarString):
        line += 1 + value[:offset].count("\n")
    return line


def _key_line(root: Any, path: DataPath) -> int:
    """Returns the 1-based line where the entry at `path` starts: its key, or its list dash."""
    container: Any = root
    for key in path[:-1]:
        container = container[key]
    if isinstance(container, CommentedMap):
        return container.lc.key(path[-1])[0] + 1
    return container.lc.item(path[-1])[0] + 1


_COMMENT = re.compile(r"(?:^|\s)#(.*)$")


def _stale_comments(text: str, root: Any, edits: list[_Edit], old: int) -> list[Note]:
    """Returns a note for each of the clerk's comments that still names `old` and sits next to a
    changed value: on the line of the change, on the line of an entry that holds it (the
    indicator, the unit, the section), or in the comment lines right above such an entry.
    Comments elsewhere (the file's header, the basis documents) are about last year as such."""
    lines = text.splitlines()
    near: set[int] = set()
    for edit in edits:
        if not edit.changed:
            continue
        near.add(_line(root, edit.path, edit.offset))
        for depth in range(1, len(edit.path) + 1):
            above = _key_line(root, edit.path[:depth])
            near.add(above)
            while above > 1 and lines[above - 2].lstrip().startswith("#"):
                above -= 1
                near.add(above)
    pattern = _year_pattern(old)
    notes = []
    for number in sorted(near):
        comment = _comment(lines[number - 1])
        if comment is not None and MARK not in comment and pattern.search(comment):
            notes.append(Note("rollover.comment_year", number, {"old": old, "comment": comment}))
    return notes


def _comment(line: str) -> str | None:
    """Returns the text of `line`'s comment, after its "#", or None when it has none."""
    match = _COMMENT.search(_outside_quotes(line))
    return line[match.end() - len(match.group(1)):].strip() if match else None


def _outside_quotes(line: str) -> str:
    """Returns `line` with quoted parts blanked, so a "#" inside quotes is not a comment."""
    return re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', lambda match: " " * len(match.group()), line)
