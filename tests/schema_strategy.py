"""Hypothesis strategy for plans, drawn from `schemas/plan.schema.json` itself (issue 12, part 1).

hypothesis-jsonschema cannot serve here: it does not resolve the schema's `#/$defs/…` references
(2020-12), nor its recursive ones (an item's content holds items), nor `prefixItems`. So this
module walks the schema, keyword by keyword, and draws a value that fits it.

What the walker knows, generically:

- `$ref` (to `#/$defs/…`), with its sibling keywords applying too, and `allOf`: all of them hold;
  a definition already open twice on the way down (block → item → block …) gets only its
  required keys and shortest arrays, which bounds the recursion;
- `type` (one or a union: one type is chosen), `const`, `enum`;
- objects: `properties`, `required` (always drawn), other properties at random, only known keys,
  `dependentRequired` (a drawn key's dependencies drawn too)
  (every object of the schema has `additionalProperties: false`), `minProperties`;
- arrays: `prefixItems`, `items`, `minItems`, `maxItems`, `uniqueItems` (short arrays);
- numbers: `minimum`, `maximum`, `exclusiveMinimum`;
- strings: `pattern`, `format: date` and whatever else the string's schemas say: a text from a
  small pool of realistic Vietnamese texts that the validator finds fits them all, or a text
  drawn from the pattern (`st.from_regex`) when none fits (and at times in unhinted plans);
- `if`/`then`/`else` on an object: after drawing it, if the `if` holds, what `then` requires is
  added and what it forbids (a property it gives a schema the value does not fit: `not: {}`,
  another type) is dropped or drawn again; else the same with `else`;
- the discriminated union of `block`, `column`, `bullet` and `units_block.units`: a type union
  with `allOf` of `if: {type, required}` → `then` branches (or one `if: {type}` with an `else`):
  a type is chosen, then one branch whose `if` names that type (and the `else` of those that do
  not), and the value is drawn from that branch's `then`. The branches are taken to exclude each
  other, as the schema's do (each requires its own key, the last one none of them).

Anything else is drawn loosely and left to the caller's filter (`generator.plan.validate.is_valid`).

So that drawn plans often pass the meaning checks too, not only the schema, values are drawn from
small pools (`HINTS`, matched on the end of the value's key path, "[]" standing for any list
index): years from 2022 to 2026; counts and households small; baselines above targets (below,
for an increase); a count that agrees with its rate and households; a stated reduction that is
the baseline less the target; a table row whose cells cover the columns (three rows in four;
the fourth of random shape, issue 15; `tables` draws a table block alone, with group rows, bold
rows, sub-rows, rich cells and spans). Every id is one of four slugs (`SLUGS`), one not yet taken in its
list, and every id reference one of the ids drawn so far for what it refers to (`REFERENCES`),
so references resolve. A key's chance to be drawn (`OPTIONAL_CHANCE`) is tuned
too. One plan in four is drawn without these hints, with any slug: there the schema alone says,
ids repeat and references dangle. Half the plans are "wild": half their texts drawn from the
patterns, numbers from the whole range the schema allows (1.0e+308, 10**40 …).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

import jsonschema_rs
from hypothesis import strategies as st

from generator import resources

Schema = dict[str, Any]
Path = tuple[str, ...]
Draw = Callable[[st.SearchStrategy[Any]], Any]

# How many times a definition may be open on the way down before only required keys are drawn.
MAX_OPEN = 2
# Arrays: at most this many items beyond `minItems`.
EXTRA_ITEMS = 2
# A list index in a key path.
ITEM = "[]"

SLUGS = ["ho-ngheo", "ho-can-ngheo", "ldtbxh", "cac-thon"]

# Realistic texts for every pattern of the schema; the walker keeps those a string's schema takes.
TEXTS = [
    *SLUGS,
    # paragraphs, headings, names
    "Năm 2023, các chính sách giảm nghèo được triển khai đồng bộ, kịp thời",
    "Ủy ban nhân dân xã Xuân Phúc ban hành Kế hoạch giảm nghèo bền vững năm 2024 như sau:",
    "Rà soát hộ nghèo, hộ cận nghèo theo chuẩn nghèo đa chiều giai đoạn 2022 - 2025.",
    "Hỗ trợ y tế:",
    "MỤC ĐÍCH, YÊU CẦU",
    "Tổ chức thực hiện",
    "Kinh phí thực hiện theo Phụ lục I kèm theo Kế hoạch này",
    "Phòng Văn hóa - Xã hội",
    "Công chức Lao động - Thương binh và Xã hội",
    "Các thôn",
    "Thôn Đồng Lách",
    "Thôn Tân Lập",
    "hộ nghèo",
    "người",
    "hộ",
    "Xuân Phúc",
    "Ủy ban nhân dân xã Tân An",
    "UBND huyện Như Thanh",
    "Luật Tổ chức chính quyền địa phương",
    "Quyết định",
    "kế hoạch",
    "về thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2024",
    "Nguyễn Văn An",
    "Chủ tịch, các PCT UBND xã",
    "Như trên",
    "6 tháng, năm",
    "hằng quý",
    "Danh sách hộ nghèo <có điều chỉnh> & hộ mới thoát nghèo",
    "Tỷ lệ {{ năm }} giảm 1,5%",
    # bold and italic (docs/plan-format.md), refused by validate outside paragraphs, duties, cells
    "**Trước ngày 15/3/2024**, rà soát hộ nghèo theo __chuẩn nghèo đa chiều__",
    "Điều 5\\* và tệp ten_tep: **báo cáo __Kế hoạch số 145__ ngay**",
    "STT",
    "Chỉ tiêu",
    "Ghi chú",
    "12,5",
    "",
    # upper-case lines, symbols, archive entries
    "ỦY BAN NHÂN DÂN",
    "XÃ TÂN AN",
    "ỦY BAN NHÂN DÂN XÃ XUÂN PHÚC",
    "UBND HUYỆN NHƯ THANH",
    "CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "KẾ HOẠCH NĂM 2024",
    "KH-UBND",
    "NQ-HĐND",
    "QĐ-TTg",
    "UBND-CSXH",
    "VT",
    "CSXH",
    "VHXH",
    # dates and deadlines
    "2022-05-18",
    "2023-02-28",
    "2024-06-30",
    "2025-06-16",
    "2025-12-15",
    "2026-01-20",
    "2024-02-30",
    "Quý III/2024",
    "Tháng 12/2025",
    "Năm 2023",
    "Năm 2026",
    "Thường xuyên",
    "trước ngày 15/6 và ngày 15/12/2024",
]

# Printable characters for texts drawn from a pattern: no control characters or surrogates,
# which the loader refuses before any validation.
ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))

# What an id reference refers to: the key of the reference → the list whose ids it names.
REFERENCES = {"support": "units", "lead": "units", "units": "units", "indicators": "indicators",
              "indicator_table": "indicators", "collector": "units", "unit": "units", "to": "units"}

NO_HINT = object()
Hint = Callable[["Walker", "_Node"], Any]  # a value, or NO_HINT to let the schema say


def _from(strategy: st.SearchStrategy[Any]) -> Hint:
    return lambda walker, node: walker.draw(strategy)


def _halves(low: int, high: int) -> st.SearchStrategy[float]:
    """Rates such as 4.5: halves between `low` and `high`, so that a rate of 200 households (or
    of any multiple of 200) is a whole number of households."""
    return st.integers(low * 2, high * 2).map(lambda halves: halves / 2)


def _households(walker: Walker) -> int | None:
    """Returns the households the figure being drawn is a share of: its village's, or the
    commune's (the model's rule, `model._village`)."""
    village = walker.enclosing("villages")
    owner = village if village is not None else walker.stack[0]
    households = owner.get("households")
    return households if isinstance(households, int) else None


# The pools of baselines and targets, so that figures go the way the indicator's direction says.
HIGH = {"rate": [5, 6, 6.5, 8], "count": [10, 12, 13, 16]}
LOW = {"rate": [2, 3, 3.5, 4], "count": [2, 3, 7, 8]}


def _pooled(walker: Walker, node: _Node) -> Any:
    """A baseline's or target's rate or count from its pool: the baseline above the target for
    a reduction, below it for an increase."""
    kind, field = walker.path_key(node.path, 1), node.path[-1]
    increase = (walker.enclosing("indicators") or {}).get("direction") == "increase"
    return walker.pick((HIGH if (kind == "baseline") != increase else LOW)[field])


def _count(walker: Walker, node: _Node) -> Any:
    """A count that agrees with the figure's rate and households when there is one; else one
    from the pools."""
    rate = walker.stack[-1].get("rate")
    households = _households(walker)
    if isinstance(rate, (int, float)) and households:
        exact = Decimal(str(rate)) * households / 100
        if exact == exact.to_integral_value():
            return int(exact)
    if walker.path_key(node.path, 1) in ("baseline", "target"):
        return _pooled(walker, node)
    return walker.pick(range(31))


def _figure_value(figure: dict[str, Any], key: str, households: int | None) -> Decimal | None:
    """Returns the rate or count (`key`) of `figure`: written, or worked out from the other and
    `households` as plan-format.md says (rate to 0.1, half up; a count only when exact)."""
    given = {name: Decimal(str(value)) for name, value in figure.items()
             if name in ("rate", "count") and isinstance(value, (int, float))}
    if key in given or not households:
        return given.get(key)
    if key == "rate" and "count" in given:
        return (given["count"] * 100 / households).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if key == "count" and "rate" in given:
        exact = given["rate"] * households / 100
        return exact if exact == exact.to_integral_value() else None
    return None


def _stated(walker: Walker, node: _Node) -> Any:
    """A stated reduction that is the one computed: the baseline less the target."""
    indicator, key = walker.stack[-2], node.path[-1]
    households = _households(walker)
    before = _figure_value(indicator.get("baseline") or {}, key, households)
    after = _figure_value(indicator.get("target") or {}, key, households)
    if before is None or after is None:
        return NO_HINT
    change = before - after if indicator.get("direction") != "increase" else after - before
    if change < 0:
        return NO_HINT
    return int(change) if key == "count" else float(change)


# The schemas a row's cells and sub-rows are drawn from: kept, as the walker caches by `id`.
_CELL: Schema = {"$ref": "#/$defs/table_cell"}
_PLAIN_CELL: Schema = {"type": ["string", "number"]}
_SUB_ROW: Schema = {"$ref": "#/$defs/table_sub_row"}


def _row(walker: Walker, node: _Node) -> Any:
    """A row that fits its table: cells (a list) covering the columns to write (a numbered
    column left out), spans counted; in a table drawn alone (`tables`), at times a group row or
    {cells, bold, rows}, its cells rich (paragraphs, points, spans, bold). Some rows
    (`Walker.random_rows`) are left to the schema, of random shape (issue 15: validate must find
    a row whose cells do not cover the columns, and whatever it accepts must build)."""
    table = walker.enclosing("table") or {}
    columns = table.get("columns", ())
    if walker.chance(walker.random_rows) or not columns:
        return NO_HINT
    shape, top = walker.draw(st.integers(0, 5)), walker.path_key(node.path, 1) == "table"  # not a sub-row
    if walker.rich_tables and shape == 0 and top:
        return {"group": walker.pick(["I. CÔNG TÁC TUYÊN TRUYỀN", "II. HỖ TRỢ SẢN XUẤT"])}
    typed = [column for column in columns if not (isinstance(column, dict) and column.get("numbered"))]
    cell = _CELL if walker.rich_tables else _PLAIN_CELL
    cells = _covering([walker.value([cell], node.open, (*node.path, ITEM)) for _ in range(max(len(typed), 1))],
                      len(typed))
    at = 0
    for index, value in enumerate(cells):  # a totalled column holds figures (`table.total_not_number`)
        span = value.get("span", 1) if isinstance(value, dict) else 1
        if isinstance(typed[at], dict) and typed[at].get("total"):
            figure = walker.pick([12, 35.5, 1125, ""])
            cells[index] = {"text": figure, "span": span} if span > 1 else figure
        at += span
    if not (walker.rich_tables and shape == 1):
        return cells
    row: dict[str, Any] = {"cells": cells, "bold": walker.draw(st.booleans())}
    if top and walker.chance(0.5):
        row["rows"] = [walker.value([_SUB_ROW], node.open, (*node.path, "rows", ITEM))]
    return row


def _covering(cells: list[Any], columns: int) -> list[Any]:
    """Returns `cells` cut or padded so that, spans counted, they cover `columns` exactly."""
    covered: list[Any] = []
    room = columns
    for cell in cells:
        if room == 0:
            break
        if isinstance(cell, dict):
            cell = {**cell, "span": min(cell.get("span", 1), room)}
        covered.append(cell)
        room -= cell["span"] if isinstance(cell, dict) else 1
    return covered + [""] * room


def _period_end(walker: Walker, node: _Node) -> Any:
    """A period ends in a later year than it starts (`term.period_order`)."""
    start = walker.stack[-1].get("from")
    return walker.draw(st.integers(start + 1, start + 5)) if isinstance(start, int) else NO_HINT


def _campaign_end(walker: Walker, node: _Node) -> Any:
    """A campaign ends on a later day than it starts (`term.campaign_order`)."""
    start = walker.stack[-1].get("start")
    try:
        first = dt.date.fromisoformat(start)
    except (TypeError, ValueError):
        return NO_HINT
    return (first + dt.timedelta(days=walker.draw(st.integers(1, 200)))).isoformat()


def _by_source(walker: Walker, node: _Node) -> Any:
    """A funding line's amounts (or spending), from sources drawn (`ref.unknown_source`)."""
    sources = walker.ids["sources"]
    if not sources or not walker.hinted:
        return NO_HINT
    chosen = walker.draw(st.lists(st.sampled_from(sources), min_size=1, unique=True))
    return {source: walker.draw(_halves(0, 900)) for source in chosen}


