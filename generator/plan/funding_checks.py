"""Meaning checks of the funding and the year's results (issue 18): totals computed, never
trusted when typed; sources and units known; spending within the plan; results of the plan's year.

`result_problems` finds what the plan always must hold; `missing_results` what only the year-end
report needs (results not yet recorded), which a plan in the middle of its year does not have.
"""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..errors import DataPath
from .funding import Activity, Funding, FundingBlock
from .model import IndexedPlan, iter_blocks

Finding = tuple[DataPath, str, dict[str, Any]]


def result_problems(plan: IndexedPlan) -> Iterator[Finding]:
    """Yields the findings of the funding and of the results recorded."""
    funding = plan.funding
    if funding is not None:
        yield from _total_problems(funding)
        for activity in funding.activities:
            yield from _activity_problems(plan, funding, activity)
    else:
        for block in iter_blocks(plan):
            if isinstance(block, FundingBlock):
                yield ((*block.path, "funding"), "funding.no_data", {})
    if plan.term.yearly:
        for indicator in plan.indicators:
            if indicator.actual is not None and indicator.actual.year != plan.year:
                yield ((*indicator.actual.path, "year"), "results.actual_year",
                       {"year": indicator.actual.year, "plan_year": plan.year, "indicator": indicator.name})


def _total_problems(funding: Funding) -> Iterator[Finding]:
    """A typed total (the plan's, a source's, an activity's) is the sum kehoach computes."""
    stated = [(funding.stated_total, funding.total, (*funding.path, "total"))]
    stated += [(source.stated_total, funding.source_total(source.id), (*source.path, "total"))
               for source in funding.sources]
    stated += [(activity.stated_total, activity.total, (*activity.path, "total"))
               for activity in funding.activities]
    for typed, computed, path in stated:
        if typed is not None and typed != computed:
            yield (path, "funding.total_differs", {"stated": typed, "computed": computed, "unit": funding.unit})


def _activity_problems(plan: IndexedPlan, funding: Funding, activity: Activity) -> Iterator[Finding]:
    known = sorted(source.id for source in funding.sources)
    if activity.unit is not None and activity.unit not in plan.units_by_id:
        yield ((*activity.path, "unit"), "ref.unknown_unit", {"id": activity.unit, "known": sorted(plan.units_by_id)})
    for key, pairs in (("amounts", activity.amounts), ("spent", activity.spent or ())):
        for source_id, _ in pairs:
            if source_id not in known:
                yield ((*activity.path, key, source_id), "ref.unknown_source", {"id": source_id, "known": known})
    names = {source.id: source.name for source in funding.sources}
    for source_id, spent in activity.spent or ():
        planned = activity.amount(source_id) or Decimal(0)
        if source_id in names and spent > planned:
            yield ((*activity.path, "spent", source_id), "funding.overspent",
                   {"activity": activity.name, "source": names[source_id], "spent": spent,
                    "planned": planned, "unit": funding.unit})


def missing_results(plan: IndexedPlan) -> Iterator[Finding]:
    """Yields a warning for each result the year-end report needs and the plan has not
    recorded: it prints "chưa có số liệu" in its place (issue 18)."""
    for indicator in plan.indicators:
        villages = [village.name for village in indicator.villages if village.actual is None]
        if indicator.actual is None or villages:
            names = ([indicator.name] if indicator.actual is None else []) + villages
            yield (indicator.path, "results.missing_actual", {"indicator": indicator.name, "names": names})
    for unit in plan.units:
        duties = [duty for duty in unit.duties if duty.status is None]
        if duties:
            yield (duties[0].path, "results.missing_status", {"unit": unit.name, "count": len(duties)})
    if plan.funding is not None:
        lines = [activity for activity in plan.funding.activities if activity.spent is None]
        if lines:
            yield (lines[0].path, "results.missing_spent",
                   {"activities": [activity.name for activity in lines]})
