"""The typed plan: schema-valid plan data as immutable records (named tuples), with figures
computed as `Decimal`.

Built only from data the schema has accepted, so it trusts shapes and types. Each object that
a meaning check may point at keeps its `path` into the data, which `load` maps to a line.
Nothing here formats a figure or knows a font; list numbering is kept as (style, ordinal).
"""

# Annotations here are evaluated, not postponed (no `from __future__ import annotations`):
# NamedTuple would compile each annotation string into a ForwardRef, a third of the module's
# import time (`kehoach validate` start-up, performance issue).
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, NamedTuple, Union

from .. import vn
from ..errors import DataPath
from . import figures
from .funding import Funding, FundingBlock, funding_of

# Default numbering of an item's children by depth below a roman section (nd30-format §5.6).
DEFAULT_NUMBERING = ("I.", "1.", "a)", "-", "+")


class Figure(NamedTuple):
    """A rate (percent) and/or a count at the end of a year."""

    year: int | None
    rate: Decimal | None
    count: int | None
    path: DataPath
    computed: tuple[str, ...] = ()  # fields the plan left out, computed from the households (`figures`)
    bound: bool = False  # a floor or ceiling: printed "ít nhất" (increase) or "không quá" (decrease)


class Village(NamedTuple):
    name: str
    households: int | None  # the village's own: its figures are shares of it, not of the commune's
    baseline: Figure
    target: Figure
    actual: Figure | None = None  # the year's result, recorded at year end: not printed, compared by `diff`

    def reached(self, direction: str) -> bool | None:
        return reached(self.target, self.actual, direction)

    def achieved_share(self, direction: str) -> Decimal | None:
        return achieved_share(self.baseline, self.target, self.actual, direction)


class Indicator(NamedTuple):
    """A numeric target: baseline and target figures; the change is computed, never typed. A
    target may stand without a baseline ("ít nhất 90%"), and a ladder of milestones without a
    target (a period plan's "đến năm 2027 …, đến năm 2030 …")."""

    id: str
    name: str
    unit: str
    direction: str  # "decrease" or "increase"
    baseline: Figure | None
    target: Figure | None
    stated_change: Figure | None
    milestones: tuple[Figure, ...]
    villages: tuple[Village, ...]
    path: DataPath
    actual: Figure | None = None  # the result at the end of the plan's year; not printed

    @property
    def rate_change(self) -> Decimal | None:
        """Returns the change of rate in the plan's direction (positive when on track)."""
        return _change(self.baseline, self.target, "rate", self.direction)

    @property
    def count_change(self) -> int | None:
        return _change(self.baseline, self.target, "count", self.direction)

    @property
    def reached(self) -> bool | None:
        return reached(self.target, self.actual, self.direction)

    @property
    def achieved_share(self) -> Decimal | None:
        return achieved_share(self.baseline, self.target, self.actual, self.direction)

    @property
    def final(self) -> Figure:
        """Returns the last figure the plan aims at: its target, else its ladder's last step
        (the schema asks for one of them)."""
        return self.target if self.target is not None else self.milestones[-1]


def _change(baseline: Figure | None, target: Figure | None, field: str, direction: str) -> Any:
    if baseline is None or target is None:
        return None
    before, after = getattr(baseline, field), getattr(target, field)
    if before is None or after is None:
        return None
    return before - after if direction == "decrease" else after - before


def _compared(*figures_: Figure | None) -> str | None:
    """Returns the field the year-end report compares `figures_` on: the rate when all have one
    (a share of the households), else the count; None when a figure is missing."""
    if any(figure is None for figure in figures_):
        return None
    for field in ("rate", "count"):
        if all(getattr(figure, field) is not None for figure in figures_):
            return field
    return None


def reached(target: Figure | None, actual: Figure | None, direction: str) -> bool | None:
    """Returns whether `actual` reached `target` in the plan's `direction` (at or below the
    target for a decrease); None without both."""
    field = _compared(target, actual)
    if field is None:
        return None
    aimed, got = getattr(target, field), getattr(actual, field)
    return got <= aimed if direction == "decrease" else got >= aimed


def achieved_share(baseline: Figure | None, target: Figure | None, actual: Figure | None,
                   direction: str) -> Decimal | None:
    """Returns the percent of the planned change achieved (issue 18): (baseline − actual) ×
    100 / (baseline − target) for a decrease; None without the three figures or a planned change."""
    field = _compared(baseline, target, actual)
    if field is None:
        return None
    start = Decimal(getattr(baseline, field))
    planned = start - Decimal(getattr(target, field))
    if planned == 0:
        return None
    return (start - Decimal(getattr(actual, field))) * 100 / planned


class Basis(NamedTuple):
    """A document the plan is based on; its citation sentence is generated."""

    lead: str
    kind: str
    number: int | None
    symbol: str | None
    date: dt.date | None
    issuer: str | None
    subject: str
    path: DataPath
    review: bool = False  # copied from last year's plan by `kehoach new`, to be checked
    year: int | None = None  # the year inside the number: 2023 in "38/2023/NĐ-CP"

    @property
    def reference(self) -> str | None:
        """Returns its number and symbol, "38/2023/NĐ-CP" or "145/KH-UBND"; None without a number."""
        if not self.number:
            return None
        symbol = self.symbol or ""
        return vn.reference(self.number, f"{self.year}/{symbol}" if self.year else symbol)

    @property
    def name(self) -> str:
        """Returns how a later sentence names it: "Nghị định số 38/2023/NĐ-CP", or a law's kind."""
        return f"{self.kind} số {self.reference}" if self.reference else self.kind

    def citation(self, short_dates: bool = False) -> str:
        """Returns its citation sentence without final punctuation (nd30-format §5.6):
        "Căn cứ Nghị định số 38/2023/NĐ-CP ngày 24 tháng 6 năm 2023 của Chính phủ quy định …",
        the date "ngày 24/6/2023" with `short_dates`."""
        words = [self.lead, self.name]
        if self.date:
            day, month, year = self.date.day, self.date.month, self.date.year
            words.append(f"ngày {vn.short_date(day, month, year)}" if short_dates
                         else vn.long_date(day, month, year))
        if self.issuer:
            words.append(f"của {self.issuer}")
        if self.subject:
            words.append(self.subject)
        return " ".join(words)