def _sum_of(key: str) -> Hint:
    """A typed funding total: the sum kehoach computes (`funding.total_differs`), of the entry's
    own amounts ("amounts") or of its activities' ("activities")."""
    def hint(walker: Walker, node: _Node) -> Any:
        entry = walker.stack[-1].get(key)
        lines = [entry] if isinstance(entry, dict) else entry if isinstance(entry, list) else None
        if not walker.hinted or lines is None:
            return NO_HINT
        amounts = [line if key == "amounts" else line.get("amounts", {}) for line in lines]
        return float(sum(Decimal(str(value)) for line in amounts for value in line.values()))
    return hint


def _plan_year(walker: Walker, node: _Node) -> Any:
    """A result recorded for the plan's own year (`results.actual_year`)."""
    year = walker.stack[0].get("year")
    return year if walker.hinted and isinstance(year, int) else NO_HINT


HINTS: dict[Path, Hint] = {
    ("year",): _from(st.integers(2022, 2026)),
    ("period", "from"): _from(st.integers(2022, 2026)),
    ("period", "to"): _period_end,
    ("campaign", "start"): _from(st.sampled_from(["2023-03-01", "2024-06-15", "2026-01-20"])),
    ("campaign", "end"): _campaign_end,
    ("households",): _from(st.sampled_from([200, 400, 1000])),
    ("rate",): _from(_halves(0, 10)),
    ("count",): _count,
    ("baseline", "rate"): _pooled,
    ("target", "rate"): _pooled,
    ("reduction", "rate"): _stated,
    ("reduction", "count"): _stated,
    ("direction",): _from(st.sampled_from(["decrease", "decrease", "increase"])),
    ("rows", ITEM): _row,
    ("amounts",): _by_source,
    ("activities", ITEM, "total"): _sum_of("amounts"),
    ("funding", "total"): _sum_of("activities"),
    ("actual", "year"): _plan_year,
    ("spent",): _by_source,
}


