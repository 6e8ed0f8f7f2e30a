"""The plan's funding as data (issue 18): amounts by activity and source, in one unit, with every
total computed (per source, per activity, overall) and the money spent once the year ends.

Pure records built from schema-valid data; nothing here formats an amount (`vn.number` does).
"""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from ..errors import DataPath

# How many đồng one unit of the plan's amounts is: "Bằng chữ" always counts đồng.
DONG_PER_UNIT = {"đồng": 1, "triệu đồng": 1_000_000}


class Source(NamedTuple):
    id: str
    name: str
    stated_total: Decimal | None  # the total a source document gives; checked, never printed
    path: DataPath


class Activity(NamedTuple):
    """A line of the funding table: planned `amounts` and, at year end, `spent`, by source id."""

    name: str
    unit: str | None  # the id of the unit that carries it out
    amounts: tuple[tuple[str, Decimal], ...]
    spent: tuple[tuple[str, Decimal], ...] | None
    stated_total: Decimal | None
    path: DataPath

    @property
    def total(self) -> Decimal:
        return sum((amount for _, amount in self.amounts), Decimal(0))

    @property
    def spent_total(self) -> Decimal | None:
        return None if self.spent is None else sum((amount for _, amount in self.spent), Decimal(0))

    def amount(self, source_id: str) -> Decimal | None:
        """Returns the planned amount from `source_id`; None when this line has none from it."""
        return dict(self.amounts).get(source_id)


class Funding(NamedTuple):
    unit: str  # "đồng" or "triệu đồng", stated once for every amount
    sources: tuple[Source, ...]
    activities: tuple[Activity, ...]
    stated_total: Decimal | None
    in_words: bool
    path: DataPath

    @property
    def total(self) -> Decimal:
        return sum((activity.total for activity in self.activities), Decimal(0))

    def source_total(self, source_id: str) -> Decimal:
        return sum((activity.amount(source_id) or Decimal(0) for activity in self.activities), Decimal(0))

    @property
    def spent_total(self) -> Decimal | None:
        """Returns the money spent on every line; None until a line records what it spent."""
        spent = [activity.spent_total for activity in self.activities if activity.spent is not None]
        return sum(spent, Decimal(0)) if spent else None

    def in_dong(self, amount: Decimal) -> int:
        """Returns `amount` in đồng, rounded half up, as its words are read."""
        return int((amount * DONG_PER_UNIT[self.unit]).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class FundingBlock(NamedTuple):
    """`{funding: table}` (the total's sentence and the table) or `{funding: total}` (the sentence)."""

    kind: str
    path: DataPath


def funding_of(entry: dict[str, Any] | None) -> Funding | None:
    """Returns the funding of a schema-valid `funding` entry, None when the plan has none."""
    if entry is None:
        return None
    path: DataPath = ("funding",)
    return Funding(
        unit=entry["unit"],
        sources=tuple(Source(source["id"], source["name"], _money(source.get("total")),
                             (*path, "sources", i))
                      for i, source in enumerate(entry["sources"])),
        activities=tuple(_activity(activity, (*path, "activities", i))
                         for i, activity in enumerate(entry["activities"])),
        stated_total=_money(entry.get("total")), in_words=entry.get("in_words", False), path=path)


def _activity(entry: dict[str, Any], path: DataPath) -> Activity:
    spent = entry.get("spent")
    return Activity(name=entry["name"], unit=entry.get("unit"), amounts=_by_source(entry["amounts"]),
                    spent=None if spent is None else _by_source(spent),
                    stated_total=_money(entry.get("total")), path=path)


def _by_source(amounts: dict[str, float | int]) -> tuple[tuple[str, Decimal], ...]:
    return tuple((source_id, Decimal(str(amount))) for source_id, amount in amounts.items())


def _money(value: float | int | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))