class Citations(NamedTuple):
    """How the basis paragraphs are printed, chosen once for the plan (`citations`)."""

    short_dates: bool = False  # "ngày 18/5/2023" instead of "ngày 18 tháng 5 năm 2023"
    style: str | None = None  # "italic" or "upright"; None: "Căn cứ" italic, the others upright


class Duty(NamedTuple):
    """Something a unit must do; `lead` is the id of the unit that owns it."""

    lead: str
    text: str
    support: tuple[str, ...]
    deadline: str | None
    product: str | None
    indicators: tuple[str, ...]
    path: DataPath
    points: tuple[str, ...] = ()  # the "-" points under the duty, wherever it is listed
    status: str | None = None  # at year end: "done", "in_progress" or "not_done" (the report's)
    note: str | None = None  # a short word on its result, printed in the report after the status


class Unit(NamedTuple):
    """A unit of part V. `name` addresses it (part V's heading unless `heading` is given, the
    letter's "Kính gửi:", the task sheet, the appendix of duties); a `requested` unit is not
    under the issuer, so every document asks it ("Đề nghị …") and none assigns (issue 14)."""

    id: str
    name: str
    style: str  # "bullets", "paragraphs" or "letters": how part V prints its role and duties
    role: str | None
    duties: tuple[Duty, ...]
    path: DataPath
    heading: str = ""  # part V's heading: `name` unless the plan gives one
    requested: bool = False
    letter: bool = True  # False: no assignment letter, no task sheet
    reports_to: str | None = None  # whom its letter tells it to report to, if not `reporting.to`


class DutyGroup(NamedTuple):
    """The duties of one section of the body, in the appendix of duties: `title` the section's
    (None for duties no section prints: a unit no units block lists, a task of an appendix)."""

    title: str | None
    duties: tuple[Duty, ...]


def topic_key(title: str) -> str:
    """Returns how a letter's `topics` entry matches a section's title: the same words, in any
    case and spacing (titles print in capitals whatever the plan writes)."""
    return " ".join(title.split()).casefold()


class LetterItem(NamedTuple):
    """A duty as a letter to several units gives it: to `doers`, the addressed units that lead
    it (`leads`) or support it."""

    duty: Duty
    doers: tuple[Unit, ...]
    leads: bool


class LetterGroup(NamedTuple):
    """The numbered section of a letter to several units: a unit's name, or a section's title."""

    title: str
    items: tuple[LetterItem, ...]


class UnitDuties(NamedTuple):
    """One unit's share of the plan, as its assignment letter and task sheet list it.

    `led`: the duties it leads, its own (part V) first, then the tasks of the body that name it
    as `lead`; `supported`: the duties of other units that name it in `support`; `indicators`:
    the ids of the indicators its led duties serve, first seen first.
    """

    unit: Unit
    led: tuple[Duty, ...]
    supported: tuple[Duty, ...]
    indicators: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.led) + len(self.supported)


class Reporting(NamedTuple):
    """What a unit reports: to whom, how often, by when (defaults resolved: `_assignments`);
    `collector`: the id of the unit that collects the reports, if the plan names one."""

    to: str
    frequency: str
    deadline: str
    collector: str | None = None


class Report(NamedTuple):
    """What one unit's letter says about reports (issue 16): `to` whom it reports; `collects`:
    the unit collects the others' reports, so its letter asks it to collect and report to the
    issuer, never to report to itself; `decider`: who settles difficulties in the closing
    sentence: the issuer, or the plan-wide recipient when that names no unit (a unit collects,
    the issuer decides)."""

    to: str
    frequency: str
    deadline: str
    collects: bool
    decider: str
    collector: str = ""  # in a letter to several units: the addressed unit that collects, if any


class IssuedLetter(NamedTuple):
    """The number and date a letter was given when it was sent (issue 16)."""

    unit: str  # the id of the unit whose own letter it is; "" for a letter to several units
    number: int
    date: dt.date
    path: DataPath


class Letter(NamedTuple):
    """The assignment letters (công văn): ký hiệu, "V/v" lines (without "V/v"; empty: the
    template's default), the reporting rule and the recipients after "Như trên"."""

    symbol: str
    summary: tuple[str, ...]
    reporting: Reporting | None  # None: the plan asks for no reports (`reporting: false`)
    recipients: tuple[str, ...]
    speaker: str | None = None  # "issuer" or "chairman"; None: not written, the issuer speaks
    issued: tuple[IssuedLetter, ...] = ()  # the letters numbered and dated once sent
    opening: str | None = None  # the clerk's opening sentence; None: the one citing the plan
    closing: str | None = None  # the clerk's closing sentence; None: the default one

    def issued_to(self, unit_id: str) -> IssuedLetter | None:
        """Returns the number and date of `unit_id`'s letter; None while it has none (blank)."""
        return next((entry for entry in self.issued if entry.unit == unit_id), None)


class SharedLetter(NamedTuple):
    """One letter to several units (`assignments.letters`): its file's `id`, the ids of the
    units it addresses in their order, its "V/v" lines (empty: the template's default), and
    whether its duties are grouped by `unit` or by `topic` (the plan's sections): all of them,
    or the `topics` it names (sections' titles, in its order)."""

    id: str
    to: tuple[str, ...]
    summary: tuple[str, ...]
    group_by: str
    path: DataPath
    topics: tuple[str, ...] = ()
    issued: IssuedLetter | None = None  # its number and date once sent


