"""A Word document read as Word shows it, for `check` and `import`: each paragraph with its look
(from its own formatting, its style's through `basedOn`, or the document defaults) and the
marker Word's automatic numbering prints before it (numbering.xml), text boxes and layout
tables read as the eye reads them, and data tables as rows of cell texts.

The package is read by `docx_text.read_package`, within the limits on what kehoach reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from .docx_text import _is_layout, _rows, read_package

_OFF = {"0", "false", "off"}
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_TEXT_BOX = qn("w:txbxContent")
FALLBACK = f"{{{_MC}}}Fallback"  # the copy of a drawing for older readers: never read twice
_BULLETS = {"-": "-", "–": "-", "+": "+"}  # bullet characters kept; any other is a dash


class Styles:
    """The style sheet: a paragraph's or run's properties where the element itself has none."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._by_id: dict[str, etree._Element] = {}
        self.default_paragraph: str | None = None
        self.ppr: etree._Element | None = None
        self.rpr: etree._Element | None = None
        if styles is None:
            return
        for element in styles.iterchildren(qn("w:style")):
            style_id = element.get(qn("w:styleId"))
            if style_id:
                self._by_id[style_id] = element
                if element.get(qn("w:default")) in {"1", "true"} and element.get(qn("w:type")) == "paragraph":
                    self.default_paragraph = style_id
        self.ppr = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
        self.rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")

    def chain(self, style_id: str | None, tag: str) -> list[etree._Element]:
        """Returns the `tag` properties of `style_id` and of the styles it is based on."""
        found: list[etree._Element] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._by_id:
            seen.add(style_id)
            element = self._by_id[style_id]
            properties = element.find(qn(tag))
            if properties is not None:
                found.append(properties)
            based = element.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return found

    def paragraph_sources(self, ppr: etree._Element | None) -> tuple[list[etree._Element | None], list[etree._Element]]:
        """Returns where a paragraph's properties come from, nearest first, and its style's run
        properties."""
        style_id = attribute([ppr], "w:pStyle", "w:val") or self.default_paragraph
        return [ppr, *self.chain(style_id, "w:pPr"), self.ppr], self.chain(style_id, "w:rPr")

    def run_sources(self, rpr: etree._Element | None, paragraph_runs: list[etree._Element]) -> list[etree._Element | None]:
        """Returns where a run's properties come from, nearest first."""
        run_style = self.chain(attribute([rpr], "w:rStyle", "w:val"), "w:rPr")
        return [rpr, *run_style, *paragraph_runs, self.rpr]


def attribute(sources: Sequence[etree._Element | None], child: str, name: str) -> str | None:
    """Returns attribute `name` of the first `child` among `sources` that has it."""
    for source in sources:
        if source is None:
            continue
        element = source.find(qn(child))
        if element is not None and element.get(qn(name)) is not None:
            return element.get(qn(name))
    return None


def toggle(sources: Sequence[etree._Element | None], child: str) -> bool:
    """Returns an on/off property (bold, italic) as the first of `sources` that sets it says."""
    for source in sources:
        if source is None:
            continue
        element = source.find(qn(child))
        if element is not None:
            return element.get(qn("w:val"), "1").lower() not in _OFF
    return False


# --- automatic numbering ----------------------------------------------------------------------

@dataclass(frozen=True)
class _Level:
    format: str
    text: str
    start: int


