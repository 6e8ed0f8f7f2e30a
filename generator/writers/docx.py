"""Document model → .docx bytes: every role laid out as `style` says, in a lean package of our own.

Phases: first-page header table, blocks in reading order, on the pages and in the column widths
its `layout` gives (sections break at each appendix), final section; then the package parts,
zipped in a fixed order with fixed times so that the same document always gives the same
bytes. Static parts are built once per process.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from ..document import style
from ..document.model import (Addressee, AppendixStart, Block, Cell, Closing, Document, Header, Heading,
                              Paragraph, PartHeading, Properties, RichText, Row, Span, Table, Title, bolder,
                              cell_span, row_of)
from . import ooxml
from .layout import Layout, column_cells, header_cells, layout as laid_out, table_roles

_APPLICATION = "kehoach"
_TEXT_PART = "word/document.xml"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# zlib level 3: a third of level 6's time for the plan's document.xml, a few KiB larger.
_COMPRESS_LEVEL = 3
_UNIX = 3  # ZipInfo.create_system; fixed so the bytes do not depend on the platform

_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORDML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_DEFAULT_HEADER, _FIRST_HEADER = "rIdHeaderDefault", "rIdHeaderFirst"


def write_docx(document: Document, layout: Layout | None = None) -> bytes:
    """Returns the .docx package of `document` set out as `layout` says (laid out here when not
    given); raises ValueError for text XML cannot hold or a table row that does not fit its columns."""
    if layout is None:
        layout = laid_out(document)
    parts = {
        **_STATIC_PARTS,
        "docProps/core.xml": _core_xml(document.properties).encode(),
        _TEXT_PART: ooxml.document(_body_xml(document, layout)).encode(),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in _PART_ORDER:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            # Only the text is compressed. Every other part is under 2 KiB, and a compressor
            # made for each took 0.3 ms of a task sheet's 0.5 ms of zipping, to save 4 KiB of 11.
            info.compress_type = zipfile.ZIP_DEFLATED if name == _TEXT_PART else zipfile.ZIP_STORED
            info.create_system = _UNIX
            info.external_attr = 0o644 << 16
            archive.writestr(info, parts[name], compresslevel=_COMPRESS_LEVEL)
    return buffer.getvalue()


# --- formatting, cached per distinct look ---------------------------------------------------

@cache
def _rpr(font: style.Font) -> str:
    return ooxml.run_properties(font=style.FONT_NAME, size_half_points=round(font.size * 2),
                                bold=font.bold, italic=font.italic, color=style.COLOR)


@cache
def _ppr(para: style.Para, font: style.Font, section: str = "") -> str:
    # The mark carries the role's font too: it sets the height of the paragraph's last line.
    return ooxml.paragraph_properties(
        align=para.align, keep_next=para.keep_next, border_bottom=para.border_bottom,
        border_space=style.RULE_BORDER_SPACE, before=para.before, after=para.after,
        line=para.line, left=para.left, right=para.right, first_line=para.first_line,
        hanging=para.hanging, mark_rpr=_rpr(font), section=section, line_exact=para.line_exact)


@cache
def _emphasised(font: style.Font, bold: bool, italic: bool) -> style.Font:
    return font._replace(bold=font.bold or bold, italic=font.italic or italic)


@cache
def _kept(para: style.Para) -> style.Para:
    return para._replace(keep_next=True)


@cache
def _aligned(para: style.Para, align: style.Align) -> style.Para:
    return para._replace(align=align)


# The same looks by role name: a role's string is hashed once, its Font and Para (tuples of
# many fields) would be hashed at every lookup, and a plan has hundreds of runs.
@cache
def _role_rpr(role: str, bold: bool = False, italic: bool = False) -> str:
    return _rpr(_emphasised(style.ROLES[role].font, bold, italic))


@cache
def _role_ppr(role: str, keep_next: bool = False, align: style.Align | None = None) -> str:
    look = style.ROLES[role]
    para = _kept(look.para) if keep_next else look.para
    return _ppr(_aligned(para, align) if align else para, look.font)


def _p(para: style.Para, font: style.Font, text: str = "") -> str:
    runs = ooxml.run(text, _rpr(font)) if text else ""
    return ooxml.paragraph(_ppr(para, font), runs)


def _line(role: str, text: str = "") -> str:
    """Returns one paragraph of `role` holding `text` in a single run."""
    return ooxml.paragraph(_role_ppr(role), ooxml.run(text, _role_rpr(role)) if text else "")


def _rule(length: int, available: int, after: int = 0) -> str:
    """Returns a rule `length` long centred in `available` twips (nd30-format §4 "Lines")."""
    return ooxml.paragraph(_ppr(style.rule_para(length, available, after), style.RULE.font))


def _rule_under(lines: Sequence[str], role: str, ratio: float, available: int, after: int = 0) -> str:
    """Returns a rule `ratio` as long as the longest of `lines` printed in `role`."""
    length = style.rule_length(lines, style.ROLES[role].font, ratio, available)
    return _rule(length, available, after)


def _spacer(*, keep_next: bool = False, section: str = "") -> str:
    """Returns a minimal empty paragraph: it ends a section or keeps two tables apart."""
    look = style.ROLES["spacer"]
    return ooxml.paragraph(_ppr(_kept(look.para) if keep_next else look.para, look.font, section))


# --- the first-page header (nd30-format §3.1) ---------------------------------------------

@lru_cache(maxsize=16)  # a plan's letters share one header, its task sheets another
def _header_table(header: Header) -> str:
    """Returns the borderless 2 × 2 table: agency | national name, then Số | place and date."""
    left, right = (width - 2 * style.LAYOUT_CELL_MARGIN for width in style.HEADER_COLUMNS)
    agency, national, number, date = ("".join(_line(role, text) for role, text in cell)
                                      for cell in header_cells(header))
    agency += _rule_under(header.issuer, "issuer", style.ISSUER_RULE_RATIO, left)
    national += _rule_under((header.motto,), "motto", style.MOTTO_RULE_RATIO, right)
    return _layout_table(style.HEADER_COLUMNS, ((agency, national), (number, date)))


def _layout_table(columns: Sequence[int], rows: Iterable[tuple[str, ...]], cell_top: int = 0) -> str:
    """Returns a borderless table placing blocks of paragraphs side by side (§3.1, §3.2)."""
    xml_rows = (ooxml.row(ooxml.cell(width, content) for width, content in zip(columns, cells))
                for cells in rows)
    return ooxml.table(columns, xml_rows, border=0, cell_margin=style.LAYOUT_CELL_MARGIN,
                       cell_top=cell_top)


# --- blocks -------------------------------------------------------------------------------

def _body_xml(document: Document, layout: Layout) -> str:
    """Returns the body: header table, blocks, and one section per appendix (§1, §5.12)."""
    out = [_header_table(document.header)]
    page, in_appendix, after_table = style.PORTRAIT, False, True
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, AppendixStart):
            out.append(_spacer(section=_section(page, in_appendix)))  # ends the previous page's section
            in_appendix = True
        elif after_table and isinstance(block, (Table, Closing)):
            # Word joins adjacent tables into one; a spacer keeps them apart.
            out.append(_spacer(keep_next=isinstance(block, Closing)))
        # The signature block stays with the end of the body (§3.2).
        keep_next = index + 1 < len(blocks) and isinstance(blocks[index + 1], Closing)
        page = layout.pages[index]
        out.append(_block_xml(block, page, keep_next, layout.widths.get(index, ()),
                              layout.split.get(index, frozenset())))
        after_table = isinstance(block, (Table, Closing))
    if after_table:
        out.append(_spacer())  # a body ending in a table would get Word's default paragraph
    out.append(_section(page, in_appendix))
    return "".join(out)


def _block_xml(block: Block, page: style.Page, keep_next: bool, widths: tuple[int, ...],
               split: frozenset[int]) -> str:
    """Returns `block` set on `page`; `widths` are its columns' and `split` the rows that may
    break across pages when it is a table."""
    match block:  # most frequent first: each case is an isinstance test
        case Paragraph():
            return _paragraph(block, keep_next)
        case Heading(_, marker, text):
            return _line("heading", f"{marker} {text}" if marker else text)
        case Title():
            return _title(block, page)
        case Addressee():
            return _addressee(block)
        case PartHeading(label, title):
            return _line("part_label", label) + _line("part_title", title)
        case Table():
            return _table(block, widths, split)
        case Closing():
            return _closing(block)
        case AppendixStart():
            return _appendix(block, page)
    raise TypeError(f"not a block: {block!r}")


def _title(title: Title, page: style.Page) -> str:
    """Returns tên loại, the trích yếu lines and the rule under the longest one (§5.5)."""
    lines = [_line("kind", title.kind), *(_line("summary", line) for line in title.summary)]
    if title.summary:
        lines.append(_rule_under(title.summary, "summary", style.SUMMARY_RULE_RATIO, page.text_width,
                                 style.RULE_AFTER_SUMMARY))
    return "".join(lines)


def _addressee(block: Addressee) -> str:
    """Returns "Kính gửi:" with one recipient on its line, or followed by a list (§5.8)."""
    first, listed = style.addressee_paras(block.label)
    font = style.ADDRESSEE_FONT
    if len(block.recipients) == 1:
        return _p(first, font, f"{block.label} {block.recipients[0]}")
    return _p(first, font, block.label) + "".join(_p(listed, font, line) for line in block.recipients)


def _paragraph(block: Paragraph, keep_next: bool) -> str:
    """Returns a body paragraph; the marker takes the emphasis of the text it introduces."""
    role, spans = block.role, block.spans
    runs = _runs(spans, role)
    if block.marker:
        lead = spans[0] if spans else Span("")
        runs = _marker_run(block.marker, _role_rpr(role, lead.bold, lead.italic)) + runs
    return ooxml.paragraph(_role_ppr(role, keep_next), runs)


def _runs(spans: Iterable[Span], role: str) -> str:
    """Returns one run per span, in the font of `role` with the span's bold and italic added."""
    return "".join(ooxml.run(span.text, _role_rpr(role, span.bold, span.italic)) for span in spans if span.text)