class Assignments(NamedTuple):
    """How the plan's duties go out to its units: letters, task sheets, the plan's appendix.
    With `letters`, these replace the per-unit letters."""

    default_deadline: str | None  # of a duty that has none; None: only the plan can set one
    letter: Letter
    appendix: bool
    path: DataPath
    letters: tuple[SharedLetter, ...] = ()

    def deadline_of(self, duty: Duty) -> str | None:
        """Returns the deadline printed for `duty`: its own, else the plan's default; None when
        the plan gives neither, and nothing is printed (issue 16: no invented deadline)."""
        return duty.deadline or self.default_deadline


class Bullet(NamedTuple):
    """A "-" bullet (or "+" when nested); `service` names a basic social service label."""

    text: str
    service: str | None
    bullets: tuple["Bullet", ...]


class IndicatorsBlock(NamedTuple):
    ids: tuple[str, ...]
    path: DataPath


class IndicatorTableBlock(NamedTuple):
    id: str
    path: DataPath


class UnitsBlock(NamedTuple):
    """Part V's units, each printed as an item numbered (`style`, `start` + 1 …)."""

    ids: tuple[str, ...]
    style: str
    start: int
    path: DataPath


class TableColumn(NamedTuple):
    title: str
    width: float
    align: str
    numbered: bool = False  # filled by kehoach with the rows' numbers, never typed
    total: bool = False  # its figures add up to a "Tổng cộng" row

    @property
    def numeric(self) -> bool:
        """Whether the column holds figures: totalled, or aligned right as figures are."""
        return self.total or self.align == "right"


CellValue = Union[str, int, Decimal]

# The label of a table's total row, written by kehoach or typed by the plan.
TOTAL_LABEL = "Tổng cộng"


class TableCell(NamedTuple):
    """A cell as printed: its paragraphs (one for a plain value, "" when empty), "-" points,
    the columns it covers from `column`, bold; `path` None for a cell kehoach fills (a number,
    a total)."""

    paragraphs: tuple[CellValue, ...]
    column: int
    path: DataPath | None
    points: tuple[str, ...] = ()
    span: int = 1
    bold: bool = False

    @property
    def amount(self) -> Decimal | None:
        """The figure the cell holds; None when it holds none (empty, or words)."""
        value = self.paragraphs[0] if len(self.paragraphs) == 1 and not self.points else ""
        return Decimal(value) if isinstance(value, (int, Decimal)) else None

    @property
    def blank(self) -> bool:
        return not self.points and all(value == "" for value in self.paragraphs)


class TableRow(NamedTuple):
    """A row: a `group` title across the table, or cells in column order with the numbered
    column's number put in (5, or 5.1 for a `sub` row); `total` for a typed "Tổng cộng" row of a
    table with totals; `covered` the columns its cells cover, spans counted (the shape check)."""

    cells: tuple[TableCell, ...]
    covered: int
    path: DataPath
    group: str | None = None
    bold: bool = False
    sub: bool = False
    total: bool = False


class TableBlock(NamedTuple):
    """A plan's table; `fit`: no column gives a width, so the columns are fitted to their texts."""

    columns: tuple[TableColumn, ...]
    rows: tuple[TableRow, ...]
    path: DataPath
    fit: bool = False

    @property
    def totals(self) -> dict[int, Decimal]:
        """The sum of each totalled column, by column: the rows' figures; a sub-row's count only
        under a row that leaves that column blank (else they detail its figure)."""
        sums = {index: Decimal(0) for index, column in enumerate(self.columns) if column.total}
        blank_above: set[int] = set()
        for row in self.rows:
            if row.group is not None or row.total:
                continue
            if not row.sub:
                blank_above = {cell.column for cell in row.cells if cell.blank}
            for cell in row.cells:
                if cell.column in sums and cell.amount is not None and (not row.sub or cell.column in blank_above):
                    sums[cell.column] += cell.amount
        return sums

    @property
    def printed_rows(self) -> tuple[TableRow, ...]:
        """The rows as printed: the plan's, then a "Tổng cộng" row when a column is totalled and
        the plan did not type one (the label in the first column that is not totalled)."""
        sums = self.totals
        if not sums or any(row.total for row in self.rows):
            return self.rows
        label = next((index for index, column in enumerate(self.columns)
                      if not column.total and not column.numbered), None)
        cells = tuple(TableCell((sums[index],) if index in sums else (TOTAL_LABEL,) if index == label else ("",),
                                index, None) for index in range(len(self.columns)))
        return (*self.rows, TableRow(cells, len(cells), self.path))


class Item(NamedTuple):
    """A numbered item: marker from (`style`, `ordinal`, `parent_ordinal`), then title and text."""

    style: str
    ordinal: int
    parent_ordinal: int
    depth: int
    title: str | None
    text: str | None
    content: tuple["Block", ...]
    bullets: tuple[Bullet, ...]
    lead: str | None
    support: tuple[str, ...]
    path: DataPath


Block = Union[str, Item, IndicatorsBlock, IndicatorTableBlock, UnitsBlock, TableBlock, FundingBlock]


class Part(NamedTuple):
    title: str | None  # None when the plan has no part level
    sections: tuple[Item, ...]


class Appendix(NamedTuple):
    title: str
    landscape: bool
    content: tuple[Block, ...]


class AuthorityLine(NamedTuple):
    prefix: str | None  # TM., KT., TL., TUQ., Q.
    title: str


class Signer(NamedTuple):
    authority: tuple[AuthorityLine, ...]
    name: str


class DocumentInfo(NamedTuple):
    kind: str
    number: int | None
    symbol: str
    place: str
    day: int | None
    month: int | None
    year: int
    summary: tuple[str, ...]
    path: DataPath


