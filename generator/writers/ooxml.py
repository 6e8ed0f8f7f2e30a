"""Raw WordprocessingML and package XML as strings, children in schema order (ECMA-376 Part 1).

Builders take plain values (twips, half-points, Word's own words) and know no Decree 30 rule;
`writers.docx` feeds them from `style`. Text is escaped here, and refused when XML 1.0 cannot
hold it (the loader already rejects such characters; this is a guard).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_WORD_ROOT_NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

_TAB_OR_BREAK = re.compile(r"([\t\n])")
_NEEDS_PRESERVE = re.compile(r"^\s|\s$|\s\s")
# Word's words for paragraph alignment (ST_Jc): "justify" is "both".
_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def escape(text: str) -> str:
    """Returns `text` escaped for XML content; raises ValueError for characters XML 1.0 forbids."""
    if not text.isprintable():  # printable: none of those
        _refuse_non_xml(text)
    return _escape_markup(text)


@cache
def _not_xml() -> re.Pattern[str]:
    # Compiled on first use: a class spanning all of Unicode takes 3 ms to compile, a third of
    # the writer's start-up, and only text that is not printable (rare) is searched with it.
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _refuse_non_xml(text: str) -> None:
    bad = _not_xml().search(text)
    if bad:
        raise ValueError(f"U+{ord(bad.group()):04X} at offset {bad.start()} cannot be stored in XML 1.0")


def _escape_markup(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# --- runs ---------------------------------------------------------------------------------

def run_properties(*, font: str, size_half_points: int, bold: bool = False, italic: bool = False,
                   color: str = "") -> str:
    """Returns a `w:rPr`: all four font slots set, so no script falls back to a theme font."""
    return "".join((
        f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>',
        "<w:b/><w:bCs/>" if bold else "",
        "<w:i/><w:iCs/>" if italic else "",
        f'<w:color w:val="{color}"/>' if color else "",
        f'<w:sz w:val="{size_half_points}"/><w:szCs w:val="{size_half_points}"/></w:rPr>',
    ))


def _text(text: str) -> str:
    # Spaces at an end or two in a row are kept only with xml:space. In printable text the
    # only white space is " " (tabs and line breaks are split off by `run`), so three scans
    # for " " give the answer; other text takes the rule itself.
    if text.isprintable():
        preserve = text.startswith(" ") or text.endswith(" ") or "  " in text
    else:
        _refuse_non_xml(text)
        preserve = _NEEDS_PRESERVE.search(text) is not None
    space = ' xml:space="preserve"' if preserve else ""
    return f"<w:t{space}>{_escape_markup(text)}</w:t>"


def run(text: str, rpr: str) -> str:
    """Returns a `w:r` holding `text`; a tab becomes `w:tab`, a newline a `w:br` line break."""
    if "\t" not in text and "\n" not in text:
        return f"<w:r>{rpr}{_text(text)}</w:r>"
    pieces = (("<w:tab/>" if piece == "\t" else "<w:br/>" if piece == "\n" else _text(piece))
              for piece in _TAB_OR_BREAK.split(text) if piece)
    return f"<w:r>{rpr}{''.join(pieces)}</w:r>"


def page_field(rpr: str) -> str:
    """Returns the runs of a PAGE field (complex form, which every Word version updates)."""
    return (f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
            f"<w:r>{rpr}<w:t>2</w:t></w:r>"
            f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>')


# --- paragraphs ---------------------------------------------------------------------------

def paragraph_properties(*, align: str, keep_next: bool, border_bottom: int, border_space: int,
                         before: int, after: int, line: int, left: int, right: int,
                         first_line: int, hanging: int, mark_rpr: str, section: str = "",
                         line_exact: bool = False) -> str:
    """Returns a `w:pPr` (CT_PPr order: keepNext, pBdr, spacing, ind, jc, rPr, sectPr).

    `mark_rpr` formats the paragraph mark, which sets the height of an empty paragraph and of
    a paragraph's last line; `section` is a `w:sectPr` ending a section at this paragraph.
    `line` is in 240ths of a line, or an exact height in twips with `line_exact`.
    `border_bottom` (eighths of a point, 0 for none) draws a single line `border_space` points
    under the text.
    """
    border = (f'<w:pBdr><w:bottom w:val="single" w:sz="{border_bottom}" w:space="{border_space}"'
              ' w:color="auto"/>'
              "</w:pBdr>" if border_bottom else "")
    indent = "".join((
        f' w:left="{left}"' if left else "",
        f' w:right="{right}"' if right else "",
        f' w:firstLine="{first_line}"' if first_line else "",
        f' w:hanging="{hanging}"' if hanging else "",
    ))
    return "".join((
        "<w:pPr>",
        "<w:keepNext/>" if keep_next else "",
        border,
        f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}"'
        f' w:lineRule="{"exact" if line_exact else "auto"}"/>',
        f"<w:ind{indent}/>" if indent else "",
        f'<w:jc w:val="{_JC[align]}"/>',
        mark_rpr,
        section,
        "</w:pPr>",
    ))


def paragraph(ppr: str, runs: str = "") -> str:
    """Returns a `w:p` from its properties and runs."""
    return f"<w:p>{ppr}{runs}</w:p>"


# --- tables -------------------------------------------------------------------------------

def _borders(size: int) -> str:
    edge = f'w:val="single" w:sz="{size}" w:space="0" w:color="auto"' if size else 'w:val="nil"'
    return "<w:tblBorders>" + "".join(
        f"<w:{side} {edge}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    ) + "</w:tblBorders>"


def table(columns: Sequence[int], rows: Iterable[str], *, border: int, cell_margin: int,
          cell_top: int = 0) -> str:
    """Returns a fixed-layout `w:tbl` as wide as its `columns` (twips), with explicit grid widths.

    `border` is the line size in eighths of a point (0: borderless layout table); `cell_margin`
    the left/right padding of every cell, `cell_top` its top padding.
    """
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in columns)
    return "".join((
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(columns)}" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>',
        _borders(border),
        '<w:tblLayout w:type="fixed"/><w:tblCellMar>',
        f'<w:top w:w="{cell_top}" w:type="dxa"/><w:left w:w="{cell_margin}" w:type="dxa"/>',
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{cell_margin}" w:type="dxa"/>',
        "</w:tblCellMar></w:tblPr>",
        f"<w:tblGrid>{grid}</w:tblGrid>",
        *rows,
        "</w:tbl>",
    ))


def row(cells: Iterable[str], *, header: bool = False, whole: bool = True) -> str:
    """Returns a `w:tr`, never split across pages when `whole`; a `header` row repeats on every page."""
    return "".join(("<w:tr><w:trPr>", "<w:cantSplit/>" if whole else "", "<w:tblHeader/>" if header else "",
                    "</w:trPr>", *cells, "</w:tr>"))


def cell(width: int, paragraphs: str, *, v_align: str = "top", span: int = 1) -> str:
    """Returns a `w:tc` of `width` twips across `span` grid columns; `paragraphs` must hold at
    least one `w:p`."""
    grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid_span}<w:vAlign w:val="{v_align}"/>'
            f"</w:tcPr>{paragraphs}</w:tc>")


# --- sections and parts -------------------------------------------------------------------

def section_properties(*, width: int, height: int, landscape: bool, top: int, right: int,
                       bottom: int, left: int, header: int, footer: int, default_header: str,
                       first_header: str, restart_numbering: bool) -> str:
    """Returns a `w:sectPr` with a distinct first-page header (`w:titlePg`)."""
    orient = ' w:orient="landscape"' if landscape else ""
    return "".join((
        f'<w:sectPr><w:headerReference w:type="default" r:id="{default_header}"/>',
        f'<w:headerReference w:type="first" r:id="{first_header}"/>',
        f'<w:type w:val="nextPage"/><w:pgSz w:w="{width}" w:h="{height}"{orient}/>',
        f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}"'
        f' w:header="{header}" w:footer="{footer}" w:gutter="0"/>',
        '<w:pgNumType w:start="1"/>' if restart_numbering else "",
        "<w:titlePg/></w:sectPr>",
    ))


def document(body: str) -> str:
    """Returns word/document.xml around `body` (block-level XML ending with a `w:sectPr`)."""
    return f"{DECLARATION}<w:document {_WORD_ROOT_NS}><w:body>{body}</w:body></w:document>"


def header(paragraphs: str) -> str:
    """Returns a header part (`w:hdr`) holding `paragraphs`."""
    return f"{DECLARATION}<w:hdr {_WORD_ROOT_NS}>{paragraphs}</w:hdr>"


def styles(*, default_rpr: str, language: str, cell_margin: int) -> str:
    """Returns word/styles.xml: document defaults and the three styles Word expects to exist."""
    return "".join((
        f"{DECLARATION}<w:styles {_WORD_ROOT_NS}><w:docDefaults><w:rPrDefault>",
        default_rpr.replace("</w:rPr>", f'<w:lang w:val="{language}" w:eastAsia="{language}"/></w:rPr>'),
        "</w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/></w:pPr></w:pPrDefault>",
        "</w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>'
        '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>',
        f'<w:left w:w="{cell_margin}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>',
        f'<w:right w:w="{cell_margin}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        "</w:styles>",
    ))


def settings(*, language: str, tab_stop: int) -> str:
    """Returns word/settings.xml: Word 2013+ layout, no compression of punctuation."""
    return "".join((
        f"{DECLARATION}<w:settings {_WORD_ROOT_NS}>",
        f'<w:zoom w:percent="100"/><w:defaultTabStop w:val="{tab_stop}"/>',
        '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>',
        '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        ' w:val="15"/></w:compat>',
        f'<w:themeFontLang w:val="{language}"/></w:settings>',
    ))


def content_types(overrides: Iterable[tuple[str, str]]) -> str:
    """Returns [Content_Types].xml for the given (part name, content type) pairs."""
    return "".join((
        f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        *(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in overrides),
        "</Types>",
    ))


def relationships(relations: Iterable[tuple[str, str, str]]) -> str:
    """Returns a .rels part for the given (id, type URI, target) triples."""
    return "".join((
        f'{DECLARATION}<Relationships xmlns="{PKG_RELS_NS}">',
        *(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in relations),
        "</Relationships>",
    ))


def core_properties(*, title: str, subject: str, creator: str, created: str) -> str:
    """Returns docProps/core.xml; `created` (W3CDTF) is also the modification time."""
    stamp = escape(created)
    return "".join((
        DECLARATION,
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
        f"<dc:title>{escape(title)}</dc:title><dc:subject>{escape(subject)}</dc:subject>",
        f"<dc:creator>{escape(creator)}</dc:creator><cp:lastModifiedBy>{escape(creator)}</cp:lastModifiedBy>",
        "<cp:revision>1</cp:revision>",
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>',
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>',
        "</cp:coreProperties>",
    ))


def app_properties(application: str) -> str:
    """Returns docProps/app.xml naming the producing application."""
    return (f"{DECLARATION}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
            f"extended-properties\"><Application>{escape(application)}</Application>"
            "<DocSecurity>0</DocSecurity></Properties>")