@lru_cache(maxsize=256)  # markers repeat: "-", "a)", "1."
def _marker_run(marker: str, rpr: str) -> str:
    return ooxml.run(f"{marker} ", rpr)


def _table(table: Table, widths: tuple[int, ...], split: frozenset[int]) -> str:
    """Returns a bordered body table in columns of `widths`, header row repeated (§5.7); the
    rows numbered in `split` may break across pages, the others are kept whole."""
    head_role, cell_role = table_roles(table)
    header = ooxml.row((ooxml.cell(width, _line(head_role, column.title), v_align="center")
                        for width, column in zip(widths, table.columns)), header=True)
    cell_rpr = _role_rpr(cell_role)
    aligned = [_role_ppr(cell_role, align=column.align) for column in table.columns]
    rows = [header]
    for number, values in enumerate(table.rows):
        whole = number not in split
        if isinstance(values, Row) or any(isinstance(value, Cell) for value in values):
            rows.append(_rich_row(row_of(values), widths, aligned, cell_role, whole))
        else:
            rows.append(ooxml.row((ooxml.cell(width, ooxml.paragraph(ppr, _cell_runs(value, cell_role, cell_rpr)))
                                   for width, ppr, value in zip(widths, aligned, values)), whole=whole))
    return ooxml.table(widths, rows, border=style.TABLE_BORDER, cell_margin=style.TABLE_CELL_MARGIN)


