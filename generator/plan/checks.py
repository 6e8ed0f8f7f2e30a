"""Meaning checks on a schema-valid plan: figures agree, targets move the right way, every id
referred to exists and ids are unique, dates are real, every unit has a duty and no deadline
falls after the plan's year. Returns problems; never raises for data."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import vn
from ..document import emphasis, style
from ..document.model import Cell, Column, Paragraph, Row, Span, Table
from ..errors import DataPath, Problem
from ..writers import layout
from . import figures
from .funding_checks import missing_results, result_problems
from .model import (Bullet, DocumentInfo, Figure, IndexedPlan, Indicator, IndicatorTableBlock,
                    IndicatorsBlock, Item, LetterGroup, SharedLetter, TableBlock, TableCell, TableRow, Unit,
                    UnitsBlock, iter_blocks, topic_key)

if TYPE_CHECKING:
    from .load import LoadedPlan

def meaning_problems(plan: IndexedPlan, loaded: LoadedPlan) -> list[Problem]:
    """Returns every meaning problem of `plan`, located in `loaded`'s file."""
    found = [*_figure_problems(plan), *_id_problems(plan), *_reference_problems(plan), *_table_problems(plan), *_table_width_problems(plan),
             *date_problems(plan.document), *_term_problems(plan), *_deadline_problems(plan),
             *_year_start_problems(plan), *_lint_problems(plan), *_speaker_problems(plan), *_unprinted_unit_problems(plan), *_letter_problems(plan),
             *_page_problems(loaded.data), *_abbreviation_problems(plan), *emphasis_problems(loaded.data),
             *result_problems(plan)]
    return [locate(loaded, path, code, args) for path, code, args in found]


def report_problems(plan: IndexedPlan, loaded: LoadedPlan) -> list[Problem]:
    """Returns a warning, located in `loaded`'s file, for each result the year-end report needs
    and `plan` has not recorded ("chưa có số liệu", issue 18)."""
    return [locate(loaded, path, code, args) for path, code, args in missing_results(plan)]


# Codes reported as warnings: they fail `validate` only with --strict, and the plan still builds.
WARNINGS = frozenset({"basis.review", "figures.count_ambiguous", "lint.village_counts",
                      "lint.village_households", "lint.summary_year", "lint.rate_precision",
                      "lint.issuer_abbreviated", "lint.district_after_reform",
                      "lint.appendix_not_referenced", "lint.deadline_before_year",
                      "lint.deadline_before_term", "lint.deadline_form", "lint.ladder_order", "lint.ladder_direction",
                      "lint.cited_type_lowercase", "lint.citation_year", "lint.unit_not_printed",
                      "page.line_too_long", "page.summary_capitals", "lint.abbreviation_not_defined",
                      "table.word_breaks", "table.label_number", "lint.speaker_chairman_signed_for_body",
                      "lint.speaker_body_signed_by_chairman", "lint.letterless_addressed",
                      "lint.topic_without_duties", "lint.duty_not_sent", "lint.issued_without_letter",
                      "lint.collector_unnamed", "funding.overspent", "results.missing_actual",
                      "results.missing_status", "results.missing_spent"})


Finding = tuple[DataPath, str, dict[str, Any]]


class LineOf(NamedTuple):
    """A message argument naming another place in the plan, printed as its line number."""

    path: DataPath


def locate(loaded: LoadedPlan, path: DataPath, code: str, args: dict[str, Any]) -> Problem:
    """Returns a problem at the value of `path`, or of its nearest ancestor that has a position."""
    position = loaded.position(path)
    args = {name: loaded.position(value.path).line if isinstance(value, LineOf) else value
            for name, value in args.items()}
    return Problem(file=loaded.file, line=position.line, column=position.column, code=code,
                   args=args, path=path, severity="warning" if code in WARNINGS else "error")


# How much of a text a markup message quotes on each side of the marker at fault.
_EXCERPT = 20


def emphasis_problems(data: Any) -> Iterator[Finding]:
    """Markers that do not pair, and markers where bold and italic cannot be chosen."""
    for path, text, markup in emphasis.texts(data):
        if not markup:
            marker = next((m for m in (emphasis.BOLD, emphasis.ITALIC) if m in text), None)
            if marker is not None:
                yield path, "emphasis.not_here", {"marker": marker,
                                                  "excerpt": _excerpt(text, text.index(marker))}
            continue
        try:
            emphasis.spans(text)
        except emphasis.MarkupError as error:
            yield path, f"emphasis.{error.fault}", {
                "marker": error.marker, "excerpt": _excerpt(text, error.at),
                "escaped": "".join(f"\\{char}" for char in error.marker)}


