"""What changed between two versions of a plan, in plan terms (`kehoach diff`).

Compares two typed plans: the year, number and date as the document prints them; indicators by
id with the figures of their sentence as the documents print them (the change, the baseline and
the target: "giảm 4,2%", "9,2% cuối năm 2022"), a recorded result that became the baseline said
so; units by id with their duties added, removed or reworded; the signer; the assignment
letters' settings, deadlines printed as the letters print them; and every other paragraph
(summary, basis, intro, body, appendices, recipients) aligned in order, a reworded one shown as
a word-level diff: `[-removed words-]{+added words+}`. Nothing is named by its key in the plan
file. Returns data; `cli.year` words it and prints it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

from .. import vn
from ..document.model import CELL_SEPARATOR
from ..plan.funding import Activity, Funding, FundingBlock
from ..plan.model import (TEXTS, Figure, IndexedPlan, Indicator, IndicatorTableBlock, IndicatorsBlock,
                          IssuedLetter, Item, ReportInfo, Reporting, SharedLetter, Signer, TableBlock,
                          TableCell, TableRow, Unit, UnitsBlock)

T = TypeVar("T")

# Two texts are one text reworded, not one removed and another added, when at least this share
# of their words agree (difflib's ratio on word lists).
REWORDED = 0.5
# How far in the other plan a reworded text is looked for, past the last one paired: a bound
# that keeps `diff` linear in the plan's length (issue 17: 8,000 duties took minutes).
REWORD_WINDOW = 40
# Unchanged words kept on each side of a change in a word-level diff; the rest is "…".
CONTEXT_WORDS = 6


@dataclass(frozen=True)
class Change:
    """One difference between two plans.

    `what` names it ("indicator.rate", "duty.added", "paragraph.reworded", …); `where` says
    where, as data (ids, names, a location such as "II.3.1"); `old` and `new` are the values
    as the documents print them (None: absent or empty; a yes-or-no setting as a bool; an
    indicator's rate or count as the figures of its sentence, by name); `words` is the
    word-level diff of a reworded text.
    """

    what: str
    where: dict[str, Any] = field(default_factory=dict)
    old: Any = None
    new: Any = None
    words: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value not in (None, {})}


def plan_changes(old: IndexedPlan, new: IndexedPlan, old_data: Any = None, new_data: Any = None) -> list[Change]:
    """Returns the differences from `old` to `new`, in the order of the document; `old_data`
    and `new_data`, the plans' data, tell apart two plans that differ only in what the typed
    plan does not keep (a village's households)."""
    changes = [
        *_document_changes(old, new),
        *_basis_changes(old, new),
        *_text_changes("intro", list(old.intro), list(new.intro)),
        *_indicator_changes(old, new),
        *_paragraph_changes(_body(old), _body(new)),
        *_unit_changes(old, new),
        *_list_changes("recipient", old.recipients, new.recipients),
        *_value_change("archive", {}, _archive(old), _archive(new)),
        *_value_change("signer", {}, _signer(old), _signer(new)),
        *_appendix_changes(old, new),
        *_assignment_changes(old, new),
        *_funding_changes(old, new),
        *_results_changes(old, new),
    ]
    if not changes and (old != new or old_data != new_data):
        # Something the documents do not print changed: still a change, so that `diff` never
        # says "same" of two different plans.
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


class _Words:
    """A text as its words, compared with others by difflib's ratio on word lists; the matcher
    keeps the text as its second sequence, so its index of words is made once."""

    def __init__(self, text: str) -> None:
        self.words = text.split()
        self.counts = Counter(self.words)
        self._matcher: SequenceMatcher | None = None

    def ratio(self, old: "_Words", at_least: float) -> float:
        """Returns how alike `old` is to this text (0 to 1), or 0 when it cannot reach
        `at_least`: the words the two share bound the ratio, and cost little to count."""
        total = len(old.words) + len(self.words)
        if 2 * min(len(old.words), len(self.words)) < at_least * total:
            return 0.0
        if 2 * sum((old.counts & self.counts).values()) < at_least * total:
            return 0.0
        if self._matcher is None:
            self._matcher = SequenceMatcher(None, b=self.words, autojunk=False)
        self._matcher.set_seq1(old.words)
        return self._matcher.ratio()


def _align(old: Sequence[T], new: Sequence[T], text: Callable[[T], str]
           ) -> Iterator[tuple[str, T | None, T | None]]:
    """Yields ("same" | "reworded" | "removed" | "added", old entry, new entry) in order: equal
    texts pair up first, then, among the rest, entries at least `REWORDED` alike."""
    matcher = SequenceMatcher(None, [text(x) for x in old], [text(x) for x in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield from (("same", a, b) for a, b in zip(old[i1:i2], new[j1:j2]))
        else:
            yield from _reworded(old[i1:i2], new[j1:j2], text)


def _reworded(olds: Sequence[T], news: Sequence[T], text: Callable[[T], str]
              ) -> Iterator[tuple[str, T | None, T | None]]:
    """Yields the alignment of entries none of which is equal to another: each old entry, in
    order, with the most alike of the next `REWORD_WINDOW` new entries not yet passed, if one
    is `REWORDED` alike (the new entries skipped are added), else removed."""
    words = [_Words(text(entry)) for entry in news]
    start = 0
    for entry in olds:
        mine = _Words(text(entry))
        best, best_ratio = None, REWORDED
        for k in range(start, min(len(news), start + REWORD_WINDOW)):
            ratio = words[k].ratio(mine, best_ratio)
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

def _value_change(what: str, where: dict[str, Any], old: Any, new: Any) -> list[Change]:
    return [] if old == new else [Change(what, where, old, new)]


def _document_changes(old: IndexedPlan, new: IndexedPlan) -> list[Change]:
    a, b = old.document, new.document
    changes = [
        *_value_change("year", {}, old.term.printed, new.term.printed),
        *_value_change("document.kind", {}, a.kind, b.kind),
        *_value_change("document.number", {}, vn.document_number(a.number, a.symbol),
                       vn.document_number(b.number, b.symbol)),
        *_value_change("document.date", {}, vn.place_date(a.place, a.day, a.month, a.year),
                       vn.place_date(b.place, b.day, b.month, b.year)),
        *_value_change("issuer", {}, " / ".join((*old.issuer.parent, *old.issuer.name)),
                       " / ".join((*new.issuer.parent, *new.issuer.name))),
        *_value_change("issuer.text_name", {}, old.issuer.text_name, new.issuer.text_name),
        *_value_change("households", {}, _maybe_number(old.households), _maybe_number(new.households)),
    ]
    summary_a, summary_b = " ".join(a.summary), " ".join(b.summary)
    if summary_a != summary_b:
        changes.append(Change("document.summary", {}, summary_a, summary_b, word_diff(summary_a, summary_b)))
    return changes


def _maybe_number(value: int | None) -> str | None:
    return None if value is None else vn.number(value)


def _basis_changes(old: IndexedPlan, new: IndexedPlan) -> list[Change]:
    """Returns the citations changed, their type style if it changed, then each citation whose `review` mark was set (`kehoach
    new` marks what last year's plan cited, to be checked) or taken off (checked)."""
    cited_before = [(basis, basis.citation(old.citations.short_dates)) for basis in old.basis]
    cited_after = [(basis, basis.citation(new.citations.short_dates)) for basis in new.basis]
    changes = _text_changes("basis", [text for _, text in cited_before], [text for _, text in cited_after])
    changes += _value_change("citations.style", {}, old.citations.style, new.citations.style)
    for kind, before, after in _align(cited_before, cited_after, lambda cited: cited[1]):
        if kind in ("same", "reworded") and before[0].review != after[0].review:
            changes.append(Change("basis.review" if after[0].review else "basis.checked",
                                  {"basis": _short(after[1])}))
    return changes


def _archive(plan: IndexedPlan) -> str:
    """Returns the Lưu line and, under it, the ô 12 line (drafter's initials, copies) if any."""
    mark = vn.drafter_mark(plan.drafter, plan.copies)
    return f"Lưu: {', '.join(plan.archive)}" + (f" / {mark}" if mark else "")


def _signer(plan: IndexedPlan) -> str:
    return _signed(plan.signer)


def _signed(signer: Signer) -> str:
    lines = [f"{line.prefix} {line.title}" if line.prefix else line.title for line in signer.authority]
    return f"{' / '.join(lines)}: {signer.name}"


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


# --- indicators -----------------------------------------------------------------------------

def _rate(value: Decimal | None) -> str | None:
    return None if value is None else vn.rate(value)


def _count(value: int | None, unit: str) -> str | None:
    return None if value is None else vn.count(value, unit)


def _bounded(text: str | None, figure: Figure, direction: str) -> str | None:
    """Returns `text` with the word the documents print before a bound figure (the `limit`
    macro of templates/_figures.xml.j2): "ít nhất 90,0%", "không quá 1,0%"."""
    if text is None or not figure.bound:
        return text
    return f"{'không quá' if direction == 'decrease' else 'ít nhất'} {text}"


def _figure(figure: Figure | None, unit: str) -> str | None:
    """Returns a figure as the documents print it ("5,0%, 76 hộ"), None when it has none."""
    if figure is None:
        return None
    return vn.figure(figure.rate, figure.count, unit) or None


def _figure_change(what: str, where: dict[str, Any], old: Figure | None, new: Figure | None,
                   units: tuple[str, str], years: tuple[int | None, int | None]) -> list[Change]:
    """Returns the change of a figure printed with its year (None: the figure's own year)."""
    a, b = _figure(old, units[0]), _figure(new, units[1])
    year_a = years[0] if years[0] is not None else old.year if old is not None else None
    year_b = years[1] if years[1] is not None else new.year if new is not None else None
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


_NO_FIGURE = Figure(year=None, rate=None, count=None, path=())  # a baseline or target not given


def _clauses(indicator: Indicator) -> dict[str, dict[str, Any]]:
    """Returns the figures of an indicator's sentence, by "rate" and "count", as the documents
    print them: the change, the baseline and the target with their years ("giảm 4,2% (từ 9,2%
    cuối năm 2022 xuống còn 5,0% cuối năm 2023)"; templates `indicator_sentence`, `target`)."""
    base, target, unit = indicator.baseline or _NO_FIGURE, indicator.target or _NO_FIGURE, indicator.unit
    years = {"baseline_year": base.year, "target_year": target.year}
    return {
        "rate": {"change": _rate(indicator.rate_change), "baseline": _rate(base.rate),
                 "target": _bounded(_rate(target.rate), target, indicator.direction), **years},
        "count": {"change": _count(indicator.count_change, unit), "baseline": _count(base.count, unit),
                  "target": _bounded(_count(target.count, unit), target, indicator.direction), **years},
    }


def _same_figure(a: Figure, b: Figure) -> bool:
    return (a.year, a.rate, a.count) == (b.year, b.rate, b.count)


def _actual_change(what: str, where: dict[str, Any], old: Figure | None, new: Figure | None,
                   new_baseline: Figure | None, units: tuple[str, str],
                   years: tuple[int | None, int | None]) -> list[Change]:
    """Returns the change of a recorded result: one that became the new plan's baseline (as
    `kehoach new` does) is `WHAT.to_baseline`, not a result removed."""
    if old is not None and new is None and new_baseline is not None and _same_figure(old, new_baseline):
        year = old.year if old.year is not None else years[0]
        return [Change(f"{what}.to_baseline", {**where, "year": year}, _figure(old, units[0]), None)]
    return _figure_change(what, where, old, new, units, years)


def _indicator_changes(old: IndexedPlan, new: IndexedPlan) -> list[Change]:
    changes, _, pairs = _match(old.indicators, new.indicators, lambda entry: entry.id,
                               "indicator", _indicator_where)
    for a, b in pairs:
        where = _indicator_where(b)
        units = (a.unit, b.unit)
        changes += _value_change("indicator.name", where, a.name, b.name)
        changes += _value_change("indicator.unit", where, a.unit, b.unit)
        changes += _value_change("indicator.direction", where, a.direction, b.direction)
        # A result that became the baseline first: it explains the new baseline below.
        changes += _actual_change("indicator.actual", where, a.actual, b.actual, b.baseline, units,
                                  (None, None))
        before, after = _clauses(a), _clauses(b)
        changes += [Change(f"indicator.{aspect}", {**where, "direction": b.direction}, before[aspect],
                           after[aspect]) for aspect in before if before[aspect] != after[aspect]]
        changes += _value_change("indicator.reduction", where, _figure(a.stated_change, a.unit),
                                 _figure(b.stated_change, b.unit))
        changes += _value_change("indicator.milestones", where, _milestones(a), _milestones(b))
        changes += _village_changes(a, b, where)
    return changes


def _indicator_where(indicator: Indicator) -> dict[str, Any]:
    return {"id": indicator.id, "name": indicator.name}


def _milestones(indicator: Indicator) -> str | None:
    return "; ".join(f"{m.year}: {_bounded(_figure(m, indicator.unit), m, indicator.direction)}"
                     for m in indicator.milestones) or None


def _village_changes(a: Indicator, b: Indicator, where: dict[str, Any]) -> list[Change]:
    """Returns the villages added and removed, and the changed figures of the others, each
    with the year of its column in the village table (the indicator's baseline or target year)."""
    changes, _, pairs = _match(a.villages, b.villages, lambda entry: entry.name, "village",
                               lambda entry: {**where, "village": entry.name})
    units = (a.unit, b.unit)
    for old, village in pairs:
        here = {**where, "village": village.name}
        changes += _figure_change("village.baseline", here, old.baseline, village.baseline, units,
                                  (a.baseline.year, b.baseline.year))
        changes += _figure_change("village.target", here, old.target, village.target, units,
                                  (a.target.year, b.target.year))
        changes += _actual_change("village.actual", here, old.actual, village.actual, village.baseline,
                                  units, (a.target.year, b.target.year))
    return changes


# --- units and duties -----------------------------------------------------------------------

def _unit_changes(old: IndexedPlan, new: IndexedPlan) -> list[Change]:
    changes, added, pairs = _match(old.units, new.units, lambda entry: entry.id, "unit", _unit_where)
    changes += [Change("duty.added", _unit_where(unit), None, duty.text)
                for unit in added for duty in unit.duties]
    for a, b in pairs:
        where = _unit_where(b)
        changes += _value_change("unit.renamed", where, a.name, b.name)
        changes += _value_change("unit.heading", where, a.heading, b.heading)
        changes += _value_change("unit.style", where, a.style, b.style)
        changes += _value_change("unit.requested", where, a.requested, b.requested)
        changes += _value_change("unit.letter", where, a.letter, b.letter)
        changes += _value_change("unit.reports_to", where, a.reports_to, b.reports_to)
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
                changes += _value_change("duty.status", duty_where, x.status, y.status)
                changes += _value_change("duty.note", duty_where, x.note, y.note)
                if x.points != y.points:
                    changes.append(_points_change(duty_where, x.points, y.points))
                if x.support != y.support:  # by id: a renamed unit is a change of its own
                    changes.append(Change("duty.support", duty_where, _unit_names(old, x.support) or None,
                                          _unit_names(new, y.support) or None))
                if x.indicators != y.indicators:
                    changes.append(Change("duty.indicators", duty_where,
                                          _indicator_names(old, x.indicators) or None,
                                          _indicator_names(new, y.indicators) or None))
    return changes


def _points_change(where: dict[str, Any], old: tuple[str, ...], new: tuple[str, ...]) -> Change:
    """Returns the change of a duty's points, as its table cells run them on: "- …; - …"."""
    a, b = (" ".join(f"- {point}" for point in points) or None for points in (old, new))
    return Change("duty.points", where, a, b, word_diff(a, b) if a and b else None)


def _unit_names(plan: IndexedPlan, ids: Sequence[str]) -> str:
    """Returns the units' names as the letters list them ("A; B"); an unknown id as it is."""
    return "; ".join(plan.units_by_id[i].name if i in plan.units_by_id else i for i in ids)


def _indicator_names(plan: IndexedPlan, ids: Sequence[str]) -> str:
    return "; ".join(plan.indicators_by_id[i].name if i in plan.indicators_by_id else i for i in ids)


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
            where["location"] = _location(self.markers)
        return where


def _location(markers: Sequence[str]) -> str:
    """Returns an item's place as clerks cite it: markers "II", "3", "3.2" → "II.3.2" (a
    marker that repeats its parent's number replaces it)."""
    parts: list[str] = []
    for marker in markers:
        if parts and marker.startswith(f"{parts[-1]}."):
            parts[-1] = marker
        else:
            parts.append(marker)
    return ".".join(parts)


@dataclass(frozen=True)
class _Entry:
    """A paragraph of the body or an appendix, or a block the templates make there.

    `kind`: "paragraph", or "indicators" (an indicator sentence), "indicator_table" (a village
    table) or "units" (part V's units), whose `text` is the names they list. `details`: what
    the text does not show, as (aspect, value): a task's lead and supporting units, the
    marker of an item's children, a table's column widths and alignment.
    """

    where: _Where
    text: str
    kind: str = "paragraph"
    details: tuple["_Reference", ...] = ()
    ids: tuple[str, ...] = ()  # of a generated block: what it lists

    @property
    def key(self) -> str:
        """Returns what tells entries apart: the text, or a generated block's kind and ids (a
        renamed unit is one change of its own, not one in every block that lists it)."""
        return self.text if self.kind == "paragraph" else f"[{self.kind}] {' '.join(self.ids)}"


class _Reference(NamedTuple):
    """Something an entry names by id, compared by its ids and printed by its names."""

    aspect: str
    ids: tuple[str, ...]
    printed: str


Entries = list[_Entry]


def _text_changes(area: str, old: list[str], new: list[str]) -> list[Change]:
    return _paragraph_changes([_Entry(_Where(area), text) for text in old],
                              [_Entry(_Where(area), text) for text in new])


def _paragraph_changes(old: Entries, new: Entries) -> list[Change]:
    changes = []
    for kind, a, b in _align(old, new, lambda entry: entry.key):
        if kind == "removed":
            changes.append(Change(f"{a.kind}.removed", a.where.as_dict(), a.text, None))
        elif kind == "added":
            changes.append(Change(f"{b.kind}.added", b.where.as_dict(), None, b.text))
        else:
            if kind == "reworded" and b.kind == "paragraph":
                changes.append(Change("paragraph.reworded", b.where.as_dict(), a.text, b.text,
                                      word_diff(a.text, b.text)))
            elif kind == "reworded":
                changes.append(Change(f"{b.kind}.changed", b.where.as_dict(), a.text, b.text))
            changes += _detail_changes(a, b)
    return changes


def _detail_changes(old: _Entry, new: _Entry) -> list[Change]:
    before = {detail.aspect: detail for detail in old.details}
    after = {detail.aspect: detail for detail in new.details}
    changes = []
    for aspect in dict.fromkeys([*before, *after]):
        a, b = before.get(aspect), after.get(aspect)
        if (a and a.ids) != (b and b.ids):
            changes.append(Change(aspect, new.where.as_dict(), a and a.printed, b and b.printed))
    return changes


def _body(plan: IndexedPlan) -> Entries:
    entries: Entries = []
    several = len(plan.parts) > 1 or any(part.title for part in plan.parts)
    for number, part in enumerate(plan.parts, start=1):
        where = _Where("body", part=number if several else None)
        if part.title:
            entries.append(_Entry(where, part.title))
        for section in part.sections:
            entries += _item(section, where, plan)
    return entries


def _appendices(plan: IndexedPlan) -> Entries:
    entries: Entries = []
    for number, appendix in enumerate(plan.appendices, start=1):
        where = _Where("appendix", appendix=number)
        if appendix.title:
            entries.append(_Entry(where, appendix.title))
        entries += _blocks(appendix.content, where, plan)
    return entries


def _appendix_changes(old: IndexedPlan, new: IndexedPlan) -> list[Change]:
    """Returns the appendices' paragraphs changed, then the appendices turned to landscape
    or back (compared by their number)."""
    changes = _paragraph_changes(_appendices(old), _appendices(new))
    for number, (a, b) in enumerate(zip(old.appendices, new.appendices), start=1):
        changes += _value_change("appendix.landscape", {"appendix": number}, a.landscape, b.landscape)
    return changes


def _item(item: Item, parent: _Where, plan: IndexedPlan) -> Entries:
    marker = vn.marker(item.style, item.ordinal, str(item.parent_ordinal)).strip("().")
    where = parent if marker in ("-", "+") else _Where(parent.area, (*parent.markers, marker),
                                                       parent.part, parent.appendix)
    entries: Entries = []
    text = " ".join(piece for piece in (item.title, item.text) if piece)
    if text:
        entries.append(_Entry(where, text, details=_item_details(item, plan)))
    entries += _blocks(item.content, where, plan)
    entries += _bullets(item.bullets, where)
    return entries


def _item_details(item: Item, plan: IndexedPlan) -> tuple[tuple[str, str], ...]:
    """Returns what an item's text does not show: the lead and supporting units of a task
    (the letters list it for them), and the marker its first child item is printed with."""
    details = []
    if item.lead is not None:
        details.append(_Reference("task.lead", (item.lead,), _unit_names(plan, (item.lead,))))
    if item.support:
        details.append(_Reference("task.support", item.support, _unit_names(plan, item.support)))
    child = next((block for block in item.content if isinstance(block, Item)), None)
    if child is not None:
        marker = vn.marker(child.style, child.ordinal, str(child.parent_ordinal))
        details.append(_Reference("item.numbering", (marker,), marker))
    return tuple(details)


def _cell_text(cell: TableCell) -> str:
    """Returns a table cell as one line, as `kehoach text` reads it: paragraphs, then "- " points."""
    return " ".join([*(vn.cell(value) for value in cell.paragraphs), *(f"- {point}" for point in cell.points)])


def _table_layout(block: TableBlock) -> tuple[str, ...]:
    """Returns what of a table its text does not show: each column's width, alignment, numbering
    and total; each bold row, bold cell and cell across columns."""
    columns = (f"{column.width:g} {column.align}{' numbered' if column.numbered else ''}"
               f"{' total' if column.total else ''}" for column in block.columns)
    rows = (f"{_row_text(row)}{' bold' if row.bold else ''}: " + " ".join(
                f"{cell.column}+{cell.span}{' bold' if cell.bold else ''}"
                for cell in row.cells if cell.bold or cell.span > 1)
            for row in block.rows  # by their text: a row added above is no change of these
            if row.group is None and (row.bold or any(cell.bold or cell.span > 1 for cell in row.cells)))
    return (*columns, *rows)


def _row_text(row: TableRow) -> str:
    """Returns a table row as one line: the cells the plan types (a number kehoach gives a row
    is no change of the plan)."""
    return CELL_SEPARATOR.join(_cell_text(cell) for cell in row.cells if cell.path)


def _blocks(blocks: Sequence[Any], where: _Where, plan: IndexedPlan) -> Entries:
    entries: Entries = []
    for block in blocks:
        if isinstance(block, str):
            entries.append(_Entry(where, block))
        elif isinstance(block, Item):
            entries += _item(block, where, plan)
        elif isinstance(block, TableBlock):
            layout = _table_layout(block)
            entries.append(_Entry(where, CELL_SEPARATOR.join(column.title for column in block.columns),
                                  details=(_Reference("table.layout", layout, "; ".join(layout)),)))
            entries += [_Entry(where, _row_text(row)) for row in block.rows]
        elif isinstance(block, IndicatorsBlock):
            entries.append(_Entry(where, _indicator_names(plan, block.ids), "indicators", ids=block.ids))
        elif isinstance(block, IndicatorTableBlock):
            entries.append(_Entry(where, _indicator_names(plan, (block.id,)), "indicator_table",
                                  ids=(block.id,)))
        elif isinstance(block, UnitsBlock):
            entries.append(_Entry(where, _unit_names(plan, block.ids), "units", ids=block.ids))
        elif isinstance(block, FundingBlock):
            entries.append(_Entry(where, block.kind, "funding_block", ids=(block.kind,)))
    return entries


def _bullets(bullets: Sequence[Any], where: _Where) -> Entries:
    entries: Entries = []
    for bullet in bullets:
        text = " ".join(piece for piece in (f"[{bullet.service}]" if bullet.service else "", bullet.text)
                        if piece)
        if text:
            entries.append(_Entry(where, text))
        entries += _bullets(bullet.bullets, where)
    return entries


# --- the assignment letters -----------------------------------------------------------------

def _assignment_changes(old: IndexedPlan, new: IndexedPlan) -> list[Change]:
    """Returns what changed in how the duties go out: the default deadline, the letters'
    symbol, "V/v" lines, reporting rule and recipients, and the appendix of duties, as the
    letters print them (the model resolves the defaults; "V/v" lines left out are None)."""
    a, b = old.assignments, new.assignments
    letter_a, letter_b = a.letter, b.letter
    (to_a, often_a, by_a, collector_a), (to_b, often_b, by_b, collector_b) = (
        _report(letter_a.reporting), _report(letter_b.reporting))
    return [
        *_value_change("assignments.deadline", {}, _deadline(a.default_deadline),
                       _deadline(b.default_deadline)),
        *_value_change("letter.symbol", {}, letter_a.symbol, letter_b.symbol),
        *_summary_change(" ".join(letter_a.summary) or None, " ".join(letter_b.summary) or None),
        *_value_change("letter.report_to", {}, to_a, to_b),
        *_value_change("letter.frequency", {}, often_a, often_b),
        *_value_change("letter.report_by", {}, by_a, by_b),
        *_value_change("letter.collector", {}, collector_a, collector_b),
        *_value_change("letter.speaker", {}, letter_a.speaker, letter_b.speaker),
        *_value_change("letter.opening", {}, letter_a.opening, letter_b.opening),
        *_value_change("letter.closing", {}, letter_a.closing, letter_b.closing),
        *_value_change("letter.issued", {}, _issued(letter_a.issued), _issued(letter_b.issued)),
        *_list_changes("letter.recipient", letter_a.recipients, letter_b.recipients),
        *_value_change("assignments.appendix", {}, a.appendix, b.appendix),
        *_value_change("letters", {}, _letters_text(a.letters), _letters_text(b.letters)),
    ]


def _report(reporting: Reporting | None) -> tuple[str | None, str | None, str | None, str | None]:
    """Returns the reporting rule's recipient, frequency, printed deadline and collector; None
    each when the plan asks for no reports (`reporting: false`)."""
    if reporting is None:
        return None, None, None, None
    return reporting.to, reporting.frequency, _deadline(reporting.deadline), reporting.collector


def _letters_text(letters: tuple[SharedLetter, ...]) -> str | None:
    """The letters to several units as one line: "chung: ldtbxh, cac-thon (topic: TỔ CHỨC THỰC
    HIỆN) V/v … số 27, 2/3/2026; …"."""
    return "; ".join(f"{letter.id}: {', '.join(letter.to)} ({letter.group_by}"
                     + (f": {', '.join(letter.topics)})" if letter.topics else ")")
                     + (f" V/v {' '.join(letter.summary)}" if letter.summary else "")
                     + (f" số {letter.issued.number}, {vn.deadline(letter.issued.date.isoformat())}"
                        if letter.issued else "")
                     for letter in letters) or None


def _issued(issued: tuple[IssuedLetter, ...]) -> str | None:
    """Returns the letters' numbers and dates as one line, "ldtbxh: 15, 3/7/2023; …"."""
    return "; ".join(f"{entry.unit}: {entry.number}, {vn.deadline(entry.date.isoformat())}"
                     for entry in issued) or None


def _summary_change(old: str | None, new: str | None) -> list[Change]:
    """Returns the change of the letters' "V/v" lines, word by word when both are set."""
    if old == new:
        return []
    words = word_diff(old, new) if old is not None and new is not None else None
    return [Change("letter.summary", {}, old, new, words)]


# --- loading a version for comparison -------------------------------------------------------

def comparable_plan(raw: bytes, file: str) -> tuple[IndexedPlan, dict[str, Any]]:
    """Returns the typed plan in `raw` (the contents of `file`) and its data, for comparison.

    A schema-valid plan is enough: a new year's plan whose targets are still empty, which
    `validate` rejects, is compared all the same. Raises `PlanInvalid` with the loading and
    schema problems otherwise. Texts are compared as their words, without bold and italic
    markers: a change of emphasis alone is no change.
    """
    from ..document.emphasis import plain_data
    from ..errors import PlanInvalid
    from ..plan.load import load_bytes
    from ..plan.model import build_plan
    from ..plan.standalone import is_letter, not_a_plan
    from ..plan.validate import schema_problems

    loaded = load_bytes(raw, file)
    if is_letter(loaded.data):
        raise PlanInvalid([not_a_plan(loaded, "diff")])
    problems = [problem for problem in schema_problems(loaded) if problem.severity == "error"]
    if problems:
        raise PlanInvalid(problems)
    data = plain_data(loaded.data)
    return build_plan(data), data


# --- funding and results (issue 18) --------------------------------------------------------

def _money(amount: Decimal | None, funding: Funding) -> str | None:
    """Returns an amount as the documents print it, "1.125,5 triệu đồng"."""
    return None if amount is None else f"{vn.number(amount)} {funding.unit}"


def _by_source(pairs: Sequence[tuple[str, Decimal]] | None, funding: Funding) -> str | None:
    """Returns the amounts of a line by source, named: "Ngân sách xã 35,5 triệu đồng; …"."""
    names = {source.id: source.name for source in funding.sources}
    return "; ".join(f"{names.get(source_id, source_id)} {_money(amount, funding)}"
                     for source_id, amount in pairs) if pairs else None


def _funding_changes(old: IndexedPlan, new: IndexedPlan) -> list[Change]:
    """Returns what changed in the funding: its unit, the total it prints, the sources, each
    activity's amounts and spending, the totals typed to be checked."""
    a, b = old.funding, new.funding
    if a is None or b is None:  # funding stated or dropped: its total and its activities
        if a is b:
            return []
        lines = (b or a).activities  # type: ignore[union-attr]
        kind = "activity.added" if a is None else "activity.removed"
        return [Change("funding.total", {}, a and _money(a.total, a), b and _money(b.total, b)),
                *(Change(kind, {"name": line.name}, None if a is None else line.name,
                         line.name if a is None else None) for line in lines)]
    changes = [
        *_value_change("funding.unit", {}, a.unit, b.unit),
        *_value_change("funding.in_words", {}, a.in_words, b.in_words),
        *_value_change("funding.total", {}, _money(a.total, a), _money(b.total, b)),
        *_value_change("funding.stated", {}, _money(a.stated_total, a), _money(b.stated_total, b)),
    ]
    found, _, pairs = _match(a.sources, b.sources, lambda source: source.id, "source",
                             lambda source: {"name": source.name})
    changes += found
    for x, y in pairs:
        changes += _value_change("source.renamed", {"name": y.id}, x.name, y.name)
        changes += _value_change("source.stated", {"name": y.name}, _money(x.stated_total, a),
                                 _money(y.stated_total, b))
    found, _, lines = _match(a.activities, b.activities, lambda activity: activity.name, "activity",
                             lambda activity: {"name": activity.name})
    changes += found
    for x, y in lines:
        changes += _activity_changes(old, new, x, y)
    return changes


def _activity_changes(old: IndexedPlan, new: IndexedPlan, x: Activity, y: Activity) -> list[Change]:
    a, b = old.funding, new.funding
    assert a is not None and b is not None
    where = {"name": y.name}
    return [
        *_value_change("activity.unit", where, x.unit and _unit_names(old, (x.unit,)),
                       y.unit and _unit_names(new, (y.unit,))),
        *_value_change("activity.amounts", where, _by_source(x.amounts, a), _by_source(y.amounts, b)),
        *_value_change("activity.spent", where, _by_source(x.spent, a), _by_source(y.spent, b)),
        *_value_change("activity.stated", where, _money(x.stated_total, a), _money(y.stated_total, b)),
    ]


def _results_changes(old: IndexedPlan, new: IndexedPlan) -> list[Change]:
    """Returns what changed in the year-end report: its header as printed, its words."""
    a, b = old.results.report, new.results.report
    changes = [
        *_value_change("report.number", {}, a.number, b.number),
        *_value_change("report.symbol", {}, a.symbol, b.symbol),
        *_value_change("report.date", {}, _report_date(a), _report_date(b)),
        *_value_change("report.summary", {}, " ".join(a.summary) or None, " ".join(b.summary) or None),
        *_value_change("report.to", {}, "; ".join(a.to) or None, "; ".join(b.to) or None),
        *_value_change("report.recipients", {}, "; ".join(a.recipients) or None, "; ".join(b.recipients) or None),
        *_value_change("report.signer", {}, a.signer and _signed(a.signer), b.signer and _signed(b.signer)),
    ]
    for key in TEXTS:
        changes += _text_changes(f"results.{key}", list(getattr(old.results, key)), list(getattr(new.results, key)))
    return changes


def _report_date(info: ReportInfo) -> str | None:
    return None if info.year is None else vn.long_date(info.day, info.month, info.year)