def _rich_row(row: Row, widths: tuple[int, ...], aligned: list[str], role: str, whole: bool) -> str:
    """Returns a group row, a bold row or a row of rich cells: a cell across columns is as wide
    as they are together, aligned as its first column (a group title to the left, kept with the
    row after it, never left alone at the foot of a page); a bold row's words all bold."""
    group_title = _role_ppr(role, keep_next=True, align="left")
    cells = []
    for column, cell in column_cells(row, len(widths)):
        span = cell_span(cell)
        ppr = group_title if row.group else aligned[column]
        cells.append(ooxml.cell(sum(widths[column:column + span]), _cell_paragraphs(cell, ppr, role, row.bold),
                                span=span))
    return ooxml.row(cells, whole=whole)


def _cell_paragraphs(cell: str | Cell, ppr: str, role: str, bold: bool) -> str:
    """Returns a cell's paragraphs (at least one, as a cell must hold): a point after its "-"."""
    if not isinstance(cell, Cell):
        spans = cell.spans if isinstance(cell, RichText) else (Span(cell),)
        return ooxml.paragraph(ppr, _runs(bolder(spans, bold), role))
    bold = bold or cell.bold
    paragraphs = []
    for paragraph in cell.paragraphs or (Paragraph(()),):
        marker = _marker_run(paragraph.marker, _role_rpr(role, bold)) if paragraph.marker else ""
        paragraphs.append(ooxml.paragraph(ppr, marker + _runs(bolder(paragraph.spans, bold), role)))
    return "".join(paragraphs)


