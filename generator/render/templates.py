"""Plan → document model, through Jinja2 templates that write a small XML of document roles.

The templates own the wording and the order; they emit the vocabulary below, which this
module reads (with ElementTree) into `document` objects, as a pandoc reader builds its AST:

    <document kind= title= subject= author= created=>  <header> <parent/>* <issuer/>+ <number/>
    <excerpt/>* <national/> <motto/> <place-date/> </header>  <title kind=> <line/>+ </title>
    <addressee> <to/>+ </addressee>  <part label= title=/>  <heading level= marker=/>
    <p marker= level= role=> text <b/> <i/> </p>  <table fit= dense=> <col width= align=/>+
    <row group= bold=> <cell span= bold=> text <b/> <i/> (or <p/>+) </cell>+ </row>* </table>  <closing label=> <recipient/>*
    <drafter/>? <authority/>+ <signer/> </closing>
    <appendix label= title= reference= landscape=/>

A <b> and an <i> nest for bold italic. Whitespace that contains a line break is folded to one
space (template layout); runs of spaces without one are kept, since the decree's blanks
("Số:     /KH-UBND") are spaces.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

import jinja2
from jinja2.exceptions import SecurityError
from markupsafe import Markup, escape

from .. import vn
from ..document import emphasis
from ..document.model import (Addressee, AppendixStart, Block, Cell, Closing, Column, Document, Header,
                              Heading, Paragraph, PartHeading, Properties, RichText, Row, Span, Table,
                              TableRow, Title)
from ..errors import Problem, TemplateProblem
from ..plan import model
from . import sandbox

_FOLD = re.compile(r"\s*\n\s*")


def render(template_name: str, context: dict[str, Any], builtin: Path,
           override: Path | None = None) -> Document:
    """Returns the document that template `template_name` makes of `context`.

    Raises `TemplateProblem` at the template's file and line when a template is broken, goes
    past its budget (`sandbox`) or reaches for what the sandbox forbids; an error of Python
    itself in a built-in template is kehoach's own bug, raised as it is.
    """
    environment = _environment(builtin, override)
    try:
        xml = _generated(environment.get_template(template_name), context)
    except TemplateProblem:
        raise
    except jinja2.TemplateSyntaxError as error:
        raise TemplateProblem(Problem(file=error.filename or error.name or template_name,
                                      line=error.lineno or 1, column=1, code="template.syntax",
                                      args={"detail": error.message or ""})) from error
    except (jinja2.TemplateError, RecursionError, MemoryError) as error:
        raise _located(error, template_name) from error
    except Exception as error:
        if override is None or not _in_folder(error, override):
            raise
        raise _located(error, template_name) from error
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise TemplateProblem(Problem(file=template_name, line=error.position[0], column=1,
                                      code="template.output", args={"detail": str(error)})) from error
    return _document(root, xml)


def _generated(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Returns what `template` writes of `context`, stopped inside the template (so at its line)
    once it passes the render budget."""
    chunks = template.generate(**context)
    written: list[str] = []
    size = 0
    with sandbox.budget():
        for chunk in chunks:
            written.append(chunk)
            size += len(chunk)
            if size > sandbox.OUTPUT_CHARACTERS:
                chunks.throw(sandbox.OverBudget("template.budget_size", characters=sandbox.OUTPUT_CHARACTERS))
    return "".join(written)


@lru_cache(maxsize=8)
def _environment(builtin: Path, override: Path | None) -> jinja2.Environment:
    """Returns the Jinja environment, built once per process for each template folder pair;
    an override folder comes first, so its templates replace the built-in ones of that name."""
    return sandbox.environment([override, builtin] if override else [builtin], _FILTERS, _TESTS)


def _located(error: BaseException, template_name: str) -> TemplateProblem:
    """Returns the problem of a render that failed with `error`, at the template's line."""
    file, line = _template_frame(error, template_name)
    if isinstance(error, sandbox.OverBudget):
        code, args = error.code, error.problem_args
    elif isinstance(error, MemoryError):
        code, args = "template.budget_size", {"characters": sandbox.OUTPUT_CHARACTERS}
    elif isinstance(error, RecursionError):
        code, args = "template.recursion", {}
    elif isinstance(error, SecurityError):  # Jinja's words name Python's types: only the name is kept
        reached = re.search(r"attribute '([^']+)'", str(error))
        code, args = ("template.forbidden", {"name": reached[1]}) if reached else ("template.forbidden_call", {})
    elif isinstance(error, ZeroDivisionError):
        code, args = "template.division_by_zero", {}
    else:
        code, args = "template.error", {"detail": str(error)}
    return TemplateProblem(Problem(file=file, line=line, column=1, code=code, args=args))


def _in_folder(error: BaseException, folder: Path) -> bool:
    """Returns whether a template of `folder` took part in the render that failed with `error`."""
    return any(Path(file).is_relative_to(folder) for file, _ in _template_frames(error))