class Term(NamedTuple):
    """When the plan runs: one `year`, a `period` of years, or a `campaign` between two dates;
    the deadlines, reports and checks that speak of "the plan's year" read it from here."""

    kind: str  # "year", "period" or "campaign"
    first: int  # the first and last year the plan runs in
    last: int
    start: dt.date | None = None  # a campaign's first and last day
    end: dt.date | None = None

    @property
    def yearly(self) -> bool:
        return self.kind == "year"

    @property
    def printed(self) -> str:
        """Returns the term as messages name it: "2026", "2025 - 2030", "01/3/2026 - 30/6/2026"."""
        if self.start is not None and self.end is not None:
            return f"{_short(self.start)} - {_short(self.end)}"
        return str(self.first) if self.yearly else f"{self.first} - {self.last}"


def _short(date: dt.date) -> str:
    return vn.short_date(date.day, date.month, date.year)


def term_of(data: dict[str, Any]) -> Term:
    """Returns the term of schema-valid plan `data` (also read by `kehoach new` and `diff`)."""
    if "period" in data:
        return Term("period", data["period"]["from"], data["period"]["to"])
    if "campaign" in data:
        start, end = (dt.date.fromisoformat(data["campaign"][key]) for key in ("start", "end"))
        return Term("campaign", start.year, end.year, start, end)
    return Term("year", data["year"], data["year"])


class Issuer(NamedTuple):
    parent: tuple[str, ...]
    name: tuple[str, ...]
    text_name: str


class ReportInfo(NamedTuple):
    """The header of the year-end report: unset values fall back on the plan's (`kehoach report`)."""

    number: int | None
    symbol: str | None  # None: "BC-" and the plan's symbol after its first dash
    day: int | None
    month: int | None
    year: int | None
    summary: tuple[str, ...]
    to: tuple[str, ...]  # "Kính gửi:", when the report goes to the level above
    recipients: tuple[str, ...]
    signer: Signer | None


class Results(NamedTuple):
    """The year-end report's free text, each a list of paragraphs (issue 18); the figures are the
    indicators' and villages' `actual`, the duties' `status`, the funding's `spent`."""

    report: ReportInfo
    achievements: tuple[str, ...] = ()
    shortcomings: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    direction: tuple[str, ...] = ()
    proposals: tuple[str, ...] = ()


class Plan(NamedTuple):
    year: int | None  # a yearly plan's year; None for a period or a campaign (`term`)
    term: Term
    document: DocumentInfo
    issuer: Issuer
    households: int | None
    basis: tuple[Basis, ...]
    citations: Citations
    intro: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    units: tuple[Unit, ...]
    parts: tuple[Part, ...]
    recipients: tuple[str, ...]
    archive: tuple[str, ...]
    drafter: str | None  # ô 12: the drafter's initials, "NVA"
    copies: int | None  # ô 12: the number of copies issued
    signer: Signer
    appendices: tuple[Appendix, ...]
    assignments: Assignments
    funding: Funding | None = None
    results: Results | None = None  # the year-end report's own words and header (`kehoach report`)


