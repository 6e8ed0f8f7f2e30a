"""Document model → layout: the page each block is set on and each body table's column widths.

Laying out is its own step, done once per document: the writer places the blocks as the layout
says, and the page estimate (`pages`) counts the lines of the same columns, so the two can
never disagree, and fitting a table's widths (the costly part) is never done twice.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from . import style
from .document import (AppendixStart, Cell, Document, Header, Table, TableRow, cell_span, cell_text,
                       row_of)


class Layout(NamedTuple):
    """Where a document's blocks go. `pages`: the page each block is set on, by the block's
    index in `Document.blocks` (an appendix starts a page of its own, §5.12); `widths`: the
    column widths, in twips, of each body table, by the table's index."""

    pages: tuple[style.Page, ...]
    widths: dict[int, tuple[int, ...]]


def layout(document: Document) -> Layout:
    """Returns the layout of `document`; raises ValueError for a table row whose cells do not
    match its columns."""
    pages, widths = [], {}
    page = style.PORTRAIT
    for index, block in enumerate(document.blocks):
        if isinstance(block, AppendixStart):
            page = style.LANDSCAPE if block.landscape else style.PORTRAIT
        elif isinstance(block, Table):
            widths[index] = _table_widths(block, page)
        pages.append(page)
    return Layout(tuple(pages), widths)


def table_roles(table: Table) -> tuple[str, str]:
    """Returns the roles of a body table's header row and of its cells."""
    return ("table_header_dense", "table_cell_dense") if table.dense else ("table_header", "table_cell")


def _table_widths(table: Table, page: style.Page) -> tuple[int, ...]:
    """Returns the widths of a body table's columns across the text width of `page` (§5.7):
    fitted to the texts, or in proportion to the columns' widths."""
    texts: list[list[str]] = [[column.title] for column in table.columns]
    for row in table.rows:
        for column, cell in column_cells(row, len(table.columns)):
            if cell_span(cell) == 1:  # a cell across columns leaves their widths to the others
                texts[column].append(cell_text(cell))
    if not table.fit:
        return tuple(style.column_widths([column.width for column in table.columns], page.text_width))
    head_role, cell_role = table_roles(table)
    return tuple(style.fit_column_widths(texts, style.ROLES[head_role].font, style.ROLES[cell_role].font,
                                         page.text_width, style.TABLE_CELL_MARGIN))


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