def _excerpt(text: str, at: int) -> str:
    """Returns the words of `text` within `_EXCERPT` characters of the marker at index `at`,
    with "…" where it is cut; a word the window cuts is left out, unless it is the only one."""
    start, end = max(0, at - _EXCERPT), min(len(text), at + 2 + _EXCERPT)
    if start and text[start - 1] != " ":  # the window starts inside a word
        space = text.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    if end < len(text) and text[end] != " ":  # the window ends inside a word
        space = text.rfind(" ", at + 2, end)
        end = space if space >= 0 else end
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _figure_problems(plan: IndexedPlan) -> Iterator[Finding]:
    for indicator in plan.indicators:
        yield from _stated_change_problems(indicator)
        yield from _direction_problems(indicator)
        yield from _ladder_problems(indicator)
        for shown in _shown_figures(indicator, plan.households):
            yield from _rate_count_problems(indicator, shown)
            yield from _completeness_problems(indicator, shown)
        yield from _village_sum_problems(indicator, plan.households)


def _village_sum_problems(indicator: Indicator, households: int | None) -> Iterator[Finding]:
    """The table by village is the commune's figure shared out: the villages' counts add up to
    the commune's, and their households to the commune's households. Warnings: a plan may list
    only some villages on purpose."""
    if not indicator.villages:
        return
    for which in ("baseline", "target"):
        counts = [getattr(village, which).count for village in indicator.villages]
        total = getattr(indicator, which).count
        if total is not None and None not in counts and sum(counts) != total:
            yield ((*getattr(indicator, which).path, "count"), "lint.village_counts",
                   {"indicator": indicator.name, "which": which, "sum": sum(counts), "count": total,
                    "villages": len(counts)})
    village_households = [village.households for village in indicator.villages]
    if households and None not in village_households and sum(village_households) != households:
        yield ((*indicator.path, "villages"), "lint.village_households",
               {"indicator": indicator.name, "sum": sum(village_households), "households": households,
                "villages": len(village_households)})


class _Shown(NamedTuple):
    """A figure of an indicator, with what the documents print of it and what it is a share of."""

    which: str  # "baseline", "target", "milestone" or "actual"
    figure: Figure
    households: int | None
    village: str | None
    printed: tuple[str, ...]  # the fields the documents print: both, a milestone's rate, none


_BOTH = ("rate", "count")


def _shown_figures(indicator: Indicator, households: int | None) -> Iterator[_Shown]:
    if indicator.baseline is not None:
        yield _Shown("baseline", indicator.baseline, households, None, _BOTH)
    if indicator.target is not None:
        yield _Shown("target", indicator.target, households, None, _BOTH)
    if indicator.actual is not None:
        yield _Shown("actual", indicator.actual, households, None, ())
    for milestone in indicator.milestones:
        yield _Shown("milestone", milestone, households, None, ("rate",))
    for village in indicator.villages:  # the village table prints both figures of each village
        yield _Shown("baseline", village.baseline, village.households, village.name, _BOTH)
        yield _Shown("target", village.target, village.households, village.name, _BOTH)
        if village.actual is not None:
            yield _Shown("actual", village.actual, village.households, village.name, ())


def _stated_change_problems(indicator: Indicator) -> Iterator[Finding]:
    stated = indicator.stated_change
    if stated is None:
        return
    for field, computed in (("rate", indicator.rate_change), ("count", indicator.count_change)):
        given = getattr(stated, field)
        if given is not None and computed is not None and given != computed:
            yield ((*stated.path, field), "figures.reduction",
                   {"indicator": indicator.name, "field": field, "stated": given,
                    "computed": computed, "baseline": getattr(indicator.baseline, field),
                    "target": getattr(indicator.target, field)})


def _direction_problems(indicator: Indicator) -> Iterator[Finding]:
    """A reduction target must go down (and an increase target up)."""
    if indicator.baseline is None or indicator.target is None:
        return  # nothing to go from, or only a ladder
    for field in ("rate", "count"):
        before = getattr(indicator.baseline, field)
        after = getattr(indicator.target, field)
        if before is None or after is None:
            continue
        wrong_way = after >= before if indicator.direction == "decrease" else after <= before
        if wrong_way:
            yield ((*indicator.target.path, field), "figures.direction",
                   {"indicator": indicator.name, "direction": indicator.direction, "field": field,
                    "baseline": before, "target": after})


def _ladder_problems(indicator: Indicator) -> Iterator[Finding]:
    """The steps of a ladder ("đến cuối năm 2027 …, đến cuối năm 2030 …") come year after year,
    after the target, and each moves the indicator's way from the one before: a step out of
    order or the wrong way is most likely mistyped (a warning)."""
    before = indicator.target or indicator.baseline
    for step in indicator.milestones:
        if before is not None and before.year is not None and step.year is not None and step.year <= before.year:
            yield ((*step.path, "year"), "lint.ladder_order", {"year": step.year, "previous": before.year})
        elif before is not None and before.rate is not None and step.rate is not None and (
                step.rate > before.rate if indicator.direction == "decrease" else step.rate < before.rate):
            yield ((*step.path, "rate"), "lint.ladder_direction",
                   {"indicator": indicator.name, "direction": indicator.direction, "year": step.year,
                    "rate": step.rate, "previous": before.year, "previous_rate": before.rate})
        before = step