class Numbering:
    """Word's automatic numbering (numbering.xml): the marker each numbered paragraph shows."""

    def __init__(self, root: etree._Element | None) -> None:
        self._levels: dict[str, dict[int, _Level]] = {}
        self._counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract = {element.get(qn("w:abstractNumId")): self._read_levels(element)
                    for element in root.iterchildren(qn("w:abstractNum"))}
        for num in root.iterchildren(qn("w:num")):
            reference = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(reference.get(qn("w:val")) if reference is not None else None, {}))
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                level = _int(override.get(qn("w:ilvl")))
                if start is not None and level in levels:
                    levels[level] = _Level(levels[level].format, levels[level].text, _int(start.get(qn("w:val"))))
            self._levels[num.get(qn("w:numId"))] = levels

    @staticmethod
    def _read_levels(abstract: etree._Element) -> dict[int, _Level]:
        levels = {}
        for level in abstract.iterchildren(qn("w:lvl")):
            levels[_int(level.get(qn("w:ilvl")))] = _Level(
                attribute([level], "w:numFmt", "w:val") or "decimal",
                attribute([level], "w:lvlText", "w:val") or "",
                _int(attribute([level], "w:start", "w:val") or "1"))
        return levels

    def marker(self, num_id: str | None, level: int) -> str:
        """Returns the marker of the next paragraph numbered `num_id` at `level`, counting it."""
        levels = self._levels.get(num_id or "")
        if not levels or level not in levels:
            return ""
        counters = self._counters.setdefault(num_id or "", [0] * 9)
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        counters[level] = counters[level] + 1 if counters[level] else levels[level].start
        if levels[level].format == "bullet":
            return _BULLETS.get(levels[level].text.strip(), "+" if level else "-")
        if levels[level].format == "none":
            return ""

        def number(match: re.Match[str]) -> str:
            shown = int(match.group(1)) - 1
            at = levels.get(shown)
            return _format(counters[shown] or (at.start if at else 1), at.format if at else "decimal")

        return re.sub(r"%(\d)", number, levels[level].text)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _format(value: int, number_format: str) -> str:
    if number_format in {"upperRoman", "lowerRoman"}:
        roman = ""
        for size, letters in _ROMAN:
            while value >= size:
                roman, value = roman + letters, value - size
        return roman if number_format == "upperRoman" else roman.lower()
    if number_format in {"lowerLetter", "upperLetter"}:
        letter = chr(ord("a") + (value - 1) % 26)
        return letter if number_format == "lowerLetter" else letter.upper()
    return str(value)


def _int(value: str | None) -> int:
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


# --- blocks -----------------------------------------------------------------------------------

@dataclass
class Line:
    """One paragraph as printed: its text (with the marker automatic numbering shows), how much
    of it from the start is bold, whether all of it is italic, its alignment and page."""

    text: str
    bold: int  # characters from the start that are bold
    italic: bool
    align: str
    landscape: bool = False

    @property
    def all_bold(self) -> bool:
        return bool(self.text) and self.bold >= len(self.text)


@dataclass
class Table:
    """A bordered table: its rows, each a list of its cells' texts (paragraphs joined by a space)."""

    rows: list[list[str]]
    spans: list[list[int]]  # the columns each cell spans, row by row
    widths: list[int]  # the grid's column widths, twips
    landscape: bool = False


@dataclass
class Read:
    """A document's blocks in reading order."""

    blocks: list[Line | Table] = field(default_factory=list)


def read_document(path: Path) -> Read:
    """Returns the blocks of the .docx at `path`; raises `docx_text.NotADocument` for a file
    that is not one."""
    package = read_package(path)
    body = package.document.find(qn("w:body"))
    reader = _Reader(Styles(package.styles), Numbering(package.numbering))
    read = Read(list(reader.blocks(body)) if body is not None else [])
    _mark_landscape(read.blocks, reader.section_ends)
    return read


