"""Document model → HTML: the same blocks as the .docx writer, for a live preview in a browser.

Every font, size, spacing, margin and column width comes from `style` and the document's `layout`
(the CSS is generated from `style.ROLES`), so the preview shows the text, numbering and figures
of the .docx on A4 pages. Page breaks are only approximate: a browser does not break lines as
Word or LibreOffice do, so each section is one sheet with a dashed line where a page would end;
the caller says so on the page (`kehoach serve`). Lengths are written in points (1 pt = 20 twips).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from html import escape

from ..document import style
from ..document.model import (Addressee, AppendixStart, Block, Cell, Closing, Document, Heading, Paragraph,
                              PartHeading, RichText, Span, Table, Title, bolder, cell_span, row_of)
from .layout import Layout, column_cells, header_cells, layout as laid_out, table_roles


def write_html(document: Document, layout: Layout | None = None) -> str:
    """Returns `document` as an HTML fragment: one `div.kh-sheet` per section (the body, then
    each appendix), styled by `stylesheet()`."""
    if layout is None:
        layout = laid_out(document)
    sheets: list[list[str]] = [[_header(document)]]
    page = style.PORTRAIT
    pages = [page]
    for index, block in enumerate(document.blocks):
        if isinstance(block, AppendixStart):  # §5.12: an appendix starts a page of its own
            sheets.append([])
            pages.append(layout.pages[index])
        sheets[-1].append(_block(block, layout.pages[index], layout.widths.get(index, ())))
    return "".join(_sheet(page, "".join(parts)) for page, parts in zip(pages, sheets))


def _pt(twips: float) -> str:
    return f"{twips / 20:g}pt"


def _sheet(page: style.Page, body: str) -> str:
    """Returns a sheet of `page`'s size and margins; the dashed lines every text height mark
    where the pages would break, roughly."""
    return (f'<div class="kh-sheet" style="width:{_pt(page.width)};padding:{_pt(page.top)} '
            f'{_pt(page.right)} {_pt(page.bottom)} {_pt(page.left)};--kh-page:{_pt(page.text_height)}">'
            f'<div class="kh-flow">{body}</div></div>')


# --- the stylesheet, from `style` ----------------------------------------------------------

@cache
def stylesheet() -> str:
    """Returns the CSS of every role (`.kh-<role>`), of tables and of sheets."""
    rules = [
        f".kh-sheet{{box-sizing:border-box;background:#fff;color:#{style.COLOR};margin:0 auto 16pt;"
        f"font-family:'{style.FONT_NAME}','Liberation Serif',serif;box-shadow:0 1px 4px #0005;"
        f"min-height:var(--kh-page)}}",
        ".kh-flow{min-height:var(--kh-page);background:repeating-linear-gradient(to bottom,transparent 0,"
        "transparent calc(var(--kh-page) - 1px),#c33 calc(var(--kh-page) - 1px),#c33 var(--kh-page))}",
        ".kh-flow p{margin:0;white-space:pre-wrap;overflow-wrap:break-word}",
        ".kh-layout{border-collapse:collapse;table-layout:fixed}.kh-layout td{padding:0;vertical-align:top}",
        f".kh-table{{border-collapse:collapse;table-layout:fixed}}"
        f".kh-table td,.kh-table th{{border:{style.TABLE_BORDER / 8:g}pt solid #000;"
        f"padding:0 {_pt(style.TABLE_CELL_MARGIN)};vertical-align:top}}"
        ".kh-table th{vertical-align:middle;font-weight:normal}",
        f".kh-rule{{border-bottom:{style.RULE_BORDER / 8:g}pt solid #000;height:0}}",
    ]
    rules += [f".kh-{name}{{{_role_css(role)}}}" for name, role in style.ROLES.items()]
    return "".join(rules)


def _role_css(role: style.Role) -> str:
    para, font = role.para, role.font
    height = _pt(para.line) if para.line_exact else f"{style.LINE_HEIGHT * para.line / 240:.4f}"
    return ";".join((
        f"font-size:{font.size:g}pt", f"font-weight:{'bold' if font.bold else 'normal'}",
        f"font-style:{'italic' if font.italic else 'normal'}", f"text-align:{para.align}",
        f"line-height:{height}", f"padding:{_pt(para.before)} {_pt(para.right)} {_pt(para.after)} "
                                 f"{_pt(para.left)}",
        f"text-indent:{_pt(para.first_line - para.hanging)}",
    ))


# --- blocks ---------------------------------------------------------------------------------

def _block(block: Block, page: style.Page, widths: tuple[int, ...]) -> str:
    match block:
        case Paragraph():
            return _paragraph(block)
        case Heading(_, marker, text):
            return _line("heading", f"{marker} {text}" if marker else text)
        case Title(kind, summary):
            lines = [_line("kind", kind), *(_line("summary", line) for line in summary)]
            if summary:
                lines.append(_rule_under(summary, "summary", style.SUMMARY_RULE_RATIO, page.text_width,
                                         style.RULE_AFTER_SUMMARY))
            return "".join(lines)
        case Addressee():
            return _addressee(block)
        case PartHeading(label, title):
            return _line("part_label", label) + _line("part_title", title)
        case Table():
            return _table(block, widths)
        case Closing():
            return _closing(block)
        case AppendixStart(label, title, reference):
            return "".join((_line("appendix_label", label), _line("appendix_title", title) if title else "",
                            _line("appendix_reference", reference),
                            _rule(style.APPENDIX_RULE, page.text_width, style.RULE_AFTER_APPENDIX)))
    raise TypeError(f"not a block: {block!r}")


def _line(role: str, text: str, inner: str | None = None) -> str:
    """Returns a paragraph of `role` holding `text` (or the ready HTML `inner`)."""
    return f'<p class="kh-{role}">{escape(text) if inner is None else inner}</p>'


def _spans(spans: Iterable[Span]) -> str:
    out = []
    for span in spans:
        text = escape(span.text)
        if span.bold:
            text = f"<b>{text}</b>"
        if span.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


def _paragraph(block: Paragraph) -> str:
    """Returns a body paragraph; the marker takes the emphasis of the text it introduces."""
    marker = ""
    if block.marker:
        lead = block.spans[0] if block.spans else Span("")
        marker = _spans((Span(f"{block.marker} ", lead.bold, lead.italic),))
    return _line(block.role, "", marker + _spans(block.spans))


def _rule(length: int, available: int, after: int = 0) -> str:
    side = max(0, (available - length) // 2)
    return (f'<div class="kh-rule" style="margin:0 {_pt(side)} {_pt(after)};'
            f'width:{_pt(min(length, available))}"></div>')


def _rule_under(lines: Sequence[str], role: str, ratio: float, available: int, after: int = 0) -> str:
    return _rule(style.rule_length(lines, style.ROLES[role].font, ratio, available), available, after)


def _layout_table(columns: Sequence[int], rows: Iterable[tuple[str, ...]], top: int = 0) -> str:
    """Returns a borderless table placing blocks side by side (§3.1, §3.2)."""
    cols = "".join(f'<col style="width:{_pt(width)}">' for width in columns)
    body = "".join("<tr>" + "".join(f'<td style="padding-top:{_pt(top)}">{cell}</td>' for cell in cells)
                   + "</tr>" for cells in rows)
    return f'<table class="kh-layout" style="width:{_pt(sum(columns))}"><colgroup>{cols}</colgroup>{body}</table>'


def _header(document: Document) -> str:
    """Returns the first-page header: agency | national name, then Số | place and date."""
    header = document.header
    left, right = style.HEADER_COLUMNS
    agency, national, number, date = ("".join(_line(role, text) for role, text in cell)
                                      for cell in header_cells(header))
    agency += _rule_under(header.issuer, "issuer", style.ISSUER_RULE_RATIO, left)
    national += _rule_under((header.motto,), "motto", style.MOTTO_RULE_RATIO, right)
    return _layout_table(style.HEADER_COLUMNS, ((agency, national), (number, date)))


def _addressee(block: Addressee) -> str:
    """Returns "Kính gửi:" with one recipient on its line, or followed by a list (§5.8)."""
    first, listed = style.addressee_paras(block.label)
    look = style.Role(first, style.ADDRESSEE_FONT)
    if len(block.recipients) == 1:
        return _styled(look, f"{block.label} {block.recipients[0]}")
    return _styled(look, block.label) + "".join(_styled(style.Role(listed, style.ADDRESSEE_FONT), line)
                                                for line in block.recipients)


def _styled(role: style.Role, text: str) -> str:
    return f'<p style="{_role_css(role)}">{escape(text)}</p>'


def _closing(closing: Closing) -> str:
    """Returns Nơi nhận on the left, authority, gap and signer on the right (§3.2)."""
    recipients = _line("recipients_label", closing.recipients_label) + "".join(
        _line("recipient", line) for line in closing.recipients) + (
        _line("drafter", closing.drafter) if closing.drafter else "")
    signature = "".join((*(_line("authority", line) for line in closing.authority),
                         _line("signature_gap", "\u00a0") * style.SIGNATURE_GAP_LINES,
                         _line("signer", closing.signer)))
    return _layout_table(style.CLOSING_COLUMNS, ((recipients, signature),), top=style.CLOSING_GAP)


def _table(table: Table, widths: tuple[int, ...]) -> str:
    """Returns a bordered body table in columns of `widths` (§5.7)."""
    head_role, cell_role = table_roles(table)
    cols = "".join(f'<col style="width:{_pt(width)}">' for width in widths)
    head = "".join(f'<th>{_line(head_role, column.title)}</th>' for column in table.columns)
    aligns = [column.align for column in table.columns]
    rows = []
    for values in table.rows:
        row = row_of(values)
        cells = []
        for column, cell in column_cells(row, len(widths)):
            span = cell_span(cell)
            align = "left" if row.group else aligns[column]
            attributes = f' colspan="{span}"' if span > 1 else ""
            cells.append(f'<td{attributes} style="text-align:{align}">'
                         f'{_cell(cell, cell_role, row.bold, align)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="kh-table" style="width:{_pt(sum(widths))}"><colgroup>{cols}</colgroup>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _cell(cell: str | Cell, role: str, bold: bool, align: str) -> str:
    """Returns a cell's paragraphs: a point after its "-"; a bold cell or row all bold."""
    style_attr = f' style="text-align:{align}"'
    if not isinstance(cell, Cell):
        spans = cell.spans if isinstance(cell, RichText) else (Span(cell),)
        return f'<p class="kh-{role}"{style_attr}>{_spans(bolder(spans, bold))}</p>'
    bold = bold or cell.bold
    out = []
    for paragraph in cell.paragraphs or (Paragraph(()),):
        marker = _spans((Span(f"{paragraph.marker} ", bold),)) if paragraph.marker else ""
        out.append(f'<p class="kh-{role}"{style_attr}>{marker}{_spans(bolder(paragraph.spans, bold))}</p>')
    return "".join(out)