def _rate_count_problems(indicator: Indicator, shown: _Shown) -> Iterator[Finding]:
    """A rate and a count of the same year must agree at the precision the plan writes."""
    figure, households = shown.figure, shown.households
    if figure.rate is None or figure.count is None or not households or figure.computed:
        return  # a computed field agrees by construction
    computed = figures.rate_of(figure.count, households, figures.precision_of(figure.rate))
    if computed != figure.rate:
        yield ((*figure.path, "rate"), "figures.rate_count",
               {"indicator": indicator.name, "year": figure.year, "village": shown.village,
                "rate": figure.rate, "count": figure.count, "households": households,
                "computed_rate": computed})


def _completeness_problems(indicator: Indicator, shown: _Shown) -> Iterator[Finding]:
    """A printed figure needs what the documents print of it: a rate the plan cannot compute
    for want of households is an error; so is a rate no count of households gives, and a rate
    computed from a count above the households (over 100%); a count computed from a rate that
    several counts print is a warning (module `figures`)."""
    figure = shown.figure
    if figure.rate is None and figure.count is None:
        return  # a target left to fill in: `_year_start_problems` says so
    where = {"indicator": indicator.name, "which": shown.which, "year": figure.year,
             "village": shown.village}
    for field in shown.printed:
        if getattr(figure, field) is not None:
            continue
        if shown.households and field == "count":
            assert figure.rate is not None
            yield ((*figure.path, "rate"), "figures.rate_unreachable",
                   {**where, "rate": figure.rate, "households": shown.households,
                    **_neighbours(figure.rate, shown.households)})
        else:
            yield (figure.path, "figures.incomplete", {**where, "missing": field})
    if "rate" in figure.computed and figure.rate is not None and figure.rate > 100:
        yield ((*figure.path, "count"), "figures.count_above_households",
               {**where, "count": figure.count, "households": shown.households, "rate": figure.rate})
    if "count" in figure.computed and "count" in shown.printed:
        assert figure.rate is not None and shown.households
        counts = figures.counts_printing(figure.rate, shown.households)
        if counts[-1] > counts[0]:  # not len(): there may be more than an int of C holds
            yield ((*figure.path, "rate"), "figures.count_ambiguous",
                   {**where, "rate": figure.rate, "count": figure.count,
                    "households": shown.households, "first": counts[0], "last": counts[-1]})


def _neighbours(rate: Decimal, households: int) -> dict[str, Any]:
    """Returns the two counts around `rate` of `households`, with their rates at `rate`'s
    precision (3,31% of 1.525: 50 gives 3,28%, 51 gives 3,34%; at 0,1 both would say 3,3%)."""
    below = int(rate * households / 100)
    precision = figures.precision_of(rate)
    return {"below": below, "below_rate": figures.rate_of(below, households, precision),
            "above": below + 1, "above_rate": figures.rate_of(below + 1, households, precision)}


def _id_problems(plan: IndexedPlan) -> Iterator[Finding]:
    sources = plan.funding.sources if plan.funding is not None else ()
    for entries in (plan.indicators, plan.units, plan.assignments.letters, sources):
        first_seen: dict[str, DataPath] = {}
        for entry in entries:
            if entry.id in first_seen:
                yield ((*entry.path, "id"), "ref.duplicate_id",
                       {"id": entry.id, "first_line": LineOf((*first_seen[entry.id], "id"))})
            else:
                first_seen[entry.id] = entry.path


