"""The document model: what an official document contains, by role, never how it looks.

Templates produce it (through `render`), the writer turns it into .docx; like pandoc's AST,
blocks say what content is (a heading of level 2, a list item with marker "a)"), and the style
module alone decides fonts, sizes and spacing. Markers and numbers arrive already formatted.
"""

# The records are named tuples, not dataclasses: a frozen dataclass `exec`s its generated
# methods at import, 6 ms of `kehoach build` start-up for these 15 classes. As in `model`,
# annotations are evaluated, not postponed (no `from __future__ import annotations`):
# NamedTuple would compile each annotation string into a ForwardRef. Equality is a tuple's
# (a record equals a plain tuple, or another kind of record, of the same values).
from typing import Literal, NamedTuple, Union


class Span(NamedTuple):
    """A run of text with its emphasis; emphasis is meaning (a quoted title), not a font."""

    text: str
    bold: bool = False
    italic: bool = False


class RichText(str):
    """A table cell's text with bold or italic words: as a `str`, its words alone (what is
    measured and dumped as text); `spans`, how they print. A plain cell is a plain `str`."""

    spans: tuple[Span, ...]

    def __new__(cls, spans: tuple[Span, ...]) -> "RichText":
        text = super().__new__(cls, "".join(span.text for span in spans))
        text.spans = spans
        return text


class Header(NamedTuple):
    """The two-column first-page header (nd30-format §3.1, ô 1-4 and 5b).

    `parent` and `issuer` are lines as printed (already uppercase); `number` is the whole
    "Số: …" line; `excerpt` is the "V/v …" line of a công văn, None for other documents.
    """

    issuer: tuple[str, ...]
    number: str
    place_date: str
    parent: tuple[str, ...] = ()
    national: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto: str = "Độc lập - Tự do - Hạnh phúc"
    excerpt: tuple[str, ...] = ()


class Title(NamedTuple):
    """Tên loại and trích yếu (ô 5a): `kind` uppercase, `summary` one entry per printed line."""

    kind: str
    summary: tuple[str, ...]


class Addressee(NamedTuple):
    """"Kính gửi:" (ô 9a); one recipient goes on the same line, several as a dashed list."""

    recipients: tuple[str, ...]
    label: str = "Kính gửi:"


class PartHeading(NamedTuple):
    """A part above the roman sections: a label line ("Phần thứ nhất") and an uppercase title."""

    label: str
    title: str


class Heading(NamedTuple):
    """A numbered heading inside the body: level 1 is "I. MỤC ĐÍCH, YÊU CẦU", level 2 "1. Mục đích"."""

    level: int
    marker: str
    text: str


ParagraphRole = Literal["body", "basis", "center", "note"]


class Paragraph(NamedTuple):
    """A body paragraph; `marker` ("a)", "-", "+", "1.") is printed before the text.

    Roles: "body" (justified, indented), "basis" (căn cứ: italic body), "center" (a centred
    line such as an appendix note), "note" (a smaller line, e.g. under a table).
    `level` is the list depth of a marked paragraph (0 for plain paragraphs).
    """

    spans: tuple[Span, ...]
    marker: str = ""
    level: int = 0
    role: ParagraphRole = "body"

    @property
    def text(self) -> str:
        body = "".join(span.text for span in self.spans)
        return f"{self.marker} {body}" if self.marker else body


Align = Literal["left", "center", "right", "justify"]


class Column(NamedTuple):
    """A table column: header text, share of the table width (any positive numbers), alignment."""

    title: str
    width: float = 1.0
    align: Align = "left"


class Cell(NamedTuple):
    """A table cell richer than one line of text: several paragraphs (a point has the marker
    "-"), spanning `span` columns, or bold as a whole."""

    paragraphs: tuple[Paragraph, ...]
    span: int = 1
    bold: bool = False

    @property
    def text(self) -> str:
        return " ".join(paragraph.text for paragraph in self.paragraphs)


class Row(NamedTuple):
    """A table row with more than plain cells: a `group` row (one bold cell across the table,
    a group title such as "I. CÔNG TÁC TUYÊN TRUYỀN"), or a `bold` row."""

    cells: tuple[Union[str, Cell], ...]
    group: bool = False
    bold: bool = False


# A row of a table: plain cells (the common case, a tuple of texts) or a `Row`.
TableRow = Union[Row, tuple[str, ...]]