def _support_chance(walker: Walker, node: _Node) -> float:
    """Units supporting a task need a unit that leads it (`ref.support_without_lead`)."""
    can_lead = any("lead" in props for props in node.keyword("properties"))
    return 0.05 if can_lead and "lead" not in walker.stack[-1] else 0.4


OPTIONAL_CHANCE: dict[str, float | Callable[[Walker, _Node], float]] = {
    "rate": 0.95, "count": 0.95, "households": 0.75, "duties": 0.9, "reduction": 0.4,
    "support": _support_chance, "units": 0.95, "indicators": 0.9,
    # most plans are yearly, and most indicators have a baseline and a target (issue 14, item 4)
    # the plan's year drawn first, so that results can be of that year (issue 18)
    "year": 0.9, "period": 0.15, "campaign": 0.1, "baseline": 0.85, "target": 0.85, "bound": 0.3,
    # a table's columns: a numbered one at times, a totalled one seldom (issue 15)
    # a source's typed total seldom agrees with amounts drawn after it (issue 18): not drawn
    "numbered": 0.3, "total": lambda walker, node: 0 if node.path[-2:-1] == ("sources",) else 0.1,
    # letters to several units name units (issue 16): only once some are drawn
    "letters": lambda walker, node: 0.1 if walker.ids["units"] and walker.hinted else 0,
}
DEFAULT_CHANCE = 0.6