class IndexedPlan:
    """A plan (`data`) with the lookups that the checks and the documents need, made once from
    it: units and indicators by id, every duty (the units' own, then the body's tasks that name
    a lead unit), each unit's share. It reads as the plan itself (`plan.units`, `plan.year`: the
    data's fields); the data stays pure, and the lookups cannot go stale, since nothing here
    changes it: a changed plan is indexed anew."""

    __slots__ = ("data", "units_by_id", "indicators_by_id", "duties", "duties_by_unit", "_duty_groups")

    def __init__(self, data: Plan) -> None:
        # Lookups by id stay constant-time however large the plan (performance issue: no
        # quadratic step); the first entry of a duplicated id wins, as checks report the rest.
        self.data = data
        self.units_by_id = {unit.id: unit for unit in reversed(data.units)}
        self.indicators_by_id = {indicator.id: indicator for indicator in reversed(data.indicators)}
        self.duties = (*(duty for unit in data.units for duty in unit.duties), *_item_duties(data))
        self.duties_by_unit = _index_duties(data.units, self.units_by_id, self.duties)
        self._duty_groups: tuple[DutyGroup, ...] | None = None  # made when first asked for

    def __getattr__(self, name: str) -> Any:  # only for what is not a lookup: the data's fields
        return getattr(self.data, name)

    def __repr__(self) -> str:
        return f"IndexedPlan({self.data!r})"

    def __eq__(self, other: object) -> bool:  # the lookups are made from the data
        return isinstance(other, IndexedPlan) and self.data == other.data

    def __hash__(self) -> int:
        return hash(self.data)

    def unit_duties(self, unit_id: str) -> UnitDuties:
        return self.duties_by_unit[unit_id]

    def unit(self, unit_id: str) -> Unit:
        return self.units_by_id[unit_id]

    def report_of(self, unit: Unit) -> Report | None:
        """Returns what `unit`'s letter says about reports; None when the plan asks for none."""
        reporting = self.assignments.letter.reporting
        if reporting is None:
            return None
        to = unit.reports_to or reporting.to
        collects = unit.id == reporting.collector or to == unit.name
        if collects:
            to = self.issuer.text_name
        plan_wide = to == reporting.to and not unit.reports_to
        return Report(to=to, frequency=reporting.frequency, deadline=reporting.deadline,
                      collects=collects, decider=self._decider(to, plan_wide))

    def shared_report(self, units: list[Unit]) -> Report | None:
        """Returns what a letter to several `units` says about reports: they report to the
        plan-wide recipient; an addressed unit that collects them is named (`collector`), to
        collect and report to the issuer. None when the plan asks for no reports."""
        reporting = self.assignments.letter.reporting
        if reporting is None:
            return None
        collector = next((unit.name for unit in units
                          if unit.id == reporting.collector or unit.name == reporting.to), "")
        return Report(to=reporting.to, frequency=reporting.frequency, deadline=reporting.deadline,
                      collects=bool(collector), decider=self._decider(reporting.to, True),
                      collector=collector)

    def sheet_date(self, unit_id: str) -> dt.date | None:
        """Returns the date of `unit_id`'s task sheet, which goes with its letter: the date of
        its own letter, or of the letters to several units it gets when all are issued on one
        day; None (left blank) while one is not issued."""
        letters = self.assignments.letters
        if not letters:
            issued = self.assignments.letter.issued_to(unit_id)
            return issued.date if issued else None
        dates = {letter.issued.date if letter.issued else None
                 for letter in letters if unit_id in letter.to}
        return dates.pop() if len(dates) == 1 else None

    def _decider(self, to: str, plan_wide: bool) -> str:
        """Who settles difficulties: the plan-wide `to` ("UBND xã (qua …)") is the issuer's own
        wording and may decide; a unit's own recipient or a unit's name only collects."""
        names = {unit.name for unit in self.units}
        return to if plan_wide and to not in names else self.issuer.text_name

    def units_of(self, ids: tuple[str, ...]) -> list[Unit]:
        return [self.units_by_id[unit_id] for unit_id in ids]

    def indicators_of(self, ids: tuple[str, ...]) -> list[Indicator]:
        return [self.indicators_by_id[indicator_id] for indicator_id in ids]

    def indicator(self, indicator_id: str) -> Indicator:
        return self.indicators_by_id[indicator_id]

    def duty_groups(self) -> tuple[DutyGroup, ...]:
        """Returns every duty by the section of the body that prints it, in reading order: a
        section's tasks with a lead, and the units' own duties where its units block lists
        them; the duties no section prints come last, in a group without a title. Made once:
        the appendix of duties, the checks and each letter grouped by topic read it."""
        if self._duty_groups is None:
            self._duty_groups = self._group_duties()
        return self._duty_groups

    def _group_duties(self) -> tuple[DutyGroup, ...]:
        tasks = {duty.path: duty for duty in self.duties}
        groups, grouped = [], set()
        for section in (section for part in self.data.parts for section in part.sections):
            found: list[Duty] = []
            for block in _walk([section]):
                if isinstance(block, Item) and block.lead is not None:
                    found.append(tasks[block.path])
                elif isinstance(block, UnitsBlock):
                    found += [duty for unit_id in dict.fromkeys(block.ids) if unit_id in self.units_by_id
                              for duty in self.units_by_id[unit_id].duties if duty.path not in grouped]
                grouped.update(duty.path for duty in found)
            if found:
                groups.append(DutyGroup(section.title or section.text, tuple(found)))
        rest = tuple(duty for duty in self.duties if duty.path not in grouped)
        return (*groups, DutyGroup(None, rest)) if rest else tuple(groups)

    def letter_groups(self, letter: "SharedLetter") -> tuple[LetterGroup, ...]:
        """Returns the duties of `letter`'s units, by unit or by the section of the body that
        prints them (`group_by`; the sections it names, in its order, when it names `topics`); a
        duty led by an addressed unit is given once, to its lead, naming its supporting units;
        one led elsewhere is given to the addressed supporters."""
        to = set(letter.to)
        if letter.group_by == "unit":
            groups = [(self.unit(unit_id).name, [
                *(LetterItem(duty, (self.unit(unit_id),), True) for duty in self.unit_duties(unit_id).led),
                *(LetterItem(duty, (self.unit(unit_id),), False)
                  for duty in self.unit_duties(unit_id).supported if duty.lead not in to)])
                for unit_id in letter.to]
        else:
            topics = self.duty_groups()
            if letter.topics:
                by_title = {topic_key(group.title): group for group in topics if group.title}
                topics = tuple(by_title[topic_key(title)] for title in letter.topics
                               if topic_key(title) in by_title)
            groups = [(group.title or "Nhiệm vụ khác", [
                item for duty in group.duties if (item := self._letter_item(duty, to)) is not None])
                for group in topics]
        return tuple(LetterGroup(title, tuple(items)) for title, items in groups if items)

    def _letter_item(self, duty: Duty, to: set[str]) -> "LetterItem | None":
        if duty.lead in to:
            return LetterItem(duty, (self.unit(duty.lead),), True)
        doers = tuple(self.unit(unit_id) for unit_id in duty.support if unit_id in to)
        return LetterItem(duty, doers, False) if doers else None


def _index_duties(units: tuple[Unit, ...], units_by_id: dict[str, Unit],
                  duties: tuple[Duty, ...]) -> dict[str, UnitDuties]:
    """Returns each unit's `UnitDuties` by id, made in one pass over the duties (each unit's
    letter and sheet read their share from it; no scan of all duties per unit)."""
    led: dict[str, list[Duty]] = {unit_id: [] for unit_id in units_by_id}
    supported: dict[str, list[Duty]] = {unit_id: [] for unit_id in units_by_id}
    for duty in duties:
        if duty.lead in led:
            led[duty.lead].append(duty)
        for unit_id in duty.support:  # unknown ids and self-support: checks report them
            if unit_id in supported and unit_id != duty.lead:
                supported[unit_id].append(duty)
    duties_by_unit: dict[str, UnitDuties] = {}
    for unit in units:
        if unit.id not in duties_by_unit:
            served = dict.fromkeys(ind for duty in led[unit.id] for ind in duty.indicators)
            duties_by_unit[unit.id] = UnitDuties(unit, tuple(led[unit.id]),
                                                 tuple(supported[unit.id]), tuple(served))
    return duties_by_unit


