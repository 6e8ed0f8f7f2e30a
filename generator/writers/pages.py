"""How many pages a document model will print on, estimated from `style` and the document's
layout (the column widths the writer sets its tables in): for the warning that a task sheet, meant for one page, runs onto more.

The estimate lays the document out as LibreOffice does: lines broken at spaces, a line as tall
as the fonts' line height, the larger of two neighbouring paragraphs' spacings between them,
table rows kept whole unless the layout lets them break, and the header row repeated on each
page. It knows the blocks of a task sheet (the header, the title, paragraphs, headings and
tables); for any other it says nothing.
"""

from __future__ import annotations

from functools import lru_cache

from ..document import style
from ..document.model import Document, Header, Heading, Paragraph, Table, Title
from .layout import Layout, header_cells, layout as laid_out, row_height, table_roles, table_row_height


def page_count(document: Document, layout: Layout | None = None) -> int | None:
    """Returns the pages `document` set out as `layout` (laid out here when not given) will
    take, or None when it holds a block that this estimate does not lay out (it is meant for
    task sheets, on portrait pages)."""
    if layout is None:
        layout = laid_out(document)
    page = style.PORTRAIT
    width = page.text_width
    flow = _Stack()
    flow.height = _header_height(document.header)
    pages = 1
    for index, block in enumerate(document.blocks):
        if isinstance(block, Paragraph):
            text = " ".join(span.text for span in block.spans)
            flow.add(block.role, f"{block.marker} {text}" if block.marker else text, width)
        elif isinstance(block, Heading):
            flow.add("heading", f"{block.marker} {block.text}" if block.marker else block.text, width)
        elif isinstance(block, Title):
            flow.add("kind", block.kind, width)
            for line in block.summary:
                flow.add("summary", line, width)
            if block.summary:
                flow.add_rule(style.RULE_AFTER_SUMMARY)
        elif isinstance(block, Table):
            end, pages = _table_end(block, layout.widths[index], layout.split.get(index, frozenset()), page,
                                    flow.close(), pages)
            flow = _Stack()
            flow.height = end
        else:
            return None
        if flow.close() > page.text_height:  # a paragraph runs onto the next page
            pages, flow.height = pages + 1, flow.close() - page.text_height
    return pages


class _Stack:
    """Paragraphs stacked down a page or a table cell; `height` in twips."""

    def __init__(self) -> None:
        self.height = 0.0
        self._after = 0.0

    def add(self, role: str, text: str, width: float) -> None:
        look = style.ROLES[role]
        lines = style.wrapped_lines(text, look.font, width - look.para.left - look.para.right)
        self._add(look.para, look.font, lines)

    def add_rule(self, after: int = 0) -> None:
        """A rule (§4 "Lines"): a tiny empty paragraph and its bottom border."""
        self._add(style.RULE.para._replace(after=after), style.RULE.font, 1)
        self.height += style.pt(style.RULE_BORDER / 8 + style.RULE_BORDER_SPACE)

    def _add(self, para: style.Para, font: style.Font, lines: int) -> None:
        # Between two paragraphs the larger of the one's space after and the next's space
        # before, as LibreOffice lays out a Word document.
        self.height += max(self._after, para.before) + lines * style.line_pitch(para, font)
        self._after = para.after

    def close(self) -> float:
        return self.height + self._after


@lru_cache(maxsize=1)  # a plan's task sheets share one header
def _header_height(header: Header) -> float:
    """Returns the height of the header table (§3.1), with the writer's lines and rules."""
    left, right = (width - 2 * style.LAYOUT_CELL_MARGIN for width in style.HEADER_COLUMNS)
    agency, national, number, date = cells = _Stack(), _Stack(), _Stack(), _Stack()
    for stack, lines, width in zip(cells, header_cells(header), (left, right, left, right)):
        for role, text in lines:
            stack.add(role, text, width)
    agency.add_rule()
    national.add_rule()
    return max(agency.close(), national.close()) + max(number.close(), date.close())


def _table_end(table: Table, widths: tuple[int, ...], split: frozenset[int], page: style.Page,
               top: float, pages: int) -> tuple[float, int]:
    """Returns where `table`, in columns of `widths`, ends and on which page, when it starts
    `top` twips down page `pages`: a row that does not fit goes whole to the next page, under
    the header row, unless it is one of the `split` rows, which fill the page and go on."""
    head_role, cell_role = table_roles(table)
    head = row_height(head_role, (column.title for column in table.columns), widths)
    end = top + head
    for number, values in enumerate(table.rows):
        row = table_row_height(cell_role, values, widths)
        while number in split and end + row > page.text_height > end + style.pt(12):  # a line's room
            pages, row, end = pages + 1, row - (page.text_height - end), head
        if end + row > page.text_height and end > head:
            pages, end = pages + 1, head
        end += row
    return end, pages
