"""What changed between two versions of a plan, in plan terms (`kehoach diff`).

Compares two typed plans: the year, number and date as the document prints them; indicators by
id with their figures as the document writes them ("5,0%, 76 hộ"); units by id with their
duties added, removed or reworded; the signer; and every other paragraph (summary, basis,
intro, body, appendices, recipients) aligned in order, a reworded one shown as a word-level
diff: `[-removed words-]{+added words+}`. Returns data; `cli` words it and prints it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import Any, TypeVar

from . import vn
from .document import CELL_SEPARATOR
from .model import PLAN_INDEXES, Basis, Figure, Indicator, Item, Plan, TableBlock, Unit, is_record

T = TypeVar("T")

# Two texts are one text reworded, not one removed and another added, when at least this share
# of their words agree (difflib's ratio on word lists).
REWORDED = 0.5
# Unchanged words kept on each side of a change in a word-level diff; the rest is "…".
CONTEXT_WORDS = 6


@dataclass(frozen=True)
class Change:
    """One difference between two plans.

    `what` names it ("indicator.target", "duty.added", "paragraph.reworded", …); `where` says
    where, as data (ids, names, a location such as "II › 3 › 3.1"); `old` and `new` are the
    values as the document prints them (None: absent or empty); `words` is the word-level diff
    of a reworded text.
    """

    what: str
    where: dict[str, Any] = field(default_factory=dict)
    old: str | None = None
    new: str | None = None
    words: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value not in (None, {})}


def plan_changes(old: Plan, new: Plan) -> list[Change]:
    """Returns the differences from `old` to `new`, in the order of the document."""
    changes = [
        *_document_changes(old, new),
        *_basis_changes(old, new),
        *_text_changes("intro", list(old.intro), list(new.intro)),
        *_indicator_changes(old, new),
        *_paragraph_changes("body", _body(old), _body(new)),
        *_unit_changes(old, new),
        *_list_changes("recipient", old.recipients, new.recipients),
        *_value_change("archive", {}, _archive(old), _archive(new)),
        *_value_change("signer", {}, _signer(old), _signer(new)),
        *_paragraph_changes("appendix", _appendices(old), _appendices(new)),
        *_other_changes(old, new),
    ]
    if not changes and old != new:
        # Something the document may not print (ids, numbering, a table's widths) changed:
        # still a change, so that `diff` never says "same" of two different plans.
        changes.append(Change("other.details"))
    return changes


# --- word-level diff ------------------------------------------------------------------------

def word_diff(old: str, new: str, context: int | None = CONTEXT_WORDS) -> str:
    """Returns `new` with what it lost marked `[-…-]` and what it gained `{+…+}`, word by word
    (a punctuation mark counts as a word, so "2023;" → "2024;" marks only the year); runs of
    unchanged words longer than twice `context` are cut to "…" (None keeps them all)."""
    before, after = _tokens(old), _tokens(new)
    opcodes = _merged(SequenceMatcher(None, before, after, autojunk=False).get_opcodes(), before)
    pieces: list[str] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            pieces.append(_elided(before[i1:i2], context, first=index == 0, last=index == len(opcodes) - 1))
            continue
        removed, added = "".join(before[i1:i2]), "".join(after[j1:j2])
        # A space both sides have (or the only side has) goes outside the marks: "b {+c+}".
        lead = all(side.startswith(" ") for side in (removed, added) if side)
        trail = all(side.endswith(" ") for side in (removed, added) if side)
        removed, added = (side[lead: len(side) - trail] if side else side for side in (removed, added))
        pieces.append(" " * lead + (f"[-{removed}-]" if removed else "")
                      + (f"{{+{added}+}}" if added else "") + " " * trail)
    return "".join(pieces).strip()


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def _tokens(text: str) -> list[str]:
    """Returns `text` as words, single punctuation marks and runs of spaces (one space each)."""
    return [" " if token.isspace() else token for token in _TOKEN.findall(text.strip())]


def _merged(opcodes: list[tuple[str, int, int, int, int]], before: list[str]
            ) -> list[tuple[str, int, int, int, int]]:
    """Returns `opcodes` with two changes separated only by a space made one change, so that
    "[-a b-]{+c d+}" reads as one replacement, not "[-a-]{+c+} [-b-]{+d+}"."""
    merged: list[tuple[str, int, int, int, int]] = []
    for opcode in opcodes:
        tag, i1, i2, j1, j2 = opcode
        if tag != "equal" and len(merged) >= 2 and merged[-1][0] == "equal" and merged[-2][0] != "equal" \
                and all(token == " " for token in before[merged[-1][1]:merged[-1][2]]):
            merged.pop()  # the space between the two changes
            previous = merged.pop()
            merged.append(("replace", previous[1], i2, previous[3], j2))
            continue
        if merged and tag != "equal" and merged[-1][0] != "equal":
            previous = merged.pop()
            merged.append(("replace", previous[1], i2, previous[3], j2))
            continue
        merged.append(opcode)
    return merged


def _elided(tokens: list[str], context: int | None, *, first: bool, last: bool) -> str:
    text = "".join(tokens)
    words = [index for index, token in enumerate(tokens) if not token.isspace()]
    if context is None or len(words) <= 2 * context or (first and last):
        return text
    head = "".join(tokens[: words[context - 1] + 1])
    tail = "".join(tokens[words[-context]:])
    if first:
        return "… " + tail
    if last:
        return head + " …"
    return head + " … " + tail


def _similarity(old: str, new: str) -> float:
    return SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def _align(old: Sequence[T], new: Sequence[T], text: Callable[[T], str]
           ) -> Iterator[tuple[str, T | None, T | None]]:
    """Yields ("same" | "reworded" | "removed" | "added", old entry, new entry) in order: equal
    texts pair up first, then, among the rest, entries at least `REWORDED` alike."""
    matcher = SequenceMatcher(None, [text(x) for x in old], [text(x) for x in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield from (("same", a, b) for a, b in zip(old[i1:i2], new[j1:j2]))
            continue
        olds, news = old[i1:i2], new[j1:j2]
        start = 0
        for entry in olds:
            best, best_ratio = None, REWORDED
            for k in range(start, len(news)):
                ratio = _similarity(text(entry), text(news[k]))
                if ratio >= best_ratio:
                    best, best_ratio = k, ratio
                    if ratio == 1.0:
                        break
            if best is None:
                yield ("removed", entry, None)
                continue
            yield from (("added", None, news[k]) for k in range(start, best))
            yield ("reworded", entry, news[best])
            start = best + 1
        yield from (("added", None, news[k]) for k in range(start, len(news)))


# --- document, signer, lists ----------------------------------------------------------------

def _value_change(what: str, where: dict[str, Any], old: str | None, new: str | None) -> list[Change]:
    return [] if old == new else [Change(what, where, old, new)]


def _document_changes(old: Plan, new: Plan) -> list[Change]:
    a, b = old.document, new.document
    changes = [
        *_value_change("year", {}, str(old.year), str(new.year)),
        *_value_change("document.kind", {}, a.kind, b.kind),
        *_value_change("document.number", {}, vn.document_number(a.number, a.symbol),
                       vn.document_number(b.number, b.symbol)),
        *_value_change("document.date", {}, vn.place_date(a.place, a.day, a.month, a.year),
                       vn.place_date(b.place, b.day, b.month, b.year)),
        *_value_change("issuer", {}, " / ".join((*old.issuer.parent, *old.issuer.name)),
                       " / ".join((*new.issuer.parent, *new.issuer.name))),
        *_value_change("households", {}, _maybe_number(old.households), _maybe_number(new.households)),
    ]
    summary_a, summary_b = " ".join(a.summary), " ".join(b.summary)
    if summary_a != summary_b:
        changes.append(Change("document.summary", {}, summary_a, summary_b, word_diff(summary_a, summary_b)))
    return changes


def _maybe_number(value: int | None) -> str | None:
    return None if value is None else vn.number(value)


def _citation(basis: Basis) -> str:
    """Returns a basis document's citation sentence, without its final punctuation."""
    words = [basis.lead, basis.kind]
    if basis.number:
        words.append(f"số {vn.reference(basis.number, basis.symbol or '')}")
    if basis.date:
        words.append(vn.long_date(basis.date.day, basis.date.month, basis.date.year))
    if basis.issuer:
        words.append(f"của {basis.issuer}")
    if basis.subject:
        words.append(basis.subject)
    return " ".join(words)