def _reference_problems(plan: IndexedPlan) -> Iterator[Finding]:
    unit_ids, indicator_ids = plan.units_by_id, plan.indicators_by_id  # the ids, as dict keys

    def unknown_units(ids: tuple[str, ...], path: DataPath) -> Iterator[Finding]:
        for i, unit_id in enumerate(ids):
            if unit_id not in unit_ids:
                yield ((*path, i), "ref.unknown_unit", {"id": unit_id, "known": sorted(unit_ids)})

    def unknown_indicators(ids: tuple[str, ...], path: DataPath) -> Iterator[Finding]:
        for i, indicator_id in enumerate(ids):
            if indicator_id not in indicator_ids:
                yield ((*path, i), "ref.unknown_indicator",
                       {"id": indicator_id, "known": sorted(indicator_ids)})

    reporting = plan.assignments.letter.reporting
    if reporting is not None and reporting.collector is not None and reporting.collector not in unit_ids:
        yield ((*plan.assignments.path, "letter", "reporting", "collector"), "ref.unknown_unit",
               {"id": reporting.collector, "known": sorted(unit_ids)})
    for issued in plan.assignments.letter.issued:
        if issued.unit not in unit_ids:
            yield ((*issued.path, "unit"), "ref.unknown_unit", {"id": issued.unit, "known": sorted(unit_ids)})
    for unit in plan.units:
        share = plan.duties_by_unit.get(unit.id)
        if share is not None and share.unit is unit and share.count == 0:
            yield (unit.path, "unit.no_duties", {"id": unit.id})
        for duty in unit.duties:
            yield from unknown_units(duty.support, (*duty.path, "support"))
            yield from unknown_indicators(duty.indicators, (*duty.path, "indicators"))
            if duty.lead in duty.support:
                yield ((*duty.path, "support"), "ref.self_support", {"id": duty.lead})
    for letter in plan.assignments.letters:
        yield from unknown_units(letter.to, (*letter.path, "to"))
    for block in iter_blocks(plan):
        match block:
            case IndicatorsBlock(ids, path):
                yield from unknown_indicators(ids, (*path, "indicators"))
            case IndicatorTableBlock(indicator_id, path) if indicator_id not in indicator_ids:
                yield ((*path, "indicator_table"), "ref.unknown_indicator",
                       {"id": indicator_id, "known": sorted(indicator_ids)})
            case IndicatorTableBlock(indicator_id, path):
                yield from _table_figure_problems(plan.indicator(indicator_id), path)
            case UnitsBlock(ids, _, _, path) if ids is not None:
                yield from unknown_units(ids, (*path, "units"))
            case Item(lead=lead, support=support, path=path):
                if lead is not None and lead not in unit_ids:
                    yield ((*path, "lead"), "ref.unknown_unit", {"id": lead, "known": sorted(unit_ids)})
                yield from unknown_units(support, (*path, "support"))
                if lead is not None and lead in support:
                    yield ((*path, "support"), "ref.self_support", {"id": lead})
                if lead is None and support:
                    # A task's supporting units are told whom they support: no lead, no letter.
                    yield ((*path, "support"), "ref.support_without_lead", {"support": list(support)})


def _unprinted_unit_problems(plan: IndexedPlan) -> Iterator[Finding]:
    """A unit with duties that no units block prints (in the body or an appendix): the plan
    never says what it must do, only its letter does (issue 14). A warning at the unit."""
    printed = {unit_id for block in iter_blocks(plan) if isinstance(block, UnitsBlock)
               for unit_id in block.ids}
    for unit in plan.units:
        share = plan.duties_by_unit.get(unit.id)
        if unit.id not in printed and share is not None and share.unit is unit and share.count:
            yield (unit.path, "lint.unit_not_printed", {"name": unit.name, "id": unit.id})


def _letter_problems(plan: IndexedPlan) -> Iterator[Finding]:
    """The letters (issue 16): reports that go through a unit not named as their collector; a
    number recorded for a unit's own letter that is never made; for the letters to several
    units, a `letter: false` unit one addresses (the list wins: it gets the letter), topics
    that are no sections with duties, and duties of an addressed unit that no letter sends."""
    letters = plan.assignments.letters
    own_letters = not letters
    reporting = plan.assignments.letter.reporting
    if reporting is not None and reporting.collector is None:
        through = next((unit for unit in plan.units if unit.letter and not unit.reports_to
                        and unit.name != reporting.to and unit.name.casefold() in reporting.to.casefold()), None)
        if through is not None:  # its own letter would send its reports through itself
            yield ((*plan.assignments.path, "letter", "reporting", "to"), "lint.collector_unnamed",
                   {"to": reporting.to, "name": through.name, "id": through.id})
    for issued in plan.assignments.letter.issued:
        unit = plan.units_by_id.get(issued.unit)
        if unit is not None and not (own_letters and unit.letter):
            yield ((*issued.path, "unit"), "lint.issued_without_letter", {"name": unit.name})
    if any(unit_id not in plan.units_by_id for letter in letters for unit_id in letter.to):
        return  # an unknown unit is an error of its own; what its letter gives is unknown
    titled = [group.title for group in plan.duty_groups() if group.title]
    known = {topic_key(title) for title in titled}
    sent = [(letter, plan.letter_groups(letter)) for letter in letters]  # made once, read twice
    for letter, groups in sent:
        for i, unit in enumerate(plan.units_of(letter.to)):
            if not unit.letter:
                yield ((*letter.path, "to", i), "lint.letterless_addressed", {"name": unit.name})
        if letter.topics and letter.group_by == "unit":
            yield ((*letter.path, "group_by"), "letter.topics_by_unit", {})
        given = {topic_key(group.title) for group in groups}
        for i, topic in enumerate(letter.topics):
            if topic_key(topic) not in known:
                yield ((*letter.path, "topics", i), "letter.unknown_topic",
                       {"topic": topic, "known": titled})
            elif topic_key(topic) not in given:
                yield ((*letter.path, "topics", i), "lint.topic_without_duties", {"topic": topic})
    if any(letter.topics for letter in letters):
        yield from _unsent_duties(plan, sent)