def _template_frame(error: BaseException, fallback: str) -> tuple[str, int]:
    """Returns the template file and line where a render error happened: the innermost, or for
    a recursion the line that recurs (not the one where Python ran out of stack)."""
    frames = list(_template_frames(error))
    if not frames:
        return fallback, 1
    return Counter(frames).most_common(1)[0][0] if isinstance(error, RecursionError) else frames[-1]


def _template_frames(error: BaseException) -> Iterator[tuple[str, int]]:
    """Yields the template files and lines of `error`'s traceback, outermost first (Jinja keeps
    template lines in the traceback frames it rewrites)."""
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            yield filename, traceback.tb_lineno
        traceback = traceback.tb_next


def _marker(item: model.Item) -> str:
    return vn.marker(item.style, item.ordinal, str(item.parent_ordinal))


def _iso_date(info: model.DocumentInfo) -> str:
    return f"{info.year:04d}-{info.month or 1:02d}-{info.day or 1:02d}T00:00:00Z"


def _lower_first(text: str) -> str:
    """Returns `text` with its first letter in lower case, to run a heading-style phrase into a
    sentence ("Triển khai …" → "triển khai …"); an abbreviation ("UBND …") is left as it is."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


_END_MARKS = ".,;:!?"


def _before_end(text: str, words: str) -> str:
    """Returns `text` with `words` at the end of its sentence, before its final punctuation
    marks if it has any: a deadline written inside the sentence ("… về Văn phòng trước ngày
    20/3/2025;")."""
    body = text.rstrip(_END_MARKS)
    return f"{body} {words}{text[len(body):]}"


def _long_date(value: Any) -> str:
    return vn.long_date(value.day, value.month, value.year)


def _emph(text: Any) -> Markup:
    """Returns a plan's text with its `**bold**` and `__italic__` as <b> and <i>, escaped for
    the XML (the `emph` filter); a text whose markers do not pair, which validation refuses,
    is kept as written."""
    try:
        found = emphasis.spans(str(text))
    except emphasis.MarkupError:
        return escape(text)
    return Markup("").join(_tagged(span) for span in found)


def _tagged(span: Span) -> Markup:
    text = escape(span.text)
    if span.italic:
        text = Markup("<i>%s</i>") % text
    return Markup("<b>%s</b>") % text if span.bold else text


_FILTERS = {
    "marker": _marker,
    "marker_of": lambda style, ordinal: vn.marker(style, ordinal),
    "percent": vn.rate,
    "number": vn.number,
    "amount_in_words": vn.amount_in_words,
    "cell": vn.cell,
    "reference": vn.reference,
    "document_number": vn.document_number,
    "drafter_mark": vn.drafter_mark,
    "long_date": _long_date,
    "short_date": lambda date: vn.short_date(date.day, date.month, date.year),
    "long_date_of": _long_date,  # of a DocumentInfo, whose day may be blank: the same filter
    "place_date": vn.place_date,
    "iso_date": _iso_date,
    "ordinal_word": vn.ordinal_word,
    "roman": vn.roman,
    "deadline": vn.deadline,
    "lower_first": _lower_first,
    "upper_first": _upper_first,
    "emph": _emph,
    "before_end": _before_end,
}

_TESTS = {
    "item": lambda value: isinstance(value, model.Item),
    "indicators_block": lambda value: isinstance(value, model.IndicatorsBlock),
    "indicator_table_block": lambda value: isinstance(value, model.IndicatorTableBlock),
    "units_block": lambda value: isinstance(value, model.UnitsBlock),
    "funding_block": lambda value: isinstance(value, model.FundingBlock),
    "iso_date": lambda value: isinstance(value, str) and vn.deadline(value) != value,
}


def _fold(text: str) -> str:
    return _FOLD.sub(" ", text) if "\n" in text else text  # most texts are one line already


def _text(element: Element) -> str:
    text = "".join(element.itertext()) if len(element) else element.text or ""
    return _fold(text).strip()


def _texts(element: Element, tag: str) -> tuple[str, ...]:
    return tuple(_text(child) for child in element.iter(tag))


def _spans(element: Element) -> tuple[Span, ...]:
    """Returns the spans of a <p> or a <cell>: its text and its <b>/<i> children (nested for
    bold italic), folded as one line."""
    if not len(element):  # most paragraphs: one plain span
        text = _text(element)
        return (Span(text),) if text else ()
    pieces = list(_pieces(element, False, False))
    if not pieces:  # only empty <b/> or <i/>
        return ()
    texts = [_fold(text) for text, _, _ in pieces]
    texts[0] = texts[0].lstrip()
    texts[-1] = texts[-1].rstrip()
    return tuple(Span(text, bold, italic) for text, (_, bold, italic) in zip(texts, pieces) if text)


def _pieces(element: Element, bold: bool, italic: bool) -> Iterator[tuple[str, bool, bool]]:
    """Yields the texts inside `element` with their emphasis: its own, or that of a <b>/<i> in it."""
    if element.text:
        yield element.text, bold, italic
    for child in element:
        yield from _pieces(child, bold or child.tag == "b", italic or child.tag == "i")
        if child.tail:
            yield child.tail, bold, italic


def _document(root: Element, xml: str) -> Document:
    header = root.find("header")
    blocks: list[Block] = []
    for index, element in enumerate(root):
        reader = _READERS.get(element.tag)
        if reader is not None:
            blocks.append(reader(element))
        elif element.tag != "header":
            raise TemplateProblem(Problem(file="<template output>", line=_role_line(xml, index), column=1,
                                          code="template.unknown_role", args={"role": str(element.tag)}))
    return Document(
        kind=root.get("kind", "plan"),
        header=Header(
            parent=_texts(header, "parent"),
            issuer=_texts(header, "issuer"),
            number=header.findtext("number", ""),
            excerpt=_texts(header, "excerpt"),
            national=_text(header.find("national")),
            motto=_text(header.find("motto")),
            place_date=header.findtext("place-date", "")),
        blocks=_with_end_mark(blocks),
        # An attribute a template leaves out keeps the default of `Properties`.
        properties=Properties(title=root.get("title", ""), **{
            key: root.get(key) for key in ("subject", "author", "created") if key in root.attrib}))


def _paragraph(element: Element) -> Paragraph:
    return Paragraph(_spans(element), element.get("marker", ""), int(element.get("level", 0)),
                     element.get("role", "body"))


def _heading(element: Element) -> Heading:
    return Heading(int(element.get("level", 1)), element.get("marker", ""), _text(element))


def _title(element: Element) -> Title:
    return Title(element.get("kind", ""), _texts(element, "line"))


def _table(element: Element) -> Table:
    return Table(
        columns=tuple(Column(_text(c), float(c.get("width", 1)), c.get("align", "left"))
                      for c in element.iter("col")),
        rows=tuple(_row(row) for row in element.iter("row")),
        fit=element.get("fit") == "true", dense=element.get("dense") == "true")


def _row(element: Element) -> TableRow:
    """Returns a table row: its cells, as a `Row` when it is a group row or bold."""
    cells = tuple(_cell(cell) for cell in element.iter("cell"))
    group, bold = element.get("group") == "true", element.get("bold") == "true"
    return Row(cells, group, group or bold) if group or bold else cells


def _cell(element: Element) -> str | Cell:
    """Returns a table cell's text; with bold or italic words in it, as `RichText`; a cell
    with a span, bold or paragraphs, as a `Cell`."""
    if "span" in element.attrib or "bold" in element.attrib:
        return Cell(tuple(_paragraph(p) for p in element.iter("p")), int(element.get("span", 1)),
                    element.get("bold") == "true")
    return RichText(_spans(element)) if len(element) else _text(element)


def _closing(element: Element) -> Closing:
    return Closing(recipients=_texts(element, "recipient"),
                   drafter=next(iter(_texts(element, "drafter")), ""),
                   authority=_texts(element, "authority"),
                   signer=_text(element.find("signer")),
                   recipients_label=element.get("label", "Nơi nhận:"))


def _part(element: Element) -> PartHeading:
    return PartHeading(element.get("label", ""), element.get("title", ""))


def _addressee(element: Element) -> Addressee:
    return Addressee(_texts(element, "to"))


def _appendix(element: Element) -> AppendixStart:
    return AppendixStart(element.get("label", ""), element.get("title", ""),
                         element.get("reference", ""), element.get("landscape") == "true")


# The block roles by tag; <header> is read apart, any other tag is an error.
_READERS: dict[str, Callable[[Element], Block]] = {
    "p": _paragraph, "heading": _heading, "title": _title, "table": _table, "closing": _closing,
    "part": _part, "addressee": _addressee, "appendix": _appendix,
}


def _role_line(xml: str, index: int) -> int:
    """Returns the line of the root's `index`-th element in `xml`, for an error message only:
    ElementTree keeps no line numbers, lxml does (and costs more to read from)."""
    from lxml import etree
    roles = [element for element in etree.fromstring(xml.encode("utf-8")) if isinstance(element.tag, str)]
    return roles[index].sourceline or 1


def _with_end_mark(blocks: list[Block]) -> tuple[Block, ...]:
    """Returns `blocks` with "./." after the last body paragraph before the closing block; a
    body that ends in a table (a task sheet) gets none."""
    end = next((i for i, block in enumerate(blocks) if isinstance(block, Closing)), len(blocks))
    for i in range(end - 1, -1, -1):
        block = blocks[i]
        if isinstance(block, Table):
            break
        if isinstance(block, Paragraph) and block.spans:
            last = block.spans[-1]
            spans = (*block.spans[:-1], Span(vn.end_mark(last.text), last.bold, last.italic))
            blocks[i] = Paragraph(spans, block.marker, block.level, block.role)
            break
    return tuple(blocks)
