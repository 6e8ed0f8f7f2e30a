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
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from docx.oxml.ns import qn
from docx.oxml.parser import element_class_lookup
from lxml import etree

from ..document.model import CELL_SEPARATOR
from ..errors import KehoachError

# What kehoach reads of a .docx it did not write (README "Limits on what is read"): a plan's
# document is ~100 KB of XML nested ~10 deep, so these refuse only what no plan could be.
MAX_PART_MB = 64  # each part read (the relationships, the main document), once decompressed
MAX_DEPTH = 100  # elements inside one another: a table in a cell adds 3, Word stops far sooner
_MAX_PART_BYTES = MAX_PART_MB * 1024 * 1024
_CHUNK = 64 * 1024  # bytes decompressed and parsed at a time, so memory stays bounded
_OFFICE_DOCUMENT = "/officeDocument"  # the end of the main part's relationship type (ECMA-376 Part 2)
_PACKAGE_RELS = "_rels/.rels"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationships"
_HIDDEN_EDGES = {"nil", "none"}


class NotADocument(KehoachError):
    """The file cannot be read as a .docx package; `reason` says why, for the CLI to word
    (`missing`, `not_docx`, `too_large`, `too_deep`)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class _Refused(Exception):
    """A limit was passed while reading; `reason` is `too_large` or `too_deep`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def docx_lines(path: Path) -> list[str]:
    """Returns the text of the .docx at `path`, one entry per non-empty paragraph or table row.

    Raises `NotADocument` when `path` is missing, not a Word package, or past the limits.
    """
    return [line for block in body_blocks(path) for line in _block_lines(block)]


def body_blocks(path: Path) -> Iterator[etree._Element]:
    """Yields the blocks (paragraphs, tables, content controls) of the body of the .docx at
    `path` in order, reading within `MAX_PART_MB` and `MAX_DEPTH` in bounded memory: each block
    is dropped once the next is asked for, so keep what you need of it, not the element.

    Raises `NotADocument` when `path` is missing, not a Word package, or past the limits.
    """
    if not path.exists():
        raise NotADocument(path, "missing")
    if not path.is_file():  # a folder, a FIFO: never opened, never waited on
        raise NotADocument(path, "not_docx")
    try:
        with zipfile.ZipFile(path) as package:
            yield from _body_blocks(package, _main_part(package))
    except _Refused as refused:
        raise NotADocument(path, refused.reason) from None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError,
            etree.XMLSyntaxError) as error:
        raise NotADocument(path, "not_docx") from error


class WordPackage(NamedTuple):
    """What `check` and `import` read of a .docx, each part whole and within the limits: the
    main document, and its style sheet and numbering definitions when it has them."""

    document: etree._Element
    styles: etree._Element | None
    numbering: etree._Element | None


def read_package(path: Path) -> WordPackage:
    """Returns the parts of the .docx at `path` that say how it looks, each read within
    `MAX_PART_MB` and `MAX_DEPTH`. Raises `NotADocument` as `body_blocks` does."""
    if not path.exists():
        raise NotADocument(path, "missing")
    if not path.is_file():
        raise NotADocument(path, "not_docx")
    try:
        with zipfile.ZipFile(path) as package:
            main = _main_part(package)
            related = _related_parts(package, main)
            return WordPackage(
                _whole(package, main, qn("w:document")),
                _whole(package, related["styles"], qn("w:styles")) if "styles" in related else None,
                _whole(package, related["numbering"], qn("w:numbering")) if "numbering" in related else None)
    except _Refused as refused:
        raise NotADocument(path, refused.reason) from None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError, StopIteration,
            etree.XMLSyntaxError) as error:
        raise NotADocument(path, "not_docx") from error


def _whole(package: zipfile.ZipFile, part: str, root: str) -> etree._Element:
    """Returns the root element of `part`, which must be `root`, read whole within the limits."""
    return next(_elements(package, part, root, depth=1))


