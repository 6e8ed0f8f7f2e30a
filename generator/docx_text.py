"""A .docx read back as plain text: one printed paragraph a line, tables row by row.

What `kehoach text` prints, and what git shows for a committed document through
`diff.kehoach-docx.textconv` (README). For a document kehoach built, the lines are those of
`document.plain_text`: a borderless layout table (the first-page header, the closing block) is
read column by column as the eye reads it (issuer and number, then the national name and the
date; recipients, then the signature), a bordered table one row a line with its cells joined
by " | ". Empty paragraphs (rules, spacers, the signature gap) are left out.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import docx.document
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from lxml import etree

from .document import CELL_SEPARATOR
from .errors import KehoachError
_HIDDEN_EDGES = {"nil", "none"}


class NotADocument(KehoachError):
    """The file cannot be read as a .docx package; `reason` says why, for the CLI to word."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def docx_lines(path: Path) -> list[str]:
    """Returns the text of the .docx at `path`, one entry per non-empty paragraph or table row.

    Raises `NotADocument` when `path` is missing or not a Word package.
    """
    document = open_docx(path)
    if document.element.body is None:  # pragma: no cover - python-docx always gives a body
        return []
    return list(_blocks(document.element.body))


def open_docx(path: Path) -> docx.document.Document:
    """Returns the .docx at `path` read by python-docx: the one place kehoach opens a Word
    package (`text`, `check`, `import`). Raises `NotADocument` when `path` is missing or not one."""
    if not path.exists():
        raise NotADocument(path, "missing")
    if not path.is_file():  # python-docx would read a folder as an unzipped package
        raise NotADocument(path, "not_docx")
    try:
        document = docx.Document(str(path))
    except (OpcError, OSError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise NotADocument(path, "not_docx") from error
    return document


def _blocks(container: etree._Element) -> Iterator[str]:
    """Yields the lines of the paragraphs and tables of `container` in document order."""
    for child in container:
        if child.tag == qn("w:p"):
            text = _paragraph_text(child)
            if text.strip():
                yield text
        elif child.tag == qn("w:tbl"):
            yield from (_layout_lines(child) if _is_layout(child) else _data_lines(child))
        elif child.tag == qn("w:sdt"):  # a content control wraps blocks of its own
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _paragraph_text(paragraph: etree._Element) -> str:
    # CT_P.text maps runs, tabs, breaks and hyperlinks as python-docx's Paragraph.text does.
    return paragraph.text or ""


def _is_layout(table: etree._Element) -> bool:
    """Returns whether `table` only places blocks side by side: no style, every border hidden."""
    properties = table.find(qn("w:tblPr"))
    if properties is None or properties.find(qn("w:tblStyle")) is not None:
        return False
    borders = properties.find(qn("w:tblBorders"))
    if borders is None:
        return False
    return all(edge.get(qn("w:val")) in _HIDDEN_EDGES for edge in borders)


def _rows(table: etree._Element) -> Iterator[list[tuple[int, etree._Element]]]:
    """Yields each row as (first grid column, cell) pairs; a vertically merged continuation
    cell is left out, its text being in the cell it continues."""
    for row in table.iterchildren(qn("w:tr")):
        cells: list[tuple[int, etree._Element]] = []
        column = 0
        for cell in row.iterchildren(qn("w:tc")):
            properties = cell.find(qn("w:tcPr"))
            span, merged = 1, False
            if properties is not None:
                grid_span = properties.find(qn("w:gridSpan"))
                if grid_span is not None:
                    span = int(grid_span.get(qn("w:val"), "1"))
                v_merge = properties.find(qn("w:vMerge"))
                merged = v_merge is not None and v_merge.get(qn("w:val"), "continue") == "continue"
            if not merged:
                cells.append((column, cell))
            column += span
        yield cells


def _layout_lines(table: etree._Element) -> Iterator[str]:
    """Yields a layout table's lines column by column, each column top to bottom."""
    columns: dict[int, list[str]] = {}
    for cells in _rows(table):
        for column, cell in cells:
            columns.setdefault(column, []).extend(_blocks(cell))
    for column in sorted(columns):
        yield from columns[column]


def _data_lines(table: etree._Element) -> Iterator[str]:
    """Yields one line per row of a bordered table, cells joined by `CELL_SEPARATOR`."""
    for cells in _rows(table):
        if cells:
            yield CELL_SEPARATOR.join(" ".join(_blocks(cell)) for _, cell in cells)