def build_plan(data: dict[str, Any]) -> IndexedPlan:
    """Returns the typed plan of schema-valid `data`, indexed."""
    document = data["document"]
    date = document["date"]
    issuer = data["issuer"]
    parts = data.get("parts") or [{"title": None, "sections": data.get("sections", [])}]
    unit_ids = tuple(unit["id"] for unit in data.get("units", []))
    term = term_of(data)
    return IndexedPlan(Plan(
        year=data.get("year"),
        term=term,
        document=DocumentInfo(
            kind=document["kind"], number=document.get("number"), symbol=document["symbol"],
            place=document["place"], day=date.get("day"), month=date.get("month"),
            year=date["year"], summary=_lines(document["summary"]), path=("document",)),
        issuer=issuer_of(issuer),
        households=data.get("households"),
        basis=tuple(basis_entry(entry, ("basis", i)) for i, entry in enumerate(data.get("basis", []))),
        citations=Citations(short_dates=data.get("citations", {}).get("dates") == "short",
                            style=data.get("citations", {}).get("style")),
        intro=_lines(data.get("intro")),
        indicators=tuple(_indicator(entry, ("indicators", i), data.get("households"))
                         for i, entry in enumerate(data.get("indicators", []))),
        units=tuple(_unit(entry, ("units", i)) for i, entry in enumerate(data.get("units", []))),
        parts=tuple(_part(part, ("parts", i) if "parts" in data else (), unit_ids)
                    for i, part in enumerate(parts)),
        recipients=tuple(data["recipients"]),
        archive=tuple(data["archive"]),
        drafter=data.get("drafter"),
        copies=data.get("copies"),
        signer=signer_of(data["signer"]),
        appendices=tuple(
            Appendix(title=entry.get("title", ""), landscape=entry.get("landscape", False),
                     content=_blocks(entry.get("content", []), ("appendices", i, "content"), 1,
                                     unit_ids))
            for i, entry in enumerate(data.get("appendices", []))),
        assignments=_assignments(data.get("assignments", {}), term, issuer["text_name"],
                                 document["symbol"], data["archive"],
                                 [unit["id"] for unit in data.get("units", []) if unit.get("letter", True)]),
        funding=funding_of(data.get("funding")),
        results=_results(data.get("results", {})),
    ))


def issuer_of(issuer: dict[str, Any]) -> Issuer:
    """Returns the issuer of a schema-valid plan or standalone letter."""
    return Issuer(parent=_lines(issuer.get("parent")), name=_lines(issuer["name"]),
                  text_name=issuer["text_name"])


def signer_of(signer: dict[str, Any]) -> Signer:
    """Returns the signer of a schema-valid plan or standalone letter."""
    return Signer(authority=tuple(AuthorityLine(line.get("prefix"), line["title"])
                                  for line in signer["authority"]),
                  name=signer["name"])


def _results(entry: dict[str, Any]) -> Results:
    report = entry.get("report", {})
    date = report.get("date", {})
    return Results(
        report=ReportInfo(number=report.get("number"), symbol=report.get("symbol"),
                          day=date.get("day"), month=date.get("month"), year=date.get("year"),
                          summary=_lines(report.get("summary")), to=tuple(report.get("to", ())),
                          recipients=tuple(report.get("recipients", ())),
                          signer=signer_of(report["signer"]) if "signer" in report else None),
        **{key: tuple(entry.get(key, ())) for key in TEXTS})


# The free-text sections of the year-end report, in the order it prints them.
TEXTS = ("achievements", "shortcomings", "causes", "direction", "proposals")