def _basis_changes(old: Plan, new: Plan) -> list[Change]:
    """Returns the citations changed, then each citation whose `review` mark was set (`kehoach
    new` marks what last year's plan cited, to be checked) or taken off (checked)."""
    cited_before = [(basis, _citation(basis)) for basis in old.basis]
    cited_after = [(basis, _citation(basis)) for basis in new.basis]
    changes = _text_changes("basis", [text for _, text in cited_before], [text for _, text in cited_after])
    for kind, before, after in _align(cited_before, cited_after, lambda cited: cited[1]):
        if kind in ("same", "reworded") and before[0].review != after[0].review:
            changes.append(Change("basis.review" if after[0].review else "basis.checked",
                                  {"basis": _short(after[1])}))
    return changes


def _archive(plan: Plan) -> str:
    return f"Lưu: {', '.join(plan.archive)}"


def _signer(plan: Plan) -> str:
    lines = [f"{line.prefix} {line.title}" if line.prefix else line.title for line in plan.signer.authority]
    return f"{' / '.join(lines)}: {plan.signer.name}"


def _list_changes(what: str, old: Sequence[str], new: Sequence[str]) -> list[Change]:
    changes = []
    for kind, a, b in _align(old, new, str):
        if kind == "removed":
            changes.append(Change(f"{what}.removed", {}, a, None))
        elif kind == "added":
            changes.append(Change(f"{what}.added", {}, None, b))
        elif kind == "reworded":
            changes.append(Change(f"{what}.reworded", {}, a, b, word_diff(a, b)))
    return changes