def row_of(row: TableRow) -> Row:
    """Returns `row` as a `Row`: a tuple of texts is a plain row."""
    return row if isinstance(row, Row) else Row(row)


def cell_text(cell: Union[str, Cell]) -> str:
    """Returns a cell's text as one line: its paragraphs joined by spaces, as measured and dumped."""
    return cell.text if isinstance(cell, Cell) else cell


def bolder(spans: tuple[Span, ...], bold: bool) -> tuple[Span, ...]:
    """Returns `spans`, all bold when `bold` (a bold cell or row); else as they are."""
    return tuple(Span(span.text, True, span.italic) for span in spans) if bold else spans


def cell_span(cell: Union[str, Cell]) -> int:
    return cell.span if isinstance(cell, Cell) else 1


class Table(NamedTuple):
    """A bordered table in the body: one header row (repeated on every page), then `rows`.

    A row breaks across pages only when the layout finds it tall. Cell values arrive as
    formatted text (`RichText` when some words are bold or italic, `Cell` for several
    paragraphs, a span or a bold cell); a row is a tuple of cells, or a `Row` when it is a group
    row or bold. `fit`: the columns share the width by the text they hold (their `width` is then
    ignored), so that no word breaks and long texts get the room; `dense`: a table of many long
    rows that must stay compact (a task sheet on one page).
    """

    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    fit: bool = False
    dense: bool = False


class Closing(NamedTuple):
    """The bottom table (§3.2): recipients on the left, signature block on the right.

    `recipients` are the list lines as printed ("- …;" … "- Lưu: VT, CSXH.");
    `authority` the uppercase lines (prefix lines and titles); `signer` the name; `drafter`
    the ô 12 line under the list ("NVA.(300)": drafter's initials, copies issued), or "".
    """

    recipients: tuple[str, ...]
    authority: tuple[str, ...]
    signer: str
    recipients_label: str = "Nơi nhận:"
    drafter: str = ""


class AppendixStart(NamedTuple):
    """Opens an appendix: new section, page numbers restarting at 1 (nd30-format §5.12).

    `label` is "Phụ lục" or "Phụ lục I"; `title` uppercase (may be empty); `reference` the
    italic "(Kèm theo … )" line.
    """

    label: str
    title: str
    reference: str
    landscape: bool = False


Block = Union[Title, Addressee, PartHeading, Heading, Paragraph, Table, Closing, AppendixStart]

DocumentKind = Literal["plan", "letter", "sheet", "report"]


class Properties(NamedTuple):
    """Document properties stored in docProps/core.xml; taken from the plan, never the clock."""

    title: str
    subject: str = ""
    author: str = ""
    created: str = "2000-01-01T00:00:00Z"  # W3CDTF, from the plan's date


class Document(NamedTuple):
    """A whole document: the first-page header, then blocks in reading order."""

    kind: DocumentKind
    header: Header
    blocks: tuple[Block, ...]
    properties: Properties = Properties(title="")


# How a table row reads as one line of plain text (`plain_text`, `kehoach text`, `kehoach diff`).
CELL_SEPARATOR = " | "


def plain_text(document: Document) -> list[str]:
    """Returns the document's text, one entry per printed paragraph, tables row by row."""
    lines: list[str] = [*document.header.parent, *document.header.issuer, document.header.number,
                        *document.header.excerpt, document.header.national, document.header.motto,
                        document.header.place_date]
    for block in document.blocks:
        match block:
            case Title(kind, summary):
                lines += [kind, *summary]
            case Addressee(recipients, label):
                lines += [f"{label} {recipients[0]}"] if len(recipients) == 1 else [label, *recipients]
            case PartHeading(label, title):
                lines += [label, title]
            case Heading(_, marker, text):
                lines.append(f"{marker} {text}")
            case Paragraph():
                lines.append(block.text)
            case Table(columns, rows):
                lines.append(CELL_SEPARATOR.join(column.title for column in columns))
                lines += [CELL_SEPARATOR.join(cell_text(cell) for cell in row_of(row).cells) for row in rows]
            case Closing(recipients, authority, signer, label, drafter):
                lines += [label, *recipients, *([drafter] if drafter else []), *authority, signer]
            case AppendixStart(label, title, reference):
                lines += [label, *([title] if title else []), reference]
    return lines