def _unsent_duties(plan: IndexedPlan, letters: list[tuple[SharedLetter, tuple[LetterGroup, ...]]]
                   ) -> Iterator[Finding]:
    """Each duty an addressed unit has but none of the `letters` (with what each gives) gives
    it, at the duty."""
    sent: set[tuple[DataPath, str]] = set()
    addressed: set[str] = set()
    for letter, groups in letters:
        addressed.update(letter.to)
        for group in groups:
            for item in group.items:
                told = {unit.id for unit in item.doers}
                if item.leads:  # its supporters read their part in the lead's sentence
                    told.update(unit_id for unit_id in item.duty.support if unit_id in letter.to)
                sent.update((item.duty.path, unit_id) for unit_id in told)
    for unit in plan.units:
        share = plan.duties_by_unit.get(unit.id)
        if unit.id not in addressed or share is None or share.unit is not unit:
            continue
        for duty in (*share.led, *share.supported):
            if (duty.path, unit.id) not in sent:
                yield (duty.path, "lint.duty_not_sent", {"name": unit.name})


def _table_figure_problems(indicator: Indicator, path: DataPath) -> Iterator[Finding]:
    """The table by village heads its columns with the baseline's and the target's years."""
    for which in ("baseline", "target"):
        if getattr(indicator, which) is None:
            yield ((*path, "indicator_table"), "ref.table_without_figure",
                   {"indicator": indicator.name, "key": which})


def _table_problems(plan: IndexedPlan) -> Iterator[Finding]:
    """Each row of a table covers its columns (spans counted); a totalled column holds figures
    and a typed total agrees with them; a number in a column of words was likely a label."""
    for block in iter_blocks(plan):
        if isinstance(block, TableBlock):
            for row in block.rows:
                yield from _row_shape_problems(block, row)
                yield from _cell_value_problems(block, row)
            typed_total = next((row for row in block.rows if row.total), None)
            if typed_total is not None:
                yield from _total_problems(block, typed_total)


def _row_shape_problems(block: TableBlock, row: TableRow) -> Iterator[Finding]:
    if row.covered == len(block.columns):
        return
    numbered = [column.title for column in block.columns if column.numbered]
    typed = len(block.columns) - len(numbered)
    if not numbered and all(cell.span == 1 for cell in row.cells):
        yield (row.path, "table.row_cells", {"cells": row.covered, "columns": typed})
    else:
        yield (row.path, "table.row_columns", {"cells": row.covered - len(numbered), "columns": typed,
                                               "numbered": numbered})


def _cell_value_problems(block: TableBlock, row: TableRow) -> Iterator[Finding]:
    if row.group is not None:
        return
    for cell in row.cells:
        if cell.path is None or cell.column >= len(block.columns):
            continue
        column = block.columns[cell.column]
        if column.total and cell.amount is None and not cell.blank and not row.total:
            yield (cell.path, "table.total_not_number", {"column": column.title, "value": _cell_words(cell)})
        for value in cell.paragraphs:
            if not column.numeric and isinstance(value, (int, Decimal)) and vn.cell(value) != str(value):
                yield (cell.path, "table.label_number", {"written": str(value), "shown": vn.cell(value),
                                                        "column": column.title})


def _total_problems(block: TableBlock, total: TableRow) -> Iterator[Finding]:
    """A typed "Tổng cộng" row gives, in each totalled column, the sum of the rows."""
    cells = {cell.column: cell for cell in total.cells}
    for index, computed in block.totals.items():
        cell = cells.get(index)
        if cell is None or cell.amount != computed:
            stated = "" if cell is None or cell.blank else cell.amount if cell.amount is not None else _cell_words(cell)
            yield (cell.path if cell is not None and cell.path else total.path, "table.total_differs",
                   {"column": block.columns[index].title, "stated": stated, "computed": computed})


def _cell_words(cell: TableCell) -> str:
    return " ".join(str(value) for value in (*cell.paragraphs, *cell.points))


def _table_width_problems(plan: IndexedPlan) -> Iterator[Finding]:
    """A word wider than its column, which will break in the middle: in columns fitted to the
    texts, the table is too wide for its page (validate says so; the page is the plan's to turn)."""
    for block in iter_blocks(plan):
        if isinstance(block, TableBlock) and all(row.covered == len(block.columns) for row in block.rows):
            in_appendix = block.path[0] == "appendices"
            landscape = in_appendix and plan.appendices[block.path[1]].landscape
            page = style.LANDSCAPE if landscape else style.PORTRAIT
            where = "landscape" if landscape else "appendix" if in_appendix else "body"
            words = layout.overflowing_words(_printed_table(block), page)
            if words:
                yield block.path, "table.word_breaks", {"words": words, "fitted": block.fit, "where": where}