def _text_changes(area: str, old: list[str], new: list[str]) -> list[Change]:
    return _paragraph_changes(area, [(_Where(area), text) for text in old],
                              [(_Where(area), text) for text in new])


# --- indicators -----------------------------------------------------------------------------

def _figure(figure: Figure | None, unit: str) -> str | None:
    """Returns a figure as the document writes it ("5,0%, 76 hộ"), None when it has none."""
    if figure is None:
        return None
    return vn.figure(figure.rate, figure.count, unit) or None


def _figure_change(what: str, where: dict[str, Any], old: Figure | None, new: Figure | None,
                   unit_old: str, unit_new: str) -> list[Change]:
    a, b = _figure(old, unit_old), _figure(new, unit_new)
    year_a = old.year if old is not None else None
    year_b = new.year if new is not None else None
    if (a, year_a) == (b, year_b):
        return []
    return [Change(what, {**where, "old_year": year_a, "new_year": year_b}, a, b)]


def _match(old: Sequence[T], new: Sequence[T], key: Callable[[T], str], kind: str,
           where: Callable[[T], dict[str, Any]]) -> tuple[list[Change], list[T], list[tuple[T, T]]]:
    """Returns the `kind.removed`/`kind.added` changes between two lists of named entries
    matched by `key`, the added entries, and the (old, new) pairs found in both."""
    before = {key(entry): entry for entry in old}
    after = {key(entry) for entry in new}
    changes = [Change(f"{kind}.removed", where(entry), entry.name, None)  # type: ignore[attr-defined]
               for entry in old if key(entry) not in after]
    added: list[T] = []
    pairs: list[tuple[T, T]] = []
    for entry in new:
        previous = before.get(key(entry))
        if previous is None:
            added.append(entry)
            changes.append(Change(f"{kind}.added", where(entry), None, entry.name))  # type: ignore[attr-defined]
        else:
            pairs.append((previous, entry))
    return changes, added, pairs


def _indicator_changes(old: Plan, new: Plan) -> list[Change]:
    changes, _, pairs = _match(old.indicators, new.indicators, lambda entry: entry.id,
                                   "indicator", _indicator_where)
    for a, b in pairs:
        where = _indicator_where(b)
        changes += _value_change("indicator.name", where, a.name, b.name)
        changes += _value_change("indicator.unit", where, a.unit, b.unit)
        changes += _value_change("indicator.direction", where, a.direction, b.direction)
        for name in ("baseline", "target", "actual"):
            changes += _figure_change(f"indicator.{name}", where, getattr(a, name, None),
                                      getattr(b, name, None), a.unit, b.unit)
        changes += _value_change("indicator.reduction", where, _figure(a.stated_change, a.unit),
                                 _figure(b.stated_change, b.unit))
        changes += _value_change("indicator.milestones", where, _milestones(a), _milestones(b))
        changes += _village_changes(a, b, where)
    return changes