class _Reader:
    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.section_ends: list[tuple[int, bool]] = []  # (blocks read so far, landscape)
        self.count = 0

    def blocks(self, container: etree._Element) -> Iterator[Line | Table]:
        for child in container:
            if child.tag == qn("w:p"):
                for box in child.iter(_TEXT_BOX):
                    if not any(ancestor.tag == FALLBACK for ancestor in box.iterancestors()):
                        yield from self.blocks(box)
                line = self.line(child)
                if line.text:
                    self.count += 1
                    yield line
                section = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
                if section is not None:
                    self.section_ends.append((self.count, _landscape(section)))
            elif child.tag == qn("w:tbl"):
                yield from self.table(child)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from self.blocks(content)
            elif child.tag == qn("w:sectPr"):
                self.section_ends.append((self.count, _landscape(child)))

    def table(self, table: etree._Element) -> Iterator[Line | Table]:
        if _is_layout(table):  # column by column, as the eye reads a header or a closing block
            columns: dict[int, list[Line | Table]] = {}
            for cells in _rows(table):
                for column, cell in cells:
                    columns.setdefault(column, []).extend(self.blocks(cell))
            for column in sorted(columns):
                yield from columns[column]
            return
        grid = table.find(qn("w:tblGrid"))
        widths = [_int(column.get(qn("w:w"))) for column in grid.iterchildren(qn("w:gridCol"))] \
            if grid is not None else []
        width = len(widths)
        rows, spans = [], []
        for cells in _rows(table):
            if not cells:
                continue
            starts = [column for column, _cell in cells]
            rows.append([" ".join(line.text for line in self.blocks(cell) if isinstance(line, Line))
                         for _column, cell in cells])
            spans.append([end - start for start, end in zip(starts, [*starts[1:], max(width, starts[-1] + 1)])])
        if rows:
            self.count += 1
            yield Table(rows, spans, widths)

    def line(self, paragraph: etree._Element) -> Line:
        ppr = paragraph.find(qn("w:pPr"))
        sources, style_runs = self.styles.paragraph_sources(ppr)
        pieces: list[tuple[str, bool, bool]] = []
        for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
            if inside_box(node, paragraph):
                continue
            run = node.getparent()
            run_sources = self.styles.run_sources(run.find(qn("w:rPr")), style_runs)
            text = node.text or "" if node.tag == qn("w:t") else "\t" if node.tag == qn("w:tab") else "\n"
            pieces.append((text, toggle(run_sources, "w:b"), toggle(run_sources, "w:i")))
        marker = self.marker(sources)
        raw = "".join(text for text, _bold, _italic in pieces)
        text = raw.strip()
        bold = 0
        lead = len(raw) - len(raw.lstrip())
        for piece, is_bold, _italic in pieces:
            if not is_bold and piece.strip():
                break
            bold += len(piece)
        bold = max(0, bold - lead)
        italic = bool(text) and all(is_italic for piece, _bold, is_italic in pieces if piece.strip())
        if marker and text:
            text, bold = f"{marker} {text}", bold + len(marker) + 1 if bold else 0
        align = attribute(sources, "w:jc", "w:val") or "left"
        return Line(text, bold, italic, {"both": "justify", "distribute": "justify"}.get(align, align))

    def marker(self, sources: list[etree._Element | None]) -> str:
        """Returns what automatic numbering prints before the paragraph, "" if nothing."""
        for source in sources:
            numbering = source.find(qn("w:numPr")) if source is not None else None
            if numbering is not None:
                num = attribute([numbering], "w:numId", "w:val")
                level = _int(attribute([numbering], "w:ilvl", "w:val"))
                return self.numbering.marker(num, level) if num and num != "0" else ""
        return ""


def inside_box(node: etree._Element, paragraph: etree._Element) -> bool:
    """Whether `node` is in a text box (or a fallback copy of one) inside `paragraph`: read apart."""
    for ancestor in node.iterancestors():
        if ancestor is paragraph:
            return False
        if ancestor.tag in {_TEXT_BOX, FALLBACK}:
            return True
    return False


def _landscape(section: etree._Element) -> bool:
    size = section.find(qn("w:pgSz"))
    if size is None:
        return False
    return size.get(qn("w:orient")) == "landscape" or _int(size.get(qn("w:w"))) > _int(size.get(qn("w:h")))


def _mark_landscape(blocks: list[Line | Table], ends: list[tuple[int, bool]]) -> None:
    """Marks the blocks of each landscape section (a section ends at its `w:sectPr`)."""
    start = 0
    for end, landscape in ends:
        for block in blocks[start:end]:
            block.landscape = landscape
        start = end