def _printed_table(block: TableBlock) -> Table:
    """Returns a plan's table as the document prints it, to be measured: numbers the Vietnamese
    way, no markers, a cell's paragraphs and points on one line, its span kept."""
    def cell(value: TableCell) -> Cell:
        words = [emphasis.plain(vn.cell(paragraph)) for paragraph in value.paragraphs]
        words += [f"- {emphasis.plain(point)}" for point in value.points]
        return Cell((Paragraph((Span(" ".join(words)),)),), span=value.span)

    return Table(columns=tuple(Column(column.title, column.width, column.align) for column in block.columns),
                 rows=tuple(Row(tuple(cell(value) for value in row.cells)) for row in block.printed_rows),
                 fit=block.fit)


# A year in a deadline: "Quý III/2023", "Tháng 12/2023", "Năm 2023", "30/6/2023", "2023-06-30".
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


# The deadlines plans write (docs/plan-format.md, "Deadlines"): a date, a year, a quarter, a
# month, a half year, a day before which, a repeat, a period.
_DEADLINE_FORM = re.compile(
    r"\d{4}-\d{2}-\d{2}|Năm \d{4}|Quý (?:I|II|III|IV)/\d{4}|Tháng (?:[1-9]|1[0-2])/\d{4}"
    r"|6 tháng (?:đầu|cuối) năm \d{4}|Trước ngày \d{1,2}/\d{1,2}(?:/\d{4}| hằng (?:năm|quý|tháng))"
    r"|Hằng (?:năm|quý|tháng|tuần)|Thường xuyên|Giai đoạn \d{4} - \d{4}")


def _deadline_problems(plan: IndexedPlan) -> Iterator[Finding]:
    """A deadline may not fall after the plan's year, or the last year of its period or
    campaign ("Thường xuyên" has no year); one before the first is most likely last year's,
    left when the plan was copied: a warning."""
    default = plan.assignments.default_deadline
    dated = [((*plan.assignments.path, "default_deadline"), default)]
    dated += [((*duty.path, "deadline"), duty.deadline) for unit in plan.units for duty in unit.duties]
    term = plan.term
    if any(_term_problems(plan)):
        return  # measured against a term that ends before it starts: that error says it
    kind, when = ("year" if term.yearly else "term"), _when(plan)
    for path, deadline in dated:
        if deadline and not _DEADLINE_FORM.fullmatch(deadline):
            yield (path, "lint.deadline_form", {"deadline": deadline})
        years = [int(year) for year in _YEAR.findall(deadline or "")]
        day = _campaign_day(deadline) if term.end is not None else None
        if (years and max(years) > term.last) or (day is not None and term.end and day > term.end):
            yield (path, f"duty.deadline_after_{kind}", {"deadline": deadline, "year": when})
        elif (years and max(years) < term.first) or (day is not None and term.start and day < term.start):
            yield (path, f"lint.deadline_before_{kind}", {"deadline": deadline, "year": when})


def _campaign_day(deadline: str | None) -> dt.date | None:
    """Returns the day of a deadline written as an ISO date (a campaign is dated to the day)."""
    try:
        return dt.date.fromisoformat(deadline or "")
    except ValueError:
        return None


def _when(plan: IndexedPlan) -> int | str:
    """Returns what a message calls the plan's time: its year, or its period or campaign."""
    return plan.term.first if plan.term.yearly else plan.term.printed


def _term_problems(plan: IndexedPlan) -> Iterator[Finding]:
    """A period ends in a later year than it starts (one year is a `year` plan), a campaign on
    the same day or a later one (a one-day campaign: a festival day)."""
    term = plan.term
    if term.kind == "period" and term.last <= term.first:
        yield (("period", "to"), "term.period_order", {"start_year": term.first, "end_year": term.last})
    if term.start is not None and term.end is not None and term.end < term.start:
        yield (("campaign", "end"), "term.campaign_order",
               {"start": term.start.isoformat(), "end": term.end.isoformat()})


def date_problems(info: DocumentInfo) -> Iterator[Finding]:
    """A document's date that is not a real one (a plan's, a standalone letter's)."""
    if _issue_date(info) is None:
        yield ((*info.path, "date", "day"), "date.invalid",
               {"value": f"{info.day:02d}/{info.month:02d}/{info.year}"})


def _issue_date(info: DocumentInfo) -> dt.date | None:
    """Returns the document's date (a blank day or month taken as the first), None if unreal."""
    try:
        return dt.date(info.year, info.month or 1, info.day or 1)
    except ValueError:
        return None


def _year_start_problems(plan: IndexedPlan) -> Iterator[Finding]:
    """What `kehoach new` leaves for the clerk: empty targets (errors: the plan cannot be
    built until they are filled in) and basis documents to review (warnings)."""
    for indicator in plan.indicators:
        if indicator.target is not None and indicator.target.rate is None and indicator.target.count is None:
            yield (indicator.target.path, "indicator.target_missing",
                   {"indicator": indicator.name, "year": indicator.target.year})
        for village in indicator.villages:
            if village.target.rate is None and village.target.count is None:
                yield (village.target.path, "indicator.village_target_missing",
                       {"indicator": indicator.name, "village": village.name, "year": _when(plan)})
    for basis in plan.basis:
        if basis.review:
            yield ((*basis.path, "review"), "basis.review",
                   {"kind": basis.kind, "number": basis.reference, "year": _when(plan)})