def _indicator_where(indicator: Indicator) -> dict[str, Any]:
    return {"id": indicator.id, "name": indicator.name}


def _milestones(indicator: Indicator) -> str | None:
    return "; ".join(f"{m.year}: {_figure(m, indicator.unit)}" for m in indicator.milestones) or None


def _village_changes(a: Indicator, b: Indicator, where: dict[str, Any]) -> list[Change]:
    changes, _, pairs = _match(a.villages, b.villages, lambda entry: entry.name, "village",
                               lambda entry: {**where, "village": entry.name})
    for old, village in pairs:
        here = {**where, "village": village.name}
        for name in ("baseline", "target", "actual"):
            changes += _value_change(f"village.{name}", here, _figure(getattr(old, name), a.unit),
                                     _figure(getattr(village, name), b.unit))
    return changes


# --- units and duties -----------------------------------------------------------------------

def _unit_changes(old: Plan, new: Plan) -> list[Change]:
    changes, added, pairs = _match(old.units, new.units, lambda entry: entry.id, "unit", _unit_where)
    changes += [Change("duty.added", _unit_where(unit), None, duty.text)
                for unit in added for duty in unit.duties]
    for a, b in pairs:
        where = _unit_where(b)
        changes += _value_change("unit.renamed", where, a.name, b.name)
        if (a.role or "") != (b.role or ""):
            changes.append(Change("unit.role", where, a.role, b.role, word_diff(a.role or "", b.role or "")))
        for kind, x, y in _align(a.duties, b.duties, lambda duty: duty.text):
            if kind == "removed":
                changes.append(Change("duty.removed", where, x.text, None))
            elif kind == "added":
                changes.append(Change("duty.added", where, None, y.text))
            else:
                if kind == "reworded":
                    changes.append(Change("duty.reworded", where, x.text, y.text, word_diff(x.text, y.text)))
                duty_where = {**where, "duty": _short(y.text)}
                changes += _value_change("duty.deadline", duty_where, _deadline(x.deadline),
                                         _deadline(y.deadline))
                changes += _value_change("duty.product", duty_where, x.product, y.product)
                changes += _value_change("duty.support", duty_where, ", ".join(x.support) or None,
                                         ", ".join(y.support) or None)
                changes += _value_change("duty.indicators", duty_where, ", ".join(x.indicators) or None,
                                         ", ".join(y.indicators) or None)
    return changes


def _deadline(value: str | None) -> str | None:
    return None if value is None else vn.deadline(value)


def _unit_where(unit: Unit) -> dict[str, Any]:
    return {"unit": unit.id, "name": unit.name}


def _short(text: str, words: int = 8) -> str:
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


# --- paragraphs of the body and appendices --------------------------------------------------

@dataclass(frozen=True)
class _Where:
    """Where a paragraph is: its area, and the markers of the items it is in ("II", "3", "3.1")."""

    area: str
    markers: tuple[str, ...] = ()
    part: int | None = None
    appendix: int | None = None

    def as_dict(self) -> dict[str, Any]:
        where: dict[str, Any] = {"area": self.area}
        if self.part is not None:
            where["part"] = self.part
        if self.appendix is not None:
            where["appendix"] = self.appendix
        if self.markers:
            where["location"] = " › ".join(self.markers)
        return where


Paragraphs = list[tuple[_Where, str]]


def _paragraph_changes(area: str, old: Paragraphs, new: Paragraphs) -> list[Change]:
    changes = []
    for kind, a, b in _align(old, new, lambda entry: entry[1]):
        if kind == "removed":
            changes.append(Change("paragraph.removed", a[0].as_dict(), a[1], None))
        elif kind == "added":
            changes.append(Change("paragraph.added", b[0].as_dict(), None, b[1]))
        elif kind == "reworded":
            changes.append(Change("paragraph.reworded", b[0].as_dict(), a[1], b[1], word_diff(a[1], b[1])))
    return changes


def _body(plan: Plan) -> Paragraphs:
    paragraphs: Paragraphs = []
    several = len(plan.parts) > 1 or any(part.title for part in plan.parts)
    for number, part in enumerate(plan.parts, start=1):
        where = _Where("body", part=number if several else None)
        if part.title:
            paragraphs.append((where, part.title))
        for section in part.sections:
            paragraphs += _item(section, where)
    return paragraphs


