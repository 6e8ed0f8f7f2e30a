"""Document model → layout: the page each block is set on, each body table's column widths and
the rows that may break across pages.

Laying out is its own step, done once per document: the writer places the blocks as the layout
says, and the page estimate (`pages`) counts the lines of the same columns, so the two can
never disagree, and fitting a table's widths (the costly part) is never done twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Literal, NamedTuple

from ..document import style
from ..document.model import (AppendixStart, Cell, Document, Header, Table, TableRow, cell_span, cell_text,
                              row_of)


class Layout(NamedTuple):
    """Where a document's blocks go. `pages`: the page each block is set on, by the block's
    index in `Document.blocks` (an appendix starts a page of its own, §5.12); `widths`: the
    column widths, in twips, of each body table, by the table's index; `split`: the rows of each
    body table (by their index in `Table.rows`) that may break across pages, all others kept
    whole."""

    pages: tuple[style.Page, ...]
    widths: dict[int, tuple[int, ...]]
    split: Mapping[int, frozenset[int]] = MappingProxyType({})


def layout(document: Document) -> Layout:
    """Returns the layout of `document`; raises ValueError for a table row whose cells do not
    match its columns."""
    pages, widths, split = [], {}, {}
    page = style.PORTRAIT
    for index, block in enumerate(document.blocks):
        if isinstance(block, AppendixStart):
            page = style.LANDSCAPE if block.landscape else style.PORTRAIT
        elif isinstance(block, Table):
            widths[index] = _table_widths(block, page)
            split[index] = _tall_rows(block, widths[index], page)
        pages.append(page)
    return Layout(tuple(pages), widths, split)


def table_roles(table: Table) -> tuple[str, str]:
    """Returns the roles of a body table's header row and of its cells."""
    return ("table_header_dense", "table_cell_dense") if table.dense else ("table_header", "table_cell")


def _table_widths(table: Table, page: style.Page) -> tuple[int, ...]:
    """Returns the widths of a body table's columns across the text width of `page` (§5.7):
    fitted to the texts, or in proportion to the columns' widths."""
    texts: list[list[str]] = [[column.title] for column in table.columns]
    for row in table.rows:
        cells = list(column_cells(row, len(table.columns)))
        if len(cells) == 1 and cell_span(cells[0][1]) > 1:
            continue  # a row across the table (a group's title) leaves the widths to the others
        for column, cell in cells:
            span = cell_span(cell)
            # a cell across columns leaves their widths to the others: an empty cell in each, so
            # that every column has a cell in every row, as the fitting expects
            for covered in range(column, column + span):
                texts[covered].append(cell_text(cell) if span == 1 else "")
    if not table.fit:
        return tuple(style.column_widths([column.width for column in table.columns], page.text_width))
    head_role, cell_role = table_roles(table)
    return tuple(style.fit_column_widths(texts, style.ROLES[head_role].font, style.ROLES[cell_role].font,
                                         page.text_width, style.TABLE_CELL_MARGIN))


def _tall_rows(table: Table, widths: tuple[int, ...], page: style.Page) -> frozenset[int]:
    """Returns the rows of `table` taller than a share of the page (§5.7 [Inferred]): kept whole,
    such a row would leave much of a page empty; a shorter row never breaks."""
    _, cell_role = table_roles(table)
    limit = page.text_height * style.SPLIT_ROW_SHARE
    return frozenset(number for number, values in enumerate(table.rows)
                     if table_row_height(cell_role, values, widths) > limit)


# A table row's top border (§5.7: single 0.5 pt lines; TABLE_BORDER is in eighths of a point).
_ROW_BORDER = style.pt(style.TABLE_BORDER / 8)


def row_height(role: str, texts: Iterable[str], widths: Iterable[int]) -> float:
    """Returns the height of a table row: its tallest cell, each cell one paragraph of `role`."""
    look = style.ROLES[role]
    lines = max(style.wrapped_lines(text, look.font, width - 2 * style.TABLE_CELL_MARGIN)
                for text, width in zip(texts, widths))
    return look.para.before + lines * style.line_pitch(look.para, look.font) + look.para.after + _ROW_BORDER