@cache
def _root() -> Schema:
    schema: Schema = json.loads(resources.schema_text())
    return schema


def _slug_schema() -> Schema:
    slug: Schema = _root()["$defs"]["slug"]
    return slug


_VALIDATORS: dict[int, Callable[[Any], bool]] = {}


def fits(schema: Schema | bool, value: Any) -> bool:
    """Returns whether `value` fits `schema`, a subschema of the plan schema (its definitions
    at hand), by the validator `validate` uses."""
    if isinstance(schema, bool):
        return schema
    if id(schema) not in _VALIDATORS:  # the subschemas live as long as the cached root
        whole = {**schema, "$defs": _root()["$defs"]}
        _VALIDATORS[id(schema)] = jsonschema_rs.validator_for(whole, validate_formats=True).is_valid
    return _VALIDATORS[id(schema)](value)


@dataclass
class _Node:
    """What a value must fit: its schemas (all apply), its conditionals (the schemas among them
    with `if`, applied after drawing), the definitions open on the way down, its key path."""

    parts: list[Schema] = field(default_factory=list)
    conditionals: list[Schema] = field(default_factory=list)
    open: tuple[str, ...] = ()
    path: Path = ()

    def keyword(self, name: str) -> Iterator[Any]:
        """Yields the keyword `name` of every part that has it."""
        return (part[name] for part in self.parts if name in part)

    @property
    def shallow(self) -> bool:
        return any(self.open.count(name) >= MAX_OPEN for name in set(self.open))