REFORM_DATE = dt.date(2025, 7, 1)  # districts abolished: two-level local government (nd30-format §7)


def _speaker_problems(plan: IndexedPlan) -> Iterator[Finding]:
    """The letters' speaker, when written, agrees with the signature block (issue 16): TM. signs
    for the body, which speaks; KT. (a deputy for the Chairman) or the Chairman signing himself
    means the Chairman speaks. TL., TUQ. and Q. are left alone."""
    speaker = plan.assignments.letter.speaker
    if speaker is None or not plan.signer.authority:
        return
    first = plan.signer.authority[0]
    signature = f"{first.prefix} {first.title}" if first.prefix else first.title
    by_chairman = first.prefix == "KT." or (first.prefix is None and first.title == "CHỦ TỊCH")
    where = (*plan.assignments.path, "letter", "speaker")
    if speaker == "chairman" and first.prefix == "TM.":
        yield (where, "lint.speaker_chairman_signed_for_body", {"signature": signature})
    elif speaker == "issuer" and by_chairman:
        yield (where, "lint.speaker_body_signed_by_chairman", {"signature": signature})


def _lint_problems(plan: IndexedPlan) -> Iterator[Finding]:
    """Doubtful but printable: each a warning, with the rule it comes from."""
    info = plan.document
    if plan.term.yearly and str(plan.year) not in " ".join(info.summary):
        yield ((*info.path, "summary"), "lint.summary_year", {"year": plan.year})
    name = plan.issuer.name[0] if plan.issuer.name else ""
    if name.upper().startswith("UBND "):  # nd30-format §5.2: the issuer's official full name
        yield (("issuer", "name"), "lint.issuer_abbreviated",
               {"name": " ".join(plan.issuer.name),
                "full": "ỦY BAN NHÂN DÂN " + " ".join(plan.issuer.name)[len("UBND "):]})
    for basis in plan.basis:
        if basis.kind[:1].islower():  # nd30-format §5.6; printed as written, the clerk decides
            yield ((*basis.path, "kind"), "lint.cited_type_lowercase",
                   {"kind": basis.kind, "capitalised": basis.kind[:1].upper() + basis.kind[1:]})
        if basis.year and basis.date and basis.year != basis.date.year:  # numbered in its own year
            yield ((*basis.path, "year"), "lint.citation_year",
                   {"number": basis.reference, "year": basis.year, "dated": basis.date.year})
    issued = _issue_date(info)
    for parent in plan.issuer.parent:
        if "HUYỆN" in parent.upper() and issued is not None and issued >= REFORM_DATE:
            yield (("issuer", "parent"), "lint.district_after_reform", {"parent": parent})
    if (plan.appendices or plan.assignments.appendix) and not _mentions_appendix(plan):
        # nd30-format §5.12: the main text must point to its appendices
        yield (("appendices",) if plan.appendices else ("assignments", "appendix"),
               "lint.appendix_not_referenced", {})
    for indicator in plan.indicators:
        for figure in (shown.figure for shown in _shown_figures(indicator, None) if shown.printed):
            if "rate" in figure.computed:
                continue  # computed at the printed precision (and may be huge: count above households)
            if figure.rate is not None and figure.rate != figure.rate.quantize(figures.RATE_PRECISION):
                yield ((*figure.path, "rate"), "lint.rate_precision",
                       {"rate": figure.rate, "printed": figure.rate.quantize(figures.RATE_PRECISION, ROUND_HALF_UP)})


def _mentions_appendix(plan: IndexedPlan) -> bool:
    """Returns whether any text of the plan says "Phụ lục" (or "phụ lục")."""
    return any("phụ lục" in text.lower() for _, text in _body_texts(plan))


def _page_problems(data: dict[str, Any]) -> Iterator[Finding]:
    """Lines that will not print as the plan wrote them: a line the plan broke that is too long
    for its place (its break is lost), a text left to Word's wrapping that ends with a word
    alone on a line, and a trích yếu typed in capitals (§5.5: bold, normal case)."""
    letter = data.get("assignments", {}).get("letter", {})
    yield from page_problems(data, lines_at(("document", "summary"), data["document"]["summary"]),
                             lines_at(("assignments", "letter", "summary"), letter.get("summary")))