def _related_parts(package: zipfile.ZipFile, main: str) -> dict[str, str]:
    """Returns the parts the main document relates to by the end of their type ("styles",
    "numbering"), as names in `package`; a part it names but the package lacks is left out."""
    folder = PurePosixPath(main).parent
    relationships = str(folder / "_rels" / f"{PurePosixPath(main).name}.rels")
    if relationships not in package.namelist():
        return {}
    parts = {}
    for relationship in _elements(package, relationships, _RELATIONSHIPS, depth=2):
        target = relationship.get("Target", "")
        name = PurePosixPath("/", target).relative_to("/") if target.startswith("/") else folder / target
        if str(name) in package.namelist():
            parts[relationship.get("Type", "").rpartition("/")[2]] = str(name)
    return parts


def _main_part(package: zipfile.ZipFile) -> str:
    """Returns the name in `package` of its main document, as the package's relationships say."""
    for relationship in _elements(package, _PACKAGE_RELS, _RELATIONSHIPS, depth=2):
        if relationship.get("Type", "").endswith(_OFFICE_DOCUMENT):
            return str(PurePosixPath("/", relationship.get("Target", "")).relative_to("/"))
    raise KeyError(_OFFICE_DOCUMENT)


def _body_blocks(package: zipfile.ZipFile, part: str) -> Iterator[etree._Element]:
    """Yields each child of the body of `part`, then drops it (and the ones before it)."""
    body = qn("w:body")
    for block in _elements(package, part, qn("w:document"), depth=3):
        parent = block.getparent()
        if parent is None or parent.tag != body:
            continue
        yield block
        block.clear()
        while block.getprevious() is not None:
            del parent[0]


def _elements(package: zipfile.ZipFile, part: str, root: str, depth: int) -> Iterator[etree._Element]:
    """Yields each element `depth` deep in `part` (its root, which must be `root`, is 1 deep)
    once the element is whole, refusing XML nested more than `MAX_DEPTH` deep."""
    parser = etree.XMLPullParser(events=("start", "end"), resolve_entities=False,
                                 no_network=True, huge_tree=False)
    parser.set_element_class_lookup(element_class_lookup)  # python-docx's CT_P.text and kin
    level = 0
    for event, element in _events(parser, _part_bytes(package, part)):
        if event == "end":
            level -= 1
            if level == depth - 1:
                yield element
            continue
        level += 1
        if level > MAX_DEPTH:
            raise _Refused("too_deep")
        if level == 1 and element.tag != root:
            raise ValueError(f"{part} is not {root}")


def _events(parser: etree.XMLPullParser, chunks: Iterator[bytes]) -> Iterator[tuple[str, etree._Element]]:
    """Yields the parse events of `chunks` fed to `parser`, as they come."""
    for chunk in chunks:
        try:
            parser.feed(chunk)
        except etree.XMLSyntaxError:
            # libxml2 stops at 256 levels: give what it parsed, where `MAX_DEPTH` is met first.
            yield from parser.read_events()
            raise
        yield from parser.read_events()
    parser.close()
    yield from parser.read_events()


def _part_bytes(package: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """Yields the decompressed bytes of `part` in chunks, refusing it before reading when its
    size is past `_MAX_PART_BYTES`.

    A header may understate the size: zipfile's reader stops at the size the central directory
    declares (and a short read then fails as XML or as a bad CRC), so what is read is bounded
    by the size checked here (tests/test_docx_limits.py, the lying header).
    """
    info = package.getinfo(part)
    if info.file_size > _MAX_PART_BYTES:
        raise _Refused("too_large")
    with package.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            yield chunk


def _block_lines(block: etree._Element) -> Iterator[str]:
    """Yields the lines of one block: a paragraph, a table, or a content control's blocks."""
    if block.tag == qn("w:p"):
        text = _paragraph_text(block)
        if text.strip():
            yield text
    elif block.tag == qn("w:tbl"):
        yield from (_layout_lines(block) if _is_layout(block) else _data_lines(block))
    elif block.tag == qn("w:sdt"):  # a content control wraps blocks of its own
        content = block.find(qn("w:sdtContent"))
        if content is not None:
            yield from _blocks(content)


def _blocks(container: etree._Element) -> Iterator[str]:
    """Yields the lines of the paragraphs and tables of `container` in document order."""
    for child in container:
        yield from _block_lines(child)


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