def table_row_height(role: str, row: TableRow, widths: tuple[int, ...]) -> float:
    """Returns the height of a body table's row: a cell across columns has their width."""
    cells = column_cells(row, len(widths))
    return row_height(role, (cell_text(cell) for _, cell in cells),
                      (sum(widths[column:column + cell_span(cell)]) for column, cell in cells))


def overflowing_words(table: Table, page: style.Page) -> list[str]:
    """Returns, for each column of `table` laid out on `page` whose longest word is wider than
    the room inside it, that word: it will break in the middle."""
    head_role, cell_role = table_roles(table)
    head, cell = style.ROLES[head_role].font, style.ROLES[cell_role].font
    texts: dict[int, list[str]] = {}  # each column's cells; a cell across columns has room enough
    for row in table.rows:
        for column, value in column_cells(row, len(table.columns)):
            if cell_span(value) == 1:
                texts.setdefault(column, []).append(cell_text(value))
    found = []
    for index, (column, width) in enumerate(zip(table.columns, _table_widths(table, page))):
        words = [(style.text_width(word, head), word) for word in column.title.split()]
        words += [(style.text_width(word, cell), word) for text in texts.get(index, ()) for word in text.split()]
        widest, word = max(words, default=(0, ""))
        if widest > width - 2 * style.TABLE_CELL_MARGIN:
            found.append(word)
    return found


def column_cells(row: TableRow, columns: int) -> list[tuple[int, str | Cell]]:
    """Returns each cell of `row` with the first column it covers; raises ValueError when its
    cells, spans counted, do not cover the `columns` exactly (validate reports it first)."""
    placed, column = [], 0
    for cell in row_of(row).cells:
        placed.append((column, cell))
        column += cell_span(cell)
    if column != columns:
        raise ValueError(f"table row has {column} cells for {columns} columns (spans counted): {row!r}")
    return placed


# A cell of the header table: its lines, each (role, text), top to bottom.
HeaderCell = tuple[tuple[str, str], ...]


def header_cells(header: Header) -> tuple[HeaderCell, HeaderCell, HeaderCell, HeaderCell]:
    """Returns the lines of the header table's cells (§3.1): agency and national name on the
    first row, each with a rule under its last line; Số and place and date on the second."""
    return (
        (*(("parent", line) for line in header.parent), *(("issuer", line) for line in header.issuer)),
        (("national", header.national), ("motto", header.motto)),
        (("number", header.number),
         *(("excerpt" if index == 0 else "excerpt_next", line) for index, line in enumerate(header.excerpt))),
        (("place_date", header.place_date),),
    )


# Lines the plan breaks itself, by where they are printed: the role they are set in and the
# width they have (§5.2 issuer in the header's left column, §5.5 trích yếu across the page and a
# letter's V/v in the left column, §5.9 authority lines in the signature column).
LinePlace = Literal["issuer", "parent", "summary", "excerpt", "authority"]
_LINE_ROOM: dict[str, tuple[str, int]] = {
    "issuer": ("issuer", style.HEADER_COLUMNS[0] - 2 * style.LAYOUT_CELL_MARGIN),
    "parent": ("parent", style.HEADER_COLUMNS[0] - 2 * style.LAYOUT_CELL_MARGIN),
    "summary": ("summary", style.PORTRAIT.text_width),
    "excerpt": ("excerpt", style.HEADER_COLUMNS[0] - 2 * style.LAYOUT_CELL_MARGIN),
    "authority": ("authority", style.CLOSING_COLUMNS[1] - 2 * style.LAYOUT_CELL_MARGIN),
}


def line_fits(place: LinePlace, text: str) -> bool:
    """Returns whether `text`, printed as a line of `place`, stays on one line: a line the plan
    broke itself that does not fit leaves its last words on a line of their own."""
    return _lines(place, text) == 1


def leaves_word_alone(place: LinePlace, text: str) -> bool:
    """Returns whether `text`, wrapped where it is printed, leaves its last word alone on the
    last line: the text without that word takes fewer lines."""
    head, _, last = text.rpartition(" ")
    return bool(head) and _lines(place, head) < _lines(place, text)


def _lines(place: LinePlace, text: str) -> int:
    role, width = _LINE_ROOM[place]
    return style.wrapped_lines(text, style.ROLES[role].font, width)