def _appendices(plan: Plan) -> Paragraphs:
    paragraphs: Paragraphs = []
    for number, appendix in enumerate(plan.appendices, start=1):
        where = _Where("appendix", appendix=number)
        if appendix.title:
            paragraphs.append((where, appendix.title))
        paragraphs += _blocks(appendix.content, where)
    return paragraphs


def _item(item: Item, parent: _Where) -> Paragraphs:
    marker = vn.marker(item.style, item.ordinal, str(item.parent_ordinal)).strip("().")
    where = parent if marker in ("-", "+") else _Where(parent.area, (*parent.markers, marker),
                                                       parent.part, parent.appendix)
    paragraphs: Paragraphs = []
    text = " ".join(piece for piece in (item.title, item.text) if piece)
    if text:
        paragraphs.append((where, text))
    paragraphs += _blocks(item.content, where)
    paragraphs += _bullets(item.bullets, where)
    return paragraphs


def _blocks(blocks: Sequence[Any], where: _Where) -> Paragraphs:
    paragraphs: Paragraphs = []
    for block in blocks:
        if isinstance(block, str):
            paragraphs.append((where, block))
        elif isinstance(block, Item):
            paragraphs += _item(block, where)
        elif isinstance(block, TableBlock):
            paragraphs.append((where, CELL_SEPARATOR.join(column.title for column in block.columns)))
            paragraphs += [(where, CELL_SEPARATOR.join(vn.cell(cell) for cell in row)) for row in block.rows]
        # Generated blocks (indicator sentences and tables, part V's units) are compared as
        # indicators and units.
    return paragraphs


def _bullets(bullets: Sequence[Any], where: _Where) -> Paragraphs:
    paragraphs: Paragraphs = []
    for bullet in bullets:
        text = " ".join(piece for piece in (f"[{bullet.service}]" if bullet.service else "", bullet.text)
                        if piece)
        if text:
            paragraphs.append((where, text))
        paragraphs += _bullets(bullet.bullets, where)
    return paragraphs


# --- the rest of the plan ------------------------------------------------------------------

# Plan fields compared above in plan terms; any other (the letters to the units, say) is
# compared value by value.
_COVERED = frozenset({"year", "document", "issuer", "households", "basis", "intro", "indicators",
                      "units", "parts", "recipients", "archive", "signer", "appendices"})


def _other_changes(old: Plan, new: Plan) -> list[Change]:
    changes: list[Change] = []
    for name in Plan._fields:
        if name in PLAN_INDEXES or name in _COVERED:  # the indexes are made from the rest
            continue
        before = _leaves(getattr(old, name, None), (name,))
        after = _leaves(getattr(new, name, None), (name,))
        for key in [*before, *(key for key in after if key not in before)]:
            if before.get(key) != after.get(key):
                changes.append(Change("other", {"field": " › ".join(key)}, before.get(key), after.get(key)))
    return changes


def _leaves(value: Any, prefix: tuple[str, ...]) -> dict[tuple[str, ...], str]:
    """Returns the values under `value` by their field names, `path` fields left out."""
    if is_record(value):  # before the tuples: a record is one too
        found: dict[tuple[str, ...], str] = {}
        for name, item in zip(value._fields, value):
            if name != "path":
                found.update(_leaves(item, (*prefix, name)))
        return found
    if isinstance(value, (tuple, list)):
        found = {}
        for index, item in enumerate(value, start=1):
            found.update(_leaves(item, (*prefix, str(index))))
        return found
    if value is None or value == ():
        return {}
    return {prefix: value if isinstance(value, str) else str(value).lower() if isinstance(value, bool)
            else str(value)}


# --- loading a version for comparison -------------------------------------------------------

def comparable_plan(raw: bytes, file: str) -> Plan:
    """Returns the typed plan in `raw` (the contents of `file`) for comparison.

    A schema-valid plan is enough: a new year's plan whose targets are still empty, which
    `validate` rejects, is compared all the same. Raises `PlanInvalid` with the loading and
    schema problems otherwise.
    """
    from .errors import PlanInvalid
    from .load import load_bytes
    from .model import build_plan
    from .validate import schema_problems

    loaded = load_bytes(raw, file)
    problems = [problem for problem in schema_problems(loaded) if problem.severity == "error"]
    if problems:
        raise PlanInvalid(problems)
    return build_plan(loaded.data)
