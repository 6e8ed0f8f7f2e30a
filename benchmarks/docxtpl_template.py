"""The docxtpl side of the benchmark: a Word template with Jinja tags (docxtpl's way) that prints
the same content as kehoach's documents, and the context that fills it.

The template is made here with python-docx at run time (no binary in the repository): the
first-page header table, the title, every body block (headings, paragraphs with bold and italic
runs, the "Kính gửi" line), the closing table, an appendix heading and the body table, each
with the fonts and sizes of kehoach's output, set on the runs as docxtpl users do. The context
is taken from kehoach's document model, so docxtpl gets the wording, numbering and figures for
free: its time is only filling the template and saving the .docx, which favours it.

Run alone, it writes the template and one filled document, to look at:
    python benchmarks/docxtpl_template.py OUTPUT-FOLDER
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

FONT = "Times New Roman"


def template(columns: int) -> bytes:
    """Returns a docxtpl template (.docx bytes) for kehoach's documents whose body table, if
    any, has `columns` columns."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)

    def paragraph(container: Any, text: str, *, size: float = 14, bold: bool = False,
                  italic: bool = False, align: Any = None, indent: bool = False) -> None:
        para = container.add_paragraph()
        if align is not None:
            para.alignment = align
        para.paragraph_format.space_after = Pt(6 if indent else 0)
        if indent:
            para.paragraph_format.first_line_indent = Mm(10)
        run = para.add_run(text)
        run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic

    def tag(container: Any, text: str) -> None:
        container.add_paragraph(text)

    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    header = document.add_table(rows=2, cols=2)
    agency, national = header.cell(0, 0), header.cell(0, 1)
    tag(agency, "{%p for line in header.parent %}")
    paragraph(agency, "{{ line }}", size=13, align=center)
    tag(agency, "{%p endfor %}")
    tag(agency, "{%p for line in header.issuer %}")
    paragraph(agency, "{{ line }}", size=13, bold=True, align=center)
    tag(agency, "{%p endfor %}")
    paragraph(national, "{{ header.national }}", size=13, bold=True, align=center)
    paragraph(national, "{{ header.motto }}", bold=True, align=center)
    number, date = header.cell(1, 0), header.cell(1, 1)
    paragraph(number, "{{ header.number }}", size=13, align=center)
    tag(number, "{%p for line in header.excerpt %}")
    paragraph(number, "{{ line }}", size=12, align=center)
    tag(number, "{%p endfor %}")
    paragraph(date, "{{ header.place_date }}", italic=True, align=center)

    tag(document, "{%p if title %}")
    paragraph(document, "{{ title.kind }}", bold=True, align=center)
    tag(document, "{%p for line in title.summary %}")
    paragraph(document, "{{ line }}", bold=True, align=center)
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")

    tag(document, "{%p for block in blocks %}")
    tag(document, "{%p if block.heading %}")
    paragraph(document, "{{r block.text }}", bold=True, align=justify, indent=True)
    tag(document, "{%p elif block.centered %}")
    paragraph(document, "{{r block.text }}", align=center)
    tag(document, "{%p else %}")
    paragraph(document, "{{r block.text }}", align=justify, indent=True)
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")

    tag(document, "{%p if closing %}")
    closing = document.add_table(rows=1, cols=2)
    recipients, signature = closing.cell(0, 0), closing.cell(0, 1)
    paragraph(recipients, "{{ closing.label }}", size=12, bold=True, italic=True)
    tag(recipients, "{%p for line in closing.recipients %}")
    paragraph(recipients, "{{ line }}", size=11)
    tag(recipients, "{%p endfor %}")
    tag(signature, "{%p for line in closing.authority %}")
    paragraph(signature, "{{ line }}", bold=True, align=center)
    tag(signature, "{%p endfor %}")
    for _ in range(4):
        paragraph(signature, "", align=center)
    paragraph(signature, "{{ closing.signer }}", bold=True, align=center)
    tag(document, "{%p endif %}")

    tag(document, "{%p if appendix %}")
    paragraph(document, "{{ appendix.label }}", bold=True, align=center)
    paragraph(document, "{{ appendix.title }}", bold=True, align=center)
    paragraph(document, "{{ appendix.reference }}", italic=True, align=center)
    tag(document, "{%p endif %}")

    if columns:
        tag(document, "{%p if table %}")
        table = document.add_table(rows=4, cols=columns)
        table.style = "Table Grid"
        for index in range(columns):
            paragraph(table.cell(0, index), f"{{{{ table.titles[{index}] }}}}", size=13, bold=True,
                      align=center)
            paragraph(table.cell(2, index), f"{{{{ row[{index}] }}}}", size=13)
        table.cell(1, 0).paragraphs[0].text = "{%tr for row in table.rows %}"
        table.cell(3, 0).paragraphs[0].text = "{%tr endfor %}"
        tag(document, "{%p endif %}")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def context(document: Any) -> dict[str, Any]:
    """Returns the docxtpl context that prints kehoach's `document` (a `generator.document.model.Document`)."""
    from docxtpl import RichText

    from generator.document.model import (Addressee, AppendixStart, Closing, Heading, Paragraph, PartHeading,
                                          Table, Title)

    def rich(*runs: tuple[str, bool, bool]) -> RichText:
        text = RichText()
        for words, bold, italic in runs:
            text.add(words, bold=bold, italic=italic, font=FONT, size=28)
        return text

    header = document.header
    found: dict[str, Any] = {"title": None, "closing": None, "appendix": None, "table": None}
    blocks: list[dict[str, Any]] = []
    for block in document.blocks:
        if isinstance(block, Title):
            found["title"] = {"kind": block.kind, "summary": block.summary}
        elif isinstance(block, Heading):
            text = f"{block.marker} {block.text}" if block.marker else block.text
            blocks.append({"heading": True, "text": rich((text, True, False))})
        elif isinstance(block, PartHeading):
            blocks += [{"heading": True, "centered": True, "text": rich((block.label, True, False))},
                       {"heading": True, "centered": True, "text": rich((block.title, True, False))}]
        elif isinstance(block, Paragraph):
            runs = [(f"{block.marker} ", False, False)] if block.marker else []
            runs += [(span.text, span.bold, span.italic) for span in block.spans]
            blocks.append({"heading": False, "centered": block.role == "center", "text": rich(*runs)})
        elif isinstance(block, Addressee):
            blocks.append({"heading": False, "centered": True,
                           "text": rich((f"{block.label} {'; '.join(block.recipients)}", False, False))})
        elif isinstance(block, Closing):
            found["closing"] = {"label": block.recipients_label, "recipients": block.recipients,
                                "authority": block.authority, "signer": block.signer}
        elif isinstance(block, AppendixStart):
            found["appendix"] = {"label": block.label, "title": block.title, "reference": block.reference}
        elif isinstance(block, Table):
            found["table"] = {"titles": [column.title for column in block.columns], "rows": block.rows}
    return {"header": {"parent": header.parent, "issuer": header.issuer, "number": header.number,
                       "excerpt": header.excerpt, "national": header.national,
                       "motto": header.motto, "place_date": header.place_date},
            "blocks": blocks, **found}