def _expand(schemas: list[Schema], open_: tuple[str, ...], path: Path) -> _Node:
    """Returns the node of `schemas`: `$ref` and `allOf` followed, conditionals set apart."""
    node = _Node(open=open_, path=path)

    def add(schema: Schema | bool) -> None:
        if isinstance(schema, bool):
            return
        node.parts.append(schema)
        if "if" in schema:
            node.conditionals.append(schema)
        if "$ref" in schema:
            name = schema["$ref"].removeprefix("#/$defs/")
            node.open = (*node.open, name)
            add(_root()["$defs"][name])
        for sub in schema.get("allOf", ()):
            add(sub)

    for schema in schemas:
        add(schema)
    return node


def _by_type(conditional: Schema) -> bool:
    """Whether a conditional's `if` discriminates by type (the union idiom)."""
    condition = conditional["if"]
    return isinstance(condition, dict) and "type" in condition


def _type_matches(declared: str | list[str], kind: str) -> bool:
    names = [declared] if isinstance(declared, str) else declared
    return kind in names or (kind == "integer" and "number" in names)


def _hint(path: Path) -> Hint | None:
    """Returns the hint for `path`: the one matching its longest end."""
    for size in range(len(path), 0, -1):
        if path[-size:] in HINTS:
            return HINTS[path[-size:]]
    return None


@cache
def _index(count: int) -> st.SearchStrategy[int]:
    return st.integers(0, count - 1)