def page_problems(data: dict[str, Any], summary: list[_Line], excerpt: list[_Line]) -> Iterator[Finding]:
    """The lines of `_page_problems` in a plan or a standalone letter (`data`): its header and
    signature, the trích yếu under the title (`summary`) and the "V/v" lines (`excerpt`)."""
    for line in (*summary, *excerpt):
        if sum(char.isalpha() for char in line.text) > 1 and line.text == line.text.upper():
            yield line.path, "page.summary_capitals", {"line": line.text, "normal": line.text[:1] + line.text[1:].lower()}
    places: list[tuple[layout.LinePlace, list[_Line]]] = [
        ("parent", lines_at(("issuer", "parent"), data["issuer"].get("parent"))),
        ("issuer", lines_at(("issuer", "name"), data["issuer"]["name"])),
        ("summary", summary),
        ("excerpt", [line._replace(text="V/v " + line.text) if i == 0 else line for i, line in enumerate(excerpt)]),
        ("authority", [_Line(("signer", "authority", i), (f"{line['prefix']} " if line.get("prefix") else "")
                             + line["title"].upper(), broken=True)
                       for i, line in enumerate(data["signer"]["authority"])])]
    for place, lines in places:
        for line in lines:
            if not layout.line_fits(place, line.text) if line.broken else layout.leaves_word_alone(place, line.text):
                yield line.path, "page.line_too_long", {"line": line.text, "place": place}


class _Line(NamedTuple):
    """A line of the plan where it is printed; `broken`: the plan broke the text into lines
    itself (a list), so each must fit, instead of leaving one text to Word's wrapping."""

    path: DataPath
    text: str
    broken: bool


def lines_at(path: DataPath, value: str | list[str] | None) -> list[_Line]:
    """Returns the lines of a one-line-or-list value."""
    if value is None:
        return []
    if isinstance(value, str):
        return [_Line(path, value, broken=False)]
    return [_Line((*path, i), line, broken=True) for i, line in enumerate(value)]


# An abbreviation: two or more capitals (Đ, digits after the first), not a roman numeral, not a
# piece of a document symbol or number ("25/KH-UBND", "BNN&MT", "Quý IV/2026").
# Names the world knows by their letters, written so in Vietnamese texts too (nhiễm HIV).
_KNOWN_ABBREVIATIONS = frozenset({"HIV", "AIDS", "COVID", "GDP", "ODA", "ASEAN"})
_ABBREVIATION = re.compile(r"(?<![\w/&.-])(?!(?:[IVXLC]+)(?![\w/&-]))[A-ZĐ][A-ZĐ0-9]*[A-ZĐ](?![\w/&-])")


def _abbreviation_problems(plan: IndexedPlan) -> Iterator[Finding]:
    """Each abbreviation of the body used before it is written out: Decree 30 (Phụ lục I,
    II.6) writes the words in full the first time, the abbreviation in brackets after them."""
    seen: set[str] = set()
    for path, marked in _body_texts(plan):
        text = emphasis.plain(marked)
        if text == text.upper():
            continue  # a title in capitals (I. KINH PHÍ THỰC HIỆN): words, not abbreviations
        for match in _ABBREVIATION.finditer(text):
            word = match.group()
            if word in seen or word in _KNOWN_ABBREVIATIONS:
                continue
            seen.add(word)
            start, end = match.span()
            if text[start - 1:start] != "(" or text[end:end + 1] != ")":
                yield path, "lint.abbreviation_not_defined", {"abbreviation": word}


def _body_texts(plan: IndexedPlan) -> Iterator[tuple[DataPath, str]]:
    """Yields the running texts of the body in the order they print, each with its path: the
    intro, each item's title and text, paragraphs, bullets, and each unit's role and duties
    where its units block prints them (then the units no block prints, whose duties go to
    their letters)."""
    for i, text in enumerate(plan.intro):
        yield ("intro", i), text
    printed: set[str] = set()
    for block in iter_blocks(plan):
        if isinstance(block, Item):
            yield from ((block.path, text) for text in (block.title, block.text) if text)
            yield from _bullet_texts(block.bullets, (*block.path, "bullets"))
            yield from (((*block.path, "content", i), child) for i, child in enumerate(block.content)
                        if isinstance(child, str))
        elif isinstance(block, UnitsBlock):
            for unit_id in block.ids:
                if unit_id in plan.units_by_id and unit_id not in printed:
                    printed.add(unit_id)
                    yield from _unit_texts(plan.units_by_id[unit_id])
    for unit in plan.units:
        if unit.id not in printed:
            yield from _unit_texts(unit)


def _unit_texts(unit: Unit) -> Iterator[tuple[DataPath, str]]:
    if unit.role:
        yield (*unit.path, "role"), unit.role
    for duty in unit.duties:
        yield (*duty.path, "text"), duty.text
        yield from (((*duty.path, "points", i), point) for i, point in enumerate(duty.points))


def _bullet_texts(bullets: tuple[Bullet, ...], path: DataPath) -> Iterator[tuple[DataPath, str]]:
    for i, bullet in enumerate(bullets):
        yield (*path, i), bullet.text
        yield from _bullet_texts(bullet.bullets, (*path, i, "bullets"))