def columns_of(document: Any) -> int:
    """Returns the number of columns of `document`'s body table (0 without one)."""
    from generator.document.model import Table

    return next((len(block.columns) for block in document.blocks if isinstance(block, Table)), 0)


def render(template_bytes: bytes, document: Any) -> bytes:
    """Returns the .docx that docxtpl makes of `template_bytes` for kehoach's `document`: the
    context, the template opened, filled and saved, as each document of a batch needs."""
    from docxtpl import DocxTemplate

    filled = DocxTemplate(io.BytesIO(template_bytes))
    filled.render(context(document), autoescape=True)
    out = io.BytesIO()
    filled.save(out)
    return out.getvalue()


def main(folder: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from generator import resources
    from generator.plan.read import check_plan
    from generator.render.templates import render as kehoach_render

    plan = check_plan(Path(__file__).resolve().parent.parent / "plans" / "xuan-phuc-2023.yaml").plan
    folder.mkdir(parents=True, exist_ok=True)
    for name, template_name, extra in (("plan", "ke-hoach.xml.j2", {}),
                                       ("sheet", "phieu-nhiem-vu.xml.j2",
                                        {"share": plan.unit_duties(plan.units[0].id)})):
        document = kehoach_render(template_name, {"plan": plan, **extra}, resources.templates_dir())
        made = template(columns_of(document))
        (folder / f"docxtpl_{name}_template.docx").write_bytes(made)
        (folder / f"docxtpl_{name}.docx").write_bytes(render(made, document))
        print(folder / f"docxtpl_{name}.docx")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "output/benchmark"))