def _cell_runs(value: str, role: str, rpr: str) -> str:
    """Returns a cell's runs: its spans when it has bold or italic words, else one run."""
    if isinstance(value, RichText):
        return _runs(value.spans, role)
    return ooxml.run(value, rpr) if value else ""


@lru_cache(maxsize=16)  # a plan's letters share one closing block
def _closing(closing: Closing) -> str:
    """Returns Nơi nhận on the left, authority, gap and signer on the right (§3.2, §5.9, §5.11)."""
    recipients = _line("recipients_label", closing.recipients_label) + "".join(
        _line("recipient", line) for line in closing.recipients) + (
        _line("drafter", closing.drafter) if closing.drafter else "")
    signature = "".join((
        *(_line("authority", line) for line in closing.authority),
        _line("signature_gap") * style.SIGNATURE_GAP_LINES,
        _line("signer", closing.signer),
    ))
    return _layout_table(style.CLOSING_COLUMNS, ((recipients, signature),), cell_top=style.CLOSING_GAP)


def _appendix(block: AppendixStart, page: style.Page) -> str:
    """Returns the heading of an appendix: label, title, reference line, short rule (§5.12)."""
    return "".join((
        _line("appendix_label", block.label),
        _line("appendix_title", block.title) if block.title else "",
        _line("appendix_reference", block.reference),
        _rule(style.APPENDIX_RULE, page.text_width, style.RULE_AFTER_APPENDIX),
    ))


@cache
def _section(page: style.Page, restart_numbering: bool) -> str:
    """Returns the `w:sectPr` of a section laid out on `page` (§1); appendices restart at 1."""
    return ooxml.section_properties(
        width=page.width, height=page.height, landscape=page.landscape, top=page.top,
        right=page.right, bottom=page.bottom, left=page.left, header=page.header,
        footer=page.footer, default_header=_DEFAULT_HEADER, first_header=_FIRST_HEADER,
        restart_numbering=restart_numbering)


# --- package parts ------------------------------------------------------------------------

def _core_xml(properties: Properties) -> str:
    return ooxml.core_properties(title=properties.title, subject=properties.subject,
                                 creator=properties.author, created=properties.created)


# Not mutated (docs/mutation.md): it runs at import, before mutmut can switch a mutant on.
def _static_parts() -> dict[str, bytes]:  # pragma: no mutate block
    """Returns the parts that never change: built once, at import."""
    number = style.ROLES["page_number"]
    parts = {
        "[Content_Types].xml": ooxml.content_types((
            ("word/document.xml", f"{_WORDML}.document.main+xml"),
            ("word/styles.xml", f"{_WORDML}.styles+xml"),
            ("word/settings.xml", f"{_WORDML}.settings+xml"),
            ("word/header1.xml", f"{_WORDML}.header+xml"),
            ("word/header2.xml", f"{_WORDML}.header+xml"),
            ("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        )),
        "_rels/.rels": ooxml.relationships((
            ("rId1", f"{_OFFICE_REL}/officeDocument", "word/document.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
             "docProps/core.xml"),
            ("rId3", f"{_OFFICE_REL}/extended-properties", "docProps/app.xml"),
        )),
        "docProps/app.xml": ooxml.app_properties(_APPLICATION),
        "word/_rels/document.xml.rels": ooxml.relationships((
            ("rIdStyles", f"{_OFFICE_REL}/styles", "styles.xml"),
            ("rIdSettings", f"{_OFFICE_REL}/settings", "settings.xml"),
            (_DEFAULT_HEADER, f"{_OFFICE_REL}/header", "header1.xml"),
            (_FIRST_HEADER, f"{_OFFICE_REL}/header", "header2.xml"),
        )),
        "word/styles.xml": ooxml.styles(default_rpr=_rpr(style.DEFAULT_FONT), language=style.LANGUAGE,
                                        cell_margin=style.TABLE_CELL_MARGIN),
        "word/settings.xml": ooxml.settings(language=style.LANGUAGE, tab_stop=style.DEFAULT_TAB_STOP),
        # §1: the page number from page 2, centred in the header; the first page shows none.
        "word/header1.xml": ooxml.header(ooxml.paragraph(_ppr(number.para, number.font),
                                                         ooxml.page_field(_rpr(number.font)))),
        "word/header2.xml": ooxml.header(_line("page_number")),
    }
    return {name: xml.encode() for name, xml in parts.items()}


_STATIC_PARTS = _static_parts()
_PART_ORDER = ("[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
               "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
               "word/settings.xml", "word/header1.xml", "word/header2.xml")