_STRING_STRATEGIES: dict[tuple[int, ...], tuple[st.SearchStrategy[str] | None, st.SearchStrategy[str]]] = {}


def _string_strategies(parts: list[Schema]) -> tuple[st.SearchStrategy[str] | None, st.SearchStrategy[str]]:
    """Returns, for a string that must fit all of `parts`: the pool's texts that do (None: none
    does), and texts drawn from the first pattern (any text when there is none; dates when a part
    says `format: date`) that do."""
    key = tuple(id(part) for part in parts)
    if key not in _STRING_STRATEGIES:
        pool = [text for text in TEXTS if all(fits(part, text) for part in parts)]
        patterns = [part["pattern"] for part in parts if "pattern" in part]
        if any(part.get("format") == "date" for part in parts):
            drawn = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
        elif patterns:
            drawn = st.from_regex(patterns[0], fullmatch=True, alphabet=ALPHABET)
        else:
            drawn = st.text(ALPHABET, max_size=20)
        _STRING_STRATEGIES[key] = (st.sampled_from(pool) if pool else None,
                                   drawn.filter(lambda text: all(fits(part, text) for part in parts)))
    return _STRING_STRATEGIES[key]


_PERCENT = st.integers(0, 99)


class Walker:
    """Draws values from the plan schema with Hypothesis's `draw`; keeps the objects being drawn
    (`stack`, outermost first) and the ids drawn so far, by the list they are in (`ids`)."""

    def __init__(self, draw: Draw, hinted: bool, wild: bool) -> None:
        self.draw, self.hinted, self.wild = draw, hinted, wild
        self.stack: list[dict[str, Any]] = []
        self.keys: list[str] = []  # the key of each object of `stack` in its parent
        self.ids: dict[str, list[str]] = defaultdict(list)
        # Table rows: the share left to the schema, and whether the hinted ones are rich (in a
        # table drawn alone, `tables`; in a whole plan they are plain, so that as many plans as
        # before pass the checks and build).
        self.random_rows = 0.25
        self.rich_tables = False

    # --- helpers for hints ------------------------------------------------------------------

    def pick(self, choices: Any) -> Any:
        choices = list(choices)
        return choices[self.draw(_index(len(choices)))]

    def chance(self, probability: float) -> bool:
        return self.draw(_PERCENT) < probability * 100

    def enclosing(self, key: str) -> dict[str, Any] | None:
        """Returns the innermost object being drawn that is an entry of a list under `key`."""
        for obj, obj_key in zip(reversed(self.stack), reversed(self.keys)):
            if obj_key == key:
                return obj
        return None

    @staticmethod
    def path_key(path: Path, up: int) -> str | None:
        """Returns the key `up` keys above the end of `path`, list indices left out."""
        keys = [key for key in path if key != ITEM]
        return keys[-1 - up] if len(keys) > up else None

    # --- the walk ---------------------------------------------------------------------------

    def value(self, schemas: list[Schema], open_: tuple[str, ...] = (), path: Path = ()) -> Any:
        """Returns a value drawn to fit all of `schemas` (mostly; see the module docstring)."""
        node = _expand(schemas, open_, path)
        if any(part is _slug_schema() for part in node.parts):
            return self._slug(node)
        hint = _hint(path)
        if hint is not None and self.hinted:
            hinted = hint(self, node)
            if hinted is not NO_HINT and all(fits(part, hinted) for part in node.parts):
                return hinted
        kind = self.pick(self._types(node))
        node = self._branch(node, kind)
        consts = list(node.keyword("const"))
        if consts:
            return consts[0]
        enums = [entry for entry in next(node.keyword("enum"), [])
                 if all(fits(part, entry) for part in node.parts)]
        if enums:
            return self.pick(enums)
        return self._draw_type(node, kind)

    def _types(self, node: _Node) -> list[str]:
        """Returns the types every part allows, in the schema's order."""
        allowed: list[str] | None = None
        for declared in node.keyword("type"):
            names = [declared] if isinstance(declared, str) else list(declared)
            allowed = names if allowed is None else [name for name in allowed if name in names]
        return allowed or ["string"]

    def _branch(self, node: _Node, kind: str) -> _Node:
        """Returns `node` with its discriminated union resolved for the type `kind`: one branch
        whose `if` names the type, and the `else` of those of other types, join its parts."""
        chosen: list[Schema] = []
        matching: list[Schema] = []
        rest: list[Schema] = []
        for conditional in node.conditionals:
            if not _by_type(conditional):
                rest.append(conditional)
            elif _type_matches(conditional["if"]["type"], kind):
                matching.append(conditional)
            elif "else" in conditional:
                chosen.append(conditional["else"])
        if matching:
            chosen.append(self.pick(matching)["then"])
        grown = _expand(chosen, node.open, node.path)
        return _Node(parts=node.parts + grown.parts,
                     conditionals=rest + [c for c in grown.conditionals if not _by_type(c)],
                     open=grown.open, path=node.path)

    def _draw_type(self, node: _Node, kind: str) -> Any:
        match kind:
            case "object":
                return self._object(node)
            case "array":
                return self.array(node)
            case "string":
                return self._string(node)
            case "integer":
                return self._integer(node)
            case "number":
                return self._number(node)
            case "boolean":
                return self.draw(st.booleans())
            case _:
                return None

    # --- objects ----------------------------------------------------------------------------

    def _object(self, node: _Node) -> dict[str, Any]:
        required = list(dict.fromkeys(key for keys in node.keyword("required") for key in keys))
        known = list(dict.fromkeys(key for props in node.keyword("properties") for key in props))
        least = max(node.keyword("minProperties"), default=0)
        value: dict[str, Any] = {}
        self.stack.append(value)
        self.keys.append(self.path_key(node.path, 0) or "")
        try:
            for key in known:  # in the schema's order, so hints see the keys before theirs
                if key in required or (not node.shallow and self.chance(self._chance(node, key))):
                    value[key] = self._property(node, key)
            for key in known:
                if len(value) >= least:
                    break
                value.setdefault(key, self._property(node, key))
            for dependencies in node.keyword("dependentRequired"):  # before the conditionals,
                for key, needed in dependencies.items():            # which may ask for more
                    for other in needed if key in value else ():
                        value.setdefault(other, self._property(node, other))
            for conditional in node.conditionals:
                self._apply(node, conditional, value)
        finally:
            self.stack.pop()
            self.keys.pop()
        return value

    def _chance(self, node: _Node, key: str) -> float:
        if self.hinted and self._refers(node, key) and not self._candidates(key):
            return 0  # a reference to nothing: `ref.unknown_…`
        chance = OPTIONAL_CHANCE.get(key, DEFAULT_CHANCE)
        return chance(self, node) if callable(chance) else chance

    def _refers(self, node: _Node, key: str) -> bool:
        """Whether `key` of `node` holds id references (slugs)."""
        if key not in REFERENCES:
            return False
        schemas = [props[key] for props in node.keyword("properties") if key in props]
        return any(name in ("slug", "slug_list") for name in _expand(schemas, (), ()).open)

    def _candidates(self, key: str) -> list[str]:
        """Returns the ids drawn so far that a reference under `key` may name."""
        drawn = self.ids[REFERENCES.get(key, "")]
        if key == "support":  # a unit does not support the task it leads (`ref.self_support`)
            unit = self.enclosing("units") or {}
            leads = (self.stack[-1].get("lead"), unit.get("id"))
            drawn = [slug for slug in drawn if slug not in leads]
        return drawn

    def _property(self, node: _Node, key: str, extra: Schema | None = None) -> Any:
        schemas = [props[key] for props in node.keyword("properties") if key in props]
        return self.value(schemas + ([extra] if extra is not None else []), node.open, (*node.path, key))

    def _apply(self, node: _Node, conditional: Schema, value: dict[str, Any]) -> None:
        """Makes `value` fit the `then` of `conditional` if its `if` holds, else its `else`."""
        outcome = conditional.get("then" if fits(conditional["if"], value) else "else")
        if not isinstance(outcome, dict):
            return
        for part in _expand([outcome], node.open, node.path).parts:
            for key in part.get("required", ()):
                if key not in value:
                    value[key] = self._property(node, key)
            for key, schema in part.get("properties", {}).items():
                if key not in value or fits(schema, value[key]):
                    continue
                if schema.get("not") == {}:
                    del value[key]  # `then` forbids the key
                else:
                    value[key] = self._property(node, key, schema)

    # --- arrays -----------------------------------------------------------------------------

    def array(self, node: _Node, size: int | None = None) -> list[Any]:
        """Returns an array drawn from `node`, of `size` items if given (else a short one)."""
        prefix = next(node.keyword("prefixItems"), [])
        items = list(node.keyword("items"))
        least = max(node.keyword("minItems"), default=0)
        most = min([*node.keyword("maxItems"), least + EXTRA_ITEMS])
        if size is None:
            size = least if node.shallow else self.draw(st.integers(least, most))
        unique = any(node.keyword("uniqueItems"))
        value: list[Any] = []
        for index in range(size):
            schemas = [prefix[index]] if index < len(prefix) else items
            for _attempt in range(3):
                entry = self.value(schemas, node.open, (*node.path, ITEM))
                if not (unique and entry in value):
                    value.append(entry)
                    break
        return value

    # --- scalars ----------------------------------------------------------------------------

    def _slug(self, node: _Node) -> str:
        """An id, one not yet taken in its list; an id reference, one of the ids drawn for what it
        refers to (in a plan drawn with hints; else any slug)."""
        key = self.path_key(node.path, 0)
        if key == "id":
            taken = self.ids[self.path_key(node.path, 1) or ""]
            free = [slug for slug in SLUGS if slug not in taken]
            slug = self.pick(free if free and self.hinted else SLUGS)
            taken.append(slug)
            return slug
        drawn = self._candidates(key or "")
        return self.pick(drawn if drawn and self.hinted else SLUGS)

    def _string(self, node: _Node) -> str:
        pool, drawn = _string_strategies(node.parts)
        if pool is not None and (not self.wild or self.draw(st.booleans())):
            return self.draw(pool)
        return self.draw(drawn)

    def _integer(self, node: _Node) -> int:
        low = max(node.keyword("minimum"), default=None)
        high = min(node.keyword("maximum"), default=None)
        if not self.wild:  # near the bounds the schema gives
            low, high = (low, high) if low is None or high is None else (low, min(high, low + 100))
            low = low if low is not None else (high - 100 if high is not None else -100)
            high = high if high is not None else low + 100
        return self.draw(st.integers(low, high))

    def _number(self, node: _Node) -> float | int:
        if self.draw(st.booleans()):
            return self._integer(node)
        low = max(node.keyword("minimum"), default=None)
        above = max(node.keyword("exclusiveMinimum"), default=None)
        high = min(node.keyword("maximum"), default=None)
        if self.wild:
            return self.draw(st.floats(low if above is None else above, high, allow_nan=False,
                                       allow_infinity=False, exclude_min=above is not None))
        start = low if low is not None else above if above is not None else -100
        stop = high if high is not None else start + 100
        number = self.draw(st.decimals(start, stop, places=2))
        if above is not None and number <= above:
            number = Decimal(above) + 1
        return float(number)


@st.composite
def plans(draw: Draw) -> dict[str, Any]:
    """Returns a plan drawn from the schema; not always valid: filter with the validator. One
    plan in four is drawn without hints: the schema and the pool of texts alone say."""
    hinted = draw(st.integers(0, 3)) > 0
    plan: dict[str, Any] = Walker(draw, hinted, wild=draw(st.booleans())).value([_root()])
    return plan


_TABLE_BLOCK: Schema = {"$ref": "#/$defs/table_block"}


@st.composite
def tables(draw: Draw) -> dict[str, Any]:
    """Returns a table block drawn from the schema with the hints of `plans` (issue 15): rows
    that cover the columns, group rows, sub-rows, rich cells, spans, and rows of random shape."""
    walker = Walker(draw, hinted=True, wild=False)
    walker.random_rows, walker.rich_tables = 0.3, True
    block: dict[str, Any] = walker.value([_TABLE_BLOCK])
    return block