def _lines(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def basis_entry(entry: dict[str, Any], path: DataPath) -> Basis:
    """Returns the document of a schema-valid `basis` entry (also read by `kehoach new`)."""
    date = entry.get("date")
    return Basis(lead=entry["lead"], kind=entry["kind"], number=entry.get("number"),
                 symbol=entry.get("symbol"), date=dt.date.fromisoformat(date) if date else None,
                 issuer=entry.get("issuer"), subject=entry.get("subject", ""), path=path,
                 review=entry.get("review", False), year=entry.get("year"))


def _figure(entry: dict[str, Any] | None, path: DataPath, households: int | None) -> Figure | None:
    """Returns the figure of `entry`, its rate or count computed from `households` when the
    plan gives only the other (`figures`: the rounding rules)."""
    if entry is None:
        return None
    rate = None if entry.get("rate") is None else Decimal(str(entry["rate"]))
    count = entry.get("count")
    computed: tuple[str, ...] = ()
    if households and rate is None and count is not None:
        rate, computed = figures.rate_of(count, households), ("rate",)
    elif households and count is None and rate is not None:
        count = figures.count_of(rate, households)
        computed = ("count",) if count is not None else ()
    return Figure(year=entry.get("year"), rate=rate, count=count, path=path,
                  computed=computed, bound=entry.get("bound", False))


def _indicator(entry: dict[str, Any], path: DataPath, households: int | None) -> Indicator:
    return Indicator(
        id=entry["id"], name=entry["name"], unit=entry.get("unit", "hộ"),
        direction=entry.get("direction", "decrease"),
        baseline=_figure(entry.get("baseline"), (*path, "baseline"), households),
        target=_figure(entry.get("target"), (*path, "target"), households),
        stated_change=_figure(entry.get("reduction"), (*path, "reduction"), None),
        actual=_figure(entry.get("actual"), (*path, "actual"), households),
        milestones=tuple(_figure(m, (*path, "milestones", i), households)
                         for i, m in enumerate(entry.get("milestones", []))),
        villages=tuple(_village(v, (*path, "villages", i)) for i, v in enumerate(entry.get("villages", []))),
        path=path)


def _village(entry: dict[str, Any], path: DataPath) -> Village:
    households = entry.get("households")
    return Village(name=entry["name"], households=households,
                   baseline=_figure(entry["baseline"], (*path, "baseline"), households),
                   target=_figure(entry["target"], (*path, "target"), households),
                   actual=_figure(entry.get("actual"), (*path, "actual"), households))


def _unit(entry: dict[str, Any], path: DataPath) -> Unit:
    duties = tuple(
        Duty(lead=entry["id"], text=duty["text"], support=tuple(duty.get("support", [])),
             deadline=duty.get("deadline"), product=duty.get("product"),
             indicators=tuple(duty.get("indicators", [])), path=(*path, "duties", i),
             points=tuple(duty.get("points", [])), status=duty.get("status"), note=duty.get("note"))
        for i, duty in enumerate(entry.get("duties", [])))
    return Unit(id=entry["id"], name=entry["name"], style=entry.get("style", "paragraphs"),
                role=entry.get("role"), duties=duties, path=path,
                heading=entry.get("heading", entry["name"]),
                requested=entry.get("requested", False), letter=entry.get("letter", True),
                reports_to=entry.get("reports_to"))


# What a plan that does not say otherwise gets: every default of the letters and task sheets is
# resolved here, once, so the templates and `diff` print the same (docs/plan-format.md,
# "assignments"): a duty has no deadline unless the plan gives one (issue 16), reports go to the
# issuer twice a year and by 15 December (each year of a period; by a campaign's last day).
DEFAULT_FREQUENCY = "6 tháng, năm"


def default_report_by(term: Term) -> str:
    if term.end is not None:
        return term.end.isoformat()
    return f"{term.first}-12-15" if term.yearly else "trước ngày 15/12 hằng năm"


def _assignments(entry: dict[str, Any], term: Term, issuer_name: str, document_symbol: str,
                 archive: list[str], lettered: list[str]) -> Assignments:
    letter = entry.get("letter", {})
    reporting = letter.get("reporting", {})
    if reporting is True:  # `reporting: true` is the default rule, as if it were left out
        reporting = {}
    return Assignments(
        default_deadline=entry.get("default_deadline"),
        letter=Letter(
            symbol=letter.get("symbol") or letter_symbol(document_symbol, archive),
            summary=_lines(letter.get("summary")),
            reporting=None if reporting is False else Reporting(
                to=reporting.get("to") or issuer_name,
                frequency=reporting.get("frequency") or DEFAULT_FREQUENCY,
                deadline=reporting.get("deadline") or default_report_by(term),
                collector=reporting.get("collector")),
            recipients=tuple(letter.get("recipients", [])), speaker=letter.get("speaker"),
            opening=letter.get("opening"), closing=letter.get("closing"),
            issued=tuple(_issued(entry, entry["unit"], ("assignments", "letter", "issued", i))
                         for i, entry in enumerate(letter.get("issued", [])))),
        appendix=entry.get("appendix", False), path=("assignments",),
        letters=tuple(_shared_letter(shared, ("assignments", "letters", i), lettered)
                      for i, shared in enumerate(entry.get("letters", []))))


def _shared_letter(entry: dict[str, Any], path: DataPath, lettered: list[str]) -> SharedLetter:
    """`lettered`: the ids of the units that get letters, what `to: all` means."""
    to, issued, topics = entry["to"], entry.get("issued"), tuple(entry.get("topics", ()))
    return SharedLetter(id=entry["id"], to=tuple(lettered if to == "all" else to),
                        summary=_lines(entry.get("summary")),
                        group_by=entry.get("group_by") or ("topic" if topics else "unit"), path=path,
                        topics=topics, issued=None if issued is None else _issued(issued, "", (*path, "issued")))


def _issued(entry: dict[str, Any], unit: str, path: DataPath) -> IssuedLetter:
    return IssuedLetter(unit=unit, number=entry["number"], date=dt.date.fromisoformat(entry["date"]),
                        path=path)


def report_symbol(document_symbol: str) -> str:
    """Returns the year-end report's symbol: "BC-" and what follows the plan's type, KH-UBND →
    BC-UBND (nd30-format §5.3: the type's abbreviation, then the issuer's)."""
    return "BC-" + document_symbol.partition("-")[2] if "-" in document_symbol else "BC-" + document_symbol


def letter_symbol(document_symbol: str, archive: list[str]) -> str:
    """Returns the default ký hiệu of a công văn: the issuer's abbreviation, then the drafting
    unit of the archive line, "UBND-CSXH" for KH-UBND and [VT, CSXH]; "UBND-VP" without one
    (nd30-format §5.3: a công văn has no type abbreviation)."""
    issuer = document_symbol.split("-", 1)[1]
    drafting = archive[1] if len(archive) > 1 else "VP"
    return f"{issuer}-{drafting}"


def _item_duties(plan: Plan) -> list[Duty]:
    """Returns the tasks of the body (and appendices) that name a lead unit, as duties of that
    unit, in reading order; the task's title and text are the duty's text."""
    duties = []
    for block in iter_blocks(plan):
        if isinstance(block, Item) and block.lead is not None:
            title = block.title or ""
            text = f"{title} {block.text}" if title and block.text else block.text or title.rstrip(":")
            duties.append(Duty(lead=block.lead, text=text, support=block.support, deadline=None,
                               product=None, indicators=(), path=block.path))
    return duties


def iter_blocks(plan: "Plan | IndexedPlan") -> Iterator[Block]:
    """Yields every block of the body and appendices, items before their children."""
    return _walk([*(section for part in plan.parts for section in part.sections),
                  *(block for appendix in plan.appendices for block in appendix.content)])


def _walk(roots: list[Block]) -> Iterator[Block]:
    """Yields each of `roots` and every block below it, in reading order."""
    stack = roots[::-1]
    while stack:
        block = stack.pop()
        yield block
        if isinstance(block, Item):
            stack.extend(reversed(block.content))


def _part(part: dict[str, Any], path: DataPath, unit_ids: tuple[str, ...]) -> Part:
    sections = part.get("sections", [])
    section_path = (*path, "sections")
    return Part(title=part.get("title"),
                sections=tuple(_item(section, (*section_path, i), "I.", i + 1, 0, 0, unit_ids)
                               for i, section in enumerate(sections)))


def _item(entry: dict[str, Any], path: DataPath, style: str, ordinal: int,
          parent_ordinal: int, depth: int, unit_ids: tuple[str, ...]) -> Item:
    return Item(
        style=style, ordinal=ordinal, parent_ordinal=parent_ordinal, depth=depth,
        title=entry.get("title"), text=entry.get("text"),
        content=_blocks(entry.get("content", []), (*path, "content"), depth + 1, unit_ids,
                        entry.get("numbering"), ordinal),
        bullets=tuple(_bullet(b) for b in entry.get("bullets", [])),
        lead=entry.get("lead"), support=tuple(entry.get("support", [])), path=path)


def _blocks(entries: list[Any], path: DataPath, depth: int, unit_ids: tuple[str, ...],
            numbering: str | None = None, parent_ordinal: int = 0) -> tuple[Block, ...]:
    """Returns the typed blocks of a `content` list; items are numbered among themselves."""
    style = numbering or DEFAULT_NUMBERING[min(depth, len(DEFAULT_NUMBERING) - 1)]
    blocks: list[Block] = []
    ordinal = 0
    for i, entry in enumerate(entries):
        here = (*path, i)
        if isinstance(entry, str):
            blocks.append(entry)
        elif "indicators" in entry:
            blocks.append(IndicatorsBlock(tuple(entry["indicators"]), here))
        elif "indicator_table" in entry:
            blocks.append(IndicatorTableBlock(entry["indicator_table"], here))
        elif "units" in entry:
            ids = unit_ids if entry["units"] == "all" else tuple(entry["units"])
            blocks.append(UnitsBlock(ids, style, ordinal, here))
            ordinal += len(ids)
        elif "table" in entry:
            blocks.append(_table(entry["table"], here))
        elif "funding" in entry:
            blocks.append(FundingBlock(entry["funding"], here))
        else:
            ordinal += 1
            blocks.append(_item(entry, here, style, ordinal, parent_ordinal, depth, unit_ids))
    return tuple(blocks)


def _bullet(entry: str | dict[str, Any]) -> Bullet:
    if isinstance(entry, str):
        return Bullet(text=entry, service=None, bullets=())
    return Bullet(text=entry.get("text", ""), service=entry.get("service"),
                  bullets=tuple(_bullet(b) for b in entry.get("bullets", [])))


def _table(entry: dict[str, Any], path: DataPath) -> TableBlock:
    columns = tuple(
        TableColumn(title=c, width=1.0, align="left") if isinstance(c, str)
        else TableColumn(title=c["title"], width=float(c.get("width", 1)), align=c.get("align", "left"),
                         numbered=c.get("numbered", False), total=c.get("total", False))
        for c in entry["columns"])
    totalled = any(column.total for column in columns)
    rows: list[TableRow] = []
    number = 0
    for i, row in enumerate(entry.get("rows", [])):
        here = (*path, "table", "rows", i)
        if isinstance(row, dict) and "group" in row:
            title = row["group"]
            rows.append(TableRow((TableCell((title,), 0, (*here, "group"), span=len(columns)),), len(columns),
                                 here, group=title, bold=True))
            continue
        typed = _typed_row(row, here, columns, str(number + 1), False)
        if totalled and _says_total(typed):  # no number: a total is not an item
            rows.append(typed._replace(total=True, cells=tuple(
                cell._replace(paragraphs=("",)) if cell.path is None else cell for cell in typed.cells)))
            continue
        number += 1
        rows.append(typed)
        for k, sub in enumerate(row.get("rows", []) if isinstance(row, dict) else []):
            rows.append(_typed_row(sub, (*here, "rows", k), columns, f"{number}.{k + 1}", True))
    fit = not any(isinstance(c, dict) and "width" in c for c in entry["columns"])
    return TableBlock(columns=columns, rows=tuple(rows), path=path, fit=fit)


def _typed_row(row: list[Any] | dict[str, Any], path: DataPath, columns: tuple[TableColumn, ...],
               number: str, sub: bool) -> TableRow:
    """Returns a row of cells as the plan types them (a list, or {cells, bold}), placed in the
    columns left to right; a numbered column gets `number`, and is covered by no typed cell."""
    cells_path = path if isinstance(row, list) else (*path, "cells")
    typed = row if isinstance(row, list) else row["cells"]
    placed: list[TableCell] = []
    column, j = 0, 0
    while column < len(columns) and (columns[column].numbered or j < len(typed)):
        if columns[column].numbered:
            placed.append(TableCell((number,), column, None))
            column += 1
            continue
        cell = _table_cell(typed[j], column, (*cells_path, j))
        placed.append(cell)
        column, j = column + cell.span, j + 1
    covered = column + sum(_table_cell(value, 0, ()).span for value in typed[j:])
    return TableRow(tuple(placed), covered, path, bold=isinstance(row, dict) and row.get("bold", False), sub=sub)


def _table_cell(value: Any, column: int, path: DataPath) -> TableCell:
    if not isinstance(value, dict):
        return TableCell((_cell_value(value),), column, path)
    text = value.get("text", "")
    paragraphs = tuple(text) if isinstance(text, list) else (_cell_value(text),)
    return TableCell(paragraphs, column, path, points=tuple(value.get("points", ())),
                     span=value.get("span", 1), bold=value.get("bold", False))


def _cell_value(value: str | int | float) -> CellValue:
    return Decimal(str(value)) if isinstance(value, float) else value


def _says_total(row: TableRow) -> bool:
    """Whether a typed row is a total row: a cell reads "Tổng cộng" (bold or not, any case)."""
    return any(isinstance(value, str) and value.replace("*", "").strip().casefold() == TOTAL_LABEL.casefold()
               for cell in row.cells for value in cell.paragraphs)
