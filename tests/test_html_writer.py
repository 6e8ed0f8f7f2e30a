"""The HTML preview (`generator/writers/html.py`) shows what the .docx prints: every line of each
document's text, on A4 sheets with the decree's margins, in the decree's fonts and sizes."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from generator.build import plan_documents
from generator.document.model import CELL_SEPARATOR, plain_text
from generator.plan.read import check_plan
from generator.writers.html import stylesheet, write_html

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ("xuan-phuc-2023.yaml", "tan-an-2026.yaml", "hoa-thang-2026-2030.yaml")


def words(html: str) -> str:
    """The text a reader sees, spaces made single: bold and italic run on, paragraphs and cells apart."""
    inline = re.sub(r"</?[bi]>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", inline)).split())


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_line_of_every_document_is_in_its_preview(sample):
    checked = check_plan(ROOT / "plans" / sample)
    for planned in plan_documents(checked):
        document = planned.make()
        shown = words(write_html(document))
        for line in plain_text(document):
            for cell in line.split(CELL_SEPARATOR):  # a table row: each cell in its own box
                assert " ".join(cell.split()) in shown, (planned.name, cell)


def test_sheets_are_a4_with_the_decree_margins_and_appendices_start_their_own():
    checked = check_plan(ROOT / "plans" / "tan-an-2026.yaml")
    html = write_html(plan_documents(checked)[0].make())
    # §1: A4 (210 mm = 595.3 pt wide; 297 mm high), margins top 20, right 15, bottom 20, left 30 mm.
    assert 'width:595.3pt;padding:56.7pt 42.5pt 56.7pt 85.05pt' in html
    # A landscape appendix: 297 mm wide.
    assert 'width:841.9pt' in html
    assert html.count('class="kh-sheet"') == 1 + html.count('class="kh-appendix_label"')


def test_the_css_has_the_decree_fonts_and_sizes():
    css = stylesheet()
    assert "font-family:'Times New Roman'" in css
    # §5.6 body 14 pt justified, first line indented 1 cm (567 twips = 28.35 pt); §5.2 issuer 12 pt bold.
    assert re.search(r"\.kh-body\{font-size:14pt;font-weight:normal;font-style:normal;text-align:justify;"
                     r"line-height:[0-9.]+;padding:6pt 0pt 0pt 0pt;text-indent:28.35pt\}", css)
    assert ".kh-issuer{font-size:12pt;font-weight:bold" in css
