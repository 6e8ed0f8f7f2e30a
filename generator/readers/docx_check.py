"""`kehoach check`: a .docx, made by kehoach or typed in Word, held against Decree 30's format rules.

The rules are those `style` states for the writer (its roles, and the ranges it allows around
them), so a document kehoach writes always checks clean. The document is read as Word shows
it: a paragraph's or run's look is its own formatting, else its style's (through `basedOn`),
else the document defaults. Elements are found by their text (the Số line, the date, "Nơi
nhận:"), not by position, so that a header typed in paragraphs or a table is read alike.

Each departure is located by its paragraph: the n-th paragraph of the document in reading
order, tables' paragraphs included, counted from 1 (0: the page setup).
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from ..document import style
from ..document.model import Header
from .docx_reader import FALLBACK, Styles, attribute, inside_box, toggle
from .docx_text import read_package

_NATIONAL = Header._field_defaults["national"]
_MOTTO = Header._field_defaults["motto"]
_JC = {"both": "justify", "distribute": "justify", "start": "left", "end": "right"}
_BLACK = {None, "auto", "000000"}
_NUMBER_FORM = re.compile(r"Số: (\d{2,}| +)/[A-ZĐ0-9&]+(-[A-ZĐ0-9&]+)*$")
_DATE = re.compile(r"(?P<place>[^,]+), ngày (?P<day>\s*\d*\s*) tháng (?P<month>\s*\d*\s*) năm (?P<year>\d{4})$")
_POINT = re.compile(r"([a-zđ])\)\s")
_NUMBERED = re.compile(r"(\d+(\.\d+)*\.|[IVXLC]+\.|Phần\b|\(\d+\))\s*")
_ARCHIVE = re.compile(r"-\s*Lưu\s*:")
_KINDS = {"KẾ HOẠCH": "plan", "BÁO CÁO": "report"}


@dataclass(frozen=True)
class Departure:
    """One departure from Decree 30: `code` names the rule, `element` the element it concerns
    (a role of `style.ROLES`, or ""), `found` and `expected` what the message quotes."""

    code: str
    paragraph: int
    text: str
    element: str = ""
    found: str = ""
    expected: str = ""
    page: int | None = None  # with `with_pages`: the page it is on, as LibreOffice lays it out


@dataclass
class Checked:
    """What `check` found in one document: what it is and its departures."""

    kind: str  # "plan", "report", "letter" (công văn) or "other"
    title: str  # the tên loại as printed, or the V/v line of a công văn
    departures: list[Departure] = field(default_factory=list)


@dataclass(frozen=True)
class _Run:
    text: str
    font: str | None
    size: float | None
    bold: bool
    italic: bool
    color: str | None


@dataclass
class _Para:
    """A paragraph as Word shows it: its text, layout (twips) and runs."""

    number: int
    text: str
    align: str
    before: int
    after: int
    line: int
    line_rule: str
    first_line: int
    border: bool
    runs: list[_Run]
    cell: etree._Element | None  # the table cell it is in, if any
    mark_size: float | None

    @property
    def column(self) -> tuple[etree._Element, int] | None:
        """The table and the column of its cell, if it is in one."""
        if self.cell is None:
            return None
        row = self.cell.getparent()
        return row.getparent(), list(row.iterchildren(qn("w:tc"))).index(self.cell)

    @property
    def size(self) -> float | None:
        """The size of its text (the first run's), else of its paragraph mark."""
        return next((run.size for run in self.runs), self.mark_size)


def _run_look(sources: Sequence[etree._Element | None]) -> tuple[str | None, float | None, bool, bool, str | None]:
    font = attribute(sources, "w:rFonts", "w:ascii") or attribute(sources, "w:rFonts", "w:asciiTheme")
    size = attribute(sources, "w:sz", "w:val")
    return (font, int(size) / 2 if size and size.isdigit() else None, toggle(sources, "w:b"),
            toggle(sources, "w:i"), attribute(sources, "w:color", "w:val"))


def _int(value: str | None) -> int:
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


def _paragraph(element: etree._Element, number: int, styles: Styles) -> _Para:
    ppr = element.find(qn("w:pPr"))
    para_sources, style_runs = styles.paragraph_sources(ppr)
    runs, texts = [], []
    for run in element.iter(qn("w:r")):
        if inside_box(run, element):
            continue  # a text box's paragraphs are read as paragraphs of their own
        text = "".join(node.text or "" if node.tag == qn("w:t") else "\t"
                       for node in run.iter(qn("w:t"), qn("w:tab")) if not inside_box(node, element))
        texts.append(text)  # tabs kept: a header typed in two columns has them between
        if text.strip():
            runs.append(_Run(text, *_run_look(styles.run_sources(run.find(qn("w:rPr")), style_runs))))
    mark = ppr.find(qn("w:rPr")) if ppr is not None else None
    align = attribute(para_sources, "w:jc", "w:val") or "left"
    hanging = _int(attribute(para_sources, "w:ind", "w:hanging"))
    cell = next((ancestor for ancestor in element.iterancestors(qn("w:tc"))), None)
    return _Para(
        number=number, text=unicodedata.normalize("NFC", "".join(texts)).strip(),
        align=_JC.get(align, align), before=_int(attribute(para_sources, "w:spacing", "w:before")),
        after=_int(attribute(para_sources, "w:spacing", "w:after")),
        line=_int(attribute(para_sources, "w:spacing", "w:line")) or 240,
        line_rule=attribute(para_sources, "w:spacing", "w:lineRule") or "auto",
        first_line=-hanging if hanging else _int(attribute(para_sources, "w:ind", "w:firstLine")),
        border=_has_rule(element, para_sources), runs=runs, cell=cell,
        mark_size=_run_look([mark, *style_runs, styles.rpr])[1])


def _has_rule(element: etree._Element, sources: Sequence[etree._Element | None]) -> bool:
    """Returns whether the paragraph draws a line: a bottom border, a drawn shape or underscores."""
    for source in sources:
        if source is not None and source.find(f"{qn('w:pBdr')}/{qn('w:bottom')}") is not None:
            return True
    text = "".join(node.text or "" for node in element.iter(qn("w:t")))
    shapes = element.iter("{urn:schemas-microsoft-com:vml}line", qn("w:drawing"), qn("w:pict"))
    return next(shapes, None) is not None or "___" in text


def read_paragraphs(path: Path) -> tuple[list[_Para], list[tuple[int, etree._Element]]]:
    """Returns the paragraphs of the .docx at `path` and its sections (the paragraph that ends
    each, with its `w:sectPr`). Raises `docx_text.NotADocument` for a file that is not one."""
    package = read_package(path)
    body = package.document.find(qn("w:body"))
    if body is None:
        return [], []
    styles = Styles(package.styles)
    elements = [element for element in body.iter(qn("w:p"))
                if not any(ancestor.tag == FALLBACK for ancestor in element.iterancestors())]
    paragraphs = [_paragraph(element, number, styles) for number, element in enumerate(elements, start=1)]
    sections = [(number, element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}"))
                for number, element in enumerate(elements, start=1)
                if element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    final = body.find(qn("w:sectPr"))
    if final is not None:
        sections.append((len(paragraphs), final))
    return paragraphs, sections


# --- the check ------------------------------------------------------------------------------

def with_pages(path: Path, checked: Checked) -> Checked:
    """Returns `checked` with the page of each departure, from the document laid out by
    LibreOffice: the first page from the previous departure's on whose text the paragraph's
    opening words are. Raises `pdf.ToolMissing` or `pdf.ConversionFailed`."""
    from ..writers import pdf

    converted = pdf.convert([path], "pdf")[path]
    with tempfile.TemporaryDirectory(prefix="kehoach-check-") as work:
        laid_out = Path(work) / "document.pdf"
        laid_out.write_bytes(converted)
        pages = [" ".join(text.split()) for text in pdf.page_texts(laid_out)]
    located = list(checked.departures)
    start = 0
    for index in sorted(range(len(located)), key=lambda index: located[index].paragraph):
        opening = " ".join(located[index].text.split()[:5])
        page = next((number for number in range(start, len(pages)) if opening and opening in pages[number]), None)
        if page is not None:
            start = page
            located[index] = replace(located[index], page=page + 1)
    return Checked(checked.kind, checked.title, located)


def check(path: Path) -> Checked:
    """Returns what the .docx at `path` is and each departure from Decree 30 in it."""
    paragraphs, sections = read_paragraphs(path)
    return _Checker(paragraphs).run(sections)


class _Checker:
    def __init__(self, paragraphs: list[_Para]) -> None:
        self.paragraphs = paragraphs
        self.found: list[Departure] = []

    def flag(self, code: str, para: _Para | None, element: str = "", found: object = "",
             expected: object = "") -> None:
        self.found.append(Departure(code, para.number if para else 0, para.text if para else "",
                                    element, str(found), str(expected)))

    def find(self, test: re.Pattern[str] | str, start: int = 0, stop: int | None = None) -> int | None:
        """Returns the index of the first paragraph from `start` that `test` matches: a text or
        a pattern at its start, or at the start of a column of a line typed with tabs."""
        for index in range(start, len(self.paragraphs) if stop is None else stop):
            for piece in self.paragraphs[index].text.split("\t"):
                piece = piece.strip()
                if test.match(piece) if isinstance(test, re.Pattern) else piece.startswith(test):
                    return index
        return None

    def run(self, sections: list[tuple[int, etree._Element]]) -> Checked:
        for number, section in sections:
            self.page(number, section)
        for para in self.paragraphs:
            self.fonts(para)
        closing = self.find(re.compile(r"Nơi nhận\b"))
        top = closing if closing is not None else len(self.paragraphs)
        excerpt = self.find(re.compile(r"V/v\b"), 0, top)
        header_end = self.header(top, excerpt)
        if excerpt is not None:
            kind, title = "letter", self.paragraphs[excerpt].text
            self.look(self.paragraphs[excerpt], "excerpt")
            body_start = self.addressee(header_end, top)
        else:
            kind, title, body_start = self.title(header_end, top)
            body_start = self.after_addressee(body_start, top)  # a report sent upwards has one
        self.body(body_start, top)
        if closing is not None:
            self.closing(closing)
        elif kind != "other":
            self.flag("closing.missing", None)
        return Checked(kind, title, self.found)

    # -- page and fonts --

    def page(self, number: int, section: etree._Element) -> None:
        size = section.find(qn("w:pgSz"))
        width, height = (_int(size.get(qn("w:w"))), _int(size.get(qn("w:h")))) if size is not None else (0, 0)
        short, long_ = sorted((width, height))
        a4 = (style.PORTRAIT.width, style.PORTRAIT.height)
        where = self.paragraphs[number - 1] if self.paragraphs else None
        if abs(short - a4[0]) > style.PAGE_TOLERANCE or abs(long_ - a4[1]) > style.PAGE_TOLERANCE:
            self.flag("page.size", where, found=f"{_mm(width)} x {_mm(height)}",
                      expected="210 x 297")
        margins = section.find(qn("w:pgMar"))
        for side, (least, most) in style.MARGIN_RANGES.items():  # a landscape page keeps them
            value = _int(margins.get(qn(f"w:{side}"))) if margins is not None else 0
            if not least - style.PAGE_TOLERANCE <= value <= most + style.PAGE_TOLERANCE:
                self.flag("page.margin", where, side, _mm(value), f"{_mm(least)}-{_mm(most)}")

    def fonts(self, para: _Para) -> None:
        for run in para.runs:
            if run.font != style.FONT_NAME:
                self.flag("font.name", para, found=run.font or "?", expected=style.FONT_NAME)
                break
        for run in para.runs:
            if run.color not in _BLACK:
                self.flag("font.color", para, found=run.color, expected=style.COLOR)
                break

    def look(self, para: _Para, role: str, check_align: bool = True) -> None:
        """Flags where `para` departs from the size, weight, slant and alignment of `role`."""
        want = style.ROLES[role]
        sizes = style.ROLE_SIZES.get(role, (want.font.size,))
        size = para.size
        if size is not None and size not in sizes:
            self.flag("font.size", para, role, _pt(size), "-".join(map(_pt, sizes)))
        if para.runs and any(run.bold != want.font.bold for run in para.runs):
            self.flag("font.bold" if want.font.bold else "font.not_bold", para, role)
        if para.runs and any(run.italic != want.font.italic for run in para.runs):
            self.flag("font.italic" if want.font.italic else "font.not_italic", para, role)
        if check_align and para.align != want.para.align:
            self.flag("para.align", para, role, para.align, want.para.align)

    # -- header (ô 1-5) --

    def header(self, top: int, excerpt: int | None) -> int:
        """Checks the header and returns the index of the first paragraph after it."""
        national = self.find(re.compile(re.escape(_NATIONAL), re.IGNORECASE), 0, top)
        motto = self.find(re.compile(r"Độc\s*lập", re.IGNORECASE), 0, top)
        number = self.find(re.compile(r"Số\s*:"), 0, top)
        date = self.find(re.compile(r".*\bngày\b.*\bnăm\b\s*\d{4}\s*\.?$"), 0, top)
        if national is None:
            self.flag("header.national_missing", None)
        else:
            self.look(self.paragraphs[national], "national")
            if _piece(self.paragraphs[national].text, "CỘNG") != _NATIONAL:
                self.flag("header.text", self.paragraphs[national], "national", expected=_NATIONAL)
        if motto is not None:
            self.look(self.paragraphs[motto], "motto")
            if _piece(self.paragraphs[motto].text, "Độc") != _MOTTO:
                self.flag("header.text", self.paragraphs[motto], "motto", expected=_MOTTO)
            self.rule_after(motto, "motto")
        elif national is not None:
            self.flag("header.motto_missing", self.paragraphs[national])
        if number is not None:
            self.number(self.paragraphs[number])
            self.issuer(number)
        if date is not None:
            self.date(self.paragraphs[date])
        found = [index for index in (national, motto, number, date, excerpt) if index is not None]
        last = max(found, default=-1)
        cell = self.paragraphs[last].cell if found else None
        if cell is not None:  # the header is a table: it ends with the table's last paragraph
            table = next(cell.iterancestors(qn("w:tbl")))
            while last + 1 < top and self.paragraphs[last + 1].cell is not None and \
                    table in self.paragraphs[last + 1].cell.iterancestors(qn("w:tbl")):
                last += 1
        return last + 1

    def rule_after(self, index: int, element: str) -> None:
        """Flags a missing rule (an empty paragraph that draws a line) under the paragraph at `index`."""
        para = self.paragraphs[index]
        for following in self.paragraphs[index + 1:index + 3]:
            if following.border:
                return
            if following.text:
                break
        self.flag("header.rule", para, element)

    def issuer(self, number: int) -> None:
        """Checks the parent and issuer lines above the Số line (§5.2): upper case, the parent
        regular and the issuer bold, then a rule."""
        column = self.paragraphs[number].column
        lines: list[int] = []
        for index in range(number - 1, -1, -1):
            para = self.paragraphs[index]
            if para.column != column:
                if column is None or para.column is None or para.column[0] is not column[0]:
                    break
                continue  # the other column of the header table
            if para.text and _NATIONAL in para.text.upper():
                break
            if para.text:
                lines.insert(0, index)
        if not lines:
            self.flag("header.issuer_missing", self.paragraphs[number])
            return
        first_bold = next((i for i, index in enumerate(lines) if _bold(self.paragraphs[index])), len(lines) - 1)
        for position, index in enumerate(lines):
            para = self.paragraphs[index]
            role = "parent" if position < first_bold else "issuer"
            self.look(para, role)
            if para.text != para.text.upper():
                self.flag("header.case", para, role)
        self.rule_after(lines[-1], "issuer")

    def number(self, para: _Para) -> None:
        """Checks the Số line (§5.3): "Số: 05/KH-UBND", a number below 10 with its zero."""
        self.look(para, "number")
        number = _piece(para.text, "Số")
        if not _NUMBER_FORM.match(number):
            self.flag("number.form", para, "number", number, "Số: 05/KH-UBND")

    def date(self, para: _Para) -> None:
        self.look(para, "place_date")
        date = _piece(para.text, "ngày")
        match = _DATE.match(date)
        if not match:
            self.flag("date.form", para, "place_date", date, "Xuân Phúc, ngày 05 tháng 02 năm 2026")
            return
        day, month = match.group("day").strip(), match.group("month").strip()
        if day and (len(day) != 2 or not 1 <= int(day) <= 31):
            self.flag("date.day", para, "place_date", day, f"{int(day):02d}" if day.isdigit() else "05")
        if month and month.isdigit() and month != _month(int(month)):
            self.flag("date.month", para, "place_date", month, _month(int(month)))

    # -- title, addressee --

    def title(self, start: int, top: int) -> tuple[str, str, int]:
        """Checks tên loại and trích yếu (§5.5) and returns the document's kind, its title and the
        index where the body starts."""
        index = next((i for i in range(start, top) if self.paragraphs[i].text), None)
        if index is None:
            return "other", "", top
        kind_para = self.paragraphs[index]
        kind = _KINDS.get(kind_para.text, "other")
        self.look(kind_para, "kind")
        if kind_para.text != kind_para.text.upper():
            self.flag("title.case", kind_para, "kind")
        summary_end = index + 1
        while summary_end < top and self.paragraphs[summary_end].text and \
                self.paragraphs[summary_end].align == "center" and self.paragraphs[summary_end].cell is None:
            self.look(self.paragraphs[summary_end], "summary")
            summary_end += 1
        if summary_end == index + 1:
            self.flag("title.summary_missing", kind_para)
            return kind, kind_para.text, summary_end
        last = self.paragraphs[summary_end - 1]
        if last.text.endswith("."):
            self.flag("title.full_stop", last, "summary")
        if not any(para.border for para in self.paragraphs[summary_end:summary_end + 2]):
            self.flag("header.rule", last, "summary")
        return kind, kind_para.text, summary_end

    def addressee(self, start: int, top: int) -> int:
        """Returns the index after the "Kính gửi" lines of a công văn (§5.8)."""
        index = self.find("Kính gửi", start, top)
        if index is None:
            return start
        index += 1
        while index < top and self.paragraphs[index].text.startswith("-") and \
                self.paragraphs[index].align != "justify":
            index += 1
        return index

    def after_addressee(self, start: int, top: int) -> int:
        """Returns where the body starts after a title: after "Kính gửi" when it comes first."""
        first = next((index for index in range(start, top) if self.paragraphs[index].text.strip()), None)
        if first is None or not self.paragraphs[first].text.startswith("Kính gửi"):
            return start
        return self.addressee(first, top)

    # -- body (§5.6), lettering (§4 row 22) --

    def body(self, start: int, top: int) -> None:
        letter: str | None = None
        for para in self.paragraphs[start:top]:
            if not para.text:
                continue
            if _NUMBERED.match(para.text):
                letter = None
            point = _POINT.match(para.text)
            if point:
                letter = self.lettering(para, point.group(1), letter)
            if para.cell is not None:
                continue
            self.body_layout(para)

    def body_layout(self, para: _Para) -> None:
        size = para.size or style.BODY_FONT.size
        centred_line = para.align == "center" and \
            style.text_width(para.text, style.Font(size)) <= style.PORTRAIT.text_width
        if size not in style.ROLE_SIZES["body"]:
            self.flag("font.size", para, "body", _pt(size), "-".join(map(_pt, style.ROLE_SIZES["body"])))
        if centred_line:  # a part's label or title, a one-line centred note
            return
        if para.align != "justify":
            self.flag("body.align", para, "body", para.align, "justify")
        if not any(abs(para.first_line - indent) <= style.INDENT_TOLERANCE for indent in style.BODY_INDENTS):
            self.flag("body.indent", para, "body", _cm(para.first_line),
                      " / ".join(_cm(indent) for indent in style.BODY_INDENTS))
        if para.before + para.after < style.BODY_MIN_SPACING:
            self.flag("body.spacing", para, "body", _pt((para.before + para.after) / 20), _pt(style.BODY_MIN_SPACING / 20))
        least, most = style.BODY_LINE_RANGE
        if para.line_rule == "auto":
            lines = para.line
        else:  # an exact or least height in twips, as a share of the font's single line
            lines = round(para.line * 240 / (size * 20 * style.LINE_HEIGHT))
        if not least <= lines <= most:
            self.flag("body.line", para, "body", f"{lines / 240:.2f}", f"{least / 240:.0f}-{most / 240:.1f}")

    def lettering(self, para: _Para, letter: str, previous: str | None) -> str:
        """Flags a điểm lettered out of the Vietnamese alphabet's order; returns the letter it
        should have, so that one wrong letter is one departure, not one for each point after it."""
        letters = style.POINT_LETTERS
        place = letters.find(previous) if previous else -1
        expected = letters[place + 1] if place + 1 < len(letters) else "a"
        if letter != expected:
            self.flag("points.letter", para, "", f"{letter})", f"{expected})")
        return expected

    # -- closing (§5.9, §5.11) --

    def closing(self, index: int) -> None:
        label = self.paragraphs[index]
        self.look(label, "recipients_label", check_align=False)
        if label.align not in {"left", "justify"}:
            self.flag("para.align", label, "recipients_label", label.align, "left")
        if label.text != "Nơi nhận:":
            self.flag("closing.label", label, "recipients_label", label.text, "Nơi nhận:")
        lines = [para for para in self.paragraphs[index + 1:] if para.cell is label.cell and para.text]
        if label.cell is None:
            lines = list(_while(lines, lambda para: para.text.startswith("-")))
        archive = next((i for i, para in enumerate(lines) if _ARCHIVE.match(para.text)), None)
        for position, para in enumerate(lines):
            if archive is not None and position > archive:
                break  # the drafter's initials and copies (ô 12)
            self.look(para, "recipient", check_align=False)
            end = "." if position == archive else ";"
            if not para.text.startswith("- ") or not para.text.endswith(end):
                self.flag("closing.item", para, "recipient", para.text[-1:], end)
        if archive is None:
            self.flag("closing.archive_missing", lines[-1] if lines else label)
        elif "VT" not in lines[archive].text:
            self.flag("closing.archive_vt", lines[archive])
        self.signature(index, label)

    def signature(self, index: int, label: _Para) -> None:
        if label.cell is not None:
            row = next(label.cell.iterancestors(qn("w:tr")))
            block = [para for para in self.paragraphs[index:]
                     if para.cell is not None and para.cell is not label.cell and
                     row in para.cell.iterancestors(qn("w:tr"))]
        else:
            block = [para for para in self.paragraphs[index + 1:] if not para.text.startswith("-")]
        authority = list(_while(block, lambda para: bool(para.text) and para.text == para.text.upper()))
        rest = block[len(authority):]
        gap = list(_while(rest, lambda para: not para.text))
        name = rest[len(gap)] if len(rest) > len(gap) else None
        if not authority or name is None:
            self.flag("signature.missing", label)
            return
        for para in authority:
            self.look(para, "authority")
        self.look(name, "signer")
        want = style.ROLES["signature_gap"]
        room = sum(para.before + para.after + style.line_pitch(want.para, style.Font(para.mark_size or want.font.size))
                   for para in gap)
        least = style.SIGNATURE_MIN_LINES * style.line_pitch(want.para, want.font)
        if room < least:
            self.flag("signature.room", name, "signer", _mm(room), _mm(least))


def _while(items: Sequence[_Para], test: object) -> Iterator[_Para]:
    for item in items:
        if not test(item):  # type: ignore[operator]
            return
        yield item


def _bold(para: _Para) -> bool:
    return bool(para.runs) and all(run.bold for run in para.runs)


def _month(month: int) -> str:
    """Returns a month as the date line prints it: January and February with a zero (§6)."""
    return f"{month:02d}" if month < 3 else str(month)


def _pt(value: float) -> str:
    return f"{value:g}"


def _piece(text: str, word: str) -> str:
    """Returns the part of a header line typed with tabs between its columns that holds `word`."""
    return next((piece.strip() for piece in re.split(r"\t+", text.replace("\u00a0", " ")) if word in piece),
                text)


def _mm(twips: float) -> str:
    return f"{twips / 56.69:.1f}".rstrip("0").rstrip(".")


def _cm(twips: int) -> str:
    return f"{twips / 567:.2f}".rstrip("0").rstrip(".")
